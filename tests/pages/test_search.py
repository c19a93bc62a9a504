"""The site search finds pages in the visitor's language, on SQLite and PostgreSQL."""

import pytest

from pages import search

pytestmark = pytest.mark.django_db


def titles(query, language):
    return [result.title for result in search.search(query, language)]


def test_russian_inflected_word_finds_russian_page():
    # The page says «расти в любящей семье»; the visitor types the dictionary form.
    assert "О нас" in titles("семья", "ru")


def test_kyrgyz_word_stem_finds_kyrgyz_page():
    # The page says «үй-бүлөдө өсүшүнө»; Kyrgyz has no dictionary, so stems match as prefixes.
    assert "Биз жөнүндө" in titles("үй-бүлө", "ky")


def test_english_word_finds_english_page():
    assert "About us" in titles("family", "en")


def test_kyrgyz_word_does_not_find_russian_pages():
    assert titles("үй-бүлө", "ru") == []


def test_result_snippet_marks_the_matched_word():
    result = next(r for r in search.search("federation", "en") if r.title == "About us")
    assert "<mark>" in result.snippet


def test_search_page_lists_results_with_links(client):
    response = client.get("/en/search/", {"q": "family"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/en/about-us/"' in html


@pytest.mark.parametrize(
    "query",
    ["", "   ", "x" * 5000, "'; DROP TABLE wagtailcore_page; --", "<script>alert(1)</script>", "& | ! :* ()"],
)
def test_odd_queries_answer_200_without_error(client, query):
    response = client.get("/ru/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_unpublished_page_leaves_the_search(home_page):
    from pages.models import StandardPage

    page = StandardPage.objects.get(slug_en="about-us")
    page.unpublish()
    assert "About us" not in titles("family", "en")
