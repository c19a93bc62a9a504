"""Pledges and concern reports keep their status history in subclasses of one abstract base."""

import pytest

from donations.models import PledgeStatusChange
from pages.models import StatusChange
from safeguarding.models import ConcernStatusChange
from tests.donations.factories import PledgeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [PledgeStatusChange, ConcernStatusChange])
def test_both_histories_inherit_the_shared_fields(model):
    assert issubclass(model, StatusChange)
    assert {"changed_by", "changed_at", "note", "from_status", "to_status"} <= {f.name for f in model._meta.fields}


def test_record_adds_a_step_to_the_given_record(django_user_model):
    user = django_user_model.objects.create_user("aibek", first_name="Айбек", last_name="Усенов")
    pledge = PledgeFactory()
    change = PledgeStatusChange.record(pledge, from_status="pledged", to_status="confirmed", user=user, note="ok")
    assert (change.pledge, change.changed_by_name, str(change)) == (
        pledge,
        "Айбек Усенов",
        f"{pledge}: pledged → confirmed",
    )


def test_a_step_without_a_user_has_no_name():
    assert ConcernStatusChange(from_status="new", to_status="closed").changed_by_name == ""
