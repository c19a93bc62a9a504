"""The focal point's e-mail says a report is waiting, with a link: never what the report says."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import Site

from safeguarding import services
from safeguarding.models import SafeguardingSettings
from tests.safeguarding.factories import ConcernReportFactory

pytestmark = pytest.mark.django_db


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


def test_a_mail_failure_does_not_reach_the_reporter(focal_point_email, settings):
    settings.EMAIL_BACKEND = "tests.safeguarding.failing_backend.EmailBackend"
    assert services.send_new_report_notice(ConcernReportFactory().pk) is False
