"""News in the site search, the sitemap and JSON-LD (NewsArticle), in every language."""

import json

import lxml.html
import pytest
from django.utils import translation

from pages import search
from tests.factories import SiteImageFactory
from tests.news.factories import NewsTopicFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def url_of(page, language):
    with translation.override(language):
        return page.get_url()


def json_ld(client, url):
    html = client.get(url).content
    (script,) = lxml.html.fromstring(html).find("head").xpath("script[@type='application/ld+json']")
    return json.loads(script.text)["@graph"]


@pytest.mark.parametrize(
    ("language", "query", "title"),
    [
        ("ru", "выпускников", "С 2009 года — за права выпускников системы ухода"),
        ("ky", "бүтүрүүчүлөрүнүн", "2009-жылдан бери — кам көрүү системасынын бүтүрүүчүлөрүнүн укуктары үчүн"),
        ("en", "leavers", "Since 2009, standing up for the rights of care leavers"),
    ],
)
def test_demo_news_is_found_by_the_site_search_in_its_language(demo_news, language, query, title):
    titles = [result.title for result in search.search(query, language)]
    assert title in titles


def test_published_news_is_indexed_with_its_lead_and_topic(make_news):
    make_news(lead_en="A unique zebrafinch sentence.", topic=NewsTopicFactory(name_en="Quokkatopic"))
    assert [result.title for result in search.search("zebrafinch", "en")] != []
    assert [result.title for result in search.search("quokkatopic", "en")] != []


def test_unpublished_news_leaves_the_search(make_news):
    item = make_news(lead_en="A unique wombatword sentence.")
    item.unpublish()
    assert search.search("wombatword", "en") == []


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_sitemap_lists_the_index_and_every_news_with_its_hreflang_set(client, demo_news_index, demo_news, language):
    root = lxml.etree.fromstring(client.get("/sitemap.xml").content)
    locations = {url.findtext("s:loc", namespaces=NS): url for url in root.findall("s:url", NS)}
    for page in (demo_news_index, *demo_news):
        location = f"http://testserver{url_of(page, language)}"
        assert location in locations
        alternates = {link.get("hreflang"): link.get("href") for link in locations[location].findall("x:link", NS)}
        assert alternates["x-default"] == f"http://testserver{url_of(page, 'ru')}"
        assert alternates[language] == location


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_news_page_is_a_news_article_published_by_the_organisation(client, demo_news, language):
    item = demo_news[0]
    graph = json_ld(client, url_of(item, language))
    (article,) = [node for node in graph if node.get("@type") == "NewsArticle"]
    with translation.override(language):
        assert article["headline"] == item.title
        assert article["description"] == item.lead
    assert article["inLanguage"] == language
    assert article["datePublished"] == item.date.isoformat()
    assert article["publisher"] == {"@id": "http://testserver/#organisation"}
    assert article["author"] == {"@id": "http://testserver/#organisation"}
    assert article["url"] == f"http://testserver{url_of(item, language)}"


def test_news_article_shows_its_photo_only_with_consent(client, make_news):
    from pages.models import SiteImage

    shown = make_news(hero_image=SiteImageFactory(shows_children=False))
    hidden = make_news(
        hero_image=SiteImageFactory(shows_children=True, consent_status=SiteImage.ConsentStatus.NOT_NEEDED)
    )
    (article,) = [node for node in json_ld(client, url_of(shown, "en")) if node.get("@type") == "NewsArticle"]
    assert article["image"][0].startswith("http://testserver/")
    (article,) = [node for node in json_ld(client, url_of(hidden, "en")) if node.get("@type") == "NewsArticle"]
    assert "image" not in article


def test_news_page_shares_as_an_article(client, demo_news):
    html = client.get(url_of(demo_news[0], "en")).content.decode()
    assert '<meta property="og:type" content="article">' in html
