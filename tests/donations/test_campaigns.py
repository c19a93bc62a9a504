"""A designation's public page shows its campaign's progress: money received, in the visitor's language."""

import re
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from donations import campaigns
from donations.models import Campaign, DonatePage
from pages import cache as page_cache
from tests.donations.factories import CampaignFactory, PledgeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    return DonatePage.objects.get().get_designation_pages()[0]


def page_html(client, page, language="ru"):
    with translation.override(language):
        url = page.url
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def received(monkeypatch):
    """A stand-in for the money received (the Payment model arrives with the statement import)."""
    amounts = {}
    monkeypatch.setattr(campaigns, "received_total", lambda campaign: amounts.get(campaign.pk, Decimal(0)))
    return amounts


def test_page_without_a_campaign_shows_no_progress(client, programme):
    assert "campaign-progress" not in page_html(client, programme)


def test_pledges_alone_do_not_move_the_bar(client, programme):
    CampaignFactory(page=programme)
    PledgeFactory(designation=programme, amount=Decimal("50000"), currency="KGS")
    html = page_html(client, programme, "en")
    assert 'value="0.00"' in html
    assert "0 KGS received of 100,000 KGS" in html


@pytest.mark.parametrize(
    "language, text",
    [
        ("ru", "12\u00a0500,50 KGS получено из 100\u00a0000 KGS"),
        ("ky", "100\u00a0000 KGS ичинен 12\u00a0500,50 KGS алынды"),
        ("en", "12,500.50 KGS received of 100,000 KGS"),
    ],
)
def test_progress_shows_money_received_in_the_visitors_language(client, programme, received, language, text):
    campaign = CampaignFactory(page=programme)
    received[campaign.pk] = Decimal("12500.50")
    html = page_html(client, programme, language)
    assert text in html
    assert '<progress class="campaign-progress__bar" max="100000.00" value="12500.50"' in html


def test_progress_title_is_translated(client, programme):
    CampaignFactory(page=programme)
    assert "Кыш жылуу" in page_html(client, programme, "ky")


def test_bar_stops_at_the_goal_when_more_was_received(client, programme, received):
    campaign = CampaignFactory(page=programme, goal_amount=Decimal("1000"))
    received[campaign.pk] = Decimal("1500")
    html = page_html(client, programme, "en")
    assert 'max="1000.00" value="1000.00"' in html and "(100%)" in html


@pytest.mark.parametrize("starts, ends", [(5, None), (-30, -1)], ids=["not started", "ended"])
def test_campaign_outside_its_dates_is_not_shown(client, programme, starts, ends):
    today = timezone.localdate()
    CampaignFactory(
        page=programme,
        starts_on=today + timedelta(days=starts),
        ends_on=today + timedelta(days=ends) if ends is not None else None,
    )
    assert "campaign-progress" not in page_html(client, programme)


def test_a_new_campaign_appears_at_once(client, programme):
    page_html(client, programme)
    CampaignFactory(page=programme)
    assert "campaign-progress" in page_html(client, programme)


def test_saving_a_campaign_purges_the_page_cache(programme):
    before = page_cache.current_generation()
    CampaignFactory(page=programme)
    assert page_cache.current_generation() > before


def test_a_payment_for_a_campaign_page_purges_the_page_cache(programme):
    CampaignFactory(page=programme)
    pledge = PledgeFactory(designation=programme)
    before = page_cache.current_generation()
    campaigns.purge_for_payment(sender=None, instance=SimpleNamespace(pk=1, pledge_id=pledge.pk))
    assert page_cache.current_generation() > before


def test_payments_recorded_in_bulk_purge_the_page_cache_once(programme):
    CampaignFactory(page=programme)
    pledges = [PledgeFactory(designation=None), PledgeFactory(designation=programme)]
    before = page_cache.current_generation()
    assert campaigns.payments_changed([pledge.pk for pledge in pledges]) is True
    assert page_cache.current_generation() == before + 1


def test_a_payment_for_another_page_leaves_the_cache(programme):
    CampaignFactory(page=programme)
    pledge = PledgeFactory(designation=None)
    before = page_cache.current_generation()
    campaigns.purge_for_payment(sender=None, instance=SimpleNamespace(pk=1, pledge_id=pledge.pk))
    assert page_cache.current_generation() == before


def test_end_before_start_is_refused():
    today = timezone.localdate()
    campaign = Campaign(title="x", goal_amount=1, goal_currency="KGS", starts_on=today, ends_on=today - timedelta(1))
    with pytest.raises(ValidationError) as error:
        campaign.clean()
    assert list(error.value.message_dict) == ["ends_on"]


@pytest.mark.parametrize("with_campaign", [False, True], ids=["no campaign", "campaign"])
def test_campaign_adds_no_query_to_a_warm_page_view(
    client, programme, received, django_assert_num_queries, with_campaign
):
    """Running campaigns are cached for the day; the received sum (stood in here) is one more query with payments."""
    if with_campaign:
        CampaignFactory(page=programme)
    with translation.override("ru"):
        url = programme.url
    client.get(url)
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200


def test_support_link_preselects_the_campaigns_page_in_the_form(client, programme):
    CampaignFactory(page=programme)
    html = page_html(client, programme, "ru")
    link = re.search(r'href="([^"]+\?designation=\d+)"', html).group(1)
    response = client.get(link)
    assert response.status_code == 200
    assert response.context["form"]["designation"].value() == str(programme.pk)


def test_fundraising_staff_edit_campaigns_in_the_admin(client, fundraiser):
    client.force_login(fundraiser)
    assert client.get(reverse("wagtailsnippets_donations_campaign:add")).status_code == 200
