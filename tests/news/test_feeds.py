"""The news index publishes an RSS and an Atom feed per language with the news written in that language."""

import datetime

import pytest
from django.utils import translation
from lxml import etree

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def index_url(index, language):
    with translation.override(language):
        return index.get_url()


def feed_of(client, index, language, kind):
    response = client.get(f"{index_url(index, language)}feed/{kind}/")
    assert response.status_code == 200
    return response, etree.fromstring(response.content)


def test_rss_feed_is_valid_xml_with_the_news_newest_first(client, news_index, make_news):
    make_news(title_en="Older", date=datetime.date(2024, 1, 1))
    make_news(title_en="Newer", date=datetime.date(2025, 1, 1))
    response, rss = feed_of(client, news_index, "en", "rss")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss.tag == "rss"
    assert [item.findtext("title") for item in rss.iter("item")] == ["Newer", "Older"]
    assert next(rss.iter("item")).findtext("pubDate").startswith("Wed, 01 Jan 2025")


def test_atom_feed_is_valid_xml_with_the_news(client, news_index, make_news):
    make_news(title_en="Atom news")
    response, atom = feed_of(client, news_index, "en", "atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom.tag == f"{ATOM}feed"
    assert [entry.findtext(f"{ATOM}title") for entry in atom.iter(f"{ATOM}entry")] == ["Atom news"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_each_language_has_its_own_feed(client, news_index, make_news, kind):
    make_news(title_ru="Новость о семьях", title_ky="Үй-бүлөлөр жөнүндө жаңылык", title_en="News on families")
    for language, title in (
        ("ru", "Новость о семьях"),
        ("ky", "Үй-бүлөлөр жөнүндө жаңылык"),
        ("en", "News on families"),
    ):
        response, _feed = feed_of(client, news_index, language, kind)
        assert title.encode() in response.content


def test_feed_leaves_out_news_not_written_in_its_language(client, news_index, make_news):
    make_news(title_en="Written in English")
    make_news(title_ru="Только по-русски", title_ky="", lead_ky="", title_en="", lead_en="")
    _response, rss = feed_of(client, news_index, "ky", "rss")
    assert rss.findtext("channel/language") == "ky"
    assert len(list(rss.iter("item"))) == 1
    _response, rss = feed_of(client, news_index, "ru", "rss")
    assert len(list(rss.iter("item"))) == 2


def test_rss_item_links_to_the_news_in_the_feeds_language_with_its_topic(client, news_index, make_news):
    from tests.news.factories import NewsTopicFactory

    item = make_news(topic=NewsTopicFactory(name_ky="Изилдөөлөр"))
    _response, rss = feed_of(client, news_index, "ky", "rss")
    entry = next(rss.iter("item"))
    assert entry.findtext("link") == f"http://testserver{index_url(item, 'ky')}"
    assert entry.findtext("category") == "Изилдөөлөр"


def test_unpublished_and_private_news_are_not_in_the_feeds(client, news_index, make_news):
    from wagtail.models import PageViewRestriction

    make_news(title_en="Public news")
    make_news(title_en="Withdrawn news").unpublish()
    private = make_news(title_en="Private news")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    for kind in ("rss", "atom"):
        response, _feed = feed_of(client, news_index, "en", kind)
        assert b"Public news" in response.content
        assert b"Withdrawn news" not in response.content
        assert b"Private news" not in response.content


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_index_and_news_pages_advertise_the_feeds_of_their_language(client, news_index, make_news, language):
    item = make_news()
    url = index_url(news_index, language)
    with translation.override(language):
        title = news_index.title
    for page_url in (url, index_url(item, language)):
        head = client.get(page_url).content.decode().split("</head>")[0]
        assert f'type="application/rss+xml" title="{title} (RSS)" href="{url}feed/rss/"' in head
        assert f'type="application/atom+xml" title="{title} (Atom)" href="{url}feed/atom/"' in head
