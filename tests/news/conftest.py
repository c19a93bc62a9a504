"""Fixtures of the news tests: the demo section and an empty news index that each test fills."""

import pytest

from news.models import NewsIndexPage, NewsPage
from tests.news.factories import NewsPageFactory


@pytest.fixture
def demo_news_index(db):
    return NewsIndexPage.objects.get()


@pytest.fixture
def demo_news(demo_news_index):
    return list(NewsPage.objects.child_of(demo_news_index).live().order_by("-date"))


@pytest.fixture
def news_index(demo_news_index):
    """The demo news index emptied of its items (rolled back after the test), so a test controls every item."""
    for item in NewsPage.objects.child_of(demo_news_index):
        item.delete()
    return NewsIndexPage.objects.get(pk=demo_news_index.pk)


@pytest.fixture
def make_news(news_index):
    """Create and publish a news item in ``news_index``; keyword arguments go to the factory."""

    def make(parent=None, **kwargs):
        item = NewsPageFactory(parent=parent or news_index, **kwargs)
        item.save_revision().publish()
        return item

    return make
