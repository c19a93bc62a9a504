"""The public site search: one index entry per page and language.

On PostgreSQL each language uses its own text-search configuration (``russian`` so inflected forms
match, ``simple`` with prefix matching for Kyrgyz, which PostgreSQL has no dictionary for, ``english``
for English). Other databases (SQLite in development) match every word of the query in lower-cased text.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import Q
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.models import Page, PageViewRestriction

from pages.models import BasePage, SearchEntry

SEARCH_CONFIGS = {"ru": "russian", "ky": "simple", "en": "english"}
PREFIX_MATCH_LANGUAGES = {"ky"}
MAX_QUERY_LENGTH = 200
SNIPPET_RADIUS = 120
WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass
class SearchResult:
    page: Page
    title: str
    snippet: str


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
                text = strip_tags(page.search_text())
            text = re.sub(r"\s+", " ", text).strip()
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
                    start_sel="\x02",
                    stop_sel="\x03",
                    max_words=35,
                    min_words=15,
                ),
            )
            .order_by("-rank", "title")
        )
        return [SearchResult(entry.page, entry.title, _highlight_markers(entry.headline)) for entry in entries[:50]]
    for word in words:
        entries = entries.filter(folded__contains=fallback_stem(word, language))
    # The pages of the 50 shown only (one more query), not of all 200 candidates ranked here.
    candidates = entries.select_related(None).only("page_id", "title", "text")[:200]
    results = sorted(candidates, key=lambda entry: (-_title_score(entry, words), entry.title))[:50]
    pages = Page.objects.in_bulk([entry.page_id for entry in results])
    return [
        SearchResult(pages[entry.page_id], entry.title, make_snippet(entry.text, words))
        for entry in results
        if entry.page_id in pages
    ]


def fallback_stem(word, language):
    """A crude stem for databases without full-text search: Russian endings vary, so match a prefix."""
    if language == "ru" and len(word) > 4:
        return word[: max(4, len(word) - 2)]
    return word


def _title_score(entry, words):
    title = entry.title.casefold()
    return sum(word in title for word in words)


def _highlight_markers(headline):
    return mark_safe(escape(headline).replace("\x02", "<mark>").replace("\x03", "</mark>"))


def make_snippet(text, words):
    """A short extract of ``text`` around the first query word, with the words marked."""
    folded = text.casefold()
    positions = [folded.find(word) for word in words if folded.find(word) >= 0]
    start = max(min(positions) - SNIPPET_RADIUS, 0) if positions else 0
    end = min(start + 2 * SNIPPET_RADIUS, len(text))
    extract = text[start:end]
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    marked = pattern.sub(lambda match: f"\x02{match.group(0)}\x03", extract)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return _highlight_markers(f"{prefix}{marked}{suffix}")
