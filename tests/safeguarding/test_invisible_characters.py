"""The concern form counts only visible text, keeps direction overrides out of the admin, and answers NUL bytes
with a form error."""

import pytest

from safeguarding.models import ConcernReport
from tests.safeguarding.test_report_form import valid_data

pytestmark = pytest.mark.django_db

ZWSP = "\u200b"
RLO = "\u202e"


def test_twenty_zero_width_spaces_are_refused_as_too_short(client, report_page):
    response = client.post(report_page.url, valid_data(what_happened=ZWSP * 20))
    assert response.status_code == 400
    assert "what_happened" in response.context["form"].errors
    assert not ConcernReport.objects.exists()


def test_right_to_left_override_never_reaches_a_saved_name(client, report_page):
    response = client.post(report_page.url, valid_data(name=f"Ай{RLO}гуль", where=f"{RLO}Бишкек"))
    assert response.status_code == 303
    report = ConcernReport.objects.get()
    assert (report.name, report.where) == ("Айгуль", "Бишкек")


@pytest.mark.parametrize("field", ["name", "contact", "what_happened", "where", "when", "child_at_risk", "website"])
def test_nul_byte_in_any_field_gives_the_form_again_with_an_error(client, report_page, field):
    data = valid_data()
    data[field] = f"{data[field]}\x00x"
    response = client.post(report_page.url, data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not ConcernReport.objects.exists()
