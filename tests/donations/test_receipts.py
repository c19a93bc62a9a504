"""A recorded payment sends the donor a thank-you with a PDF receipt, in the pledge's language, via a task."""

import re
import zlib
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from donations import services
from donations.models import Payment
from donations.receipts import build_receipt_pdf
from donations.reconciliation import import_statement
from tests.donations.factories import PledgeFactory
from tests.donations.statements import camt053_bytes, row

pytestmark = pytest.mark.django_db


def import_camt(rows):
    return import_statement(camt053_bytes(rows), file_name="s.xml", file_format="camt053")


def pdf_text(data):
    """The text an fpdf2 PDF draws: its ToUnicode maps applied to the two-byte glyph strings of its pages."""
    streams = []
    for found in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            streams.append(zlib.decompress(found.group(1)))
        except zlib.error:
            streams.append(found.group(1))
    glyphs = {}
    for stream in streams:
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for source, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                glyphs[int(source, 16)] = bytes.fromhex(target.decode()).decode("utf-16-be")
    text = []
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"(": b"(", b")": b")", b"\\": b"\\"}
    for stream in streams:
        for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", stream, re.S):
            codes = re.sub(rb"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), literal, flags=re.S)
            pairs = (int.from_bytes(codes[i : i + 2], "big") for i in range(0, len(codes), 2))
            text.append("".join(glyphs.get(code, "?") for code in pairs))
    return "\n".join(text)


def test_matched_payment_sends_a_kyrgyz_receipt_with_a_pdf(django_capture_on_commit_callbacks):
    pledge = PledgeFactory(language="ky", donor_name="Айгүл Асанова", amount=Decimal("1500.00"))
    with django_capture_on_commit_callbacks(execute=True):
        import_camt([row("1500.00", purpose=pledge.reference, booked=date(2026, 11, 20))])
    message = mail.outbox[-1]
    assert message.to == [pledge.email]
    assert pledge.reference in message.subject and "Рахмат" in message.subject
    assert "1\u00a0500\u00a0KGS" in message.body and pledge.reference in message.body
    assert "Ноябрь" in message.body or "ноябрь" in message.body.lower()
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == (f"receipt-{pledge.reference}-{Payment.objects.get().pk}.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert pledge.reference in text and "Айгүл Асанова" in text and "Кайрымдуулук" in text
    payment = Payment.objects.get()
    assert (payment.receipt_status, payment.receipt_attempts) == ("sent", 1)
    assert payment.receipt_sent_at is not None


def test_pdf_in_russian_and_english_uses_that_language():
    payment_ru = make_payment(language="ru")
    payment_en = make_payment(language="en")
    assert "Квитанция о пожертвовании" in pdf_text(build_receipt_pdf(payment_ru, "SOS", "ru"))
    assert "Donation receipt" in pdf_text(build_receipt_pdf(payment_en, "SOS", "en"))


def make_payment(language="ru", **pledge_fields):
    pledge = PledgeFactory(language=language, **pledge_fields)
    return Payment.objects.create(
        pledge=pledge, amount=pledge.amount, currency=pledge.currency, received_on=date(2026, 11, 20)
    )


def test_refund_sends_no_receipt(django_capture_on_commit_callbacks):
    pledge = PledgeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        import_camt([row("-1000.00", purpose=pledge.reference)])
    assert mail.outbox == []
    assert Payment.objects.get().receipt_status == Payment.ReceiptStatus.NOT_SENT


def test_anonymised_donor_gets_no_receipt(django_capture_on_commit_callbacks):
    pledge = PledgeFactory()
    type(pledge).objects.filter(pk=pledge.pk).anonymise()
    with django_capture_on_commit_callbacks(execute=True):
        import_camt([row("1000.00", purpose=pledge.reference)])
    assert mail.outbox == []
    assert Payment.objects.get().receipt_status == Payment.ReceiptStatus.NOT_SENT


def test_mail_failure_keeps_the_receipt_pending_with_the_error(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.donations.failing_backend.EmailBackend"
    pledge = PledgeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        import_camt([row("1000.00", purpose=pledge.reference)])
    payment = Payment.objects.get()
    assert (payment.receipt_status, payment.receipt_attempts) == ("pending", 1)
    assert payment.receipt_last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.send_pending_receipts() == (1, 0)
    payment.refresh_from_db()
    assert (payment.receipt_status, payment.receipt_attempts, payment.receipt_last_error) == ("sent", 2, "")


def test_receipt_is_sent_once_even_if_the_task_runs_twice(django_capture_on_commit_callbacks):
    payment = make_payment()
    assert services.send_payment_receipt(payment.pk) is True
    assert services.send_payment_receipt(payment.pk) is False
    assert len(mail.outbox) == 1


def test_pending_receipts_command_sends_what_is_left():
    make_payment()
    out = StringIO()
    call_command("send_pending_receipts", stdout=out)
    assert out.getvalue().strip() == "Sent 1 receipt(s); 0 still pending."
    assert len(mail.outbox) == 1
