"""The demo loader builds the real trilingual content once and is idempotent."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from pages.models import SearchEntry

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Page.objects.order_by("pk").values_list("pk", "path", "slug_ru", "slug_ky", "slug_en", "live")),
        Revision.objects.count(),
        SearchEntry.objects.count(),
    )


def test_loading_demo_content_twice_changes_nothing():
    before = snapshot()
    call_command("load_demo_content", verbosity=0)
    assert snapshot() == before


def test_demo_content_replaces_wagtail_welcome_page(home_page):
    assert home_page.get_parent().depth == 1
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()


def test_demo_settings_point_at_the_head_office_and_its_contacts(org_settings):
    from django.utils import translation

    assert org_settings.phone == "+996 312 611546"
    assert org_settings.fax == "+996 312 611552"
    with translation.override("ky"):
        assert "720001" in org_settings.head_office_contacts.postal_address


def test_load_if_empty_leaves_existing_site_alone(capsys):
    call_command("load_demo_content", "--if-empty")
    assert "already has content" in capsys.readouterr().out
