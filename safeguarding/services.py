"""The focal point's notice of a new report: the one call to the outside world here, and the one place to fake.

The e-mail says only that a new report is waiting, with a link to it in the admin: never the report's content,
the reporter's name or contact, or where it happened. Once the report's transaction commits, a background task
(``safeguarding.tasks``) sends it, so the reporter never waits on the mail server. Delivery is recorded on the
report like a pledge's e-mail: a failure leaves ``alert_status = pending`` with the error and the task is retried
with back-off (``pages.tasks``); after the last attempt it is "failed". Undelivered alerts are listed for the
Safeguarding group in the admin, and ``manage.py send_pending_safeguarding_alerts`` sends them directly. The
report itself is stored before any of this: mail being down never loses it.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Site

from safeguarding.models import ConcernReport, SafeguardingSettings

logger = logging.getLogger(__name__)
GROUP_NAME = "Safeguarding"
# An alert left "sending" this long (a process died mid-send) is tried again.
STALE_SENDING = timedelta(minutes=15)


class NoRecipient(Exception):
    """Neither a focal point e-mail nor an active Safeguarding group member with an e-mail address."""


def max_attempts():
    return getattr(settings, "SAFEGUARDING_ALERT_MAX_ATTEMPTS", settings.TASKS_MAX_ATTEMPTS)


def queue_new_report_notice(report):
    """Enqueue the alert once the report's transaction has committed (at once outside one).

    ``robust``: if the task cannot be stored, the error is logged and the reporter still sees "sent"; the
    report is stored and its alert stays pending, listed in the admin and sent by the retry command.
    """
    from safeguarding.tasks import send_report_alert

    report_id = report.pk
    transaction.on_commit(lambda: send_report_alert.enqueue(report_id), robust=True)


def recipients():
    """The focal point's e-mail from the settings; without one, the active members of the Safeguarding group."""
    site = Site.objects.filter(is_default_site=True).first()
    focal_point = SafeguardingSettings.for_site(site).focal_point_email if site else ""
    if focal_point:
        return [focal_point]
    users = get_user_model().objects.filter(is_active=True, groups__name=GROUP_NAME).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def build_new_report_notice(report_id, to):
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    context = {"admin_url": base_url + reverse("safeguarding_reports:detail", args=[report_id])}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("safeguarding/email/new_report_subject.txt", context).split())
        body = render_to_string("safeguarding/email/new_report.txt", context)
    return EmailMessage(subject=subject, body=body, to=to)


def send_new_report_notice(report_id):
    """Try once to send a report's pending alert; True when sent, False when there was nothing to send.

    A failure (mail server down, nobody to tell) is recorded on the report and re-raised, so that the task that
    called this is retried. Only the error's type and message are kept: never anything from the report.
    """
    claimed = ConcernReport.objects.filter(pk=report_id, alert_status=ConcernReport.AlertStatus.PENDING).update(
        alert_status=ConcernReport.AlertStatus.SENDING,
        alert_last_attempt_at=timezone.now(),
        alert_attempts=F("alert_attempts") + 1,
    )
    if not claimed:
        return False  # sent, being sent by another process, or no such report
    attempts = ConcernReport.objects.values_list("alert_attempts", flat=True).get(pk=report_id)
    try:
        to = recipients()
        if not to:
            raise NoRecipient("No focal point e-mail in the settings and no Safeguarding group member with an e-mail.")
        build_new_report_notice(report_id, to).send()
    except Exception as error:  # the report is stored; a mail failure never reaches the reporter
        gave_up = attempts >= max_attempts()
        logger.warning(
            "Alert of safeguarding report %s failed (attempt %s): %s", report_id, attempts, type(error).__name__
        )
        ConcernReport.objects.filter(pk=report_id).update(
            alert_status=ConcernReport.AlertStatus.FAILED if gave_up else ConcernReport.AlertStatus.PENDING,
            alert_last_error=f"{type(error).__name__}: {error}"[:1000],
        )
        raise
    ConcernReport.objects.filter(pk=report_id).update(
        alert_status=ConcernReport.AlertStatus.SENT, alert_sent_at=timezone.now(), alert_last_error=""
    )
    return True


def undelivered_alerts():
    return ConcernReport.objects.filter(alert_status__in=ConcernReport.UNDELIVERED_ALERT_STATUSES)


def send_pending_alerts(limit=200):
    """Send every undelivered alert, failed ones included (someone fixed the mail); returns (sent, still unsent)."""
    stale = timezone.now() - STALE_SENDING
    ConcernReport.objects.filter(
        alert_status=ConcernReport.AlertStatus.SENDING, alert_last_attempt_at__lt=stale
    ).update(alert_status=ConcernReport.AlertStatus.PENDING)
    ConcernReport.objects.filter(alert_status=ConcernReport.AlertStatus.FAILED).update(
        alert_status=ConcernReport.AlertStatus.PENDING, alert_attempts=0
    )
    ids = list(
        ConcernReport.objects.filter(alert_status=ConcernReport.AlertStatus.PENDING)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for report_id in ids:
        try:
            sent += send_new_report_notice(report_id)
        except Exception:  # noqa: BLE001 -- recorded on the report by send_new_report_notice; try the next
            continue
    return sent, len(ids) - sent
