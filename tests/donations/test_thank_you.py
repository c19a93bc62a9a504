"""The thank-you route shows the pledge only to the browser that made it."""

import time

import pytest
from django.core import signing
from django.test import Client

from donations import views
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


def test_the_donor_is_remembered_by_one_signed_http_only_cookie_for_eight_hours(client, post_pledge, settings):
    response = post_pledge()
    assert set(response.cookies) == {views.PLEDGES_COOKIE}  # no session, no session row
    cookie = response.cookies[views.PLEDGES_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 8 * 3600
    assert Pledge.objects.get().reference in cookie.value


def test_an_altered_cookie_shows_only_a_general_thank_you(client, post_pledge):
    url = post_pledge()["Location"]
    pledge = Pledge.objects.get()
    other = PledgeFactory()
    client.cookies[views.PLEDGES_COOKIE] = client.cookies[views.PLEDGES_COOKIE].value.replace(
        pledge.reference, other.reference
    )
    html = client.get(url.replace(pledge.reference, other.reference)).content.decode()
    assert "reference-box" not in html and other.email not in html


def test_a_cookie_older_than_eight_hours_counts_as_none(client, post_pledge, monkeypatch):
    url = post_pledge()["Location"]
    signer = signing.get_cookie_signer(salt=views.PLEDGES_COOKIE + views.PLEDGES_COOKIE_SALT)
    monkeypatch.setattr(signer, "timestamp", lambda: signing.b62_encode(int(time.time()) - 8 * 3600 - 60))
    client.cookies[views.PLEDGES_COOKIE] = signer.sign(Pledge.objects.get().reference)
    assert "reference-box" not in client.get(url).content.decode()


def test_the_cookie_keeps_the_last_pledges_of_the_browser(client, post_pledge):
    first = post_pledge(email="first@example.org")["Location"]
    second = post_pledge(email="second@example.org")["Location"]
    assert "reference-box" in client.get(first).content.decode()
    assert "reference-box" in client.get(second).content.decode()
