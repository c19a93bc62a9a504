"""The news index filters by topic and year through plain GET parameters and paginates; bad input never gives 500."""

import datetime

import pytest
from django.utils import translation

from news.models import NEWS_PER_PAGE
from tests.news.factories import NewsTopicFactory

pytestmark = pytest.mark.django_db


def listed_titles(response):
    return [item.title for item in response.context["listing"].page_obj.object_list]


def get(client, index, language="en", **params):
    with translation.override(language):
        url = index.get_url()
    return client.get(url, params)


def test_topic_filter_keeps_only_that_topics_news(client, news_index, make_news):
    topic, other = NewsTopicFactory(slug="research-test"), NewsTopicFactory()
    make_news(title_en="On topic", topic=topic)
    make_news(title_en="Elsewhere", topic=other)
    response = get(client, news_index, topic="research-test")
    assert response.status_code == 200
    assert listed_titles(response) == ["On topic"]


def test_year_filter_keeps_only_that_years_news(client, news_index, make_news):
    make_news(title_en="In 2024", date=datetime.date(2024, 6, 1))
    make_news(title_en="In 2025", date=datetime.date(2025, 6, 1))
    response = get(client, news_index, year="2024")
    assert listed_titles(response) == ["In 2024"]


def test_topic_and_year_filters_combine(client, news_index, make_news):
    topic = NewsTopicFactory(slug="combined-news")
    make_news(title_en="Match", topic=topic, date=datetime.date(2024, 2, 2))
    make_news(title_en="Wrong year", topic=topic, date=datetime.date(2025, 2, 2))
    make_news(title_en="Wrong topic", date=datetime.date(2024, 2, 2))
    assert listed_titles(get(client, news_index, topic="combined-news", year="2024")) == ["Match"]


def test_filter_form_offers_only_years_and_topics_that_have_news(client, news_index, make_news):
    used = NewsTopicFactory(name_en="Used news topic")
    NewsTopicFactory(name_en="Unused news topic")
    make_news(topic=used, date=datetime.date(2023, 3, 3))
    html = get(client, news_index).content.decode()
    assert '<option value="2023">2023</option>' in html
    assert "Used news topic" in html
    assert "Unused news topic" not in html
    assert '<label for="filter-topic">' in html and '<label for="filter-year">' in html


def test_filtered_listing_is_not_indexed_by_search_engines(client, news_index, make_news):
    make_news(date=datetime.date(2023, 3, 3))
    assert '<meta name="robots" content="noindex">' in get(client, news_index, year="2023").content.decode()
    assert '<meta name="robots" content="noindex">' not in get(client, news_index).content.decode()


@pytest.mark.parametrize("year", ["abc", "20x4", "-1", "99999999999999999999"])
def test_a_year_that_is_not_a_number_shows_all_news_with_a_message(client, news_index, make_news, year):
    make_news(title_en="Still listed")
    response = get(client, news_index, year=year)
    assert response.status_code == 200
    assert listed_titles(response) == ["Still listed"]
    assert 'role="alert"' in response.content.decode()


def test_a_year_without_news_lists_nothing_and_says_so(client, news_index, make_news):
    make_news(date=datetime.date(2025, 1, 1))
    response = get(client, news_index, year="2001")
    assert response.status_code == 200
    assert listed_titles(response) == []
    assert "No news match these filters yet." in response.content.decode()


def test_an_unknown_topic_shows_all_news_with_a_message_in_the_visitors_language(client, news_index, make_news):
    make_news()
    response = get(client, news_index, "ru", topic="no-such-topic")
    assert response.status_code == 200
    assert len(listed_titles(response)) == 1
    assert "Такой темы нет. Выберите тему из списка." in response.content.decode()


def test_second_page_holds_the_remaining_news(client, news_index, make_news):
    for number in range(NEWS_PER_PAGE + 2):
        make_news(title_en=f"News {number:02d}", date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number))
    first, second = get(client, news_index), get(client, news_index, page="2")
    assert len(listed_titles(first)) == NEWS_PER_PAGE
    assert listed_titles(second) == ["News 01", "News 00"]
    assert 'rel="next"' in first.content.decode()


def test_pagination_keeps_the_filters(client, news_index, make_news):
    topic = NewsTopicFactory(slug="paged-news")
    for _ in range(NEWS_PER_PAGE + 1):
        make_news(topic=topic)
    html = get(client, news_index, topic="paged-news").content.decode()
    assert "?topic=paged-news&amp;page=2" in html


@pytest.mark.parametrize("page", ["2", "0", "-1", "x", "1.5", "99999999999999999999"])
def test_a_page_number_that_does_not_exist_is_a_404(client, news_index, make_news, page):
    make_news()
    assert get(client, news_index, page=page).status_code == 404


def test_news_pages_are_numbered_like_the_reports_with_the_current_one_marked(client, news_index, make_news):
    for _ in range(NEWS_PER_PAGE + 1):
        make_news()
    html = get(client, news_index, page="2").content.decode()
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2</span>' in html
    assert 'href="?page=1"><span class="visually-hidden">Page </span>1</a>' in html
