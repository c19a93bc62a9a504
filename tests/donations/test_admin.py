"""Fundraising staff find, update and export pledges in the Wagtail admin; content editors are refused everywhere."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone

from donations.models import Pledge, PledgeStatusChange
from tests.donations.factories import PledgeFactory

pytestmark = pytest.mark.django_db


def pledge_urls(pledge):
    return [
        reverse("donations_admin:index"),
        reverse("donations_admin:index_results"),
        reverse("donations_admin:inspect", args=[pledge.pk]),
        reverse("donations_admin:history", args=[pledge.pk]),
        reverse("donations_admin:export"),
        reverse("donations_admin:export") + "?export=xlsx",
        reverse("donations_admin:dashboard"),
    ]


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def xlsx_sheet(response):
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return workbook.worksheets[0]


def xlsx_rows(response):
    rows = list(xlsx_sheet(response).iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_content_editor_gets_403_on_every_pledge_view_and_the_export(client, content_editor):
    pledge = PledgeFactory()
    client.force_login(content_editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # they do reach the admin
    for url in pledge_urls(pledge):
        assert client.get(url).status_code == 403, url
    detail = reverse("donations_admin:inspect", args=[pledge.pk])
    assert client.post(detail, {"status": "confirmed"}).status_code == 403
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PLEDGED


def test_content_editor_does_not_see_the_donations_menu(client, content_editor):
    client.force_login(content_editor)
    assert reverse("donations_admin:index") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_addresses_of_the_hand_made_admin_still_work(client, fundraiser):
    """README, the editors' guide and the permission matrix name these paths."""
    pledge = PledgeFactory()
    client.force_login(fundraiser)
    assert client.get("/admin/pledges/").status_code == 200
    assert client.get(f"/admin/pledges/{pledge.pk}/").status_code == 200
    assert client.get("/admin/pledges/export/").status_code == 200
    response = client.get("/admin/pledges/summary/")
    assert (response.status_code, response["Location"]) == (302, reverse("donations_admin:dashboard"))


@pytest.mark.parametrize("name", ["add", "edit", "delete", "copy", "usage"])
def test_no_add_edit_or_delete_url_is_named(name):
    with pytest.raises(NoReverseMatch):
        reverse(f"donations_admin:{name}", args=[1])


@pytest.mark.parametrize("url", ["/admin/pledges/new/", "/admin/pledges/edit/1/", "/admin/pledges/delete/1/"])
def test_no_add_edit_or_delete_path_resolves_to_a_pledge_view(url):
    try:
        match = resolve(url)
    except Resolver404:
        return
    assert match.namespace != "donations_admin"


@pytest.mark.parametrize("action", ["add", "delete"])
def test_permission_policy_never_grants_add_or_delete_even_to_superusers(superuser, action):
    from donations.admin_views import permission_policy

    assert not permission_policy.user_has_permission(superuser, action)
    assert permission_policy.user_has_permission(superuser, "change")


def test_list_page_offers_no_add_button(client, fundraiser):
    client.force_login(fundraiser)
    response = client.get(reverse("donations_admin:index"))
    assert response.status_code == 200
    assert response.context["can_add"] is False


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("donations_admin:export"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("user_fixture", ["fundraiser", "superuser"])
def test_fundraising_staff_and_superusers_reach_every_pledge_view(client, request, user_fixture):
    pledge = PledgeFactory()
    client.force_login(request.getfixturevalue(user_fixture))
    for url in pledge_urls(pledge):
        assert client.get(url).status_code == 200, url


def test_fundraising_group_has_exactly_its_permissions():
    codenames = set(Group.objects.get(name="Fundraising").permissions.values_list("codename", flat=True))
    pledges = {"access_admin", "view_pledge", "change_pledge", "export_pledge", "change_pledgesettings"}
    actions = ("add", "change", "view", "delete")
    snippets = {f"{action}_{model}" for model in ("bankaccount", "campaign") for action in actions}
    assert codenames == pledges | snippets


def test_list_filters_by_status_currency_frequency_and_language(client, fundraiser):
    wanted = PledgeFactory(status="confirmed", currency="USD", frequency="monthly", language="ky")
    PledgeFactory(status="confirmed", currency="USD", frequency="one_off", language="ky")
    PledgeFactory(status="pledged", currency="USD", frequency="monthly", language="ky")
    client.force_login(fundraiser)
    response = client.get(
        reverse("donations_admin:index"),
        {"status": "confirmed", "currency": "USD", "frequency": "monthly", "language": "ky"},
    )
    assert [p.pk for p in response.context["page_obj"]] == [wanted.pk]


def test_list_filters_by_date_range(client, fundraiser):
    old = PledgeFactory(created_at=timezone.now() - timedelta(days=40))
    PledgeFactory()
    client.force_login(fundraiser)
    day = timezone.localdate(old.created_at).isoformat()
    response = client.get(reverse("donations_admin:index"), {"created_from": day, "created_to": day})
    assert [p.pk for p in response.context["page_obj"]] == [old.pk]


def test_list_filters_by_designation_and_where_most_needed(client, fundraiser, home_page):
    designated = PledgeFactory(designation=home_page, designation_title="Главная")
    most_needed = PledgeFactory()
    client.force_login(fundraiser)
    url = reverse("donations_admin:index")
    assert [p.pk for p in client.get(url, {"designation": home_page.pk}).context["page_obj"]] == [designated.pk]
    assert [p.pk for p in client.get(url, {"designation": "most-needed"}).context["page_obj"]] == [most_needed.pk]


@pytest.mark.parametrize("query", ["reference", "name", "email"])
def test_search_finds_by_reference_name_and_email(client, fundraiser, query):
    wanted = PledgeFactory(donor_name="Бакыт Осмонов", email="bakyt@example.kg")
    PledgeFactory()
    # (SQLite folds only ASCII case; PostgreSQL folds Cyrillic too.)
    text = {"reference": wanted.reference.lower(), "name": "Осмонов", "email": "BAKYT@"}[query]
    client.force_login(fundraiser)
    response = client.get(reverse("donations_admin:index"), {"q": text})
    assert [p.pk for p in response.context["page_obj"]] == [wanted.pk]


def test_invalid_filter_shows_nothing_rather_than_everything(client, fundraiser):
    PledgeFactory()
    client.force_login(fundraiser)
    response = client.get(reverse("donations_admin:index"), {"currency": "GBP"})
    assert response.status_code == 200 and list(response.context["page_obj"]) == []


def test_status_change_records_who_when_from_to_and_note(client, fundraiser):
    pledge = PledgeFactory()
    client.force_login(fundraiser)
    response = client.post(
        reverse("donations_admin:inspect", args=[pledge.pk]), {"status": "confirmed", "note": "Called the donor"}
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    change = PledgeStatusChange.objects.get(pledge=pledge)
    assert pledge.status == "confirmed"
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (
        "pledged",
        "confirmed",
        fundraiser,
        "Called the donor",
    )
    assert "Called the donor" in client.get(reverse("donations_admin:inspect", args=[pledge.pk])).content.decode()


def test_status_history_columns_speak_russian_to_russian_staff(client, fundraiser):
    pledge = PledgeFactory()
    pledge.change_status("confirmed", user=fundraiser, note="Позвонили")
    client.force_login(fundraiser)
    html = client.get(reverse("donations_admin:inspect", args=[pledge.pk]), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<th scope="col">Было</th><th scope="col">Стало</th>' in html
    assert "Позвонили" in html


def test_status_cannot_jump_to_a_status_not_allowed_from_the_current_one(client, fundraiser):
    pledge = PledgeFactory()
    client.force_login(fundraiser)
    response = client.post(reverse("donations_admin:inspect", args=[pledge.pk]), {"status": "fulfilled"})
    assert response.status_code == 400
    assert not PledgeStatusChange.objects.exists()


def test_export_contains_exactly_the_filtered_pledges(client, fundraiser):
    wanted = [PledgeFactory(currency="EUR"), PledgeFactory(currency="EUR", status="cancelled")]
    PledgeFactory(currency="KGS")
    client.force_login(fundraiser)
    response = client.get(reverse("donations_admin:export"), {"currency": "EUR"})
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert sorted(row["reference"] for row in rows) == sorted(p.reference for p in wanted)
    assert {row["currency"] for row in rows} == {"EUR"}


FORMULAS = ['=HYPERLINK("http://evil")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("payload", FORMULAS)
def test_csv_export_neutralises_spreadsheet_formulas(client, fundraiser, payload):
    PledgeFactory(donor_name=payload, phone=payload)
    client.force_login(fundraiser)
    row = csv_rows(client.get(reverse("donations_admin:export")))[0]
    assert row["name"] == f"'{payload}"
    assert row["phone"] == f"'{payload}"


@pytest.mark.parametrize("payload", FORMULAS)
def test_xlsx_export_neutralises_spreadsheet_formulas(client, fundraiser, payload):
    PledgeFactory(donor_name=payload, phone=payload)
    client.force_login(fundraiser)
    response = client.get(reverse("donations_admin:export"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = xlsx_sheet(response)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    row = dict(zip([cell.value for cell in sheet[1]], [cell.value for cell in sheet[2]], strict=True))
    assert row["name"] == f"'{payload}"
    assert row["phone"] == f"'{payload}"


def test_xlsx_export_contains_the_filtered_pledges_with_numeric_amounts(client, fundraiser):
    wanted = PledgeFactory(currency="EUR", amount=Decimal("25.50"))
    PledgeFactory(currency="KGS")
    client.force_login(fundraiser)
    response = client.get(reverse("donations_admin:export"), {"export": "xlsx", "currency": "EUR"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert [(row["reference"], row["amount"]) for row in xlsx_rows(response)] == [(wanted.reference, 25.5)]


def test_list_export_buttons_point_at_the_export_with_the_same_filters(client, fundraiser):
    client.force_login(fundraiser)
    html = client.get(reverse("donations_admin:index"), {"currency": "EUR"}).content.decode()
    assert f"{reverse('donations_admin:export')}?currency=EUR&amp;export=csv" in html
    assert f"{reverse('donations_admin:export')}?currency=EUR&amp;export=xlsx" in html


def test_export_is_not_kept_by_caches_and_names_the_day(client, fundraiser):
    client.force_login(fundraiser)
    response = client.get(reverse("donations_admin:export"))
    assert "no-store" in response["Cache-Control"]
    assert f'filename="pledges-{timezone.localdate():%Y-%m-%d}.csv"' in response["Content-Disposition"]


def test_user_who_may_view_but_not_export_gets_403_on_the_export(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", "viewer@example.org", "password")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_pledge"]))
    client.force_login(user)
    assert client.get(reverse("donations_admin:index")).status_code == 200
    assert client.get(reverse("donations_admin:export")).status_code == 403
    assert client.get(reverse("donations_admin:export"), {"export": "xlsx"}).status_code == 403
    html = client.get(reverse("donations_admin:index")).content.decode()
    assert reverse("donations_admin:export") not in html


LIST_QUERIES = 12


def test_admin_list_keeps_a_fixed_number_of_queries(client, fundraiser, django_assert_num_queries):
    PledgeFactory.create_batch(3)
    client.force_login(fundraiser)
    client.get(reverse("donations_admin:index"))
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(reverse("donations_admin:index")).status_code == 200
    PledgeFactory.create_batch(20)
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(reverse("donations_admin:index")).status_code == 200


def test_pledges_are_not_listed_in_a_page_usage(home_page):
    from wagtail.models import ReferenceIndex

    assert not ReferenceIndex.is_indexed(Pledge)
