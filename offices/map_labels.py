"""Where each place's name goes on the office map: no label over another, a dot, a border or the lake shore.

Greedy placement over a fixed list of candidate spots around each dot (right, left, above, below, the
diagonals, then the same farther out with a leader line), the first spot that collides with nothing wins;
if every spot collides, the one with the fewest collisions. Sizes are in the drawing's units (1000 wide)
and assume the phone's label size, the largest relative to the drawing (site CSS: 38 units), so the
smaller desktop labels fit the same boxes. Around the text a tap area 70 units high (24 CSS px on a map
drawn 340 px wide) is kept clear of the other labels' tap areas.
"""

from dataclasses import dataclass
from functools import lru_cache

FONT_SIZE = 38
CHAR_WIDTH = 0.64  # of the font size: wide enough for bold Cyrillic capitals in Noto Sans
TEXT_HEIGHT = 46  # 1.2 lines of text
HIT_HEIGHT = 72  # the link's tap area: 24.5 CSS px on a map drawn 340 px wide
DOT_RADIUS = 16
GAP = 10  # between the dot and its label
# (horizontal side, vertical side) around the dot: -1 before, 0 centred, 1 after; each tried nearest first,
# then farther out with a leader line.
SIDES = [(1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1)]
DISTANCES = [1, 1.5, 2, 2.5, 3, 4, 5, 6]
CANDIDATES = [(h, v, d) for d in DISTANCES for h, v in SIDES]


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self):
        return self.right - self.left

    @property
    def height(self):
        return self.bottom - self.top

    def overlaps(self, other):
        return (
            self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom
        )

    def contains_point(self, x, y):
        return self.left <= x <= self.right and self.top <= y <= self.bottom

    def crosses(self, start, end):
        """True when the segment from ``start`` to ``end`` enters the box."""
        if self.contains_point(*start) or self.contains_point(*end):
            return True
        corners = [(self.left, self.top), (self.right, self.top), (self.right, self.bottom), (self.left, self.bottom)]
        edges = zip(corners, corners[1:] + corners[:1], strict=True)
        return any(_segments_intersect(start, end, a, b) for a, b in edges)

    def nearest_point(self, x, y):
        return min(max(x, self.left), self.right), min(max(y, self.top), self.bottom)


def _orientation(a, b, c):
    value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (value > 0) - (value < 0)


def _segments_intersect(p1, p2, q1, q2):
    return _orientation(p1, p2, q1) != _orientation(p1, p2, q2) and _orientation(q1, q2, p1) != _orientation(q1, q2, p2)


def text_width(text):
    return len(text) * FONT_SIZE * CHAR_WIDTH


@dataclass(frozen=True)
class Placement:
    box: Box  # the text
    hit: Box  # the tap area around it
    text_x: float
    text_y: float
    anchor: str  # SVG text-anchor: start, middle or end
    leader: tuple | None  # (x1, y1, x2, y2) from the dot's edge to the label, when the label stands apart
    collisions: int


def _candidate(x, y, text, horizontal, vertical, factor):
    width, height = text_width(text), TEXT_HEIGHT
    distance = DOT_RADIUS + GAP * factor + (height / 2) * (factor - 1)
    if horizontal > 0:
        left = x + distance
    elif horizontal < 0:
        left = x - distance - width
    else:
        left = x - width / 2
    if vertical > 0:
        top = y + distance - (height / 2 if horizontal else 0)
    elif vertical < 0:
        top = y - distance - height + (height / 2 if horizontal else 0)
    else:
        top = y - height / 2
    box = Box(left, top, left + width, top + height)
    pad = (HIT_HEIGHT - height) / 2
    hit = Box(box.left, box.top - pad, box.right, box.bottom + pad)
    anchor = {1: "start", -1: "end", 0: "middle"}[horizontal]
    text_x = {"start": box.left, "end": box.right, "middle": (box.left + box.right) / 2}[anchor]
    text_y = (box.top + box.bottom) / 2  # with dy="0.35em" the text's middle sits here
    return box, hit, text_x, text_y, anchor


@lru_cache(maxsize=128)
def place_labels(points, width, height, segments):
    """One Placement per (x, y, text) in ``points`` (a tuple), in the same order.

    ``segments`` (a tuple) are the lines a label must not cross (the country's border and the lake shore);
    labels also keep off every dot and every earlier label's tap area and stay inside the drawing. The
    offices change seldom, so the answer is kept per set of points.
    """
    dots = [Box(x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS) for x, y, _text in points]
    indexes = range(len(points))
    # The most crowded dots first (they have the fewest good spots), then other sweeps; the order that leaves the
    # fewest collisions wins.
    orders = [
        sorted(indexes, key=lambda i: -sum(_near(points[i], other) for other in points)),
        sorted(indexes, key=lambda i: points[i][1]),
        sorted(indexes, key=lambda i: -points[i][1]),
        sorted(indexes, key=lambda i: points[i][0]),
        sorted(indexes, key=lambda i: -points[i][0]),
    ]
    best_result, best_total = None, None
    for order in orders:
        result = _place_in_order(points, order, dots, width, height, segments)
        total = sum(placement.collisions for placement in result)
        if best_total is None or total < best_total:
            best_result, best_total = result, total
        if total == 0:
            break
    return best_result


def _place_in_order(points, order, dots, width, height, segments):
    placed, leaders = [], []
    result = {}
    for index in order:
        x, y, text = points[index]
        best = None
        for horizontal, vertical, factor in CANDIDATES:
            box, hit, text_x, text_y, anchor = _candidate(x, y, text, horizontal, vertical, factor)
            collisions = _collisions(box, hit, dots, placed, segments, width, height)
            leader = None
            if factor > 1:
                x2, y2 = box.nearest_point(x, y)
                length = ((x2 - x) ** 2 + (y2 - y) ** 2) ** 0.5 or 1
                leader = (x + (x2 - x) * DOT_RADIUS / length, y + (y2 - y) * DOT_RADIUS / length, x2, y2)
                collisions += sum(other.crosses(leader[:2], leader[2:]) for other in placed)
            collisions += sum(hit.crosses(line[:2], line[2:]) for line in leaders)
            candidate = Placement(box, hit, text_x, text_y, anchor, leader, collisions)
            if best is None or collisions < best.collisions:
                best = candidate
            if collisions == 0:
                break
        placed.append(best.hit)
        if best.leader is not None:
            leaders.append(best.leader)
        result[index] = best
    return [result[index] for index in range(len(points))]


def _near(point, other):
    return abs(point[0] - other[0]) < 250 and abs(point[1] - other[1]) < 120


def _collisions(box, hit, dots, placed, segments, width, height):
    count = 0 if (box.left >= 0 and box.top >= 0 and box.right <= width and box.bottom <= height) else 1
    count += sum(hit.overlaps(other) for other in placed)
    count += sum(box.overlaps(dot) for dot in dots)
    for start, end in segments:
        if max(start[0], end[0]) < box.left or min(start[0], end[0]) > box.right:
            continue
        if max(start[1], end[1]) < box.top or min(start[1], end[1]) > box.bottom:
            continue
        count += box.crosses(start, end)
    return count
