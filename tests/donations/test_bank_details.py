"""After a pledge the donor sees how to pay in its currency, with a QR code; unconfigured currencies are refused."""

import re
from decimal import Decimal

import pytest
import segno
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from donations import payment_details
from donations.models import BankAccount, Pledge
from tests.donations.conftest import donate_url
from tests.donations.factories import BankAccountFactory, PledgeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kgs_account(db):
    BankAccount.objects.filter(currency="KGS").delete()
    return BankAccountFactory(currency="KGS", account_number="1280016012345678")


def thank_you_html(client, post_pledge, **overrides):
    response = client.get(post_pledge(**overrides)["Location"])
    assert response.status_code == 200
    return response.content.decode()


def test_pledge_in_kyrgyz_shows_the_kgs_account_in_kyrgyz(client, post_pledge, kgs_account):
    html = thank_you_html(client, post_pledge, language="ky")
    pledge = Pledge.objects.get()
    assert "KGS" in html and "Сыноо банкы" in html
    assert "1280016012345678" in html and "TESTKG22" in html
    assert f"Кайрымдуулук {pledge.reference}" in html


def test_thank_you_page_draws_the_qr_code_as_inline_svg_with_an_accessible_name(client, post_pledge, kgs_account):
    html = thank_you_html(client, post_pledge, language="ky")
    pledge = Pledge.objects.get()
    svg = re.search(r"<svg[^>]*>.*?</svg>", html[html.index("payment-qr") :], re.S).group(0)
    assert 'role="img"' in svg
    assert re.search(r'aria-label="[^"]*' + pledge.reference, svg)
    assert "style=" not in svg and "<script" not in svg


def test_qr_svg_encodes_exactly_the_payload_shown(client, post_pledge, kgs_account):
    """The drawn modules are segno's rendering of the payload, so scanning it gives that text."""
    html = thank_you_html(client, post_pledge, language="ky")
    pledge = Pledge.objects.get()
    with translation.override("ky"):
        payload = payment_details.for_pledge(pledge).qr_payload()
    expected = segno.make(payload, error="m", micro=False).svg_inline(scale=4, border=4)
    expected_path = re.search(r' d="([^"]+)"', expected).group(1)
    assert f' d="{expected_path}"' in html


def test_qr_payload_contains_the_reference_account_and_amount(kgs_account):
    pledge = PledgeFactory(amount=Decimal("1500.00"), currency="KGS")
    with translation.override("en"):
        payload = payment_details.for_pledge(pledge).qr_payload()
    assert "Account / IBAN: 1280016012345678" in payload
    assert f"Payment purpose: Donation {pledge.reference}" in payload
    assert "Amount: 1,500 KGS" in payload


def test_foreign_currency_shows_the_correspondent_bank(client, post_pledge):
    BankAccount.objects.filter(currency="USD").update(correspondent_bank_en="Example Correspondent, SWIFT CORRUS33")
    html = thank_you_html(client, post_pledge, language="en", currency="USD", amount_USD="25")
    assert "Correspondent bank" in html and "CORRUS33" in html


def test_monthly_pledge_is_told_how_the_reminders_work(client, post_pledge):
    html = thank_you_html(client, post_pledge, language="en", frequency="monthly")
    assert "At the start of each month we send you a short reminder e-mail" in html


def test_one_off_pledge_is_not_told_about_reminders(client, post_pledge):
    assert "reminder" not in thank_you_html(client, post_pledge, language="en")


def test_confirmation_email_in_the_donors_language_carries_the_details_and_an_inline_qr_code(
    post_pledge, kgs_account, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_pledge(language="ky")
    pledge = Pledge.objects.get()
    message = mail.outbox[0]
    assert "Сыноо банкы" in message.body and "1280016012345678" in message.body
    assert f"Кайрымдуулук {pledge.reference}" in message.body
    html = message.alternatives[0][0]
    assert "Сыноо банкы" in html and 'src="cid:' in html
    images = [part for part in message.attachments if getattr(part, "get_content_type", lambda: "")() == "image/png"]
    assert len(images) == 1
    assert images[0]["Content-ID"] == f"<{payment_details.for_pledge(pledge).qr_content_id}>"


def test_monthly_confirmation_explains_the_reminders(post_pledge, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_pledge(language="en", frequency="monthly")
    assert "each reminder has a link that stops the reminders" in mail.outbox[0].body


@pytest.mark.parametrize("language, promise", [("ru", "отправим вам письмо"), ("en", "We will send you an e-mail")])
def test_confirmation_email_does_not_promise_an_email(
    post_pledge, django_capture_on_commit_callbacks, language, promise
):
    with django_capture_on_commit_callbacks(execute=True):
        post_pledge(language=language)
    message = mail.outbox[0]
    assert promise not in message.body and promise not in message.alternatives[0][0]


def test_currency_without_an_account_is_not_offered(client, donate_page):
    BankAccount.objects.filter(currency="USD").delete()
    response = client.get(donate_url(donate_page, "en"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="USD"' not in html and 'name="amount_USD"' not in html
    assert 'value="EUR"' in html


def test_pledge_in_a_currency_without_an_account_is_refused_with_a_message(post_pledge):
    BankAccount.objects.filter(currency="USD").delete()
    response = post_pledge(language="en", currency="USD", amount_USD="25")
    assert response.status_code == 400
    assert "Choose one of the currencies offered: KGS, EUR, RUB." in response.content.decode()
    assert not Pledge.objects.exists()


def test_without_any_account_the_page_asks_donors_to_contact_the_team(client, donate_page):
    BankAccount.objects.all().delete()
    html = client.get(donate_url(donate_page, "en")).content.decode()
    assert "Pledges on the website are not open yet" in html
    assert 'id="pledge-form"' not in html


def test_payment_purpose_must_contain_the_reference_placeholder():
    account = BankAccountFactory.build(currency="KGS", payment_purpose_ru="Пожертвование")
    with pytest.raises(ValidationError) as error:
        account.clean()
    assert "payment_purpose_ru" in error.value.message_dict


def test_thank_you_page_query_count(client, post_pledge, django_assert_num_queries):
    """Page, the pledge and its bank account (the browser is known by a signed cookie, no session); site,
    ancestors, settings and navigation are cached."""
    url = post_pledge()["Location"]
    client.get(url)
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200


def test_demo_accounts_are_plainly_examples():
    for account in BankAccount.objects.all():
        assert "ДЕМО" in account.bank_name_ru and "DEMO" in account.bank_name_en
        assert set(account.account_number) == {"0"}


def test_fundraising_staff_edit_bank_accounts_in_the_admin(client, fundraiser):
    account = BankAccount.objects.get(currency="KGS")
    client.force_login(fundraiser)
    assert client.get(reverse("wagtailsnippets_donations_bankaccount:list")).status_code == 200
    response = client.get(reverse("wagtailsnippets_donations_bankaccount:edit", args=[account.pk]))
    assert response.status_code == 200
    assert 'name="bank_name_ky"' in response.content.decode()
