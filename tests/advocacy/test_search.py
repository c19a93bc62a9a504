"""The site search finds advocacy pages by a Kyrgyz, a Russian and an English word, in the visitor's language."""

import pytest

from pages import search

pytestmark = pytest.mark.django_db


def titles(query, language):
    return [result.title for result in search.search(query, language)]


def test_kyrgyz_word_finds_the_kyrgyz_programme_page():
    # The page says «турак-жайга … болгон укуктары»; Kyrgyz stems match as prefixes.
    assert "Кам көрүү системасынын бүтүрүүчүлөрүнүн укуктары" in titles("бүтүрүүчүлөрү", "ky")


def test_russian_word_finds_the_russian_report_page_whatever_its_ending():
    # The summary says «выпускников системы ухода»; the visitor types «выпускники».
    assert "Права выпускников системы ухода: жильё, образование, работа" in titles("выпускники", "ru")


def test_english_word_finds_the_english_report_page():
    assert "The rights of care leavers: housing, education, work" in titles("housing", "en")


def test_kyrgyz_word_does_not_find_the_english_pages():
    assert titles("бүтүрүүчүлөрү", "en") == []


def test_report_is_found_by_a_word_of_its_findings():
    assert "Social services that keep families together" in titles("Quality4Children", "en")


def test_programme_is_found_by_its_focus_area_name():
    assert "A family instead of a children's home" in titles("family-based", "en")


def test_search_page_links_the_report_in_the_visitors_language(client, russian_only_report):
    response = client.get("/ky/search/", {"q": "социалдык кызматтар"})
    assert response.status_code == 200
    assert f'href="{russian_only_report.get_translated_urls()["ky"]}"' in response.content.decode()


def test_newly_published_report_is_found(make_report):
    make_report(title_en="Unmistakable zebra report")
    assert "Unmistakable zebra report" in titles("zebra", "en")
