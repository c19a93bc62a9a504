"""The demo's donate page replaced the interim "Help now" page, keeping its slugs and titles."""

import pytest
from wagtail.models import Page

from donations import demo
from donations.models import DonatePage, PledgeSettings
from tests.donations.conftest import DONATE_SLUGS

pytestmark = pytest.mark.django_db


def test_donate_page_keeps_the_interim_pages_slugs_and_titles(donate_page):
    assert {code: getattr(donate_page, f"slug_{code}") for code in DONATE_SLUGS} == DONATE_SLUGS
    assert donate_page.title_en == "Help now"
    assert not Page.objects.filter(slug_ru="pomoch-seychas").exclude(pk=donate_page.pk).exists()


def test_help_now_setting_points_at_the_donate_page(org_settings, donate_page):
    assert org_settings.donate_page_id == donate_page.pk


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_help_now_button_leads_to_the_pledge_form(client, language):
    html = client.get(f"/{language}/").content.decode()
    assert f'href="/{language}/{DONATE_SLUGS[language]}/"' in html


def test_building_the_demo_again_changes_nothing(home_page, donate_page):
    demo.build(home_page)
    assert DonatePage.objects.get().pk == donate_page.pk
    assert Page.objects.filter(slug_ru="pomoch-seychas").count() == 1


def test_demo_invents_no_bank_details(donate_page):
    assert PledgeSettings.objects.get().bank_transfer_details == ""
