"""The pledge form keeps direction overrides out of donors' names and answers NUL bytes with a form error."""

import pytest

from donations.models import Pledge
from tests.donations.conftest import form_data

pytestmark = pytest.mark.django_db

RLO = "\u202e"


def test_right_to_left_override_never_reaches_a_saved_donor_name(post_pledge):
    response = post_pledge(donor_name=f"Айгуль {RLO}Асанова\u200b")
    assert response.status_code == 303
    assert Pledge.objects.get().donor_name == "Айгуль Асанова"


def test_a_name_of_invisible_characters_counts_as_no_name(post_pledge):
    response = post_pledge(donor_name="\u200b\u200c\ufeff")
    assert response.status_code == 400
    assert "donor_name" in response.context["form"].errors
    assert not Pledge.objects.exists()


@pytest.mark.parametrize("field", [name for name in form_data() if name not in ("consent", "submission_key")])
def test_nul_byte_in_any_field_gives_the_form_again_with_an_error(post_pledge, field):
    value = form_data()[field]
    response = post_pledge(**{field: f"{value}\x00x"})
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not Pledge.objects.exists()
