"""Personal data: anonymising old pledges and erasing one donor keep the amounts for reports."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from donations.models import Pledge, PledgeStatusChange
from tests.donations.factories import PledgeFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def test_anonymise_removes_identity_of_old_pledges_and_keeps_amounts():
    old = PledgeFactory(created_at=days_ago(400), phone="+996 700 000000", amount=Decimal("2500"), status="fulfilled")
    PledgeStatusChange.objects.create(pledge=old, from_status="pledged", to_status="confirmed", note="Aigul called")
    recent = PledgeFactory(created_at=days_ago(10))
    call_command("anonymise_pledges", "--older-than", "365", verbosity=0)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.donor_name, old.email, old.phone) == ("", "", "")
    assert old.anonymised_at is not None
    assert (old.amount, old.currency, old.status) == (Decimal("2500"), "KGS", "fulfilled")
    assert PledgeStatusChange.objects.get(pledge=old).note == ""
    assert recent.email and recent.anonymised_at is None


def test_anonymise_keeps_confirmed_pledges_unless_asked():
    confirmed = PledgeFactory(created_at=days_ago(400), status="confirmed")
    call_command("anonymise_pledges", "--older-than", "365", verbosity=0)
    confirmed.refresh_from_db()
    assert confirmed.email
    call_command("anonymise_pledges", "--older-than", "365", "--include-confirmed", verbosity=0)
    confirmed.refresh_from_db()
    assert confirmed.email == ""


def test_anonymise_dry_run_changes_nothing():
    pledge = PledgeFactory(created_at=days_ago(400))
    call_command("anonymise_pledges", "--older-than", "30", "--dry-run", verbosity=0)
    pledge.refresh_from_db()
    assert pledge.anonymised_at is None


def test_anonymise_refuses_zero_days():
    with pytest.raises(CommandError):
        call_command("anonymise_pledges", "--older-than", "0")


def test_anonymised_pending_email_is_never_sent():
    pledge = PledgeFactory(created_at=days_ago(400), email_status=Pledge.EmailStatus.PENDING)
    call_command("anonymise_pledges", "--older-than", "30", verbosity=0)
    pledge.refresh_from_db()
    assert pledge.email_status == Pledge.EmailStatus.SKIPPED


def test_erase_donor_removes_every_pledge_of_that_email_in_any_case():
    first = PledgeFactory(email="Donor@Example.org", status="confirmed")
    second = PledgeFactory(email="donor@example.org")
    other = PledgeFactory(email="other@example.org")
    call_command("erase_donor", "DONOR@example.org", verbosity=0)
    for pledge in (first, second, other):
        pledge.refresh_from_db()
    assert first.email == second.email == "" and first.donor_name == ""
    assert first.amount == Decimal("1000.00")
    assert other.email == "other@example.org"


def test_erase_donor_rejects_something_that_is_not_an_email():
    with pytest.raises(CommandError):
        call_command("erase_donor", "not-an-email")
