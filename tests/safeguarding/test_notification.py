"""The focal point's e-mail says a report is waiting, with a link: never what the report says.

It is sent by a background task and its delivery is recorded on the report, so mail being down loses nothing.
"""

import smtplib

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks_db.models import DBTaskResult
from wagtail.models import Site

from safeguarding import services
from safeguarding.models import ConcernReport, SafeguardingSettings
from tests.safeguarding.factories import ConcernReportFactory

pytestmark = pytest.mark.django_db

FAILING = "tests.safeguarding.failing_backend.EmailBackend"


@pytest.fixture
def focal_point_email(db):
    settings = SafeguardingSettings.for_site(Site.objects.get(is_default_site=True))
    settings.focal_point_email = "focal.point@example.org"
    settings.save()
    return settings.focal_point_email


def test_the_notice_goes_to_the_focal_point_with_a_link_to_the_report(focal_point_email):
    report = ConcernReportFactory()
    assert services.send_new_report_notice(report.pk)
    message = mail.outbox[0]
    assert message.to == [focal_point_email]
    assert f"/admin/safeguarding/reports/{report.pk}/" in message.body


def test_the_notice_carries_no_report_content(focal_point_email):
    report = ConcernReportFactory(
        name="Гульнара Токтосунова",
        contact="secret-contact@example.org",
        what_happened="Unique-detail-7731 about the child",
        where="Karakol, street 12",
        when="Monday morning",
    )
    services.send_new_report_notice(report.pk)
    message = mail.outbox[0]
    text = " ".join([message.subject, message.body, *message.to, str(message.extra_headers)])
    for secret in ("Гульнара", "secret-contact", "Unique-detail-7731", "Karakol", "Monday morning"):
        assert secret not in text
    assert not message.attachments


def test_without_a_focal_point_email_the_safeguarding_group_is_told(django_user_model):
    user = django_user_model.objects.create_user("officer", "officer@example.org", "password")
    user.groups.add(Group.objects.get(name="Safeguarding"))
    services.send_new_report_notice(ConcernReportFactory().pk)
    assert mail.outbox[0].to == ["officer@example.org"]


def test_a_sent_alert_is_recorded_on_the_report(focal_point_email):
    report = ConcernReportFactory()
    services.send_new_report_notice(report.pk)
    report.refresh_from_db()
    assert report.alert_status == ConcernReport.AlertStatus.SENT
    assert report.alert_attempts == 1 and report.alert_sent_at is not None


def test_an_alert_is_sent_once(focal_point_email):
    report = ConcernReportFactory()
    assert services.send_new_report_notice(report.pk) is True
    assert services.send_new_report_notice(report.pk) is False
    assert len(mail.outbox) == 1


def test_a_mail_failure_is_recorded_and_raised_for_a_retry(focal_point_email, settings):
    settings.EMAIL_BACKEND = FAILING
    report = ConcernReportFactory()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        services.send_new_report_notice(report.pk)
    report.refresh_from_db()
    assert report.alert_status == ConcernReport.AlertStatus.PENDING
    assert report.alert_attempts == 1
    assert report.alert_last_error == "SMTPServerDisconnected: Connection unexpectedly closed"


def test_the_error_recorded_carries_nothing_from_the_report(focal_point_email, settings):
    settings.EMAIL_BACKEND = FAILING
    report = ConcernReportFactory(what_happened="Unique-detail-4410 about the child")
    with pytest.raises(smtplib.SMTPServerDisconnected):
        services.send_new_report_notice(report.pk)
    report.refresh_from_db()
    assert "Unique-detail-4410" not in report.alert_last_error


def test_without_anyone_to_tell_the_alert_waits_for_a_retry(db):
    report = ConcernReportFactory()
    with pytest.raises(services.NoRecipient):
        services.send_new_report_notice(report.pk)
    report.refresh_from_db()
    assert report.alert_status == ConcernReport.AlertStatus.PENDING
    assert report.alert_last_error.startswith("NoRecipient:")


def test_the_alert_is_marked_failed_after_the_last_attempt(focal_point_email, settings):
    settings.EMAIL_BACKEND = FAILING
    settings.SAFEGUARDING_ALERT_MAX_ATTEMPTS = 2
    report = ConcernReportFactory()
    for _attempt in range(2):
        with pytest.raises(smtplib.SMTPServerDisconnected):
            services.send_new_report_notice(report.pk)
    report.refresh_from_db()
    assert report.alert_status == ConcernReport.AlertStatus.FAILED


def test_a_failed_alert_is_retried_by_the_worker_with_back_off_then_sent(
    focal_point_email, settings, run_worker, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    report = ConcernReportFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_new_report_notice(report)
    run_worker()
    queued = DBTaskResult.objects.get(task_path="safeguarding.tasks.send_report_alert")
    assert queued.status == "READY" and len(queued.worker_ids) == 1  # back in the queue, not due yet
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(pk=queued.pk).update(run_after=queued.enqueued_at)
    run_worker()
    report.refresh_from_db()
    assert report.alert_status == ConcernReport.AlertStatus.SENT and report.alert_attempts == 2
    assert len(mail.outbox) == 1


def test_the_retry_command_sends_waiting_and_given_up_alerts(focal_point_email):
    waiting = ConcernReportFactory()
    given_up = ConcernReportFactory(alert_status=ConcernReport.AlertStatus.FAILED, alert_attempts=10)
    ConcernReportFactory(alert_status=ConcernReport.AlertStatus.SENT)
    ConcernReportFactory(alert_status=ConcernReport.AlertStatus.UNTRACKED)
    call_command("send_pending_safeguarding_alerts", verbosity=0)
    assert len(mail.outbox) == 2
    for report in (waiting, given_up):
        report.refresh_from_db()
        assert report.alert_status == ConcernReport.AlertStatus.SENT


def test_the_retry_command_fails_while_alerts_stay_undelivered(focal_point_email, settings):
    settings.EMAIL_BACKEND = FAILING
    ConcernReportFactory()
    with pytest.raises(CommandError, match="1 safeguarding alert"):
        call_command("send_pending_safeguarding_alerts", verbosity=0)
