"""The report-a-concern page from the page cache: no per-visitor data, a fresh one-time token per copy,
CSRF checked by origin (the page sends no Referer, so browsers send "Origin: null")."""

import re
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from donations.forms import make_submission_key
from pages import abuse
from pages import cache as page_cache
from safeguarding.models import ConcernReport, SafeguardingSettings
from safeguarding.views import TOKEN_SALT

pytestmark = pytest.mark.django_db

TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')


@pytest.fixture
def page_cache_on(settings, report_page):
    # The settings row is created on first use, and saving it purges the cache: create it before.
    SafeguardingSettings.for_site(report_page.get_site())
    settings.PAGE_CACHE_SECONDS = 600
    page_cache.connect_signals()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def report(**changes):
    data = {
        "what_happened": "A girl from the neighbouring house told me an adult hits her.",
        "where": "Cholpon-Ata",
        "when": "Yesterday",
        "child_at_risk": "not_sure",
        "name": "",
        "contact": "",
        "website": "",
        "form_token": abuse.make_form_token(TOKEN_SALT, issued_at=time.time() - 60),
    }
    data.update(changes)
    return data


def test_cached_report_page_costs_no_queries(client, page_cache_on, report_page, django_assert_num_queries):
    url = report_page.url
    assert client.get(url)["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 200
    assert response["X-Cache"] == "hit"


def test_cached_report_page_sets_no_cookie(client, page_cache_on, report_page):
    client.get(report_page.url)
    response = client.get(report_page.url)
    assert response["X-Cache"] == "hit"
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_every_copy_has_its_own_token(client, page_cache_on, report_page):
    tokens = {TOKEN_RE.search(client.get(report_page.url).content.decode()).group(1) for _ in range(3)}
    assert len(tokens) == 3
    assert all(abuse.read_form_token(token, TOKEN_SALT, 3600) for token in tokens)


def test_report_from_a_cached_page_is_stored_with_csrf_enforced(csrf_client, page_cache_on, report_page, settings):
    settings.SAFEGUARDING_MIN_FILL_SECONDS = 0
    csrf_client.get(report_page.url)
    token = TOKEN_RE.search(csrf_client.get(report_page.url).content.decode()).group(1)
    response = csrf_client.post(
        report_page.url, report(form_token=token), HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 303
    assert ConcernReport.objects.count() == 1


def test_report_posted_from_another_site_is_refused(csrf_client, report_page):
    response = csrf_client.post(report_page.url, report(), HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert not ConcernReport.objects.exists()


def test_expired_token_shows_the_form_again_with_a_message(csrf_client, report_page):
    old = abuse.make_form_token(TOKEN_SALT, issued_at=time.time() - 3 * 24 * 3600)
    response = csrf_client.post(report_page.url, report(form_token=old))
    assert response.status_code == 400
    with translation.override("ru"):
        expected = gettext("This form was open for a long time. Please check it and send it again.")
    assert expected in response.content.decode()
    assert not ConcernReport.objects.exists()


def test_replayed_token_stores_nothing_new(csrf_client, report_page):
    data = report()
    assert csrf_client.post(report_page.url, data).status_code == 303
    assert csrf_client.post(report_page.url, data).status_code == 303
    assert ConcernReport.objects.count() == 1
    assert not ConcernReport.objects.get().additions.exists()


def test_token_of_the_pledge_form_is_refused(csrf_client, report_page):
    response = csrf_client.post(report_page.url, report(form_token=make_submission_key(time.time() - 60)))
    assert response.status_code == 403
    assert not ConcernReport.objects.exists()


def test_form_with_errors_is_never_cached(client, page_cache_on, report_page):
    response = client.post(report_page.url, report(what_happened="short"))
    assert response.status_code == 400
    assert "X-Cache" not in response
    assert "short" not in TOKEN_RE.sub("", client.get(report_page.url).content.decode()).split("concern-form")[1]


def test_rate_limit_still_applies_to_the_cached_page(client, page_cache_on, report_page, settings):
    settings.SAFEGUARDING_REPORT_RATE_LIMIT = 1
    assert client.post(report_page.url, report()).status_code == 303
    assert client.post(report_page.url, report()).status_code == 429
