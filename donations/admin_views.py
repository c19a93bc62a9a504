"""The pledges admin for fundraising staff, on Wagtail's generic views (like ``wagtail.contrib.redirects``).

A list with filters, search and CSV/XLSX export; a detail page with the status form and history; Wagtail's
history of a pledge; the dashboard (``donations.dashboard``). The permission policy never grants "add" or
"delete" (not even to superusers) and no URL for them exists. Anyone without a pledge permission gets a
real 403 with an explanation. Viewing a pledge, exporting and changing a status are logged (``donations.audit``).
"""

import csv
from functools import wraps

from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from donations import audit
from donations.filters import PledgeFilterSet
from donations.forms import PledgeStatusForm
from donations.models import Pledge
from donations.templatetags.donations_tags import money
from pages import admin_permissions

PER_PAGE = 50
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PERMISSION_CODENAMES = ["view_pledge", "change_pledge", "export_pledge"]


class PledgePermissionPolicy(ModelPermissionPolicy):
    """View, change (the status) and export, each its own permission; "add" and "delete" are never granted."""

    NEVER = frozenset({"add", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.NEVER and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)


permission_policy = PledgePermissionPolicy(Pledge)


def user_can_view(user):
    return user.is_active and permission_policy.user_has_any_permission(user, ["view", "change"])


def user_can_export(user):
    return user.is_active and permission_policy.user_has_permission(user, "export")


def forbidden(request):
    """A real 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard)."""
    return admin_permissions.forbidden(
        request, _("Only the fundraising team can see pledges. Ask an administrator if you need access.")
    )


def fundraising_only(view, test=user_can_view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not test(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


def safe_cell(value):
    """Neutralise spreadsheet formulas: text beginning with = + - @ tab or CR is prefixed with a quote."""
    if not isinstance(value, str):
        return value
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def search_pledges(queryset, text):
    """A reference as donors write it (any case, with dashes), or part of a reference, name or e-mail."""
    text = text.strip()
    if not text:
        return queryset
    return queryset.filter(
        Q(reference__iexact=text.replace("-", "").upper())
        | Q(reference__icontains=text)
        | Q(donor_name__icontains=text)
        | Q(email__icontains=text)
    )


# Export columns: a stable machine name (the heading, for spreadsheets and scripts) and how to read it.
EXPORT_COLUMNS = {
    "reference": lambda p: p.reference,
    "created": lambda p: timezone.localtime(p.created_at).strftime("%Y-%m-%d %H:%M"),
    "status": lambda p: p.status,
    "amount": lambda p: p.amount,
    "currency": lambda p: p.currency,
    "frequency": lambda p: p.frequency,
    "designation": lambda p: p.designation_title,
    "name": lambda p: p.donor_name,
    "email": lambda p: p.email,
    "phone": lambda p: p.phone,
    "anonymous": lambda p: "yes" if p.anonymous else "no",
    "news_opt_in": lambda p: "yes" if p.news_opt_in else "no",
    "language": lambda p: p.language,
    "consent_version": lambda p: p.consent_version,
    "email_status": lambda p: p.email_status,
}


class AmountColumn(Column):
    cell_template_name = "wagtailadmin/tables/cell.html"

    def get_value(self, instance):
        return money(instance.amount, instance.currency)


class DonorColumn(Column):
    cell_template_name = "donations/admin/donor_cell.html"

    def get_value(self, instance):
        return instance


class PledgeIndexView(generic.IndexView):
    """The list, and the export of what it shows: ``export_format`` is set on the export URL's view."""

    model = Pledge
    permission_policy = permission_policy
    any_permission_required = ["view", "change"]
    filterset_class = PledgeFilterSet
    is_searchable = True
    search_kwarg = "q"
    default_ordering = "-created_at"
    paginate_by = PER_PAGE
    page_title = gettext_lazy("Pledges")
    header_icon = "tag"
    list_export = list(EXPORT_COLUMNS)
    export_headings = {name: name for name in EXPORT_COLUMNS}
    custom_field_preprocess = {"amount": {"csv": lambda amount: f"{amount:.2f}", "xlsx": None}}
    export_format = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        requested = request.GET.get("export")
        if self.export_format:
            self.is_export = True
            self.spreadsheet_format = requested if requested in self.FORMATS else self.export_format
        else:
            self.spreadsheet_format = requested

    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not user_can_export(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    @property
    def columns(self):
        return [
            self._get_title_column("reference"),
            DateColumn("created_at", label=pgettext_lazy("pledge", "Created"), sort_key="created_at"),
            DonorColumn("donor", label=gettext_lazy("Donor")),
            AmountColumn("amount", label=gettext_lazy("Amount"), sort_key="amount"),
            Column("frequency", label=gettext_lazy("Frequency"), accessor="get_frequency_display"),
            Column("designation", label=gettext_lazy("Designation"), accessor="designation_label"),
            Column("status", label=gettext_lazy("Status"), accessor="get_status_display", sort_key="status"),
            Column("language", label=gettext_lazy("Language"), accessor="get_language_display"),
        ]

    def get_inspect_url(self, instance):
        return reverse(self.inspect_url_name, args=[instance.pk])

    def filter_queryset(self, queryset):
        """Invalid filters match nothing rather than everything (an export must never widen by mistake)."""
        if self.filters and self.filters.is_bound and not self.filters.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_pledges(queryset, self.search_query)

    def get_export_url(self, format):
        params = self.request.GET.copy()
        params.pop(self.page_kwarg, None)
        params["export"] = format
        return f"{reverse('donations_admin:export')}?{params.urlencode()}"

    @cached_property
    def show_export_buttons(self):
        return user_can_export(self.request.user)

    def used_filters(self):
        """The filters and search of this request that were given a value, for the audit log."""
        names = [*(self.filters.filters if self.filters else []), self.search_kwarg]
        return {name: self.request.GET[name] for name in names if self.request.GET.get(name)}

    def render_to_response(self, context, **response_kwargs):
        if not self.is_export:
            return super().render_to_response(context, **response_kwargs)
        queryset = context["object_list"]
        audit.log_export(
            self.request.user,
            export_format=self.spreadsheet_format,
            filters=self.used_filters(),
            rows=queryset.count(),
        )
        response = self.as_spreadsheet(queryset, self.spreadsheet_format)
        response["Cache-Control"] = "no-store"
        return response

    def get_filename(self):
        return f"pledges-{timezone.localdate():%Y-%m-%d}"

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(super().preprocess_field_value(field, value, export_format))

    def to_row_dict(self, item):
        return {name: getter(item) for name, getter in EXPORT_COLUMNS.items()}

    def stream_csv(self, queryset):
        writer = csv.DictWriter(_Echo(), fieldnames=self.list_export)
        yield "\ufeff".encode()  # so that spreadsheet programs read UTF-8 (Cyrillic names)
        yield writer.writerow({field: self.get_heading(queryset, field) for field in self.list_export})
        for item in queryset.iterator(chunk_size=500):
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


class _Echo:
    def write(self, value):
        return value.encode("utf-8")


class PledgeInspectView(generic.InspectView):
    """One pledge: its facts, the status form (for those who may change it) and the status history."""

    model = Pledge
    permission_policy = permission_policy
    any_permission_required = ["view", "change"]
    template_name = "donations/admin/pledge_detail.html"
    page_title = gettext_lazy("Pledge")
    header_icon = "tag"

    def get_object(self, queryset=None):
        return get_object_or_404(Pledge.objects.select_related("designation", "source_page"), pk=self.pk)

    def get_fields(self):
        return []

    @cached_property
    def can_change(self):
        return self.user_has_permission("change")

    def status_form(self, data=None):
        if self.can_change and self.object.allowed_statuses():
            return PledgeStatusForm(data, pledge=self.object)
        return None

    def get(self, request, *args, **kwargs):
        audit.log_view(self.object, request.user)
        return self.render_to_response(self.get_context_data(form=self.status_form()))

    def post(self, request, *args, **kwargs):
        form = self.status_form(request.POST)
        if form is None:
            return forbidden(request)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        pledge = self.object
        try:
            pledge.change_status(form.cleaned_data["status"], user=request.user, note=form.cleaned_data["note"])
        except ValueError:
            messages.error(request, _("This status change is no longer possible; the pledge was changed meanwhile."))
        else:
            messages.success(
                request,
                _("Pledge %(reference)s is now “%(status)s”.")
                % {"reference": pledge.reference, "status": pledge.get_status_display()},
            )
        return redirect(self.get_inspect_url())

    def get_inspect_url(self):
        return reverse("donations_admin:inspect", args=[self.object.pk])

    @cached_property
    def header_more_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pledge"] = self.object
        context["history"] = self.object.status_changes.select_related("changed_by")
        context["log_url"] = reverse("donations_admin:history", args=[self.object.pk])
        return context


class PledgeHistoryView(HistoryView):
    """Wagtail's history of one pledge: who viewed it, changed its status (and when)."""

    any_permission_required = ["view", "change"]

    @cached_property
    def header_buttons(self):
        return [HeaderButton(label=_("Pledge"), url=self.get_edit_url(self.object), icon_name="tag")]


class PledgeURLFinder(ModelAdminURLFinder):
    """Site history links a pledge's entries to its detail page, for those who may see pledges."""

    permission_policy = permission_policy
    edit_url_name = "donations_admin:inspect"

    def get_edit_url(self, instance):
        if self.user is not None and not user_can_view(self.user):
            return None
        return self.construct_edit_url(instance)


def summary_redirect(request):
    """The old summary page; the dashboard replaced it."""
    return redirect("donations_admin:dashboard")


class PledgeViewSet(ModelViewSet):
    """Registered with ``register_admin_viewset``; the menu is the "Donations" submenu in wagtail_hooks."""

    model = Pledge
    name = "donations_admin"
    url_prefix = "pledges"
    icon = "tag"
    add_to_admin_menu = False
    # Pledges point at pages (designation, source page): kept out of the pages' "usage" that editors read.
    add_to_reference_index = False
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = PledgeIndexView
    inspect_view_class = PledgeInspectView
    history_view_class = PledgeHistoryView
    url_finder_class = PledgeURLFinder

    @property
    def permission_policy(self):
        return permission_policy

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name", "copy_url_name"):
            view_kwargs[name] = None
        return view_kwargs

    def get_history_view_kwargs(self, **kwargs):
        return super().get_history_view_kwargs(edit_url_name=self.get_url_name("inspect"), **kwargs)

    def get_permissions_to_register(self):
        from django.contrib.auth.models import Permission

        return Permission.objects.filter(content_type__app_label="donations", codename__in=PERMISSION_CODENAMES)

    def get_urlpatterns(self):
        from donations import dashboard

        index = fundraising_only(self.index_view)
        inspect = fundraising_only(self.inspect_view)
        export = fundraising_only(
            self.construct_view(self.index_view_class, **self.get_index_view_kwargs(), export_format="csv"),
            test=user_can_export,
        )
        return [
            path("", index, name="index"),
            path("results/", fundraising_only(self.index_results_view), name="index_results"),
            path("<int:pk>/", inspect, name="inspect"),
            path("history/<int:pk>/", fundraising_only(self.history_view), name="history"),
            path("history-results/<int:pk>/", fundraising_only(self.history_results_view), name="history_results"),
            path("export/", export, name="export"),
            path("dashboard/", fundraising_only(dashboard.dashboard), name="dashboard"),
            path("summary/", fundraising_only(summary_redirect), name="summary"),
            # The names the hand-made views had, still used by links elsewhere (reverse only).
            path("", index, name="list"),
            path("<int:pk>/", inspect, name="detail"),
        ]
