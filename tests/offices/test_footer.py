"""The footer's contacts come from the head office page: one place to change them."""

import pytest

pytestmark = pytest.mark.django_db


def footer(client, path="/ru/"):
    html = client.get(path).content.decode()
    return html[html.index('<footer class="site-footer">') :]


def test_footer_shows_the_head_office_contacts(client):
    html = footer(client)
    assert "ул. Исанова, 94/3, 720001 Бишкек" in html
    assert '<a href="tel:+996312611546">+996 312 611546</a>' in html
    assert "+996 312 611552" in html


def test_changing_the_phone_on_the_head_office_page_changes_the_footer(client, head_office):
    head_office.phone = "0312 999999"
    head_office.full_clean()
    head_office.save_revision().publish()
    html = footer(client, "/ky/")
    assert '<a href="tel:+996312999999">+996 312 999999</a>' in html
    assert "611546" not in html


def test_footer_links_to_the_head_office_page(client, head_office):
    assert f'<a href="{head_office.get_url()}">Головной офис</a>' in footer(client)


def test_footer_without_a_chosen_head_office_shows_the_name_only(client, org_settings):
    org_settings.head_office = None
    org_settings.save()
    response = client.get("/ru/")
    assert response.status_code == 200
    assert "tel:" not in footer(client)


def test_footer_ignores_an_unpublished_head_office(client, head_office):
    head_office.unpublish()
    assert "tel:" not in footer(client)


def test_settings_expose_the_head_office_phone_for_other_apps(org_settings):
    assert (org_settings.phone, org_settings.fax, org_settings.email) == ("+996 312 611546", "+996 312 611552", "")
