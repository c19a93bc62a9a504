"""Listing cards kept in the render cache follow publishing at once and never cross languages."""

import pytest

from advocacy.models import AdvocacyIndexPage, AdvocacyProgrammePage

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
