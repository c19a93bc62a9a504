"""Receipts for money received: the PDF, and the background task that e-mails it with the thank-you.

A payment is saved with ``receipt_status`` "pending" (or "not sent" when there is no one to thank); the
task is enqueued after the transaction commits and records each attempt on the payment, so a receipt
that could not be sent is never lost: it stays pending and the task queue (or
``donations.services.send_pending_receipts``) tries again.
"""

import logging
from functools import partial
from pathlib import Path

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from fpdf import FPDF

from donations.forms import format_amount
from donations.models import Payment

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVuSans"
logging.getLogger("fontTools").setLevel(logging.WARNING)


def initial_receipt_status(pledge, amount):
    """ "pending" when a thank-you is due: money in, an address, a donor who has not been erased."""
    if amount > 0 and pledge.email and not pledge.anonymised_at:
        return Payment.ReceiptStatus.PENDING
    return Payment.ReceiptStatus.NOT_SENT


def queue_receipts(payments):
    """Enqueue one receipt task per pending payment once the surrounding transaction has committed."""
    for payment in payments:
        if payment.receipt_status == Payment.ReceiptStatus.PENDING:
            transaction.on_commit(partial(send_receipt.enqueue, payment.pk))


@task()
def send_receipt(payment_id):
    """Send the receipt of one payment; raises on a mail failure so that the queue retries it."""
    from donations import services

    return services.send_payment_receipt(payment_id)


def receipt_lines(payment):
    """(title, [(label, value)], closing text) in the active language."""
    pledge = payment.pledge
    rows = [
        (_("Receipt number"), f"{pledge.reference}-{payment.pk}"),
        (_("Received from"), pledge.display_name),  # the receipt is the donor's own: "anonymous" is about publishing
        (_("Amount"), f"{format_amount(payment.amount)} {payment.currency}"),
        (_("Date received"), formats.date_format(payment.received_on, "DATE_FORMAT")),
        (_("Pledge reference"), pledge.reference),
        (_("Designation"), pledge.designation_label),
    ]
    closing = _(
        "Thank you for your donation. It helps children who have lost parental care, or risk losing it, "
        "to grow up in a family."
    )
    return _("Donation receipt"), rows, closing


def build_receipt_pdf(payment, organisation_name, language):
    """The receipt as PDF bytes, in ``language``, with a font that has the Kyrgyz letters ө ү ң."""
    with translation.override(language):
        title, rows, closing = receipt_lines(payment)
        issued = _("Issued on %(date)s") % {"date": formats.date_format(timezone.localdate(), "DATE_FORMAT")}
        pdf = FPDF(format=(148, 210))  # A5 in millimetres
        pdf.set_title(f"{title} {payment.pledge.reference}")
        pdf.set_subject(payment.pledge.reference)
        pdf.set_author(organisation_name)
        pdf.set_lang(language)
        pdf.set_creator(organisation_name)
        pdf.add_font(FONT_FAMILY, "", FONT_DIR / "DejaVuSans.ttf")
        pdf.add_font(FONT_FAMILY, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        pdf.set_margins(14, 14, 14)
        pdf.add_page()
        pdf.set_fill_color(0, 90, 156)
        pdf.rect(0, 0, 148, 6, style="F")
        pdf.set_font(FONT_FAMILY, "", 9)
        pdf.set_text_color(74, 86, 99)
        pdf.multi_cell(0, 5, organisation_name, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font(FONT_FAMILY, "B", 16)
        pdf.set_text_color(0, 63, 110)
        pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        pdf.set_text_color(29, 39, 51)
        for label, value in rows:
            pdf.set_font(FONT_FAMILY, "", 9)
            pdf.multi_cell(0, 5, str(label), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FONT_FAMILY, "B", 11)
            pdf.multi_cell(0, 6, str(value), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        pdf.ln(3)
        pdf.set_font(FONT_FAMILY, "", 10)
        pdf.multi_cell(0, 5, str(closing), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        pdf.set_font(FONT_FAMILY, "", 8)
        pdf.set_text_color(74, 86, 99)
        pdf.multi_cell(0, 4, issued, new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())
