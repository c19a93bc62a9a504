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

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from pages.outbox import Outbox
from safeguarding.models import ConcernReport, SafeguardingSettings

logger = logging.getLogger(__name__)
GROUP_NAME = "Safeguarding"


class NoRecipient(Exception):
    """Neither a focal point e-mail nor an active Safeguarding group member with an e-mail address."""


def max_attempts():
    return getattr(settings, "SAFEGUARDING_ALERT_MAX_ATTEMPTS", settings.TASKS_MAX_ATTEMPTS)


def alert_outbox():
    return Outbox(ConcernReport, "alert", ConcernReport.AlertStatus)


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
    outbox = alert_outbox()
    if not outbox.claim(report_id):
        return False  # sent, being sent by another process, or no such report
    attempts = outbox.attempts(report_id)
    try:
        to = recipients()
        if not to:
            raise NoRecipient("No focal point e-mail in the settings and no Safeguarding group member with an e-mail.")
        build_new_report_notice(report_id, to).send()
    except Exception as error:  # the report is stored; a mail failure never reaches the reporter
        logger.warning(
            "Alert of safeguarding report %s failed (attempt %s): %s", report_id, attempts, type(error).__name__
        )
        outbox.record_failure(report_id, error, attempts=attempts, max_attempts=max_attempts())
        raise
    outbox.record_sent(report_id)
    return True


def undelivered_alerts():
    return ConcernReport.objects.filter(alert_status__in=ConcernReport.UNDELIVERED_ALERT_STATUSES)


def send_pending_alerts(limit=200):
    """Send every undelivered alert, failed ones included (someone fixed the mail); returns (sent, still unsent)."""
    ConcernReport.objects.filter(alert_status=ConcernReport.AlertStatus.FAILED).update(
        alert_status=ConcernReport.AlertStatus.PENDING, alert_attempts=0
    )
    return alert_outbox().send_pending(send_new_report_notice, limit=limit)
