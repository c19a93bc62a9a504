"""Editors get every translated office field per language, and the head office is chosen in the settings."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_office_edit_view_shows_translated_fields_for_each_language(admin_client, head_office):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[head_office.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("title", "introduction", "address", "city", "opening_hours", "contact_person", "body"):
        for code in ("ru", "ky", "en"):
            assert re.search(rf'(name|id)="{field}_{code}"', html), f"{field}_{code} missing"
    for field in ("phone", "mobile_phone", "fax", "latitude", "longitude", "postcode"):
        assert f'name="{field}"' in html


def test_office_list_edit_view_renders(admin_client, office_index):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[office_index.pk]))
    assert response.status_code == 200


def test_settings_offer_the_head_office_page_chooser(admin_client, org_settings):
    url = reverse("wagtailsettings:edit", args=["pages", "organisationsettings", org_settings.site_id])
    html = admin_client.get(url).content.decode()
    assert 'name="head_office"' in html
    assert 'name="phone"' not in html


def test_office_preview_with_a_programme_renders(admin_client, head_office, office_index):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    data = nested_form_data(
        {
            "title_ru": "Головной офис",
            "slug_ru": "golovnoy-ofis",
            "kind": "head_office",
            "phone": "0312 611546",
            "latitude": "42.87460",
            "longitude": "74.56980",
            "body_ru": streamfield([]),
            "body_ky": streamfield([]),
            "body_en": streamfield([]),
            "programmes": inline_formset([{"programme": office_index.pk}]),
        }
    )
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[head_office.pk])
    assert admin_client.post(url, data).json()["is_valid"]
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "+996 312 611546" in html
    assert f'<li><a href="{office_index.get_url()}">Наши офисы</a></li>' in html
