"""Monthly donors get one reminder a month with the payment details, and can stop them with a signed link."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from donations import reminders
from donations.models import DonatePage, Pledge, PledgeStatusChange
from tests.donations.factories import PledgeFactory

pytestmark = pytest.mark.django_db


def last_month():
    return timezone.now() - timedelta(days=40)


@pytest.fixture
def monthly_pledge(donate_page):
    return PledgeFactory(frequency="monthly", language="ky", created_at=last_month(), source_page=donate_page)


def stop_path(pledge):
    return reminders.stop_url(pledge).removeprefix("http://localhost")


def test_monthly_pledge_gets_a_reminder_in_the_donors_language_with_the_payment_details(monthly_pledge):
    call_command("send_monthly_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [monthly_pledge.email]
    assert monthly_pledge.reference in message.subject and "Ай сайынкы" in message.subject
    assert "ДЕМО — үлгү, чыныгы эсеп эмес" in message.body
    assert f"Кайрымдуулук жардамы, убада {monthly_pledge.reference}" in message.body
    link = re.search(r"https?://\S+/stop-reminders/\S+/", message.body).group(0)
    assert "/ky/" in link
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"


def test_a_second_run_in_the_same_month_sends_nothing(monthly_pledge):
    call_command("send_monthly_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_monthly_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    monthly_pledge.refresh_from_db()
    assert monthly_pledge.last_reminded_on == timezone.localdate()


def test_next_month_brings_the_next_reminder(monthly_pledge):
    today = timezone.localdate()
    assert reminders.enqueue_due(today) == 1
    next_month = (today.replace(day=28) + timedelta(days=5)).replace(day=2)
    assert reminders.enqueue_due(next_month) == 1
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"frequency": "one_off"},
        {"created_at": timezone.now()},  # made this month: its confirmation already has the details
        {"status": "cancelled"},
        {"reminders_stopped_at": timezone.now()},
        {"email": ""},
    ],
    ids=["one-off", "new this month", "cancelled", "stopped", "no e-mail"],
)
def test_pledges_that_should_not_be_reminded_are_not(donate_page, fields):
    PledgeFactory(**{"frequency": "monthly", "created_at": last_month(), "source_page": donate_page, **fields})
    assert reminders.enqueue_due() == 0
    assert mail.outbox == []


def test_stop_link_asks_before_stopping(client, monthly_pledge):
    response = client.get(stop_path(monthly_pledge))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Эскертмелерди токтотуу" in html and 'method="post"' in html
    monthly_pledge.refresh_from_db()
    assert monthly_pledge.reminders_stopped_at is None


def test_stop_link_stops_the_reminders_records_it_and_confirms_in_the_donors_language(client, monthly_pledge):
    response = client.post(stop_path(monthly_pledge))
    assert response.status_code == 200
    assert f"Даяр: {monthly_pledge.reference} убадасы боюнча" in response.content.decode()
    monthly_pledge.refresh_from_db()
    assert monthly_pledge.reminders_stopped_at is not None
    change = PledgeStatusChange.objects.get(pledge=monthly_pledge)
    assert change.note == "Жертвователь отключил ежемесячные напоминания по ссылке из письма-напоминания."
    assert change.from_status == change.to_status == "pledged"
    assert reminders.enqueue_due() == 0


def test_stop_link_works_once(client, monthly_pledge):
    client.post(stop_path(monthly_pledge))
    response = client.post(stop_path(monthly_pledge))
    assert response.status_code == 200
    assert "мурунтан эле токтотулган" in response.content.decode()
    assert PledgeStatusChange.objects.filter(pledge=monthly_pledge).count() == 1


def test_tampered_stop_link_is_refused_with_a_message(client, monthly_pledge):
    path = stop_path(monthly_pledge)
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    response = client.post(tampered)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert Pledge.objects.get().reminders_stopped_at is None


def test_stop_link_of_a_one_off_pledge_is_refused(client, donate_page):
    pledge = PledgeFactory(frequency="one_off", source_page=donate_page)
    page = DonatePage.objects.get()
    path = page.url + page.reverse_subpage("stop_reminders", args=[reminders.make_stop_token(pledge)])
    assert client.post(path).status_code == 400


def test_reminder_is_not_sent_once_the_donor_stopped_after_it_was_enqueued(monthly_pledge):
    from donations import services

    reminders.stop(monthly_pledge)
    assert services.send_reminder_email(monthly_pledge.pk) is False
    assert mail.outbox == []
