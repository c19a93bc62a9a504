"""Editors see every language's fields side by side in the Wagtail admin."""

import re

import pytest
from django.urls import reverse

from pages.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [HomePage, StandardPage])
def test_admin_edit_view_shows_fields_for_all_three_languages(admin_client, model):
    page = model.objects.first()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("title", "slug", "seo_title", "search_description", "introduction", "body"):
        for code in ("ru", "ky", "en"):
            # Plain fields are inputs; StreamFields are containers that Wagtail's JavaScript fills.
            assert re.search(rf'(name|id)="{field}_{code}"', html), f"{field}_{code} missing"


def test_admin_settings_view_shows_translated_organisation_fields(admin_client, org_settings):
    url = reverse("wagtailsettings:edit", args=["pages", "organisationsettings", org_settings.site_id])
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for code in ("ru", "ky", "en"):
        assert f'name="tagline_{code}"' in html
        assert f'name="name_{code}"' in html


def test_admin_image_form_has_alt_text_and_caption_per_language(admin_client):
    response = admin_client.get(reverse("wagtailimages:add"))
    assert response.status_code == 200
    html = response.content.decode()
    for code in ("ru", "ky", "en"):
        assert f'name="description_{code}"' in html
        assert f'name="caption_{code}"' in html
    assert 'name="credit"' in html


def test_admin_speaks_russian_to_staff_by_default(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="ru")
    assert "Панель управления" in response.content.decode() or "Страницы" in response.content.decode()


def test_admin_labels_language_fields_with_full_language_names(admin_client):
    page = StandardPage.objects.first()
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    assert "(Кыргызча)" in html
    assert "(Русский)" in html
    assert "(English)" in html
    assert "[ky]" not in html
