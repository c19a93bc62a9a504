"""News models: topic slugs, ordering, the language filter, related pages and the honest fallback fields."""

import datetime

import pytest
from django.utils import translation

from news.models import NewsIndexPage, NewsPage, NewsRelatedPage, NewsTopic, in_language
from tests.factories import StandardPageFactory
from tests.news.factories import NewsTopicFactory

pytestmark = pytest.mark.django_db


def test_topic_without_slug_gets_one_from_its_english_name():
    topic = NewsTopic.objects.create(name_ru="Семьи", name_ky="Үй-бүлөлөр", name_en="Families and children")
    assert topic.slug == "families-and-children"


def test_topic_name_follows_the_active_language():
    topic = NewsTopicFactory(name_ru="Исследования", name_ky="Изилдөөлөр", name_en="Research")
    with translation.override("ky"):
        assert str(topic) == "Изилдөөлөр"


def test_news_are_newest_first_by_their_date(news_index, make_news):
    make_news(title_en="Old", date=datetime.date(2024, 1, 5))
    make_news(title_en="New", date=datetime.date(2025, 3, 1))
    with translation.override("en"):
        assert [item.title for item in news_index.get_news()] == ["New", "Old"]


def test_only_news_with_their_own_title_and_lead_count_as_written_in_a_language(news_index, make_news):
    make_news(title_en="Trilingual")
    make_news(title_en="Russian only", title_ky="", lead_ky="", lead_en="")
    ky = in_language(news_index.get_news(), "ky")
    en = in_language(news_index.get_news(), "en")
    assert ky.count() == 1
    assert [item.title_en for item in en] == ["Trilingual"]


def test_news_without_text_of_its_own_in_english_falls_back_honestly(make_news):
    item = make_news(title_en="", lead_en="")
    assert item.content_fields() == ["lead", "body"]
    assert "en" not in item.own_content_languages()
    assert item.content_fallback("en") == ("page", "ru")


def test_news_page_lives_only_under_the_news_index_and_the_index_under_home():
    assert NewsPage.parent_page_types == ["news.NewsIndexPage"]
    assert NewsIndexPage.parent_page_types == ["pages.HomePage"]
    assert NewsIndexPage.max_count == 1


def test_related_pages_leave_out_unpublished_and_private_pages(rf, home_page, make_news):
    from wagtail.models import PageViewRestriction

    public = StandardPageFactory(parent=home_page, title_en="Public programme")
    draft = StandardPageFactory(parent=home_page, title_en="Draft", live=False)
    private = StandardPageFactory(parent=home_page, title_en="Private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    item = make_news()
    for order, page in enumerate([draft, public, private]):
        NewsRelatedPage.objects.create(news=item, target=page, sort_order=order)
    with translation.override("en"):
        item = NewsPage.objects.get(pk=item.pk)
        related = [(page.title, str(kind)) for page, kind in item.related_pages(rf.get("/"))]
    assert related == [("Public programme", "Standard page")]


def test_a_related_page_that_was_deleted_is_left_out(rf, home_page, make_news):
    target = StandardPageFactory(parent=home_page)
    item = make_news()
    NewsRelatedPage.objects.create(news=item, target=target, sort_order=0)
    target.delete()
    assert NewsPage.objects.get(pk=item.pk).related_pages(rf.get("/")) == []
