"""Who opened or changed a concern report is logged in Wagtail's log, seen only by the safeguarding team."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from pages import audit
from safeguarding.models import ConcernReport
from tests.safeguarding.factories import ConcernReportFactory

pytestmark = pytest.mark.django_db


def entries(report):
    return list(ModelLogEntry.objects.for_instance(report).order_by("id").values_list("action", "user__username"))


def test_opening_a_report_is_logged_with_who_opened_it(client, safeguarding_officer):
    report = ConcernReportFactory()
    client.force_login(safeguarding_officer)
    assert client.get(reverse("safeguarding_reports:detail", args=[report.pk])).status_code == 200
    assert entries(report) == [(audit.VIEWED, "safeguarding-officer")]


def test_a_status_change_is_logged_with_both_statuses(client, safeguarding_officer):
    report = ConcernReportFactory()
    client.force_login(safeguarding_officer)
    url = reverse("safeguarding_reports:detail", args=[report.pk])
    response = client.post(url, {"status": ConcernReport.Status.IN_REVIEW, "note": ""})
    assert response.status_code == 302
    entry = ModelLogEntry.objects.for_instance(report).get(action=audit.STATUS_CHANGED)
    assert entry.user == safeguarding_officer
    assert str(entry.message) == "Статус изменён с «Новое» на «На рассмотрении»"


def test_a_refused_visitor_leaves_no_entry(client, other_staff):
    report = ConcernReportFactory()
    client.force_login(other_staff)
    assert client.get(reverse("safeguarding_reports:detail", args=[report.pk])).status_code == 403
    assert entries(report) == []


def test_the_log_entry_names_the_report_but_holds_none_of_its_content(client, safeguarding_officer):
    report = ConcernReportFactory()
    client.force_login(safeguarding_officer)
    client.get(reverse("safeguarding_reports:detail", args=[report.pk]))
    entry = ModelLogEntry.objects.for_instance(report).get()
    assert entry.label == str(report)
    assert report.what_happened not in str(entry.data) and report.name not in entry.label


def test_site_history_shows_the_entries_to_the_safeguarding_team_only(client, safeguarding_officer, other_staff):
    report = ConcernReportFactory()
    client.force_login(safeguarding_officer)
    client.get(reverse("safeguarding_reports:detail", args=[report.pk]))
    history = client.get(reverse("wagtailadmin_reports:site_history"))
    assert history.status_code == 200
    assert str(report) in history.content.decode()
    client.force_login(other_staff)
    history = client.get(reverse("wagtailadmin_reports:site_history"))
    assert history.status_code == 200
    assert str(report) not in history.content.decode()


def test_the_report_page_lists_who_opened_it(client, safeguarding_officer):
    report = ConcernReportFactory()
    client.force_login(safeguarding_officer)
    client.get(reverse("safeguarding_reports:detail", args=[report.pk]))
    html = client.get(reverse("safeguarding_reports:detail", args=[report.pk])).content.decode()
    assert html.count("safeguarding-officer: Просмотрено") == 2
