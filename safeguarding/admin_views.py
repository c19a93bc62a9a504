"""The reports' admin: a list and a detail page with status changes and history, for the Safeguarding group.

Every URL answers 403 to anyone else signed in to the admin (editors, moderators, fundraising, translators),
rather than Wagtail's usual redirect to the dashboard. There is no add, edit, delete or export URL.

Opening a report and changing its status are written to Wagtail's log (``pages.audit``): the report's page
lists who opened or changed it, and the "Site history" report shows the entries only to people who hold a
concern report permission (Wagtail filters it by permission). An entry holds "Report 12", never its content.
"""

from functools import wraps

import django_filters
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

from pages import admin_permissions, audit
from safeguarding.forms import StatusForm
from safeguarding.models import ConcernReport

VIEW_PERMISSION = "safeguarding.view_concernreport"
ACCESS_LOG_LENGTH = 50
CHANGE_PERMISSION = "safeguarding.change_concernreport"


def can_read_reports(user):
    return user.is_active and (user.is_superuser or user.has_perm(VIEW_PERMISSION))


def forbidden(request):
    """A real 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard)."""
    return admin_permissions.forbidden(
        request, _("Concern reports are open only to the safeguarding team. If you need access, ask an administrator.")
    )


def safeguarding_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_read_reports(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


UNDELIVERED = "undelivered"


class ReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=ConcernReport.Status.choices)
    child_at_risk = django_filters.ChoiceFilter(
        label=gettext_lazy("Child at risk now"), choices=ConcernReport.AtRisk.choices
    )
    alert = django_filters.ChoiceFilter(
        label=gettext_lazy("Alert to the focal point"),
        choices=[(UNDELIVERED, gettext_lazy("Not delivered")), *ConcernReport.AlertStatus.choices],
        method="filter_alert",
    )

    class Meta:
        model = ConcernReport
        fields = ["status", "child_at_risk"]

    def filter_alert(self, queryset, name, value):
        if value == UNDELIVERED:
            return queryset.filter(alert_status__in=ConcernReport.UNDELIVERED_ALERT_STATUSES)
        return queryset.filter(alert_status=value)


class ReportIndexView(IndexView):
    model = ConcernReport
    permission_policy = ModelPermissionPolicy(ConcernReport)
    any_permission_required = ["view", "change"]
    filterset_class = ReportFilterSet
    index_url_name = "safeguarding_reports:index"
    index_results_url_name = "safeguarding_reports:index_results"
    inspect_url_name = "safeguarding_reports:detail"
    default_ordering = "-created_at"
    page_title = gettext_lazy("Concern reports")
    header_icon = "warning"
    paginate_by = 50

    @property
    def columns(self):
        return [
            self._get_title_column("__str__"),
            DateColumn("created_at", label=gettext_lazy("Received"), sort_key="created_at"),
            Column("status", label=gettext_lazy("Status"), accessor="get_status_display", sort_key="status"),
            Column("child_at_risk", label=gettext_lazy("Child at risk now"), accessor="get_child_at_risk_display"),
            Column("language", label=gettext_lazy("Language"), accessor="get_language_display"),
            Column("alert_status", label=gettext_lazy("Alert"), accessor="get_alert_status_display"),
        ]

    def get_inspect_url(self, instance):
        from django.urls import reverse

        return reverse(self.inspect_url_name, args=[instance.pk])


def report_detail(request, pk):
    report = get_object_or_404(ConcernReport, pk=pk)
    can_change = request.user.is_superuser or request.user.has_perm(CHANGE_PERMISSION)
    form = None
    if can_change:
        form = StatusForm(request.POST if request.method == "POST" else None, report=report)
    if request.method == "POST":
        if form is None:
            return forbidden(request)
        if form.is_valid():
            previous = report.get_status_display()
            try:
                report.change_status(form.cleaned_data["status"], user=request.user, note=form.cleaned_data["note"])
            except ValueError:
                messages.error(
                    request, _("This status change is no longer possible; the report was changed meanwhile.")
                )
            else:
                audit.record(
                    report,
                    audit.STATUS_CHANGED,
                    request.user,
                    data={"from_label": str(previous), "to_label": str(report.get_status_display())},
                )
                messages.success(
                    request,
                    _("%(report)s is now “%(status)s”.") % {"report": report, "status": report.get_status_display()},
                )
            return redirect("safeguarding_reports:detail", pk=report.pk)
    if request.method == "GET":
        audit.record(report, audit.VIEWED, request.user)
    history = report.status_changes.select_related("changed_by")
    return TemplateResponse(
        request,
        "safeguarding/admin/report_detail.html",
        {
            "report": report,
            "form": form,
            "history": history,
            "additions": report.additions.all(),
            "access_log": ModelLogEntry.objects.for_instance(report).select_related("user")[:ACCESS_LOG_LENGTH],
        },
        status=400 if form is not None and form.is_bound else 200,
    )


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_reports(request.user)


class ConcernReportViewSet(ViewSet):
    """List and read concern reports; registered with ``register_admin_viewset`` in wagtail_hooks."""

    name = "safeguarding_reports"
    url_prefix = "safeguarding/reports"
    icon = "warning"
    menu_label = gettext_lazy("Concern reports")
    menu_name = "safeguarding_reports"
    menu_order = 360
    add_to_admin_menu = True
    menu_item_class = ReportMenuItem

    def get_urlpatterns(self):
        from django.urls import path

        index = ReportIndexView.as_view()
        return [
            path("", safeguarding_only(index), name="index"),
            path("results/", safeguarding_only(ReportIndexView.as_view(results_only=True)), name="index_results"),
            path("<int:pk>/", safeguarding_only(report_detail), name="detail"),
        ]
