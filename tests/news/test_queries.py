"""News pages render in a fixed number of SQL queries, whatever the number of news items, topics and photos."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from news.models import NewsRelatedPage
from tests.factories import SiteImageFactory
from tests.news.factories import NewsTopicFactory

pytestmark = pytest.mark.django_db

N = 3
# Exact counts of a warm request; the site, menu, settings and footer come from the render cache
# (pages/render_cache.py).
INDEX_QUERIES = 6  # the page, years, topics, count, the news with topics and photos, the photos' renditions
NEWS_PAGE_QUERIES = 4  # the page, the topic, the photo's renditions, the related pages
FEED_QUERIES = 2  # the index, the news with their topics
HOME_QUERIES = 1  # the page; its content, the latest news included, comes from the render cache (purged on publish)


def url_of(page, language="en"):
    with translation.override(language):
        return page.get_url()


def count_queries(client, url):
    """Queries of a warm request: the first one fills caches shared across requests and makes renditions."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def add_news(make_news, home_page):
    """Add ``count`` news items, each with a photo, a topic and a related page."""
    topics = [NewsTopicFactory(), NewsTopicFactory()]

    def add(count):
        for number in range(count):
            item = make_news(hero_image=SiteImageFactory(shows_children=False), topic=topics[number % 2])
            NewsRelatedPage.objects.create(news=item, target=home_page, sort_order=0)

    return add


@pytest.mark.parametrize("params", ["", "?year=2025", "?page=1"])
def test_news_index_queries_do_not_grow_with_the_number_of_news(client, news_index, add_news, params):
    url = url_of(news_index) + params
    add_news(N)
    with_n = count_queries(client, url)
    add_news(2 * N)
    assert count_queries(client, url) == with_n


def test_news_index_renders_in_its_exact_number_of_queries(client, news_index, add_news):
    add_news(N)
    assert count_queries(client, url_of(news_index, "ky")) == INDEX_QUERIES


def test_news_page_renders_in_its_exact_number_of_queries(client, news_index, add_news):
    add_news(1)
    item = news_index.get_children().live().first().specific
    assert count_queries(client, url_of(item, "ru")) == NEWS_PAGE_QUERIES


def test_feeds_render_in_a_fixed_number_of_queries(client, news_index, add_news):
    add_news(N)
    for kind in ("rss", "atom"):
        url = f"{url_of(news_index)}feed/{kind}/"
        assert count_queries(client, url) == FEED_QUERIES
        add_news(N)
        assert count_queries(client, url) == FEED_QUERIES


def test_home_page_with_the_latest_news_renders_in_a_fixed_number_of_queries(client, add_news):
    add_news(N)
    assert count_queries(client, "/en/") == HOME_QUERIES
    add_news(N)
    assert count_queries(client, "/en/") == HOME_QUERIES
