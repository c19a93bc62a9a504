"""The thank-you route shows the pledge only to the browser that made it."""

import pytest
from django.test import Client

from donations.models import Pledge
from tests.donations.conftest import donate_url
from tests.donations.factories import PledgeFactory

pytestmark = pytest.mark.django_db


def test_thank_you_shows_reference_and_details_to_the_donor(client, post_pledge):
    response = client.get(post_pledge()["Location"])
    pledge = Pledge.objects.get()
    html = response.content.decode()
    assert response.status_code == 200
    assert pledge.reference in html
    assert "aigul@example.org" in html


def test_thank_you_is_in_the_donors_language(client, post_pledge):
    response = client.get(post_pledge(language="ky")["Location"])
    assert "Рахмат" in response.content.decode()


def test_someone_guessing_a_reference_sees_only_a_general_thank_you(donate_page):
    pledge = PledgeFactory()
    response = Client().get(f"{donate_url(donate_page, 'en')}thank-you/{pledge.reference}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "reference-box" not in html  # the reference appears only in the page's own URL
    assert pledge.email not in html and pledge.donor_name not in html


def test_thank_you_for_an_unknown_reference_looks_the_same_as_for_a_known_one(client, donate_page):
    known = PledgeFactory()
    unknown = "ABCDEFGHJK" if known.reference != "ABCDEFGHJK" else "ZZZZZZZZZZ"
    base = donate_url(donate_page, "en")
    first = client.get(f"{base}thank-you/{known.reference}/").content.decode().replace(known.reference, "X")
    second = client.get(f"{base}thank-you/{unknown}/").content.decode().replace(unknown, "X")
    assert first == second


@pytest.mark.parametrize("reference", ["short", "UUUUUUUUUU", "A" * 200])
def test_malformed_reference_is_404(client, donate_page, reference):
    assert client.get(f"{donate_url(donate_page)}thank-you/{reference}/").status_code == 404
