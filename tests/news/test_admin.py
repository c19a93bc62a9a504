"""Editors create news topics and news pages (with related pages) from Wagtail's own admin views."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsPage, NewsTopic
from pages.slugs import transliterated_slug
from tests.news.factories import NewsTopicFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ("ru", "ky", "en")


def news_form(topic, related_page, action):
    titles = {"ru": "Новость из админки", "ky": "Админкадан жаңылык", "en": "News from the admin"}
    data = {
        **{f"title_{code}": title for code, title in titles.items()},
        **{f"slug_{code}": transliterated_slug(title) for code, title in titles.items()},
        **{f"seo_title_{code}": "" for code in LANGUAGES},
        **{f"search_description_{code}": "" for code in LANGUAGES},
        **{f"lead_{code}": f"lead {code}" for code in LANGUAGES},
        **{f"body_{code}": streamfield([("paragraph", rich_text(f"<p>body {code}</p>"))]) for code in LANGUAGES},
        "date": "2025-06-01",
        "topic": str(topic.pk),
        "hero_image": "",
        "related_links": inline_formset([{"target": str(related_page.pk)}]),
        action: action,
    }
    return nested_form_data(data)


def test_admin_publishes_a_news_page_with_its_topic_and_related_page(admin_client, news_index, home_page):
    topic = NewsTopicFactory()
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))
    response = admin_client.post(url, news_form(topic, home_page, "action-publish"))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = NewsPage.objects.child_of(news_index).get()
    assert page.live
    assert (page.lead_ky, page.topic, str(page.date)) == ("lead ky", topic, "2025-06-01")
    assert [link.target_id for link in page.related_links.all()] == [home_page.pk]


def test_an_editor_submits_news_for_moderation_and_cannot_publish_it(client, django_user_model, news_index, home_page):
    editor = django_user_model.objects.create_user("news-editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))
    assert client.post(url, news_form(NewsTopicFactory(), home_page, "action-publish")).status_code == 403
    response = client.post(url, news_form(NewsTopicFactory(), home_page, "action-submit"))
    assert response.status_code == 302
    page = NewsPage.objects.child_of(news_index).get()
    assert not page.live
    assert page.current_workflow_state is not None


def test_admin_creates_a_news_topic_in_three_languages_with_a_latin_slug(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_news_newstopic:add"),
        {"name_ru": "Семьи", "name_ky": "Үй-бүлөлөр", "name_en": "", "slug": "", "sort_order": "1"},
    )
    assert response.status_code == 302
    topic = NewsTopic.objects.get(name_ru="Семьи")
    assert (topic.name_ky, topic.slug) == ("Үй-бүлөлөр", "semi")


def test_news_topics_are_listed_among_the_snippets(admin_client):
    response = admin_client.get(reverse("wagtailsnippets:index"))
    assert response.status_code == 200
    assert reverse("wagtailsnippets_news_newstopic:list") in response.content.decode()
