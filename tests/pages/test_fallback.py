"""Honest fallback: text shown in another language says so (lang attribute, notice, noindex, hreflang)."""

import re

import pytest

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

BODY_RU = [("paragraph", "<p>Текст только на русском языке.</p>")]


@pytest.fixture
def russian_only_page(home_page):
    """A page written in Russian, with Kyrgyz and English titles but no Kyrgyz or English text."""
    return StandardPageFactory(
        parent=home_page,
        title_ru="Только по-русски",
        title_ky="Орусча гана",
        title_en="Russian only",
        slug_ru="tolko-po-russki",
        slug_ky="oruscha-gana",
        slug_en="russian-only",
        introduction_ru="Введение по-русски",
        introduction_ky="",
        introduction_en="",
        body_ru=BODY_RU,
    )


@pytest.fixture
def partly_translated_page(home_page):
    """A page whose English introduction exists but whose English body does not."""
    return StandardPageFactory(
        parent=home_page,
        title_en="Partly translated",
        slug_en="partly-translated",
        introduction_en="An English introduction",
        body_ru=BODY_RU,
    )


def head_alternates(html):
    return set(re.findall(r'<link rel="alternate" hreflang="([\w-]+)"', html))


def test_fallback_text_carries_the_language_it_is_shown_in(client, russian_only_page):
    html = client.get("/en/russian-only/").content.decode()
    assert '<p class="page-header__intro" lang="ru">Введение по-русски</p>' in html
    assert '<div class="stream" lang="ru">' in html


def test_own_text_carries_no_lang_attribute(client, russian_only_page):
    html = client.get("/en/russian-only/").content.decode()
    assert "<h1>Russian only</h1>" in html


def test_a_page_without_own_text_says_which_language_it_is_shown_in(client, russian_only_page):
    html = client.get("/en/russian-only/").content.decode()
    assert "This page is not yet available in English; it is shown in Russian." in html


def test_the_notice_is_in_the_visitors_language(client, russian_only_page):
    html = client.get("/ky/oruscha-gana/").content.decode()
    assert "Бул барак азырынча кыргыз тилине которула элек; текст орус тилинде көрсөтүлдү." in html


def test_a_page_without_own_text_is_not_indexed_in_that_language(client, russian_only_page):
    html = client.get("/en/russian-only/").content.decode()
    assert '<meta name="robots" content="noindex">' in html


def test_the_hreflang_set_holds_only_languages_with_own_text(client, russian_only_page):
    for path in ("/ru/tolko-po-russki/", "/en/russian-only/", "/ky/oruscha-gana/"):
        assert head_alternates(client.get(path).content.decode()) == {"ru", "x-default"}


def test_the_language_switcher_still_reaches_an_untranslated_language(client, russian_only_page):
    html = client.get("/ru/tolko-po-russki/").content.decode()
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert 'href="/en/russian-only/"' in nav


def test_the_page_in_its_own_language_has_no_notice_and_is_indexed(client, russian_only_page):
    html = client.get("/ru/tolko-po-russki/").content.decode()
    assert "fallback-notice" not in html
    assert 'content="noindex"' not in html
    assert ' lang="ru"' not in re.search(r"<main.*</main>", html, re.S).group(0)


def test_a_partly_translated_page_says_parts_are_shown_in_another_language(client, partly_translated_page):
    html = client.get("/en/partly-translated/").content.decode()
    assert "Parts of this page are not yet available in English; they are shown in Russian." in html
    assert '<div class="stream" lang="ru">' in html
    assert '<p class="page-header__intro">An English introduction</p>' in html


def test_a_partly_translated_page_stays_indexed(client, partly_translated_page):
    html = client.get("/en/partly-translated/").content.decode()
    assert 'content="noindex"' not in html
    assert "en" in head_alternates(html)


def test_a_fully_translated_demo_page_has_no_notice_and_every_language_in_hreflang(client):
    html = client.get("/en/about-us/").content.decode()
    assert "fallback-notice" not in html
    assert head_alternates(html) == {"ru", "ky", "en", "x-default"}


def test_menu_titles_shown_in_another_language_carry_their_language(client, home_page):
    StandardPageFactory(parent=home_page, title_en="", slug_en="", show_in_menus=True, title_ru="Меню по-русски")
    html = client.get("/en/").content.decode()
    assert re.search(r'<a href="[^"]+"\s+lang="ru">Меню по-русски</a>', html)


def test_the_sitemap_lists_a_page_only_in_languages_with_own_text(client, russian_only_page):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/ru/tolko-po-russki/" in xml
    assert "<loc>http://testserver/en/russian-only/</loc>" not in xml
    assert "<loc>http://testserver/ky/oruscha-gana/</loc>" not in xml
    assert 'hreflang="en" href="http://testserver/en/russian-only/"' not in xml
