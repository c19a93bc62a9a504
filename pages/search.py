"""The public site search: one index entry per page and language.

On PostgreSQL each language uses its own text-search configuration (``russian`` so inflected forms
match, ``simple`` with prefix matching for Kyrgyz, which PostgreSQL has no dictionary for, ``english``
for English). Other databases (SQLite in development) match every word of the query in lower-cased text.
"""

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import Q
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from wagtail.models import Page, PageViewRestriction

from pages import render_cache
from pages.models import BasePage, SearchEntry

SEARCH_CONFIGS = {"ru": "russian", "ky": "simple", "en": "english"}
PREFIX_MATCH_LANGUAGES = {"ky"}
MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 240
WORD_RE = re.compile(r"\w+", re.UNICODE)
# The indexed text keeps one line per heading, paragraph or list item; a heading line starts with this mark (a
# control character that is not whitespace to Python: no query word can contain it, full-text search ignores it).
HEADING_MARK = "\x01"
BLOCK_END_RE = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|dt|dd|tr|div|section|article)>|<br\s*/?>", re.I)
HEADING_RE = re.compile(r"<h[1-6][^>]*>", re.I)
SENTENCE_END_RE = re.compile(r"(?<=[.!?…])\s+")
MARK_START, MARK_END = "\x02", "\x03"


@dataclass
class SearchResult:
    page: Page
    title: str
    snippet: str
    heading: str = ""  # the heading the snippet's text sits under (matches marked), shown apart from it
    section: str = ""  # the title of the top-level section the page belongs to (none for a section itself)
    kind: str = ""  # the page's type, in the visitor's language ("Research report")


def uses_postgres():
    return connection.vendor == "postgresql"


def query_words(query):
    return WORD_RE.findall((query or "")[:MAX_QUERY_LENGTH].casefold())


def index_page(page):
    """(Re)index a page in every language; pages that are not live, public BasePages are removed."""
    page = page.specific
    if not isinstance(page, BasePage) or not page.live or page.get_view_restrictions().exists():
        remove_page(page)
        return
    with transaction.atomic():
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                title = page.title
                text = indexed_text(page.search_text(), title)
            entry, _created = SearchEntry.objects.update_or_create(
                page=page,
                language=code,
                defaults={"title": title, "text": text, "folded": f"{title}\n{text}".casefold()},
            )
            if uses_postgres():
                config = SEARCH_CONFIGS[code]
                SearchEntry.objects.filter(pk=entry.pk).update(
                    search_vector=SearchVector("title", weight="A", config=config)
                    + SearchVector("text", weight="B", config=config)
                )


def indexed_text(markup, title=""):
    """Plain text of a page for the index: one line per heading, paragraph or list item (headings marked), entities
    decoded, and no sentence twice (a search description repeating the introduction, a heading repeating the
    title, a summary repeated in the body)."""
    markup = HEADING_RE.sub(lambda match: f"\n{HEADING_MARK}", markup or "")
    markup = BLOCK_END_RE.sub("\n", markup)
    seen = {_folded(title)} if title else set()
    lines = []
    for raw_line in html.unescape(strip_tags(markup)).split("\n"):
        is_heading = raw_line.lstrip().startswith(HEADING_MARK)
        line = re.sub(r"\s+", " ", raw_line.replace(HEADING_MARK, " ")).strip()
        kept = []
        for sentence in [line] if is_heading else SENTENCE_END_RE.split(line):
            key = _folded(sentence)
            if key and key not in seen:
                seen.add(key)
                kept.append(sentence)
        if kept:
            lines.append(f"{HEADING_MARK}{kept[0]}" if is_heading else " ".join(kept))
    return "\n".join(lines)


def _folded(text):
    return " ".join(WORD_RE.findall(text.casefold()))


def remove_page(page):
    SearchEntry.objects.filter(page_id=page.pk).delete()


def reindex_subtree(page_id):
    """Index again a page and its live descendants after their privacy changed (restricted ones leave)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:  # the page itself is being deleted
        return
    SearchEntry.objects.filter(page__path__startswith=page.path).delete()
    for descendant in Page.objects.descendant_of(page, inclusive=True).live().specific().iterator():
        index_page(descendant)


def rebuild():
    """Index every live page from scratch; returns the number of pages indexed."""
    SearchEntry.objects.all().delete()
    count = 0
    for page in Page.objects.live().public().specific().iterator():
        if isinstance(page, BasePage):
            index_page(page)
            count += 1
    return count


def _postgres_query(words, language):
    config = SEARCH_CONFIGS.get(language, "simple")
    if language in PREFIX_MATCH_LANGUAGES:
        raw = " & ".join(f"'{word}':*" for word in words)
        return SearchQuery(raw, search_type="raw", config=config)
    return SearchQuery(" ".join(words), search_type="plain", config=config)


def search(query, language, restricted_paths=None):
    """Live, public pages matching every word of ``query`` in ``language``, best first, with a snippet.

    ``restricted_paths``: tree paths of pages with a view restriction, when the caller has them already.
    """
    words = query_words(query)
    if not words:
        return []
    entries = SearchEntry.objects.filter(language=language, page__live=True).select_related("page")
    if restricted_paths is None:
        restricted_paths = PageViewRestriction.objects.values_list("page__path", flat=True)
    private = Q()
    for path in restricted_paths:
        private |= Q(page__path__startswith=path)
    if private:  # a restricted page or a descendant: never in the results, even if its index entry lingers
        entries = entries.exclude(private)
    if uses_postgres():
        ts_query = _postgres_query(words, language)
        entries = (
            entries.filter(search_vector=ts_query)
            .annotate(
                rank=SearchRank("search_vector", ts_query),
                headline=SearchHeadline(
                    "text",
                    ts_query,
                    config=SEARCH_CONFIGS.get(language, "simple"),
                    start_sel=MARK_START,
                    stop_sel=MARK_END,
                    highlight_all=True,
                ),
            )
            .order_by("-rank", "title")
        )
        found = list(entries[:50])
        if not found:
            return []
        return Results(found, lambda shown: describe([_result(entry, entry.headline) for entry in shown], language))
    for word in words:
        entries = entries.filter(folded__contains=fallback_stem(word, language))
    # Ranked by title alone: the text and the page of a result are read only when a page of results shows it.
    candidates = entries.select_related(None).values_list("pk", "title")[:200]
    ranked = sorted(candidates, key=lambda entry: (-_title_score(entry[1], words), entry[1]))[:50]
    if not ranked:
        return []

    def build(shown):
        loaded = SearchEntry.objects.filter(pk__in=[pk for pk, _title in shown]).select_related("page")
        loaded = loaded.defer("folded", "search_vector").in_bulk()
        results = [
            _result(loaded[pk], mark_words(loaded[pk].text, words, language)) if pk in loaded else None
            for pk, _title in shown
        ]
        describe([result for result in results if result is not None], language)
        return results

    return Results(ranked, build)


class Results(Sequence):
    """The results of a search, best first, whose pages, snippets and sections are built only when read: a page
    of results builds its ten (two queries), not all fifty. Iterating builds them all at once."""

    def __init__(self, found, build):
        """``found``: the ranked entries; ``build(entries)``: their results, in order (None for one gone)."""
        self._found = found
        self._build = build
        self._built = {}

    def __len__(self):
        return len(self._found)

    def __getitem__(self, index):
        if isinstance(index, slice):
            positions = range(len(self._found))[index]
            missing = [position for position in positions if position not in self._built]
            if missing:  # ``build`` answers None for an entry whose page went away in between: left out
                built = self._build([self._found[position] for position in missing])
                self._built.update(zip(missing, built, strict=True))
            return [self._built[position] for position in positions if self._built[position] is not None]
        position = range(len(self._found))[index]
        shown = self[position : position + 1]
        if not shown:
            raise IndexError(index)
        return shown[0]

    def __iter__(self):
        return iter(self[:])


def _result(entry, marked_text, page=None):
    heading, snippet = make_snippet(marked_text)
    return SearchResult(page or entry.page, entry.title, snippet, heading)


def describe(results, language):
    """Give each result its section (the title of its top-level page) and its type.

    The titles of all top-level pages are kept per language in the render cache (a publish, move or delete
    purges it): a handful of pages, read once per process instead of once per search.
    """
    step = Page.steplen
    with translation.override(language):
        titles = {}
        if any(result.page.depth > 3 for result in results):
            titles = render_cache.get(
                None,
                ("section titles", language),
                lambda: {page.path: page.title for page in Page.objects.filter(depth=3)},
            )
        for result in results:
            result.section = titles.get(result.page.path[: 3 * step], "") if result.page.depth > 3 else ""
            result.kind = str(page_type_label(result.page.specific_class))
    return results


def page_type_label(page_class):
    """What a visitor calls a page type: its ``search_type_label`` if it has one, else its verbose name."""
    if page_class is None:
        return ""
    return capfirst(getattr(page_class, "search_type_label", None) or page_class._meta.verbose_name)


def fallback_stem(word, language):
    """A crude stem for databases without full-text search: Russian endings vary, so match a prefix."""
    if language == "ru" and len(word) > 4:
        return word[: max(4, len(word) - 2)]
    return word


def _title_score(title, words):
    title = title.casefold()
    return sum(word in title for word in words)


def _highlight_markers(headline):
    return mark_safe(escape(headline).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def mark_words(text, words, language):
    """``text`` with every word starting like a query word (its stem in Russian) between the marks."""
    stems = sorted({fallback_stem(word, language) for word in words}, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(stem) for stem in stems) + r")\w*", re.IGNORECASE)
    return pattern.sub(lambda match: f"{MARK_START}{match.group(0)}{MARK_END}", text)


def _units(marked_text):
    """(heading, paragraph index, sentence) for every sentence of the text, headings apart."""
    heading, units = "", []
    for number, line in enumerate(marked_text.split("\n")):
        if line.startswith(HEADING_MARK):
            heading = line[len(HEADING_MARK) :]
            continue
        units.extend((heading, number, sentence) for sentence in SENTENCE_END_RE.split(line) if sentence.strip())
    return units


def make_snippet(marked_text, length=SNIPPET_LENGTH):
    """(heading, snippet) for a result: whole sentences around the first best match, never cut mid-word.

    The snippet starts at the sentence with the most marked words (the first such), adds the sentences that
    follow it in the same paragraph while they fit in ``length`` characters, and marks the matches with <mark>.
    A single sentence longer than that is shortened at a word boundary around its first match, with "…". Without
    a match in the text (the title matched), the snippet is the text's first sentences.
    """
    units = _units(marked_text or "")
    if not units:
        return "", ""

    def matches(text):
        return len(set(re.findall(f"{MARK_START}(.*?){MARK_END}", text.casefold())))

    best = max(range(len(units)), key=lambda index: (matches(units[index][2]), matches(units[index][0]), -index))
    heading, paragraph, first = units[best]
    chosen = [_shorten(first, length)]
    size = len(_plain(chosen[0]))
    for _heading, next_paragraph, sentence in units[best + 1 :]:
        if next_paragraph != paragraph or size + 1 + len(_plain(sentence)) > length:
            break
        chosen.append(sentence)
        size += 1 + len(_plain(sentence))
    return _highlight_markers(heading), _highlight_markers(" ".join(chosen))


def _plain(text):
    return text.replace(MARK_START, "").replace(MARK_END, "")


def _shorten(sentence, length):
    """A sentence of at most about ``length`` characters around its first match, cut between words."""
    plain = _plain(sentence)
    if len(plain) <= length:
        return sentence
    words = sentence.split(" ")
    first_match = next((index for index, word in enumerate(words) if MARK_START in word), 0)
    start = max(0, first_match - 8)
    kept, size = [], 0
    for word in words[start:]:
        if size + len(_plain(word)) + 1 > length and kept:
            break
        kept.append(word)
        size += len(_plain(word)) + 1
    text = " ".join(kept).rstrip(",;:")
    return f"{'… ' if start else ''}{text}{' …' if start + len(kept) < len(words) else ''}"
