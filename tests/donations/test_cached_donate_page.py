"""The donate page from the page cache: no per-visitor data, a fresh one-time key in every copy, CSRF by origin."""

import gzip
import re
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from donations.forms import make_submission_key, read_submission_key
from donations.models import Pledge
from pages import abuse
from pages import cache as page_cache
from tests.donations.conftest import donate_url, form_data

pytestmark = pytest.mark.django_db

PLEDGE_POST_QUERIES = 4
KEY_RE = re.compile(r'name="submission_key" value="([^"]+)"')


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    page_cache.connect_signals()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def csrf_client():
    """A browser-like client: Django's CSRF check is enforced, as in production."""
    return Client(enforce_csrf_checks=True)


def submission_key(response):
    return KEY_RE.search(response.content.decode()).group(1)


def test_cached_donate_page_costs_no_queries(client, page_cache_on, donate_page, django_assert_num_queries):
    url = donate_url(donate_page)
    assert client.get(url)["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 200
    assert response["X-Cache"] == "hit"


def test_cached_donate_page_sets_no_cookie_and_no_session(client, page_cache_on, donate_page):
    url = donate_url(donate_page)
    client.get(url)
    response = client.get(url)
    assert response["X-Cache"] == "hit"
    assert not response.cookies
    assert "Set-Cookie" not in response
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_every_copy_of_the_cached_page_has_its_own_valid_key(client, page_cache_on, donate_page):
    url = donate_url(donate_page)
    keys = [submission_key(client.get(url)) for _ in range(3)]
    assert len(set(keys)) == 3
    assert all(read_submission_key(key) is not None for key in keys)
    assert "pagecache-form-token" not in client.get(url).content.decode()


def test_cached_donate_page_tells_browsers_and_proxies_not_to_store_it(client, page_cache_on, donate_page):
    url = donate_url(donate_page)
    client.get(url)
    response = client.get(url)
    assert response["X-Cache"] == "hit"
    assert "no-store" in response["Cache-Control"]
    assert int(response["Content-Length"]) == len(response.content)


def test_pledge_from_a_cached_page_is_saved_with_csrf_enforced(csrf_client, page_cache_on, donate_page, settings):
    settings.DONATIONS_MIN_FILL_SECONDS = 0
    url = donate_url(donate_page)
    csrf_client.get(url)
    key = submission_key(csrf_client.get(url))
    response = csrf_client.post(url, form_data(submission_key=key), HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 303
    assert Pledge.objects.filter(submission_key=read_submission_key(key)[0]).count() == 1


def test_pledge_without_origin_headers_is_accepted_on_its_token(csrf_client, post_pledge, donate_page):
    """Browsers without Origin and Sec-Fetch-Site (old ones) rely on the signed one-time key."""
    response = csrf_client.post(donate_url(donate_page), form_data())
    assert response.status_code == 303
    assert Pledge.objects.count() == 1


def test_pledge_posted_from_another_site_is_refused(csrf_client, donate_page):
    response = csrf_client.post(
        donate_url(donate_page), form_data(), HTTP_ORIGIN="https://evil.example", HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert response.status_code == 403
    assert not Pledge.objects.exists()


def test_pledge_with_cross_site_fetch_metadata_is_refused(csrf_client, donate_page):
    response = csrf_client.post(donate_url(donate_page), form_data(), HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert not Pledge.objects.exists()


def test_pledge_without_any_token_is_refused_by_csrf(csrf_client, donate_page):
    response = csrf_client.post(donate_url(donate_page), form_data(submission_key=None))
    assert response.status_code == 403
    assert not Pledge.objects.exists()


def test_expired_key_shows_the_form_again_with_a_message(csrf_client, donate_page):
    old = make_submission_key(issued_at=time.time() - 2 * 24 * 3600)
    response = csrf_client.post(donate_url(donate_page), form_data(submission_key=old))
    assert response.status_code == 400
    with translation.override("ru"):
        expected = gettext("This form was open for a long time. Please check your details and send it again.")
    assert expected in response.content.decode()
    assert not Pledge.objects.exists()


def test_replayed_key_creates_no_second_pledge(csrf_client, donate_page):
    data = form_data()
    assert csrf_client.post(donate_url(donate_page), data).status_code == 303
    replay = csrf_client.post(donate_url(donate_page), {**data, "email": "other@example.org", "amount_KGS": "5000"})
    assert replay.status_code == 303
    assert Pledge.objects.count() == 1
    assert Pledge.objects.get().email == "aigul@example.org"


def test_key_of_the_concern_form_is_refused(csrf_client, donate_page):
    from safeguarding.views import TOKEN_SALT

    foreign = abuse.make_form_token(TOKEN_SALT, issued_at=time.time() - 60)
    response = csrf_client.post(donate_url(donate_page), form_data(submission_key=foreign))
    assert response.status_code == 403
    assert not Pledge.objects.exists()


def test_key_posted_to_another_page_gets_the_cookie_csrf_check(csrf_client, donate_page):
    """The signed key stands in for the CSRF cookie only on the form's own page, not on any page it is sent to."""
    about = donate_page.get_parent().get_children().live().exclude(pk=donate_page.pk).first()
    with translation.override("ru"):
        response = csrf_client.post(about.get_url(), form_data(), HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 403


def test_key_posted_to_another_route_of_the_donate_page_gets_the_cookie_csrf_check(csrf_client, donate_page):
    url = donate_url(donate_page) + "stop-reminders/not-a-real-token/"
    response = csrf_client.post(url, form_data(), HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 403


def test_form_with_errors_is_never_cached(client, page_cache_on, donate_page):
    url = donate_url(donate_page)
    response = client.post(url, form_data(email="not-an-address"))
    assert response.status_code == 400
    assert "X-Cache" not in response
    assert "not-an-address" not in client.get(url).content.decode()


def test_rate_limit_still_applies_to_pledges_from_the_cached_page(client, page_cache_on, donate_page, settings):
    settings.DONATIONS_PLEDGE_RATE_LIMIT = 1
    url = donate_url(donate_page)
    assert client.post(url, form_data()).status_code == 303
    response = client.post(url, form_data(email="second@example.org"))
    assert response.status_code == 429
    assert Pledge.objects.count() == 1


def test_honeypot_still_applies_to_pledges_from_the_cached_page(client, page_cache_on, donate_page):
    response = client.post(donate_url(donate_page), form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Pledge.objects.exists()


def test_pledge_post_keeps_a_fixed_number_of_queries(client, donate_page, django_assert_num_queries):
    """Routing and the pledge's INSERT in a savepoint (production has no outer transaction: one INSERT, then
    the queued e-mail's, which here waits for a commit the test never makes). No query for the key, the form's
    choices (kept until the next purge) or remembering the browser (a signed cookie, no session row)."""
    url = donate_url(donate_page)
    client.post(url, form_data(email="first@example.org"))
    with django_assert_num_queries(PLEDGE_POST_QUERIES):
        response = Client().post(url, form_data())
    assert response.status_code == 303


def test_gzipped_cached_donate_page_has_a_fresh_key_in_each_copy(client, page_cache_on, donate_page):
    """A gzipped hit keeps the page compressed once and writes each new key into it: the same page as plain."""
    url = donate_url(donate_page)
    gzip_header = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
    client.get(url, **gzip_header)
    responses = [client.get(url, **gzip_header) for _ in range(2)]
    assert all(response["X-Cache"] == "hit" and response["Content-Encoding"] == "gzip" for response in responses)
    pages = [gzip.decompress(response.content).decode() for response in responses]
    plain = client.get(url).content.decode()
    keys = [KEY_RE.search(page).group(1) for page in pages]
    assert len({*keys, KEY_RE.search(plain).group(1)}) == 3
    assert all(KEY_RE.sub("", page) == KEY_RE.sub("", plain) for page in pages)
    assert all(read_submission_key(key) for key in keys)


def test_pledge_sent_while_the_database_is_down_gets_the_outage_page_not_a_csrf_error(donate_page):
    from unittest import mock

    from django.db import OperationalError

    from pages import render_cache

    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    url, data = donate_url(donate_page), form_data()
    render_cache.clear()
    assert browser.get("/ru/").status_code == 200  # the site is known; the donate page's route is not
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("refused")):
        response = browser.post(url, data)
    assert response.status_code == 503
    assert "Мы не смогли сохранить отправленные данные" in response.content.decode()
    assert response["Retry-After"] == "60"
