"""What search engines see: a description on every page, a 404 without alternates, listings that never 400."""

import html as html_lib
import re

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def meta_content(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{name}" content="([^"]*)">', html)
    return html_lib.unescape(match.group(1)) if match else None


def live_page_urls(home_page):
    urls = []
    for page in Page.objects.live().public().descendant_of(home_page, inclusive=True).specific():
        for code in LANGUAGES:
            with translation.override(code):
                urls.append(page.get_url())
    return urls


def test_every_live_page_has_a_meta_and_open_graph_description_in_every_language(client, home_page):
    missing = []
    for url in live_page_urls(home_page):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        if not meta_content(html, "name", "description") or not meta_content(html, "property", "og:description"):
            missing.append(url)
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_privacy_page_without_introduction_is_described_by_its_title_and_the_organisation(
    client, org_settings, language
):
    with translation.override(language):
        url = org_settings.privacy_page.specific.get_url()
        expected = f"{org_settings.privacy_page.title} — {org_settings.name}. {org_settings.tagline}"
    html = client.get(url).content.decode()
    assert meta_content(html, "name", "description") == expected
    assert meta_content(html, "property", "og:description") == expected


@pytest.mark.parametrize(
    ("url", "description"),
    [
        ("/ru/search/?q=дети", "Поиск по страницам, программам и отчётам сайта."),
        ("/ky/search/?q=балдар", "Сайттагы барактарды, программаларды жана отчётторду издөө."),
        ("/en/search/", "Search the pages, programmes and reports of this website."),
    ],
)
def test_search_page_has_a_translated_description_and_stays_noindex(client, url, description):
    html = client.get(url).content.decode()
    assert meta_content(html, "name", "description") == description
    assert meta_content(html, "property", "og:description") == description
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize("url", ["/ru/no-such-page/", "/ky/eski-bet/", "/en/about-us/missing/"])
def test_not_found_page_has_no_canonical_or_hreflang_links(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert 'rel="canonical"' not in html
    assert '<link rel="alternate" hreflang' not in html
    switcher = re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)"', html)
    assert len(switcher) == 2  # the other two languages; the active one is not a link
    assert all(href == f"/{code}/" for href, code in switcher)
    assert '<meta name="robots" content="noindex">' in html


def test_not_found_page_switches_language_to_each_home_page(client):
    html = client.get("/ky/eski-bet/").content.decode()
    assert "/ru/eski-bet/" not in html
    assert "/en/eski-bet/" not in html
    assert 'href="/ru/"' in html and 'href="/en/"' in html


@pytest.mark.parametrize("number", ["abc", "0", "999"])
def test_search_page_number_that_does_not_exist_is_a_404(client, number):
    response = client.get("/en/search/", {"q": "children", "page": number})
    assert response.status_code == 404


def test_search_first_page_of_no_results_is_shown(client):
    response = client.get("/en/search/", {"q": "zzzzqqqq", "page": "1"})
    assert response.status_code == 200
