"""The "report a concern" form: valid reports are stored; junk is refused with a 4xx, never a 5xx."""

import re
import time

import pytest
from django.core import mail

from pages import abuse
from safeguarding.models import ConcernReport, SafeguardingSettings
from safeguarding.views import TOKEN_SALT

pytestmark = pytest.mark.django_db


def fresh_token(seconds_ago=60):
    return abuse.make_form_token(TOKEN_SALT, issued_at=time.time() - seconds_ago)


def valid_data(**changes):
    data = {
        "what_happened": "A girl from the neighbouring house told me an adult hits her.",
        "where": "Cholpon-Ata",
        "when": "Yesterday",
        "child_at_risk": "not_sure",
        "name": "",
        "contact": "",
        "website": "",
        "form_token": fresh_token(),
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_the_page_shows_the_form_and_the_emergency_numbers(client, report_page, language):
    with __import__("django.utils.translation", fromlist=["override"]).override(language):
        url = report_page.url
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{language}"' in html
    assert 'href="tel:102"' in html and 'href="tel:111"' in html
    assert 'name="what_happened"' in html and 'name="form_token"' in html
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_valid_report_is_stored_and_the_reporter_sees_the_thank_you_page(client, report_page):
    response = client.post(report_page.url, valid_data(), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][1] == 303
    report = ConcernReport.objects.get()
    assert report.what_happened.startswith("A girl from the neighbouring house")
    assert report.status == ConcernReport.Status.NEW
    assert report.language == "ru"
    assert report.name == "" and report.contact == ""


def test_a_child_at_risk_now_brings_the_emergency_numbers_to_the_thank_you_page(client, report_page):
    response = client.post(report_page.url, valid_data(child_at_risk="yes"), follow=True)
    assert response.redirect_chain[-1][0].endswith("?risk=yes")
    assert 'class="emergency-note"' in response.content.decode()


def test_a_report_in_kyrgyz_records_its_language(client, report_page):
    from django.utils import translation

    with translation.override("ky"):
        url = report_page.url
    client.post(url, valid_data())
    assert ConcernReport.objects.get().language == "ky"


def test_sending_the_same_form_twice_stores_one_report(client, report_page):
    data = valid_data()
    client.post(report_page.url, data)
    response = client.post(report_page.url, data)
    assert response.status_code == 303
    assert ConcernReport.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"what_happened": ""}, "Please tell us what happened."),
        ({"what_happened": "help"}, "Please write a little more about what happened."),
        ({"child_at_risk": ""}, "Please answer whether a child is in danger right now."),
        ({"child_at_risk": "maybe; DROP TABLE"}, "Please choose one of the answers."),
        ({"what_happened": "x" * 5001}, "5000"),
        ({"website": "http://spam.example"}, "we could not accept the form"),
        ({"form_token": "forged"}, "This form was open for a long time"),
        ({"form_token": ""}, "This form was open for a long time"),
        ({"form_token": "just shown"}, "That was very quick!"),
        ({"form_token": "shown 3 days ago"}, "This form was open for a long time"),
    ],
)
def test_junk_is_refused_with_a_400_and_a_clear_message(client, report_page, changes, message):
    from django.utils import translation

    with translation.override("en"):
        url = report_page.url
    ages = {"just shown": 0, "shown 3 days ago": 3 * 24 * 3600}
    if changes.get("form_token") in ages:
        changes["form_token"] = fresh_token(seconds_ago=ages[changes["form_token"]])
    response = client.post(url, valid_data(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ConcernReport.objects.exists()


def test_control_characters_are_dropped(client, report_page):
    response = client.post(report_page.url, valid_data(what_happened="Something bad \x07happened\x1b here."))
    assert response.status_code == 303
    assert ConcernReport.objects.get().what_happened == "Something bad happened here."


def test_a_nul_byte_is_a_400_not_a_500(client, report_page):
    response = client.post(report_page.url, valid_data(what_happened="Something\x00 bad happened here."))
    assert response.status_code == 400
    assert not ConcernReport.objects.exists()


def test_a_refused_form_keeps_what_was_typed(client, report_page):
    response = client.post(report_page.url, valid_data(website="spam", where="Naryn village"))
    assert 'value="Naryn village"' in response.content.decode()


def test_too_many_reports_from_one_address_get_a_429_page(client, report_page, settings):
    settings.SAFEGUARDING_REPORT_RATE_LIMIT = 2
    for _ in range(2):
        client.post(report_page.url, valid_data())
    response = client.post(report_page.url, valid_data())
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert 'href="tel:102"' in response.content.decode()
    assert ConcernReport.objects.count() == 2


def test_other_methods_are_refused(client, report_page):
    assert client.put(report_page.url).status_code == 405


def test_the_notification_is_sent_after_the_report_is_stored(client, report_page, django_capture_on_commit_callbacks):
    settings = SafeguardingSettings.for_site(report_page.get_site())
    settings.focal_point_email = "focal.point@example.org"
    settings.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(report_page.url, valid_data())
    assert len(mail.outbox) == 0  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_the_honeypot_is_hidden_from_people(client, report_page):
    html = client.get(report_page.url).content.decode()
    assert re.search(r'<div class="concern-honeypot" aria-hidden="true">', html)
    assert re.search(r'name="website"[^>]*tabindex="-1"', html)


def test_a_report_sent_while_mail_is_down_is_kept_with_its_alert_waiting(
    client, report_page, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.safeguarding.failing_backend.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(report_page.url, valid_data())
    assert response.status_code == 303
    report = ConcernReport.objects.get()
    assert report.alert_status == ConcernReport.AlertStatus.PENDING
    assert report.alert_last_error.startswith(("SMTPServerDisconnected", "NoRecipient"))


def test_the_report_request_only_queues_the_alert(
    client, report_page, database_tasks, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        client.post(report_page.url, valid_data())
    report = ConcernReport.objects.get()
    task = DBTaskResult.objects.get(task_path="safeguarding.tasks.send_report_alert")
    assert task.args_kwargs == {"args": [report.pk], "kwargs": {}}
    assert report.alert_status == ConcernReport.AlertStatus.PENDING and report.alert_attempts == 0
    assert mail.outbox == []


class BrokenQueue:
    """Stands in for the task when the queue cannot store it (the database refused the row)."""

    @staticmethod
    def enqueue(*args):
        from django.db import OperationalError

        raise OperationalError("could not store the task")


def test_a_report_is_kept_and_acknowledged_when_its_alert_cannot_be_queued(
    client, report_page, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("safeguarding.tasks.send_report_alert", BrokenQueue)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(report_page.url, valid_data())
    assert response.status_code == 303
    assert ConcernReport.objects.get().alert_status == ConcernReport.AlertStatus.PENDING
