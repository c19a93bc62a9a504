"""Who viewed, exported or changed pledges is in Wagtail's log: site history and each pledge's history."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from donations import audit
from tests.donations.factories import PledgeFactory

pytestmark = pytest.mark.django_db


def entries(action):
    return ModelLogEntry.objects.filter(action=action)


def test_viewing_a_pledge_logs_who_viewed_which_pledge(client, fundraiser):
    pledge = PledgeFactory()
    client.force_login(fundraiser)
    assert client.get(reverse("donations_admin:inspect", args=[pledge.pk])).status_code == 200
    entry = entries(audit.VIEW).get()
    assert (entry.object_id, entry.user, entry.label) == (str(pledge.pk), fundraiser, pledge.reference)


def test_a_refused_visit_logs_nothing(client, content_editor):
    pledge = PledgeFactory()
    client.force_login(content_editor)
    assert client.get(reverse("donations_admin:inspect", args=[pledge.pk])).status_code == 403
    assert not ModelLogEntry.objects.filter(action__startswith="donations.").exists()


def test_export_logs_the_format_the_filters_and_the_row_count(client, fundraiser):
    PledgeFactory.create_batch(2, currency="EUR")
    PledgeFactory(currency="KGS")
    client.force_login(fundraiser)
    response = client.get(reverse("donations_admin:export"), {"currency": "EUR", "export": "xlsx", "p": "2"})
    assert response.status_code == 200
    entry = entries(audit.EXPORT).get()
    assert entry.user == fundraiser
    assert entry.data == {"format": "xlsx", "filters": {"currency": "EUR"}, "rows": 2}


def test_csv_export_logs_the_search_text_too(client, fundraiser):
    PledgeFactory(donor_name="Бакыт")
    client.force_login(fundraiser)
    assert client.get(reverse("donations_admin:export"), {"q": "Бакыт"}).status_code == 200
    assert entries(audit.EXPORT).get().data == {"format": "csv", "filters": {"q": "Бакыт"}, "rows": 1}


def test_status_change_logs_who_and_from_to_but_not_the_note(client, fundraiser):
    pledge = PledgeFactory()
    client.force_login(fundraiser)
    url = reverse("donations_admin:inspect", args=[pledge.pk])
    assert client.post(url, {"status": "confirmed", "note": "Айгуль called"}).status_code == 302
    entry = entries(audit.STATUS).get()
    assert (entry.object_id, entry.user) == (str(pledge.pk), fundraiser)
    assert entry.data == {"from": "pledged", "to": "confirmed"}


def test_pledge_history_page_lists_views_and_status_changes(client, fundraiser):
    pledge = PledgeFactory()
    pledge.change_status("confirmed", user=fundraiser)
    client.force_login(fundraiser)
    client.get(reverse("donations_admin:inspect", args=[pledge.pk]))
    response = client.get(reverse("donations_admin:history", args=[pledge.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Viewed the pledge" in html
    assert "Status changed from “Pledged” to “Confirmed”" in html


def test_site_history_shows_pledge_entries_to_the_fundraising_team(client, fundraiser):
    pledge = PledgeFactory()
    client.force_login(fundraiser)
    client.get(reverse("donations_admin:export"), {"currency": "EUR"})
    client.get(reverse("donations_admin:inspect", args=[pledge.pk]))
    response = client.get(reverse("wagtailadmin_reports:site_history"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Exported 0 pledges as CSV; filters: currency=EUR" in html
    assert pledge.reference in html
    assert reverse("donations_admin:inspect", args=[pledge.pk]) in html


def test_site_history_hides_pledge_entries_from_other_staff(client, fundraiser, content_editor):
    pledge = PledgeFactory()
    audit.log_view(pledge, fundraiser)
    client.force_login(content_editor)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert pledge.reference not in response.content.decode()


def test_log_actions_have_russian_labels():
    with translation.override("ru"):
        labels = {str(registry.get_action_label(action)) for action in (audit.VIEW, audit.EXPORT, audit.STATUS)}
    assert labels == {"Просмотр заявки", "Выгрузка заявок", "Смена статуса заявки"}


def test_prune_command_deletes_only_old_pledge_entries(fundraiser):
    old, recent = PledgeFactory(), PledgeFactory()
    stale = audit.log_view(old, fundraiser)
    ModelLogEntry.objects.filter(pk=stale.pk).update(timestamp=timezone.now() - timedelta(days=1100))
    kept = audit.log_view(recent, fundraiser)
    other = ModelLogEntry.objects.create(
        content_type=stale.content_type, object_id="1", label="x", action="wagtail.edit", timestamp=stale.timestamp
    )
    ModelLogEntry.objects.filter(pk=other.pk).update(timestamp=timezone.now() - timedelta(days=1100))
    out = io.StringIO()
    call_command("prune_pledge_audit_log", "--older-than", "1095", stdout=out)
    assert set(ModelLogEntry.objects.values_list("pk", flat=True)) >= {kept.pk, other.pk}
    assert not ModelLogEntry.objects.filter(pk=stale.pk).exists()
    assert "Deleted 1 pledge audit-log entries" in out.getvalue()


def test_prune_command_refuses_a_zero_age():
    with pytest.raises(CommandError):
        call_command("prune_pledge_audit_log", "--older-than", "0")


def test_erasing_a_donor_blanks_logged_searches_for_them_and_keeps_the_rest(fundraiser):
    PledgeFactory(donor_name="Бакыт Осмонов", email="bakyt@example.kg")
    for_donor = audit.log_export(fundraiser, export_format="csv", filters={"q": "BAKYT@", "currency": "KGS"}, rows=1)
    for_name = audit.log_export(fundraiser, export_format="csv", filters={"q": "Осмонов"}, rows=1)
    unrelated = audit.log_export(fundraiser, export_format="csv", filters={"q": "Айгуль"}, rows=0)
    call_command("erase_donor", "bakyt@example.kg", stdout=io.StringIO())
    for entry in (for_donor, for_name, unrelated):
        entry.refresh_from_db()
    assert for_donor.data["filters"] == {"q": "…", "currency": "KGS"}
    assert for_name.data["filters"] == {"q": "…"}
    assert unrelated.data["filters"] == {"q": "Айгуль"}
