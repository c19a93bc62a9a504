"""The focal point's notice of a new report: the one call to the outside world here, and the one place to fake.

The e-mail says only that a new report is waiting, with a link to it in the admin: never the report's content,
the reporter's name or contact, or where it happened. It is sent after the report's transaction commits; a
failure is logged and never reaches the person reporting (the report is safe in the database and listed as
"New" in the admin).
"""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from safeguarding.models import SafeguardingSettings

logger = logging.getLogger(__name__)
GROUP_NAME = "Safeguarding"


def queue_new_report_notice(report):
    transaction.on_commit(partial(send_new_report_notice, report.pk))


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
    """Send the notice once; returns True when it was sent."""
    to = recipients()
    if not to:
        logger.warning("New safeguarding report %s: no focal point e-mail and no Safeguarding group member.", report_id)
        return False
    try:
        build_new_report_notice(report_id, to).send()
    except Exception as error:  # noqa: BLE001 -- the report is stored; a mail failure must not reach the reporter
        logger.warning("Notice of safeguarding report %s could not be sent: %s", report_id, type(error).__name__)
        return False
    return True
