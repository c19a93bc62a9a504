"""The news index and news pages render in ru, ky and en with their date, topic, lead, photo and related pages."""

import pytest
from django.utils import translation

from news.models import NewsRelatedPage
from pages.models import SiteImage
from tests.factories import SiteImageFactory, StandardPageFactory
from tests.news.factories import NewsTopicFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ("ru", "ky", "en")


def url_of(page, language):
    with translation.override(language):
        return page.get_url()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_demo_news_page_renders_in_every_language(client, demo_news, language):
    assert len(demo_news) == 3
    for item in demo_news:
        response = client.get(url_of(item, language))
        assert response.status_code == 200
        html = response.content.decode()
        with translation.override(language):
            assert item.title in html
            assert item.lead in html
        assert f'<html lang="{language}"' in html
        assert 'class="fallback-notice"' not in html


@pytest.mark.parametrize(
    ("language", "date"), [("ru", "20 мая 2025 г."), ("ky", "20 Май 2025 ж."), ("en", "May 20, 2025")]
)
def test_news_page_shows_its_date_in_the_visitors_language(client, make_news, language, date):
    item = make_news()
    html = client.get(url_of(item, language)).content.decode()
    assert '<time datetime="2025-05-20">' in html
    assert date in html.split('<time datetime="2025-05-20">')[1].split("</time>")[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_news_index_lists_the_news_in_every_language(client, demo_news_index, demo_news, language):
    response = client.get(url_of(demo_news_index, language))
    assert response.status_code == 200
    html = response.content.decode()
    for item in demo_news:
        assert url_of(item, language) in html


def test_news_page_shows_its_topic_as_a_link_to_the_filtered_index(client, news_index, make_news):
    topic = NewsTopicFactory(name_en="Care leavers", slug="care-leavers-test")
    item = make_news(topic=topic)
    html = client.get(url_of(item, "en")).content.decode()
    assert f'<a href="{url_of(news_index, "en")}?topic=care-leavers-test">Care leavers</a>' in html


def test_news_page_lists_its_related_pages_with_their_type(client, home_page, make_news):
    programme = StandardPageFactory(parent=home_page, title_en="Rights of care leavers (test)")
    item = make_news()
    NewsRelatedPage.objects.create(news=item, target=programme, sort_order=0)
    html = client.get(url_of(item, "en")).content.decode()
    assert "Read more about this work" in html
    assert f'<a href="{url_of(programme, "en")}">Rights of care leavers (test)</a>' in html
    assert "(Standard page)" in html


def test_hero_photo_of_children_without_consent_shows_a_placeholder(client, make_news):
    photo = SiteImageFactory(shows_children=True, consent_status=SiteImage.ConsentStatus.NOT_NEEDED)
    item = make_news(hero_image=photo)
    html = client.get(url_of(item, "en")).content.decode()
    assert 'class="photo-placeholder' in html
    assert not SiteImage.objects.get(pk=photo.pk).renditions.exists()


def test_hero_photo_with_consent_is_shown(client, make_news):
    photo = SiteImageFactory(shows_children=False)
    item = make_news(hero_image=photo)
    html = client.get(url_of(item, "en")).content.decode()
    assert "<picture>" in html


def test_news_missing_in_english_says_it_is_shown_in_russian(client, make_news):
    item = make_news(title_en="", lead_en="")
    html = client.get(url_of(item, "en")).content.decode()
    assert "This page is not yet available in English; it is shown in Russian." in html
    assert '<meta name="robots" content="noindex">' in html


def test_unpublished_news_is_a_404(client, make_news):
    item = make_news()
    url = url_of(item, "en")
    item.unpublish()
    assert client.get(url).status_code == 404
