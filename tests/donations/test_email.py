"""The confirmation e-mail is sent after commit in the donor's language; a failing server loses nothing."""

import pytest
from django.core import mail
from django.core.management import call_command

from donations import services
from donations.models import Pledge
from tests.donations.factories import PledgeFactory

pytestmark = pytest.mark.django_db

FAILING = "tests.donations.failing_backend.EmailBackend"


def test_confirmation_is_sent_after_commit_as_text_and_html(post_pledge, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_pledge(language="en")
    pledge = Pledge.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aigul@example.org"]
    assert pledge.reference in message.subject and pledge.reference in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and pledge.reference in html
    assert pledge.email_status == Pledge.EmailStatus.SENT and pledge.email_attempts == 1


@pytest.mark.parametrize(
    "language, greeting", [("ru", "Спасибо за ваше обещание"), ("ky", "Убадаңыз үчүн рахмат"), ("en", "Thank you")]
)
def test_confirmation_is_in_the_donors_language(post_pledge, django_capture_on_commit_callbacks, language, greeting):
    with django_capture_on_commit_callbacks(execute=True):
        post_pledge(language=language)
    assert greeting in mail.outbox[0].subject


def test_no_email_is_sent_before_the_pledge_is_committed(post_pledge, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_pledge()
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_failing_mail_server_keeps_the_pledge_and_still_thanks_the_donor(
    client, post_pledge, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        response = post_pledge()
    assert response.status_code == 303
    pledge = Pledge.objects.get()
    assert pledge.email_status == Pledge.EmailStatus.PENDING
    assert pledge.email_attempts == 1
    assert "SMTPServerDisconnected" in pledge.email_last_error
    assert client.get(response["Location"]).status_code == 200


def test_retry_command_sends_the_pending_email(post_pledge, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        post_pledge(language="ky")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_pledge_emails", verbosity=0)
    pledge = Pledge.objects.get()
    assert pledge.email_status == Pledge.EmailStatus.SENT
    assert pledge.email_attempts == 2
    assert len(mail.outbox) == 1 and pledge.reference in mail.outbox[0].subject


def test_retry_command_sends_each_email_once(settings):
    PledgeFactory(email_status=Pledge.EmailStatus.PENDING)
    call_command("send_pending_pledge_emails", verbosity=0)
    call_command("send_pending_pledge_emails", verbosity=0)
    assert len(mail.outbox) == 1


def test_email_is_marked_failed_after_the_last_attempt(settings):
    settings.EMAIL_BACKEND = FAILING
    settings.DONATIONS_EMAIL_MAX_ATTEMPTS = 2
    pledge = PledgeFactory(email_status=Pledge.EmailStatus.PENDING)
    services.send_pending_emails()
    services.send_pending_emails()
    pledge.refresh_from_db()
    assert pledge.email_status == Pledge.EmailStatus.FAILED
    assert pledge.email_attempts == 2
