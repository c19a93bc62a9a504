"""The confirmation e-mail: the one call to the outside world in this app, and the one place to fake in tests.

A pledge is saved first; once its transaction commits, a background task (``donations.tasks``) sends the
e-mail, so the donor's request never waits on the mail server. A failure never reaches the donor: the pledge
keeps ``email_status = pending`` with the error, and the task is retried with back-off (``pages.tasks``).
``manage.py send_pending_pledge_emails`` sends whatever is still pending directly (after the worker or the
database was down), so nothing is lost if a task never ran.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Site

from donations import payment_details, reminders
from donations.models import DonatePage, Pledge, PledgeSettings
from pages.models import OrganisationSettings
from pages.outbox import Outbox

logger = logging.getLogger(__name__)


def max_attempts():
    return getattr(settings, "DONATIONS_EMAIL_MAX_ATTEMPTS", 10)


def confirmation_outbox():
    return Outbox(Pledge, "email", Pledge.EmailStatus)


def receipt_outbox():
    from donations.models import Payment

    return Outbox(Payment, "receipt", Payment.ReceiptStatus)


def queue_confirmation_email(pledge):
    """Enqueue the confirmation once the surrounding transaction has committed (at once outside one).

    ``robust``: if the task cannot be stored, the error is logged and the donor still gets the thank-you page;
    the pledge stays pending for ``send_pending_pledge_emails``.
    """
    from donations.tasks import send_pledge_confirmation

    pledge_id = pledge.pk
    transaction.on_commit(lambda: send_pledge_confirmation.enqueue(pledge_id), robust=True)


def build_confirmation_email(pledge):
    """The e-mail in the donor's language, plain text with an HTML alternative and the payment QR code."""
    return _build_email(pledge, "confirmation")


def build_reminder_email(pledge):
    """This month's reminder for a monthly pledge, with the payment details and the link that stops them."""
    stop_url = reminders.stop_url(pledge)
    message = _build_email(pledge, "reminder", stop_url=stop_url)
    if stop_url:  # mail programs show their own "unsubscribe" button for it; it opens the same page
        message.extra_headers["List-Unsubscribe"] = f"<{stop_url}>"
    return message


def _build_email(pledge, name, **extra):
    page = pledge.source_page.specific if pledge.source_page_id else None
    site = (page.get_site() if page else None) or Site.objects.filter(is_default_site=True).first()
    with translation.override(pledge.language):
        payment = payment_details.for_pledge(pledge)
        context = {
            "pledge": pledge,
            "page": page if isinstance(page, DonatePage) else None,
            "payment": payment,
            "organisation": OrganisationSettings.for_site(site),
            "pledge_settings": PledgeSettings.for_site(site),
            **extra,
        }
        subject = " ".join(render_to_string(f"donations/email/{name}_subject.txt", context).split())
        text = render_to_string(f"donations/email/{name}.txt", context)
        html = render_to_string(f"donations/email/{name}.html", context)
        message = EmailMultiAlternatives(subject=subject, body=strip_tags(text), to=[pledge.email])
        message.attach_alternative(html, "text/html")
        if payment is not None:  # the HTML shows it as <img src="cid:…">
            message.mixed_subtype = "related"
            message.attach(payment.qr_mime_image())
    return message


def send_reminder_email(pledge_id):
    """Send this month's reminder if the pledge still wants one; mail errors propagate (the task queue retries)."""
    pledge = Pledge.objects.select_related("source_page").filter(pk=pledge_id).first()
    if pledge is None or not pledge.wants_reminders or not pledge.email or pledge.anonymised_at:
        return False
    build_reminder_email(pledge).send()
    logger.info("Monthly reminder sent for pledge %s", pledge.reference)
    return True


def send_confirmation_email(pledge_id):
    """Try once to send a pending confirmation; True when sent, False when there was nothing to send.

    A mail failure is recorded on the pledge (pending again, or failed after the last attempt) and re-raised,
    so that the task that called this is retried.
    """
    outbox = confirmation_outbox()
    if not outbox.claim(pledge_id):
        return False  # sent, being sent by another process, or nothing to send
    pledge = Pledge.objects.select_related("source_page").get(pk=pledge_id)
    if not pledge.email:
        outbox.set_status(pledge_id, Pledge.EmailStatus.SKIPPED)
        return False
    try:
        build_confirmation_email(pledge).send()
    except Exception as error:  # whatever the mail server does, the pledge stays and is retried
        logger.warning(
            "Confirmation e-mail for pledge %s failed (attempt %s): %s", pledge.reference, pledge.email_attempts, error
        )
        outbox.record_failure(pledge_id, error, attempts=pledge.email_attempts, max_attempts=max_attempts())
        raise
    outbox.record_sent(pledge_id)
    return True


def send_pending_emails(limit=200):
    """Retry every pending confirmation (and any stuck mid-send); returns (sent, still pending)."""
    return confirmation_outbox().send_pending(send_confirmation_email, limit=limit)


class ReceiptNotSent(Exception):
    """The mail server refused a receipt; raised so that the task queue tries again."""


def build_receipt_email(payment):
    """The thank-you for money received, in the pledge's language, with the PDF receipt attached."""
    from donations.receipts import build_receipt_pdf

    pledge = payment.pledge
    page = pledge.source_page.specific if pledge.source_page_id else None
    site = (page.get_site() if page else None) or Site.objects.filter(is_default_site=True).first()
    organisation = OrganisationSettings.for_site(site)
    with translation.override(pledge.language):
        context = {
            "payment": payment,
            "pledge": pledge,
            "organisation": organisation,
            "pledge_settings": PledgeSettings.for_site(site),
        }
        subject = " ".join(render_to_string("donations/email/receipt_subject.txt", context).split())
        text = render_to_string("donations/email/receipt.txt", context)
        html = render_to_string("donations/email/receipt.html", context)
    name = organisation.legal_name or organisation.name
    message = EmailMultiAlternatives(subject=subject, body=strip_tags(text), to=[pledge.email])
    message.attach_alternative(html, "text/html")
    message.attach(
        f"receipt-{pledge.reference}-{payment.pk}.pdf",
        build_receipt_pdf(payment, name, pledge.language),
        "application/pdf",
    )
    return message


def send_payment_receipt(payment_id):
    """Try once to send a pending receipt; True when sent, False when there was nothing to send.

    Each attempt is recorded on the payment; after ``max_attempts()`` failures it is "failed" and
    left for staff. A failure raises ``ReceiptNotSent`` so that a retrying task queue tries again.
    """
    from donations.models import Payment

    outbox = receipt_outbox()
    if not outbox.claim(payment_id):
        return False
    payment = Payment.objects.select_related("pledge", "pledge__source_page").get(pk=payment_id)
    pledge = payment.pledge
    if not pledge.email or pledge.anonymised_at or payment.amount <= 0:
        outbox.set_status(payment_id, Payment.ReceiptStatus.NOT_SENT)
        return False
    try:
        build_receipt_email(payment).send()
    except Exception as error:  # noqa: BLE001 -- whatever the mail server does, the receipt stays and is retried
        logger.warning("Receipt for payment %s failed (attempt %s): %s", payment_id, payment.receipt_attempts, error)
        outbox.record_failure(payment_id, error, attempts=payment.receipt_attempts, max_attempts=max_attempts())
        raise ReceiptNotSent(str(error)) from error
    outbox.record_sent(payment_id)
    return True


def send_pending_receipts(limit=200):
    """Retry every pending receipt (and any stuck mid-send); returns (sent, still pending)."""
    return receipt_outbox().send_pending(send_payment_receipt, limit=limit, failure=ReceiptNotSent)
