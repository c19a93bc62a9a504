"""Search results a visitor can scan: whole sentences, headings apart, no repeats, section and type, plurals."""

import html
import re

import pytest

from pages import search
from pages.models import SearchEntry, StandardPage
from pages.search import HEADING_MARK, MARK_END, MARK_START, SearchResult, indexed_text, make_snippet
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def result_for(query, language, title):
    return next(result for result in search.search(query, language) if result.title == title)


def plain(snippet):
    return re.sub(r"</?mark>", "", str(snippet))


def test_indexed_text_puts_headings_paragraphs_and_list_items_on_their_own_lines():
    text = indexed_text("<h2>Who we are</h2><p>We help.</p><p>We care.</p><ul><li>one</li><li>two</li></ul>")
    assert text.split("\n") == [f"{HEADING_MARK}Who we are", "We help.", "We care.", "one", "two"]


def test_indexed_text_decodes_entities_and_drops_repeated_sentences_and_the_title():
    text = indexed_text(
        "<p>Children&#x27;s rights. Our work.</p><h2>About us</h2><p>Children's rights. More.</p>", "About us"
    )
    assert text == "Children's rights. Our work.\nMore."


def test_snippet_is_whole_sentences_around_the_match():
    marked = f"First sentence here. The {MARK_START}family{MARK_END} sentence. A third one. " + "Long " * 60 + "end."
    heading, snippet = make_snippet(marked)
    assert heading == ""
    assert plain(snippet) == "The family sentence. A third one."
    assert "<mark>family</mark>" in str(snippet)


def test_a_sentence_too_long_for_the_snippet_is_cut_between_words_around_the_match():
    words = [f"word{number}" for number in range(80)]
    words[50] = f"{MARK_START}needle{MARK_END}"
    _heading, snippet = make_snippet(" ".join(words) + ".")
    text = plain(snippet)
    assert text.startswith("… word42 ") and text.endswith(" …")
    assert "needle" in text
    assert all(re.fullmatch(r"word\d+|needle|…", token) for token in text.split())


def test_snippet_names_the_heading_its_text_sits_under_apart_from_the_text():
    marked = f"{HEADING_MARK}Our commitments\nEvery child has a right to {MARK_START}safety{MARK_END}."
    heading, snippet = make_snippet(marked)
    assert str(heading) == "Our commitments"
    assert plain(snippet) == "Every child has a right to safety."


def test_a_matching_heading_leads_to_the_first_sentence_under_it():
    marked = f"Intro text.\n{HEADING_MARK}The {MARK_START}rights{MARK_END} we defend\nHousing and education."
    heading, snippet = make_snippet(marked)
    assert str(heading) == "The <mark>rights</mark> we defend"
    assert plain(snippet) == "Housing and education."


@pytest.mark.parametrize(("query", "language"), [("права детей", "ru"), ("балдардын", "ky"), ("children", "en")])
def test_demo_snippets_start_and_end_on_sentence_or_word_boundaries(query, language):
    results = search.search(query, language)
    assert results
    for result in results:
        text = SearchEntry.objects.get(page=result.page, language=language).text.replace(HEADING_MARK, "")
        snippet = html.unescape(plain(result.snippet))
        cut_start, cut_end = snippet.startswith("… "), snippet.endswith(" …")
        core = snippet.removeprefix("… ").removesuffix(" …")
        position = text.find(core)
        assert position >= 0, (result.title, core)
        before = text[position - 2 : position] if position else ""
        after = text[position + len(core) : position + len(core) + 1]
        assert cut_start or position == 0 or before[-1] == "\n" or before[0] in ".!?…:", (result.title, before)
        assert cut_end or after in ("", "\n", " "), (result.title, after)
        assert cut_end or after in ("", "\n") or core[-1] in ".!?…:»”)", (result.title, core)


def test_no_snippet_repeats_a_sentence():
    for language, query in (("ru", "права"), ("ky", "укуктары"), ("en", "rights")):
        for result in search.search(query, language):
            sentences = [sentence for sentence in re.split(r"(?<=[.!?])\s+", plain(result.snippet)) if sentence]
            assert len(sentences) == len(set(sentences)), (result.title, sentences)


def test_search_description_equal_to_the_introduction_is_indexed_once(home_page):
    page = StandardPageFactory(
        parent=home_page,
        title_en="Repeated",
        search_description_en="We visit families every week.",
        introduction_en="We visit families every week.",
    )
    page.save_revision().publish()
    entry = SearchEntry.objects.get(page=page, language="en")
    assert entry.text.count("We visit families every week.") == 1


def test_heading_and_following_paragraph_are_not_glued_in_the_index():
    entry = SearchEntry.objects.get(page__slug_en="about-us", language="en")
    assert f"{HEADING_MARK}Who we are\n" in entry.text
    assert "Who we are The" not in entry.text


def test_result_shows_its_section_and_type_in_the_visitors_language():
    report = result_for("situation", "en", "The situation of children without parental care in Kyrgyzstan")
    assert (report.section, str(report.kind)) == ("Advocacy", "Research report")
    about = result_for("family", "en", "About us")
    assert (about.section, str(about.kind)) == ("", "Page")
    news = result_for("выпускников", "ru", "С 2009 года — за права выпускников системы ухода")
    assert (news.section, str(news.kind)) == ("Новости", "Новость")


def test_search_page_shows_section_type_and_heading_apart_from_the_snippet(client):
    html = client.get("/ru/search/", {"q": "выпускников"}).content.decode()
    assert '<p class="search-result__kind"><span class="visually-hidden">Раздел: </span>Новости' in html
    assert '<span class="visually-hidden">Тип: </span>Новость</p>' in html
    assert '<p class="search-result__heading">' in html


@pytest.mark.parametrize(
    ("language", "count", "text"),
    [
        ("ru", 1, "1 результат по запросу «q»"),
        ("ru", 2, "2 результата по запросу «q»"),
        ("ru", 5, "5 результатов по запросу «q»"),
        ("ru", 11, "11 результатов по запросу «q»"),
        ("ru", 21, "21 результат по запросу «q»"),
        ("ru", 24, "24 результата по запросу «q»"),
        ("ky", 1, "«q» боюнча 1 натыйжа"),
        ("ky", 5, "«q» боюнча 5 натыйжа"),
        ("en", 1, "1 result for “q”"),
        ("en", 2, "2 results for “q”"),
    ],
)
def test_result_count_uses_the_plural_forms_of_the_visitors_language(
    client, monkeypatch, home_page, language, count, text
):
    page = StandardPage.objects.get(slug_en="about-us")
    fake = [SearchResult(page, page.title, "") for _ in range(count)]
    monkeypatch.setattr(search, "search", lambda *args, **kwargs: fake)
    html = client.get(f"/{language}/search/", {"q": "q"}).content.decode()
    assert f'<p class="search-summary" role="status">{text}</p>' in html


def test_nothing_found_is_said_in_kyrgyz(client):
    html = client.get("/ky/search/", {"q": "zzzqqq"}).content.decode()
    assert "Эч нерсе табылган жок." in html
