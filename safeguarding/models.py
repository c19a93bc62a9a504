from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import register_setting
from wagtail.fields import StreamField
from wagtail.search import index

from pages.blocks import BaseStreamBlock
from pages.models import BasePage, StatusChange
from pages.models.settings import CachedSiteSetting, tel_uri


class ConcernReportPage(RoutablePageMixin, BasePage):
    """How to report a concern about a child, the focal point's contacts (settings) and the report form.

    The form and its thank-you route live in ``safeguarding.views``; reports are stored, never e-mailed.
    """

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("how to report"),
        help_text=_("What happens to a report, who reads it, other ways to reach the focal point."),
    )
    thank_you_text = models.TextField(
        _("after sending"),
        blank=True,
        max_length=1000,
        help_text=_("Shown once the report is sent: what happens next."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("thank_you_text"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("“report a concern” page")
        verbose_name_plural = _("“report a concern” pages")

    def search_text_fields(self):
        return ["introduction", "body"]

    @path("")
    def report_form(self, request):
        from safeguarding import views

        return views.report_form(request, self)

    @path("sent/", name="sent")
    def sent(self, request):
        from safeguarding import views

        return views.sent(request, self)


class ConcernReport(models.Model):
    """A concern reported through the site. Only the "Safeguarding" group and superusers may read it."""

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("concern report status", "New")
        IN_REVIEW = "in_review", pgettext_lazy("concern report status", "In review")
        CLOSED = "closed", pgettext_lazy("concern report status", "Closed")

    class AtRisk(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        NOT_SURE = "not_sure", _("Not sure")

    class AlertStatus(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, gave up")
        UNTRACKED = "untracked", _("Not recorded (older report)")

    submission_key = models.CharField(max_length=64, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200, blank=True)
    contact = models.CharField(_("how to contact the reporter"), max_length=200, blank=True)
    what_happened = models.TextField(_("what happened"), max_length=5000)
    where = models.CharField(_("where"), max_length=300, blank=True)
    when = models.CharField(_("when"), max_length=200, blank=True)
    child_at_risk = models.CharField(_("child at risk now"), max_length=10, choices=AtRisk.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Delivery of the focal point's alert (safeguarding.services): retried until sent, failures shown in the admin.
    alert_status = models.CharField(
        _("alert to the focal point"), max_length=10, choices=AlertStatus.choices, default=AlertStatus.PENDING
    )
    alert_attempts = models.PositiveSmallIntegerField(_("alert attempts"), default=0)
    alert_last_attempt_at = models.DateTimeField(_("last alert attempt"), null=True, blank=True)
    alert_last_error = models.TextField(_("last alert error"), blank=True)
    alert_sent_at = models.DateTimeField(_("alert sent"), null=True, blank=True)

    UNDELIVERED_ALERT_STATUSES = (AlertStatus.PENDING, AlertStatus.SENDING, AlertStatus.FAILED)

    class Meta:
        verbose_name = _("concern report")
        verbose_name_plural = _("concern reports")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="concern_status_created"),
            models.Index(fields=["alert_status"], name="concern_alert_status"),
        ]

    def __str__(self):
        # No content of the report here: this text can reach logs and admin messages.
        return str(_("Report %(number)s") % {"number": self.pk})

    @transaction.atomic
    def add_resent_text(self, content, language):
        """Keep ``content`` (the form's cleaned fields) sent again with this report's form token.

        Returns the new ``ConcernReportAddition``, or None when the same text is already in (the report
        itself or an earlier addition): a double click changes nothing.
        """
        fields = ConcernReportAddition.CONTENT_FIELDS
        sent = tuple(content.get(name, "") for name in fields)
        ConcernReport.objects.select_for_update().filter(pk=self.pk).exists()  # one re-send at a time
        known = [tuple(getattr(self, name) for name in fields)]
        known += list(self.additions.values_list(*fields))
        if sent in known:
            return None
        return ConcernReportAddition.objects.create(
            report=self, language=language, **dict(zip(fields, sent, strict=True))
        )

    def allowed_statuses(self):
        return [status for status in self.Status if status != self.status]

    @transaction.atomic
    def change_status(self, new_status, user=None, note=""):
        """Move to ``new_status``, recording who, when and why; returns the history entry."""
        report = ConcernReport.objects.select_for_update().get(pk=self.pk)
        if new_status == report.status or new_status not in self.Status.values:
            raise ValueError(new_status)
        change = ConcernStatusChange.record(
            report, from_status=report.status, to_status=new_status, user=user, note=note
        )
        ConcernReport.objects.filter(pk=self.pk).update(status=new_status, updated_at=timezone.now())
        self.status = new_status
        return change


class ConcernReportAddition(models.Model):
    """Text the reporter sent again from the same form (back button, edited text): kept, never dropped.

    The report keeps what was first sent; each different re-send is stored here in full and shown on the
    report's admin page. An identical re-send (a double click) adds nothing.
    """

    report = models.ForeignKey(ConcernReport, on_delete=models.CASCADE, related_name="additions")
    name = models.CharField(_("name"), max_length=200, blank=True)
    contact = models.CharField(_("how to contact the reporter"), max_length=200, blank=True)
    what_happened = models.TextField(_("what happened"), max_length=5000)
    where = models.CharField(_("where"), max_length=300, blank=True)
    when = models.CharField(_("when"), max_length=200, blank=True)
    child_at_risk = models.CharField(_("child at risk now"), max_length=10, choices=ConcernReport.AtRisk.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    CONTENT_FIELDS = ("name", "contact", "what_happened", "where", "when", "child_at_risk")

    class Meta:
        verbose_name = _("addition to a concern report")
        verbose_name_plural = _("additions to concern reports")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return str(_("Addition to report %(number)s") % {"number": self.report_id})


class ConcernStatusChange(StatusChange):
    """One step of a report's history: who moved it, when, from which status to which, and why."""

    RECORD_FIELD = "report"

    report = models.ForeignKey(ConcernReport, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("previous status"), max_length=20, choices=ConcernReport.Status.choices)
    to_status = models.CharField(_("new status"), max_length=20, choices=ConcernReport.Status.choices)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta(StatusChange.Meta):
        ordering = ["changed_at", "pk"]


@register_setting(icon="warning")
class SafeguardingSettings(CachedSiteSetting):
    """The safeguarding focal point's contacts and the emergency numbers shown on the "report a concern" page."""

    focal_point_name = models.CharField(
        _("focal point"),
        max_length=200,
        blank=True,
        help_text=_("The person or role who receives reports, e.g. “Child safeguarding focal point”."),
    )
    focal_point_phone = models.CharField(_("focal point phone"), max_length=40, blank=True)
    focal_point_email = models.EmailField(
        _("focal point e-mail"),
        blank=True,
        help_text=_("Gets a short notice (never the report itself) when a new report arrives."),
    )
    emergency_number = models.CharField(
        _("emergency number"), max_length=20, default="102", help_text=_("Police in Kyrgyzstan: 102.")
    )
    child_helpline = models.CharField(
        _("child helpline"), max_length=20, default="111", help_text=_("Child helpline in Kyrgyzstan: 111.")
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("focal_point_name"), FieldPanel("focal_point_phone"), FieldPanel("focal_point_email")],
            heading=pgettext_lazy("safeguarding", "Focal point"),
        ),
        MultiFieldPanel([FieldPanel("emergency_number"), FieldPanel("child_helpline")], heading=_("Emergencies")),
    ]

    class Meta:
        verbose_name = _("safeguarding")

    @property
    def focal_point_phone_uri(self):
        return tel_uri(self.focal_point_phone)

    @property
    def emergency_uri(self):
        return tel_uri(self.emergency_number).replace("tel:+", "tel:")

    @property
    def child_helpline_uri(self):
        return tel_uri(self.child_helpline).replace("tel:+", "tel:")
