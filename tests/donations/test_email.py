"""The confirmation e-mail is a task enqueued after commit, in the donor's language; a failing server loses nothing.

Tasks run at once in tests (the immediate backend), so most tests here see the e-mail sent as the worker would;
the tests at the end store tasks in the database as production does and run the worker themselves.
"""

import smtplib
import socket
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

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
    "language, greeting",
    [("ru", "Спасибо за вашу заявку на пожертвование"), ("ky", "Убадаңыз үчүн рахмат"), ("en", "Thank you")],
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


def test_a_send_failure_is_raised_so_the_task_is_retried(settings):
    settings.EMAIL_BACKEND = FAILING
    pledge = PledgeFactory(email_status=Pledge.EmailStatus.PENDING)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        services.send_confirmation_email(pledge.pk)
    pledge.refresh_from_db()
    assert pledge.email_status == Pledge.EmailStatus.PENDING and pledge.email_attempts == 1


class HangingSMTPServer:
    """Accepts connections and never says a word, like a mail server that hangs; counts who connected."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.connections = []
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while self.running:
            try:
                connection, _address = self.socket.accept()
            except TimeoutError:
                continue
            self.connections.append(connection)

    def close(self):
        self.running = False
        self.thread.join()
        for connection in self.connections:
            connection.close()
        self.socket.close()


@pytest.fixture
def hanging_smtp(settings):
    server = HangingSMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 10
    yield server
    server.close()


def test_the_hanging_server_is_reached_by_an_smtp_client(hanging_smtp, settings):
    """The fixture's own check: a real SMTP client connects to it and times out waiting for the greeting."""
    with pytest.raises(smtplib.SMTPServerDisconnected, match="timed out"):
        smtplib.SMTP("127.0.0.1", hanging_smtp.port, timeout=0.2)
    assert len(hanging_smtp.connections) == 1


def test_a_pledge_with_a_hanging_mail_server_never_calls_it_in_the_request(
    post_pledge, hanging_smtp, database_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_pledge()
    assert response.status_code == 303
    assert hanging_smtp.connections == []
    pledge = Pledge.objects.get()
    assert pledge.email_status == Pledge.EmailStatus.PENDING and pledge.email_attempts == 0
    task = DBTaskResult.objects.get(task_path="donations.tasks.send_pledge_confirmation")
    assert task.status == TaskResultStatus.READY
    assert task.args_kwargs == {"args": [pledge.pk], "kwargs": {}}


def test_the_worker_gives_up_on_a_hanging_server_and_schedules_a_retry(
    post_pledge, hanging_smtp, settings, run_worker, django_capture_on_commit_callbacks
):
    settings.EMAIL_TIMEOUT = 0.3
    with django_capture_on_commit_callbacks(execute=True):
        post_pledge()
    run_worker()
    pledge = Pledge.objects.get()
    task = DBTaskResult.objects.get(task_path="donations.tasks.send_pledge_confirmation")
    assert len(hanging_smtp.connections) == 1
    assert pledge.email_status == Pledge.EmailStatus.PENDING
    assert pledge.email_last_error == "SMTPServerDisconnected: Connection unexpectedly closed: timed out"
    assert task.status == TaskResultStatus.READY and len(task.worker_ids) == 1
    assert task.run_after > task.enqueued_at


class BrokenQueue:
    """Stands in for the task when the queue cannot store it (the database refused the row)."""

    @staticmethod
    def enqueue(*args):
        from django.db import OperationalError

        raise OperationalError("could not store the task")


def test_a_pledge_is_kept_and_thanked_when_its_task_cannot_be_queued(
    client, post_pledge, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("donations.tasks.send_pledge_confirmation", BrokenQueue)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_pledge()
    assert response.status_code == 303
    assert Pledge.objects.get().email_status == Pledge.EmailStatus.PENDING  # left for send_pending_pledge_emails
    assert client.get(response["Location"]).status_code == 200
