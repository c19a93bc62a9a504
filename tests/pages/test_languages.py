"""Language prefixes, the root redirect, the language switcher and hreflang alternates."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("ky,ru;q=0.8", "/ky/"), ("en-GB,en;q=0.9", "/en/"), ("ru-RU,ru;q=0.9", "/ru/"), ("de-DE,de;q=0.9", "/ru/")],
)
def test_root_redirects_to_best_language_from_accept_language(client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_root_redirects_to_russian_without_accept_language(client):
    response = client.get("/")
    assert response["Location"] == "/ru/"


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/ru/o-nas/", {"/ky/biz-zhonundo/": "ky", "/en/about-us/": "en"}),
        ("/ky/biz-zhonundo/", {"/ru/o-nas/": "ru", "/en/about-us/": "en"}),
        ("/en/about-us/", {"/ru/o-nas/": "ru", "/ky/biz-zhonundo/": "ky"}),
    ],
)
def test_language_switcher_links_to_same_page_in_other_languages(client, path, expected):
    html = client.get(path).content.decode()
    assert switcher_links(html) == expected


def test_language_switcher_links_resolve_to_the_same_page(client):
    html = client.get("/ru/o-nas/").content.decode()
    for url in switcher_links(html):
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["page"].slug_ru == "o-nas"


def test_language_switcher_keeps_search_query(client):
    html = client.get("/ru/search/", {"q": "дети"}).content.decode()
    links = switcher_links(html)
    assert "/ky/search/?q=%D0%B4%D0%B5%D1%82%D0%B8" in links


def test_page_declares_hreflang_alternates_for_every_language(client):
    html = client.get("/en/about-us/").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html))
    assert alternates == {
        "ru": "http://testserver/ru/o-nas/",
        "ky": "http://testserver/ky/biz-zhonundo/",
        "en": "http://testserver/en/about-us/",
        "x-default": "http://testserver/ru/o-nas/",
    }
    assert '<link rel="canonical" href="http://testserver/en/about-us/">' in html


def test_kyrgyz_slug_of_russian_page_is_not_found(client):
    assert client.get("/ky/o-nas/").status_code == 404


@pytest.mark.parametrize(
    ("path", "title", "lang"),
    [
        ("/ru/no-such-page/", "Страница не найдена", "ru"),
        ("/ky/no-such-page/", "Барак табылган жок", "ky"),
        ("/en/no-such-page/", "Page not found", "en"),
    ],
)
def test_unknown_url_gives_translated_404(client, path, title, lang):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert f'<html lang="{lang}"' in html


@pytest.mark.parametrize(
    ("path", "label"),
    [("/ru/", "Помочь сейчас"), ("/ky/", "Азыр жардам көрсөтүү"), ("/en/", "Help now")],
)
def test_help_now_button_is_translated_and_leads_to_donation_page(client, path, label, org_settings):
    html = client.get(path).content.decode()
    donate_url = org_settings.donate_page.specific.get_url()
    assert re.search(rf'<a class="button button--help[^"]*" href="{re.escape(donate_url)}">{label}</a>', html)
