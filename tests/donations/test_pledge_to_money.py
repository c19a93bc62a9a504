"""The fundraising loop end to end: a pledge made in Kyrgyz becomes money the staff can see.

A visitor pledges in ky and sees the KGS bank details with a QR code; the fundraiser uploads a bank statement
holding the reference; the pledge is received, the donor gets a Kyrgyz receipt, the campaign bar moves; the
same file again changes nothing; a camt.053 statement works the same; the XLSX export holds no formula.
"""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from donations.models import BankAccount, DonatePage, Payment, Pledge
from tests.donations.factories import CampaignFactory, PledgeFactory
from tests.donations.statements import BankCSVFormatFactory, camt053_bytes, csv_bytes, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    return DonatePage.objects.get().get_designation_pages()[0]


def progress_of(client, page):
    with translation.override("ky"):
        url = page.url
    html = client.get(url).content.decode()
    return html.split('<progress class="campaign-progress__bar"', 1)[1].split(">", 1)[0]


def upload(client, data, file_format="csv"):
    fields = {"file": SimpleUploadedFile(f"statement.{file_format}", data), "format": file_format}
    if file_format == "csv":
        fields["bank"] = BankCSVFormatFactory().pk
    return client.post(reverse("donations_reconciliation:upload"), fields)


def test_a_kyrgyz_pledge_becomes_money_received_with_a_receipt_and_a_moving_bar(
    client, post_pledge, fundraiser, programme, django_capture_on_commit_callbacks
):
    CampaignFactory(page=programme, goal_amount=Decimal("10000.00"), goal_currency="KGS")
    assert 'value="0' in progress_of(client, programme)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_pledge(language="ky", designation=str(programme.pk), amount_KGS="1000")
    assert response.status_code == 303
    pledge = Pledge.objects.latest("created_at")
    assert (pledge.language, pledge.currency, pledge.designation_id) == ("ky", "KGS", programme.pk)
    thank_you = client.get(response["Location"]).content.decode()
    account = BankAccount.objects.get(currency="KGS")
    assert pledge.reference in thank_you
    assert account.account_number in thank_you
    assert "<svg" in thank_you

    client.force_login(fundraiser)
    statement = csv_bytes(
        [row("1000.00", purpose=f"Кайрымдуулук {pledge.reference.lower()}", booked=timezone.localdate())]
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert upload(client, statement).status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.RECEIVED
    receipt = mail.outbox[-1]
    assert receipt.to == [pledge.email]
    assert pledge.reference in receipt.body
    assert receipt.attachments[0][2] == "application/pdf"
    client.logout()
    assert 'value="1000.00"' in progress_of(client, programme)

    client.force_login(fundraiser)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, statement)
    assert Payment.objects.filter(pledge=pledge).count() == 1
    assert len([message for message in mail.outbox if pledge.reference in message.body]) == 2  # confirmation, receipt


def test_a_camt053_statement_closes_the_loop_the_same_way(client, fundraiser, django_capture_on_commit_callbacks):
    pledge = PledgeFactory(language="ky", amount=Decimal("2500.00"), currency="KGS")
    client.force_login(fundraiser)
    statement = camt053_bytes([row("2500.00", purpose=f"SOS {pledge.reference}")])
    with django_capture_on_commit_callbacks(execute=True):
        assert upload(client, statement, "camt053").status_code == 302
        upload(client, statement, "camt053")
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.RECEIVED
    assert Payment.objects.filter(pledge=pledge).count() == 1


def test_the_xlsx_export_of_pledges_holds_no_formula(client, fundraiser):
    PledgeFactory(donor_name='=HYPERLINK("http://evil.example")', amount=Decimal("100.00"))
    client.force_login(fundraiser)
    response = client.get(reverse("donations_admin:export"), {"export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for sheet in workbook for line in sheet.iter_rows() for cell in line]
    assert cells
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
