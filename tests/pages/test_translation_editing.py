"""Editors see translation gaps: a warning when publishing or submitting, badges in the page listing."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pages.wagtail_hooks import warn_about_translation_gaps
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_missing_kyrgyz(home_page):
    page = StandardPageFactory(parent=home_page, title_ru="Без перевода", introduction_ky="")
    page.save_revision()
    return page


def editor_request(rf, superuser, action):
    request = rf.post("/admin/pages/1/edit/", {action: "1"})
    request.user = superuser
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def warnings_for(request):
    return [str(message) for message in get_messages(request)]


def test_publishing_with_an_empty_kyrgyz_field_warns_with_a_link_to_it(rf, superuser, page_missing_kyrgyz):
    request = editor_request(rf, superuser, "action-publish")
    warn_about_translation_gaps(request, page_missing_kyrgyz)
    (message,) = warnings_for(request)
    assert "Кыргызча" in message
    assert f'href="/admin/pages/{page_missing_kyrgyz.pk}/edit/#id_introduction_ky"' in message


def test_submitting_for_moderation_warns_too(rf, superuser, page_missing_kyrgyz):
    request = editor_request(rf, superuser, "action-submit")
    warn_about_translation_gaps(request, page_missing_kyrgyz)
    assert len(warnings_for(request)) == 1


def test_saving_a_draft_does_not_warn(rf, superuser, page_missing_kyrgyz):
    request = editor_request(rf, superuser, "action-save")
    warn_about_translation_gaps(request, page_missing_kyrgyz)
    assert warnings_for(request) == []


def test_a_complete_page_publishes_without_a_warning(rf, superuser, home_page):
    page = StandardPageFactory(parent=home_page)
    page.save_revision()
    request = editor_request(rf, superuser, "action-publish")
    warn_about_translation_gaps(request, page)
    assert warnings_for(request) == []


def test_a_stale_translation_is_named_as_older_than_the_russian_text(rf, superuser, home_page):
    page = StandardPageFactory(parent=home_page)
    page.save_revision().publish()
    page.introduction_ru = "Новое введение"
    page.save_revision()
    request = editor_request(rf, superuser, "action-publish")
    warn_about_translation_gaps(request, page)
    (message,) = warnings_for(request)
    assert "older than the Russian text" in message or "старше русского текста" in message


def test_page_listing_shows_a_badge_per_language(admin_client, home_page, page_missing_kyrgyz):
    response = admin_client.get(reverse("wagtailadmin_explore", args=[home_page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "sos-translation-badges" in html
    assert "ky !" in html


def listing_queries(client, parent):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("wagtailadmin_explore", args=[parent.pk]))
    assert response.status_code == 200
    return len(queries)


def test_badges_cost_no_query_per_listed_page(admin_client, home_page):
    parent = StandardPageFactory(parent=home_page)
    StandardPageFactory.create_batch(3, parent=parent)
    listing_queries(admin_client, parent)
    few = listing_queries(admin_client, parent)
    StandardPageFactory.create_batch(12, parent=parent, introduction_ky="")
    assert listing_queries(admin_client, parent) == few
