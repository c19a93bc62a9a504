"""Wagtail admin views for fundraising staff: list, detail with status changes, CSV export, summary.

Only superusers and users with the pledge permissions (the "Fundraising" group) reach them; anyone else
gets 403. They are plain views rather than a ModelViewSet so that no add, edit or delete URL exists.
"""

import csv
from functools import wraps

from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin import messages

from donations.filters import PledgeFilterSet
from donations.forms import PledgeStatusForm
from donations.models import Pledge
from pages import admin_permissions

PER_PAGE = 50
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def user_can_view(user):
    return user.has_perm("donations.view_pledge") or user.has_perm("donations.change_pledge")


def forbidden(request):
    """A real 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard)."""
    return admin_permissions.forbidden(
        request, _("Only the fundraising team can see pledges. Ask an administrator if you need access.")
    )


def permission_required(test):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not test(request.user):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def can_export(user):
    return user.has_perm("donations.export_pledge")


def filtered_pledges(request):
    """(filter set, pledges matching it); invalid filters match nothing rather than everything."""
    pledges = Pledge.objects.select_related("designation")
    filters = PledgeFilterSet(request.GET or None, queryset=pledges)
    if not filters.is_bound:
        return filters, pledges
    if not filters.is_valid():
        return filters, pledges.none()
    return filters, filters.qs


@permission_required(user_can_view)
def pledge_list(request):
    filters, queryset = filtered_pledges(request)
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("p"))
    params = request.GET.copy()
    params.pop("p", None)
    return TemplateResponse(
        request,
        "donations/admin/pledge_list.html",
        {
            "filters": filters,
            "page_obj": page,
            "query_string": params.urlencode(),
            "can_export": request.user.has_perm("donations.export_pledge"),
            "total": page.paginator.count,
        },
    )


@permission_required(user_can_view)
def pledge_detail(request, pk):
    pledge = get_object_or_404(Pledge.objects.select_related("designation", "source_page"), pk=pk)
    can_change = request.user.has_perm("donations.change_pledge")
    form = None
    if can_change and pledge.allowed_statuses():
        form = PledgeStatusForm(request.POST if request.method == "POST" else None, pledge=pledge)
    if request.method == "POST":
        if form is None:
            return forbidden(request)
        if form.is_valid():
            try:
                pledge.change_status(form.cleaned_data["status"], user=request.user, note=form.cleaned_data["note"])
            except ValueError:
                messages.error(
                    request, _("This status change is no longer possible; the pledge was changed meanwhile.")
                )
            else:
                messages.success(
                    request,
                    _("Pledge %(reference)s is now “%(status)s”.")
                    % {"reference": pledge.reference, "status": pledge.get_status_display()},
                )
            return redirect("donations_admin:detail", pk=pledge.pk)
    history = pledge.status_changes.select_related("changed_by")
    response = TemplateResponse(
        request,
        "donations/admin/pledge_detail.html",
        {"pledge": pledge, "form": form, "history": history},
        status=400 if form is not None and form.is_bound else 200,
    )
    return response


class Echo:
    def write(self, value):
        return value


def safe_cell(value):
    """Neutralise spreadsheet formulas: a cell beginning with = + - @ tab or CR is prefixed with a quote."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


EXPORT_COLUMNS = [
    ("reference", lambda p: p.reference),
    ("created", lambda p: timezone.localtime(p.created_at).strftime("%Y-%m-%d %H:%M")),
    ("status", lambda p: p.status),
    ("amount", lambda p: f"{p.amount:.2f}"),
    ("currency", lambda p: p.currency),
    ("frequency", lambda p: p.frequency),
    ("designation", lambda p: p.designation_title),
    ("name", lambda p: p.donor_name),
    ("email", lambda p: p.email),
    ("phone", lambda p: p.phone),
    ("anonymous", lambda p: "yes" if p.anonymous else "no"),
    ("news_opt_in", lambda p: "yes" if p.news_opt_in else "no"),
    ("language", lambda p: p.language),
    ("consent_version", lambda p: p.consent_version),
    ("email_status", lambda p: p.email_status),
]


@permission_required(can_export)
def pledge_export(request):
    _filters, queryset = filtered_pledges(request)
    writer = csv.writer(Echo())

    def rows():
        yield "\ufeff"  # so that spreadsheet programs read UTF-8 (Cyrillic names)
        yield writer.writerow([name for name, _getter in EXPORT_COLUMNS])
        for pledge in queryset.iterator(chunk_size=500):
            yield writer.writerow([safe_cell(getter(pledge)) for _name, getter in EXPORT_COLUMNS])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    filename = f"pledges-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@permission_required(user_can_view)
def pledge_summary(request):
    filters, queryset = filtered_pledges(request)
    counted = queryset.exclude(status=Pledge.Status.CANCELLED)
    by_month = (
        counted.annotate(month=TruncMonth("created_at"))
        .values("month", "currency")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by("-month", "currency")
    )
    by_status = {row["status"]: row["count"] for row in queryset.values("status").annotate(count=Count("pk"))}
    by_frequency = (
        counted.values("frequency", "currency")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by("frequency", "currency")
    )
    frequency_labels = dict(Pledge.Frequency.choices)
    return TemplateResponse(
        request,
        "donations/admin/pledge_summary.html",
        {
            "filters": filters,
            "by_month": list(by_month),
            "by_status": [(str(label), by_status.get(value, 0)) for value, label in Pledge.Status.choices],
            "by_frequency": [{**row, "label": frequency_labels[row["frequency"]]} for row in by_frequency],
            "totals": counted.aggregate(
                one_off=Count("pk", filter=Q(frequency=Pledge.Frequency.ONE_OFF)),
                monthly=Count("pk", filter=Q(frequency=Pledge.Frequency.MONTHLY)),
            ),
        },
    )
