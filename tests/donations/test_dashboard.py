"""The fundraising dashboard: pledged against received per month and currency, as SVG bars and a table."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from donations import dashboard
from tests.donations.factories import PledgeFactory

pytestmark = pytest.mark.django_db

# Session, user, permissions and the page itself; the pledge figures take three queries, payments two more
# and unmatched statement lines one, once the reconciliation models exist.
DASHBOARD_QUERIES = (
    11 + (2 if dashboard.optional_model("Payment") else 0) + (1 if dashboard.optional_model("StatementLine") else 0)
)


def this_month():
    return timezone.localdate().replace(day=1)


def months_ago(count):
    """A moment in the middle of the month ``count`` months before this one."""
    month = dashboard.month_starts(count=count + 1)[0]
    return timezone.make_aware(datetime.datetime.combine(month.replace(day=15), datetime.time(12)))


def table(html, currency):
    """The rows (month, pledges, pledged, received) of one currency's table, as text."""
    body = re.search(rf'id="pledge-table-{currency}".*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows]
    return [[re.sub(r"<[^>]+>", "", cell).replace("\xa0", " ").strip() for cell in row] for row in cells]


def test_fundraising_team_and_superusers_open_the_dashboard(client, fundraiser, superuser):
    for user in (fundraiser, superuser):
        client.force_login(user)
        assert client.get(reverse("donations_admin:dashboard")).status_code == 200


def test_content_editor_gets_403_on_the_dashboard(client, content_editor):
    client.force_login(content_editor)
    assert client.get(reverse("donations_admin:dashboard")).status_code == 403


def test_month_starts_are_the_last_twelve_months_oldest_first():
    months = dashboard.month_starts(datetime.date(2026, 2, 17))
    assert (months[0], months[-1], len(months)) == (datetime.date(2025, 3, 1), datetime.date(2026, 2, 1), 12)


@pytest.mark.parametrize(
    ("value", "top"), [(0, 1), (7, 10), (1500, 2000), (2100, 2500), (40000, 50000), (100000, 100000)]
)
def test_chart_axis_ends_at_a_round_number(value, top):
    assert dashboard.scale_top(Decimal(value)) == top


def test_table_gives_pledged_amounts_per_month_and_currency_without_cancelled(client, fundraiser):
    PledgeFactory(amount=Decimal("500"), currency="KGS")
    PledgeFactory(amount=Decimal("1000"), currency="KGS", frequency="monthly")
    PledgeFactory(amount=Decimal("7777"), currency="KGS", status="cancelled")
    PledgeFactory(amount=Decimal("300"), currency="KGS", created_at=months_ago(2))
    PledgeFactory(amount=Decimal("25"), currency="USD")
    PledgeFactory(amount=Decimal("999"), currency="KGS", created_at=months_ago(12))  # outside the 12 months
    client.force_login(fundraiser)
    response = client.get(reverse("donations_admin:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    kgs = table(html, "KGS")
    assert len(kgs) == 12
    assert kgs[-1][1:] == ["2", "1,500 KGS", "0 KGS"]
    assert kgs[-3][1:] == ["1", "300 KGS", "0 KGS"]
    assert kgs[0][1:] == ["0", "0 KGS", "0 KGS"]
    assert table(html, "USD")[-1][1:] == ["1", "25 USD", "0 USD"]
    assert 'id="pledge-table-EUR"' not in html  # no pledges in euros: no chart


def test_chart_is_svg_hidden_from_screen_readers_and_points_to_its_table(client, fundraiser):
    PledgeFactory(amount=Decimal("1000"), currency="KGS")
    client.force_login(fundraiser)
    html = client.get(reverse("donations_admin:dashboard")).content.decode()
    figure = re.search(r'<figure class="pledge-chart" aria-labelledby="pledge-table-KGS">(.*?)</figure>', html, re.S)
    assert figure is not None
    svg = figure.group(1)
    assert '<svg viewBox="0 0 720 240" aria-hidden="true"' in svg
    assert "<script" not in html.split("<main", 1)[-1]
    assert " style=" not in svg
    bar = r'<rect class="pledge-chart__bar--pledged" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"'
    bars = re.findall(bar, svg)
    assert len(bars) == 12
    assert bars[-1] == "200.0" and bars[0] == "0.0"  # 1000 KGS against an axis topped at 1000


def test_status_counts_and_frequencies_cover_the_twelve_months(client, fundraiser):
    PledgeFactory()
    PledgeFactory(frequency="monthly")
    PledgeFactory(status="confirmed")
    PledgeFactory(status="cancelled")
    client.force_login(fundraiser)
    context = client.get(reverse("donations_admin:dashboard")).context
    counts = {row["status"]: row["count"] for row in context["by_status"]}
    assert counts | {"pledged": 2, "confirmed": 1, "fulfilled": 0, "cancelled": 1} == counts
    assert context["totals"] == {"one_off": 2, "monthly": 1}


def test_received_money_and_conversion_rate_come_from_payments(client, fundraiser, monkeypatch):
    PledgeFactory.create_batch(4, amount=Decimal("1000"), currency="KGS")
    monkeypatch.setattr(
        dashboard, "received_figures", lambda pledges, since: ({(this_month(), "KGS"): Decimal("1500")}, 1)
    )
    client.force_login(fundraiser)
    response = client.get(reverse("donations_admin:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert table(html, "KGS")[-1][1:] == ["4", "4,000 KGS", "1,500 KGS"]
    assert response.context["conversion_rate"] == 25
    assert "<strong>25 %</strong>" in html


def test_received_money_alone_draws_a_chart_for_its_currency(client, fundraiser, monkeypatch):
    monkeypatch.setattr(
        dashboard, "received_figures", lambda pledges, since: ({(this_month(), "EUR"): Decimal("-20")}, 0)
    )
    client.force_login(fundraiser)
    html = client.get(reverse("donations_admin:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert table(html, "EUR")[-1][1:] == ["0", "0 EUR", "-20 EUR"]  # a refund larger than the month's income


def test_without_payments_nothing_is_received_and_no_pledge_converted(fundraiser):
    PledgeFactory()
    figures = dashboard.figures()
    assert (figures["converted"], figures["conversion_rate"]) == (0, 0)
    assert figures["summary"] == [{"currency": "KGS", "pledged": Decimal("1000.00"), "received": Decimal(0)}]


def test_unmatched_statement_lines_are_counted_and_linked(client, fundraiser, monkeypatch):
    monkeypatch.setattr(dashboard, "unmatched_statement_lines", lambda: (3, "/admin/reconciliation/unmatched/"))
    client.force_login(fundraiser)
    html = client.get(reverse("donations_admin:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<strong>3</strong> <a href="/admin/reconciliation/unmatched/">bank statement lines not matched' in html


def test_dashboard_keeps_a_fixed_number_of_queries(client, fundraiser, django_assert_num_queries):
    PledgeFactory.create_batch(2)
    client.force_login(fundraiser)
    url = reverse("donations_admin:dashboard")
    client.get(url)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        assert client.get(url).status_code == 200
    PledgeFactory.create_batch(30, currency="USD", frequency="monthly")
    PledgeFactory.create_batch(5, currency="EUR", created_at=months_ago(5))
    with django_assert_num_queries(DASHBOARD_QUERIES):
        assert client.get(url).status_code == 200


def test_admin_home_shows_the_fundraising_panel_to_the_fundraising_team(client, fundraiser):
    PledgeFactory(amount=Decimal("700"), currency="KGS")
    client.force_login(fundraiser)
    html = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Fundraising: the last 12 months" in html
    assert "700\xa0KGS pledged, 0\xa0KGS received" in html
    assert reverse("donations_admin:dashboard") in html


def test_admin_home_has_no_fundraising_panel_for_other_staff(client, content_editor):
    client.force_login(content_editor)
    html = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Fundraising: the last 12 months" not in html
