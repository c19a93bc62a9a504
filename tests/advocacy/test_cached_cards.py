"""Listing cards kept in the render cache follow publishing at once and never cross languages."""

import pytest

from advocacy.models import AdvocacyIndexPage, AdvocacyProgrammePage
from tests.advocacy.factories import AdvocacyProgrammePageFactory, KeyDocumentFactory

pytestmark = pytest.mark.django_db


def index_html(client, code):
    url = AdvocacyIndexPage.objects.get().get_translated_urls()[code]
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_renamed_programme_shows_its_new_title_on_the_index_once_published(client):
    programme = AdvocacyProgrammePage.objects.live().first()
    assert programme.title_ru in index_html(client, "ru")
    programme.title_ru = "Новое название программы"
    programme.save_revision().publish()
    assert "Новое название программы" in index_html(client, "ru")


def test_programme_cards_are_kept_per_language(client):
    programme = AdvocacyProgrammePage.objects.live().first()
    ru, en = index_html(client, "ru"), index_html(client, "en")
    assert programme.title_ru in ru and programme.title_ru not in en
    assert programme.title_en in en and programme.title_en not in ru


def test_a_published_programme_appears_on_the_index_at_once(client, advocacy_index):
    index_html(client, "ru")
    programme = AdvocacyProgrammePageFactory(parent=advocacy_index, title_ru="Совсем новая программа")
    assert "Совсем новая программа" not in index_html(client, "ru"), "a draft must not reach the index"
    programme.save_revision().publish()
    assert "Совсем новая программа" in index_html(client, "ru")


def test_an_unpublished_programme_leaves_the_index_at_once(client):
    programme = AdvocacyProgrammePage.objects.live().first()
    link = f'href="{programme.get_url()}"'
    assert link in index_html(client, "ru")
    programme.unpublish()
    assert link not in index_html(client, "ru")


def test_a_new_key_document_appears_on_the_index_at_once(client):
    index_html(client, "ru")
    KeyDocumentFactory(title_ru="Новый ключевой документ")
    assert "Новый ключевой документ" in index_html(client, "ru")


def test_a_renamed_report_index_renames_the_feed_links_at_once(client, demo_report_index):
    assert f"{demo_report_index.title_ru} (RSS)" in index_html(client, "ru")
    demo_report_index.title_ru = "Все исследования фонда"
    demo_report_index.save_revision().publish()
    assert "Все исследования фонда (RSS)" in index_html(client, "ru")
