"""The reconciliation admin: upload a bank statement, read what its import did, match the leftovers by hand.

Open to superusers and to whoever may change pledges (the "Fundraising" group); everyone else gets 403.
Statement lines and payments are never edited or deleted here: a wrong match is corrected with a refund
line or by an administrator, so that the books keep their history.
"""

from functools import wraps

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.db.models import Q, Sum
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from donations.models import BankCSVFormat, BankStatement, Payment, Pledge, StatementLine
from donations.models.pledges import normalise_reference
from donations.reconciliation import (
    LOOK_ALIKES,
    StatementError,
    import_statement,
    mark_not_a_donation,
    record_manual_match,
)
from pages import admin_permissions

CHANGE_PERMISSION = "donations.change_pledge"
LINES_PER_PAGE = 100


def can_reconcile(user):
    return user.is_active and (user.is_superuser or user.has_perm(CHANGE_PERMISSION))


def forbidden(request):
    return admin_permissions.forbidden(
        request, _("Only the fundraising team can import bank statements. Ask an administrator if you need access.")
    )


def fundraising_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_reconcile(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


class FundraisingPermissionPolicy(ModelPermissionPolicy):
    """Whoever may reconcile may do everything these views offer; no separate model permissions to grant."""

    def user_has_permission(self, user, action):
        return can_reconcile(user)

    def user_has_any_permission(self, user, actions):
        return can_reconcile(user)


class StatementUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Statement file"))
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=BankStatement.Format.choices)
    bank = forms.ModelChoiceField(
        label=gettext_lazy("Bank (CSV only)"),
        queryset=BankCSVFormat.objects.all(),
        required=False,
        help_text=gettext_lazy("Which bank's column layout the CSV file has."),
    )
    dry_run = forms.BooleanField(label=gettext_lazy("Only show what would match; import nothing"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("format") == BankStatement.Format.CSV and not cleaned.get("bank"):
            self.add_error("bank", _("Choose the bank whose CSV format this file has."))
        upload = cleaned.get("file")
        if upload is not None and upload.size > 20 * 1024 * 1024:
            self.add_error("file", _("The file is larger than 20 MB."))
        return cleaned


@fundraising_only
def upload(request):
    form = StatementUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            result = import_statement(
                upload_file.read(),
                file_name=upload_file.name,
                file_format=form.cleaned_data["format"],
                csv_format=form.cleaned_data["bank"],
                user=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except StatementError as error:
            form.add_error(
                "file",
                _("%(file)s was not imported. %(reason)s")
                % {
                    "file": upload_file.name,
                    "reason": error,
                },
            )
        else:
            if result.statement is not None:
                messages.success(request, _("Statement imported."))
                return redirect("donations_reconciliation:statement", pk=result.statement.pk)
            if not result.dry_run:
                messages.warning(
                    request,
                    _("Nothing new: all %(count)s lines of this file were imported before.")
                    % {"count": result.lines_in_file},
                )
                return redirect("donations_reconciliation:upload")
    return TemplateResponse(
        request,
        "donations/reconciliation/upload.html",
        {"form": form, "result": result, "formats": BankCSVFormat.objects.exists()},
        status=400 if form.is_bound and form.errors else 200,
    )


@fundraising_only
def statement_detail(request, pk):
    statement = get_object_or_404(BankStatement.objects.select_related("uploaded_by"), pk=pk)
    lines = statement.lines.select_related("payment__pledge").order_by("source_line")
    page = Paginator(lines, LINES_PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "donations/reconciliation/statement_detail.html",
        {"statement": statement, "page_obj": page, "query_string": ""},
    )


class StatementIndexView(IndexView):
    model = BankStatement
    permission_policy = FundraisingPermissionPolicy(BankStatement)
    index_url_name = "donations_reconciliation:statements"
    index_results_url_name = "donations_reconciliation:statements_results"
    default_ordering = "-uploaded_at"
    page_title = gettext_lazy("Bank statements")
    header_icon = "doc-full"
    paginate_by = 50

    @property
    def columns(self):
        return [
            self._get_title_column("file_name"),
            DateColumn("uploaded_at", label=gettext_lazy("Uploaded"), sort_key="uploaded_at"),
            Column("bank", label=gettext_lazy("Bank")),
            Column("lines_imported", label=gettext_lazy("New lines")),
            Column("lines_matched", label=gettext_lazy("Matched")),
            Column("lines_unmatched", label=gettext_lazy("Not matched")),
            Column("refunds", label=gettext_lazy("Refunds and debits")),
            Column("duplicates_skipped", label=gettext_lazy("Already imported")),
        ]

    def get_edit_url(self, instance):
        return reverse("donations_reconciliation:statement", args=[instance.pk])

    def get_header_buttons(self):
        return []


class LineFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=gettext_lazy("State"), choices=StatementLine.State.choices)
    currency = django_filters.CharFilter(label=gettext_lazy("Currency"), lookup_expr="iexact")
    booking_date = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Booking date"), widget=DateRangePickerWidget
    )

    class Meta:
        model = StatementLine
        fields = ["state", "currency", "booking_date"]


class LineIndexView(IndexView):
    model = StatementLine
    permission_policy = FundraisingPermissionPolicy(StatementLine)
    filterset_class = LineFilterSet
    index_url_name = "donations_reconciliation:lines"
    index_results_url_name = "donations_reconciliation:lines_results"
    default_ordering = "-booking_date"
    page_title = gettext_lazy("Statement lines")
    header_icon = "list-ul"
    paginate_by = LINES_PER_PAGE
    search_fields = ["payer", "purpose"]

    @property
    def columns(self):
        return [
            self._get_title_column("__str__"),
            DateColumn("booking_date", label=gettext_lazy("Booking date"), sort_key="booking_date"),
            Column("amount", label=gettext_lazy("Amount"), sort_key="amount"),
            Column("currency", label=gettext_lazy("Currency")),
            Column("payer", label=gettext_lazy("Payer")),
            Column("purpose", label=gettext_lazy("Payment purpose")),
            Column("state", label=gettext_lazy("State"), accessor="get_state_display"),
        ]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("statement")

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if not kwargs["data"]:
            kwargs["data"] = {"state": StatementLine.State.UNMATCHED}
        return kwargs

    def get_edit_url(self, instance):
        return reverse("donations_reconciliation:line", args=[instance.pk])

    def get_header_buttons(self):
        return []


class MatchForm(forms.Form):
    reference = forms.CharField(label=gettext_lazy("Pledge reference"), max_length=40)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=1000, widget=forms.Textarea)

    def clean_reference(self):
        text = self.cleaned_data["reference"]
        reference = normalise_reference(text.upper().translate(LOOK_ALIKES))
        pledge = Pledge.objects.filter(reference=reference).first() if reference else None
        if pledge is None:
            raise forms.ValidationError(_("No pledge has the reference “%(reference)s”.") % {"reference": text})
        self.pledge = pledge
        return reference


class IgnoreForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Why is this not a donation?"), required=False, max_length=1000, widget=forms.Textarea
    )


def suggestions_for(line):
    """Open pledges that might be this line's: same currency and amount, or a payer name in the donor's name."""
    if line.amount <= 0:
        return Pledge.objects.none()
    words = [word for word in line.payer.split() if len(word) > 2][:3]
    by_name = Q()
    for word in words:
        by_name |= Q(donor_name__icontains=word)
    return (
        Pledge.objects.identifiable()
        .filter(currency=line.currency)
        .filter(Q(amount=line.amount) | (by_name if words else Q(pk__in=[])))
        .exclude(status=Pledge.Status.CANCELLED)
        .order_by("-created_at")[:10]
    )


@fundraising_only
def line_detail(request, pk):
    line = get_object_or_404(StatementLine.objects.select_related("statement", "handled_by"), pk=pk)
    open_line = line.state == StatementLine.State.UNMATCHED
    match_form = MatchForm(request.POST if "match" in request.POST else None, prefix="match")
    ignore_form = IgnoreForm(request.POST if "ignore" in request.POST else None, prefix="ignore")
    if request.method == "POST":
        if not open_line:
            messages.error(request, _("This line was already handled."))
            return redirect("donations_reconciliation:line", pk=line.pk)
        if "match" in request.POST and match_form.is_valid():
            payment = record_manual_match(line, match_form.pledge, request.user, match_form.cleaned_data["note"])
            if payment is None:
                messages.error(request, _("This line was already handled."))
            else:
                messages.success(
                    request,
                    _("Line matched to pledge %(reference)s.") % {"reference": match_form.pledge.reference},
                )
            return redirect("donations_reconciliation:line", pk=line.pk)
        if "ignore" in request.POST and ignore_form.is_valid():
            if mark_not_a_donation(line, request.user, ignore_form.cleaned_data["note"]):
                messages.success(request, _("Line set aside as not a donation."))
            else:
                messages.error(request, _("This line was already handled."))
            return redirect("donations_reconciliation:line", pk=line.pk)
    payment = Payment.objects.filter(statement_line=line).select_related("pledge").first()
    return TemplateResponse(
        request,
        "donations/reconciliation/line_detail.html",
        {
            "line": line,
            "payment": payment,
            "match_form": match_form if open_line else None,
            "ignore_form": ignore_form if open_line else None,
            "suggestions": suggestions_for(line) if open_line else [],
        },
        status=400 if request.method == "POST" else 200,
    )


@fundraising_only
def pledge_payments(request, pk):
    pledge = get_object_or_404(Pledge, pk=pk)
    payments = pledge.payments.select_related("statement_line__statement", "created_by")
    totals = payments.values("currency").annotate(total=Sum("amount")).order_by("currency")
    return TemplateResponse(
        request,
        "donations/reconciliation/pledge_payments.html",
        {"pledge": pledge, "payments": payments, "totals": totals},
    )


class ReconciliationMenuItem(MenuItem):
    def is_shown(self, request):
        return can_reconcile(request.user)


class ReconciliationViewSet(ViewSet):
    """Statements, their lines and manual matching; menu items in the Donations menu (wagtail_hooks)."""

    name = "donations_reconciliation"
    url_prefix = "donations/reconciliation"
    icon = "doc-full"

    def get_urlpatterns(self):
        return [
            path("", fundraising_only(StatementIndexView.as_view()), name="statements"),
            path(
                "results/",
                fundraising_only(StatementIndexView.as_view(results_only=True)),
                name="statements_results",
            ),
            path("upload/", upload, name="upload"),
            path("statements/<int:pk>/", statement_detail, name="statement"),
            path("lines/", fundraising_only(LineIndexView.as_view()), name="lines"),
            path("lines/results/", fundraising_only(LineIndexView.as_view(results_only=True)), name="lines_results"),
            path("lines/<int:pk>/", line_detail, name="line"),
            path("pledges/<int:pk>/payments/", pledge_payments, name="pledge_payments"),
        ]


class BankCSVFormatViewSet(ModelViewSet):
    """The banks' CSV layouts, editable by the fundraising team."""

    model = BankCSVFormat
    name = "bank_csv_formats"
    url_prefix = "donations/bank-formats"
    icon = "cog"
    menu_label = gettext_lazy("Bank CSV formats")
    menu_hook = "register_pledges_menu_item"
    menu_order = 430
    menu_item_class = ReconciliationMenuItem
    form_fields = [
        "name",
        "delimiter",
        "encoding",
        "date_format",
        "decimal_separator",
        "date_column",
        "amount_column",
        "currency_column",
        "default_currency",
        "payer_column",
        "purpose_column",
        "account_column",
        "line_id_column",
    ]
    list_display = ["name", "delimiter", "encoding", "date_format"]
    inspect_view_enabled = False
    copy_view_enabled = False

    @property
    def permission_policy(self):
        return FundraisingPermissionPolicy(BankCSVFormat)
