"""The fundraising dashboard: pledged against received per month and currency over the last 12 months.

Drawn on the server as SVG bars (one chart per currency, since amounts in different currencies are not
comparable), with a table of the same numbers for screen readers and anyone who prefers figures; no
JavaScript. Also: pledges by status and frequency, the conversion rate (share of the period's pledges that
received any payment) and the number of unmatched bank statement lines.

Everything about money received is read in ``received_figures`` and ``unmatched_statement_lines``: they
read the reconciliation models (``donations.Payment``, ``donations.StatementLine``) when these exist and
report nothing received otherwise. The page makes the same number of queries whatever the number of pledges.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from donations.models import CURRENCIES, Pledge

MONTHS = 12
# The reconciliation admin's list of statement lines waiting for a manual match.
UNMATCHED_LINES_URL_NAME = "donations_reconciliation:lines"

# Chart geometry, in SVG user units (the chart scales to the width of the page).
WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 72, 8, 12, 28


def month_starts(today=None, count=MONTHS):
    """The first days of the last ``count`` months, oldest first, the current month last."""
    today = today or timezone.localdate()
    year, month = today.year, today.month
    months = []
    for _step in range(count):
        months.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def window_start(months):
    return timezone.make_aware(datetime.datetime.combine(months[0], datetime.time.min))


def as_month(value):
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


def optional_model(name):
    try:
        return apps.get_model("donations", name)
    except LookupError:
        return None


def received_figures(pledges, since):
    """Money received per (month, currency) since ``since``, and how many of ``pledges`` received any.

    The one place that reads payments: ``Payment.amount`` (negative for refunds), ``currency``,
    ``received_on`` (a date) and ``pledge`` (related name "payments"). Two queries; none while the
    model does not exist.
    """
    payment = optional_model("Payment")
    if payment is None:
        return {}, 0
    rows = (
        payment.objects.filter(received_on__gte=since.date())
        .annotate(month=TruncMonth("received_on"))
        .values("month", "currency")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    by_month = {(as_month(row["month"]), row["currency"]): row["total"] for row in rows}
    converted = pledges.filter(Exists(payment.objects.filter(pledge=OuterRef("pk")))).count()
    return by_month, converted


def unmatched_statement_lines():
    """(count, URL of their list) of bank statement lines not matched to a pledge; (None, None) without them."""
    line = optional_model("StatementLine")
    if line is None:
        return None, None
    try:
        url = reverse(UNMATCHED_LINES_URL_NAME)
    except NoReverseMatch:
        url = None
    return line.objects.unmatched().count(), url


def pledged_by_month(pledges):
    """Amounts pledged per (month, currency), cancelled pledges left out; a monthly pledge counts once."""
    rows = (
        pledges.exclude(status=Pledge.Status.CANCELLED)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "currency")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by()
    )
    return {(as_month(row["month"]), row["currency"]): (row["total"], row["count"]) for row in rows}


def counts(pledges):
    """Pledges by status and by frequency (cancelled left out of the frequencies), in one query."""
    not_cancelled = ~Q(status=Pledge.Status.CANCELLED)
    aggregates = {f"status_{value}": Count("pk", filter=Q(status=value)) for value in Pledge.Status.values}
    aggregates["one_off"] = Count("pk", filter=not_cancelled & Q(frequency=Pledge.Frequency.ONE_OFF))
    aggregates["monthly"] = Count("pk", filter=not_cancelled & Q(frequency=Pledge.Frequency.MONTHLY))
    aggregates["all"] = Count("pk")
    return pledges.aggregate(**aggregates)


def scale_top(value):
    """A round number at or above ``value`` for the top of a chart's axis (1, 2, 2.5 or 5 times a power of 10)."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def chart(currency, rows):
    """Bar geometry for one currency: per month a pledged and a received bar, heights scaled to the axis."""
    top = scale_top(max([max(row["pledged"], row["received"]) for row in rows] + [Decimal(0)]))
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(rows)
    bar = slot * 0.36
    bars = []
    for index, row in enumerate(rows):
        x = LEFT + index * slot + slot * 0.12
        pledged = float(max(row["pledged"], 0) / top) * plot_height
        received = float(max(row["received"], 0) / top) * plot_height
        bars.append(
            {
                **row,
                "x_pledged": round(x, 1),
                "x_received": round(x + bar + 1, 1),
                "y_pledged": round(TOP + plot_height - pledged, 1),
                "y_received": round(TOP + plot_height - received, 1),
                "h_pledged": round(pledged, 1),
                "h_received": round(received, 1),
                "x_label": round(LEFT + index * slot + slot / 2, 1),
            }
        )
    return {
        "currency": currency,
        "bars": bars,
        "bar_width": round(bar, 1),
        "top": top,
        "half": top / 2,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "axis_y": TOP + plot_height,
        "half_y": TOP + plot_height / 2,
        "top_y": TOP,
        "label_y": HEIGHT - 8,
        "tick_x": LEFT - 6,
    }


def figures(today=None):
    """Everything the dashboard and the home panel show. Four queries with payments, three without."""
    months = month_starts(today)
    since = window_start(months)
    pledges = Pledge.objects.filter(created_at__gte=since)
    pledged = pledged_by_month(pledges)
    received, converted = received_figures(pledges, since)
    totals = counts(pledges)
    unmatched, unmatched_url = unmatched_statement_lines()

    currencies = [code for code in CURRENCIES if any(key[1] == code for key in [*pledged, *received])]
    charts = []
    summary = defaultdict(lambda: {"pledged": Decimal(0), "received": Decimal(0)})
    for currency in currencies:
        rows = []
        for month in months:
            amount, count = pledged.get((month, currency), (Decimal(0), 0))
            got = received.get((month, currency)) or Decimal(0)
            rows.append({"month": month, "pledged": amount, "count": count, "received": got})
            summary[currency]["pledged"] += amount
            summary[currency]["received"] += got
        charts.append(chart(currency, rows))
    return {
        "months": months,
        "charts": charts,
        "summary": [{"currency": code, **summary[code]} for code in currencies],
        "by_status": [
            {"status": value, "label": label, "count": totals[f"status_{value}"]}
            for value, label in Pledge.Status.choices
        ],
        "totals": {"one_off": totals["one_off"], "monthly": totals["monthly"]},
        "pledge_count": totals["all"],
        "converted": converted,
        "conversion_rate": round(100 * converted / totals["all"]) if totals["all"] else None,
        "unmatched_lines": unmatched,
        "unmatched_lines_url": unmatched_url,
    }


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "donations/admin/dashboard.html"
    page_title = _("Fundraising dashboard")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        pledges = {"url": reverse("donations_admin:index"), "label": capfirst(Pledge._meta.verbose_name_plural)}
        return [*self.breadcrumbs_items, pledges, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **figures()}


dashboard = DashboardView.as_view()


class FundraisingSummaryPanel(Component):
    """On the admin home, for the fundraising team: the last 12 months in figures, with a link to the dashboard."""

    name = "fundraising_summary"
    order = 120

    def render_html(self, parent_context=None):
        return render_to_string(
            "donations/admin/home_panel.html",
            {**figures(), "dashboard_url": reverse("donations_admin:dashboard")},
        )
