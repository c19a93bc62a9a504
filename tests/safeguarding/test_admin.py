"""Only the Safeguarding group and superusers may list or read reports; every other role gets 403."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from safeguarding.models import ConcernReport
from tests.safeguarding.factories import ConcernReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(db):
    return ConcernReportFactory(what_happened="Detail-4471: a child sleeps outside.")


def report_urls(report):
    return [
        reverse("safeguarding_reports:index"),
        reverse("safeguarding_reports:index_results"),
        reverse("safeguarding_reports:detail", args=[report.pk]),
    ]


def test_the_safeguarding_group_has_exactly_its_permissions():
    codenames = set(Group.objects.get(name="Safeguarding").permissions.values_list("codename", flat=True))
    assert codenames == {"access_admin", "view_concernreport", "change_concernreport", "change_safeguardingsettings"}


def test_a_safeguarding_officer_lists_and_reads_reports(client, safeguarding_officer, report):
    client.force_login(safeguarding_officer)
    for url in report_urls(report):
        assert client.get(url).status_code == 200
    assert "Detail-4471" in client.get(report_urls(report)[2]).content.decode()


def test_a_superuser_lists_and_reads_reports(admin_client, report):
    for url in report_urls(report):
        assert admin_client.get(url).status_code == 200


def test_every_other_role_gets_403_on_every_url(client, other_staff, report):
    client.force_login(other_staff)
    for url in report_urls(report):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Detail-4471" not in response.content.decode()
    response = client.post(report_urls(report)[2], {"status": "closed", "note": ""})
    assert response.status_code == 403
    assert ConcernReport.objects.get(pk=report.pk).status == ConcernReport.Status.NEW


def test_other_roles_do_not_see_the_menu_item(client, other_staff):
    client.force_login(other_staff)
    assert reverse("safeguarding_reports:index") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_officer_sees_the_menu_item(client, safeguarding_officer):
    client.force_login(safeguarding_officer)
    assert reverse("safeguarding_reports:index") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_changing_the_status_records_who_when_and_why(client, safeguarding_officer, report):
    client.force_login(safeguarding_officer)
    url = reverse("safeguarding_reports:detail", args=[report.pk])
    response = client.post(url, {"status": "in_review", "note": "Called the family doctor."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ConcernReport.Status.IN_REVIEW
    change = report.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == ("new", "in_review", safeguarding_officer)
    assert change.note == "Called the family doctor."
    assert "Called the family doctor." in client.get(url).content.decode()


def test_an_invalid_status_is_a_400_not_a_500(client, safeguarding_officer, report):
    client.force_login(safeguarding_officer)
    url = reverse("safeguarding_reports:detail", args=[report.pk])
    assert client.post(url, {"status": "deleted"}).status_code == 400
    assert client.post(url, {"status": "new"}).status_code == 400  # already new


def test_the_list_filters_by_status(client, safeguarding_officer, report):
    closed = ConcernReportFactory(status=ConcernReport.Status.CLOSED)
    client.force_login(safeguarding_officer)
    response = client.get(reverse("safeguarding_reports:index"), {"status": "closed"})
    assert list(response.context["object_list"]) == [closed]


def test_a_missing_report_is_a_404(client, safeguarding_officer):
    client.force_login(safeguarding_officer)
    assert client.get(reverse("safeguarding_reports:detail", args=[999999]), follow=True).status_code == 404


def test_wagtail_history_holds_who_changed_a_report_but_not_the_note(client, safeguarding_officer, report):
    from wagtail.models import ModelLogEntry

    client.force_login(safeguarding_officer)
    client.post(reverse("safeguarding_reports:detail", args=[report.pk]), {"status": "closed", "note": "Done"})
    entry = ModelLogEntry.objects.get(content_type__app_label="safeguarding")
    assert entry.user == safeguarding_officer
    assert "Done" not in str(entry.data)


def test_the_list_shows_and_filters_undelivered_alerts(client, safeguarding_officer):
    waiting = ConcernReportFactory(alert_status=ConcernReport.AlertStatus.PENDING)
    ConcernReportFactory(alert_status=ConcernReport.AlertStatus.SENT)
    client.force_login(safeguarding_officer)
    response = client.get(reverse("safeguarding_reports:index"), {"alert": "undelivered"})
    assert response.status_code == 200
    assert [report.pk for report in response.context["object_list"]] == [waiting.pk]


def test_the_dashboard_warns_the_safeguarding_group_of_undelivered_alerts(client, safeguarding_officer):
    ConcernReportFactory(alert_status=ConcernReport.AlertStatus.FAILED)
    client.force_login(safeguarding_officer)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert f"{reverse('safeguarding_reports:index')}?alert=undelivered" in response.content.decode()


def test_the_dashboard_of_other_staff_says_nothing_about_alerts(client, other_staff):
    ConcernReportFactory(alert_status=ConcernReport.AlertStatus.FAILED)
    client.force_login(other_staff)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "alert=undelivered" not in response.content.decode()
