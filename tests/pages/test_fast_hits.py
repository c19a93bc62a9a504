"""Page cache hits answered in front of Django (pages/fast_hits.py): the same answers as Django's hit path.

The WSGI application is called as gunicorn calls it: ``FastHits`` around Django's ``WSGIHandler``. For each
kind of request the fast answer is compared with the answer Django's own hit path gives to the same request.
"""

import gzip
import re

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory

from donations.forms import read_submission_key
from donations.models import DonatePage, Pledge
from pages import abuse
from pages import cache as page_cache
from pages.fast_hits import FastHits
from safeguarding.models import ConcernReportPage, SafeguardingSettings
from safeguarding.views import TOKEN_SALT
from tests.donations.conftest import donate_url, form_data

pytestmark = pytest.mark.django_db

PLEDGE_KEY_RE = re.compile(rb'name="submission_key" value="([^"]+)"')
CONCERN_TOKEN_RE = re.compile(rb'name="form_token" value="([^"]+)"')
FORWARDED = {"X-Forwarded-Proto": "https"}


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    page_cache.connect_signals()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def wsgi(page_cache_on):
    """The site's WSGI stack; the request signals leave the test's database connection alone (as the test
    client does): closing it would end the transaction the test runs in."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield FastHits(WSGIHandler())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def environ(path="/ru/", method="GET", headers=None, data=None):
    """A WSGI environ as gunicorn builds it (Host header included)."""
    headers = {"Host": "testserver", **(headers or {})}
    factory = RequestFactory()
    if method == "POST":
        return factory.post(path, data or {}, headers=headers).environ
    return factory.generic(method, path, headers=headers).environ


def call(app, env):
    sent = {}

    def start_response(status, headers, exc_info=None):
        sent["status"], sent["headers"] = status, headers

    result = app(env, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return sent["status"], list(sent["headers"]), body


def fast_and_django(app, path="/ru/", method="GET", headers=None):
    """(the fast path's answer, Django's hit path's answer) for the same request."""
    call(app, environ(path, method, headers))  # a miss stores the page (or a hit, when another variant did)
    call(app, environ(path, method, headers))  # a hit in Django: its final response is kept
    answered = app.answered
    fast = call(app, environ(path, method, headers))
    assert app.answered == answered + 1, "the third identical request is answered in front of Django"
    django = call(app.app, environ(path, method, headers))
    assert dict(django[1])["X-Cache"] == "hit"
    return fast, django


def assert_same_answer(fast, django):
    """Same status, same headers in the same order (Content-Length: each its own body's), same page."""
    assert fast[0] == django[0] == "200 OK"
    assert [name for name, _value in fast[1]] == [name for name, _value in django[1]]
    for (name, fast_value), (_name, django_value) in zip(fast[1], django[1], strict=True):
        if name == "Content-Length":
            assert fast_value == str(len(fast[2]))
            assert django_value == str(len(django[2]))
        else:
            assert fast_value == django_value, name
    return plain(fast), plain(django)


def plain(answer):
    return gzip.decompress(answer[2]) if dict(answer[1]).get("Content-Encoding") == "gzip" else answer[2]


@pytest.mark.parametrize("forwarded", [FORWARDED, {}], ids=["https-proxy", "plain-http"])
@pytest.mark.parametrize("encoding", ["gzip, deflate, br", ""], ids=["gzip", "identity"])
def test_home_page_answer_is_the_django_hit(wsgi, forwarded, encoding):
    headers = {**forwarded, "Accept-Encoding": encoding} if encoding else forwarded
    fast, django = fast_and_django(wsgi, "/ru/", headers=headers)
    fast_page, django_page = assert_same_answer(fast, django)
    assert fast_page == django_page
    assert b'lang="ru"' in fast_page
    assert (dict(fast[1]).get("Content-Encoding") == "gzip") == bool(encoding)


def test_gzip_answers_carry_breach_padding_of_random_length(wsgi):
    headers = {"Accept-Encoding": "gzip"}
    fast_and_django(wsgi, "/en/", headers=headers)
    lengths = {len(call(wsgi, environ("/en/", headers=headers))[2]) for _ in range(12)}
    assert len(lengths) > 1


def test_standard_page_answer_is_the_django_hit(wsgi):
    from pages.models import HomePage, StandardPage

    page = StandardPage.objects.live().child_of(HomePage.objects.get()).first()
    fast, django = fast_and_django(wsgi, page.url, headers=FORWARDED)
    fast_page, django_page = assert_same_answer(fast, django)
    assert fast_page == django_page


def test_head_answer_is_the_django_hit(wsgi):
    fast, django = fast_and_django(wsgi, "/ky/", method="HEAD", headers=FORWARDED)
    assert_same_answer(fast, django)


@pytest.mark.parametrize("encoding", ["gzip", ""], ids=["gzip", "identity"])
def test_donate_page_gets_a_fresh_valid_key_per_answer_and_the_pledge_is_accepted(wsgi, settings, encoding):
    settings.DONATIONS_MIN_FILL_SECONDS = 0
    url = donate_url(DonatePage.objects.get())
    headers = {**FORWARDED, "Accept-Encoding": encoding} if encoding else FORWARDED
    fast, django = fast_and_django(wsgi, url, headers=headers)
    fast_page, django_page = assert_same_answer(fast, django)
    fast_key, django_key = PLEDGE_KEY_RE.search(fast_page).group(1), PLEDGE_KEY_RE.search(django_page).group(1)
    assert fast_key != django_key
    assert PLEDGE_KEY_RE.sub(b"", fast_page) == PLEDGE_KEY_RE.sub(b"", django_page)
    keys = {PLEDGE_KEY_RE.search(plain(call(wsgi, environ(url, headers=headers)))).group(1) for _ in range(3)}
    assert len(keys | {fast_key}) == 4
    assert b"pagecache-form-token" not in fast_page

    key = fast_key.decode()
    response = Client(enforce_csrf_checks=True).post(
        url, form_data(submission_key=key), HTTP_SEC_FETCH_SITE="same-origin", headers=FORWARDED
    )
    assert response.status_code == 303
    assert Pledge.objects.filter(submission_key=read_submission_key(key)[0]).count() == 1


def test_report_a_concern_page_gets_a_fresh_valid_token_per_answer(wsgi):
    page = ConcernReportPage.objects.get()
    SafeguardingSettings.for_site(page.get_site())  # created on first use; its save would purge
    fast, django = fast_and_django(wsgi, page.url, headers=FORWARDED)
    fast_page, django_page = assert_same_answer(fast, django)
    token = CONCERN_TOKEN_RE.search(fast_page).group(1).decode()
    assert token != CONCERN_TOKEN_RE.search(django_page).group(1).decode()
    assert abuse.read_form_token(token, TOKEN_SALT, 3600)
    assert CONCERN_TOKEN_RE.sub(b"", fast_page) == CONCERN_TOKEN_RE.sub(b"", django_page)


# --- what goes to Django -----------------------------------------------------------------------------


def assert_goes_to_django(app, path="/ru/", method="GET", headers=None, data=None):
    answered = app.answered
    answers = [call(app, environ(path, method, headers, data)) for _ in range(3)]
    assert app.answered == answered
    return answers


def test_session_cookie_goes_to_django(wsgi):
    fast_and_django(wsgi, "/ru/")
    for status, headers, _body in assert_goes_to_django(wsgi, headers={"Cookie": "sessionid=abc; theme=dark"}):
        assert status == "200 OK"
        assert "X-Cache" not in dict(headers)


def test_messages_cookie_goes_to_django(wsgi):
    fast_and_django(wsgi, "/ru/")
    assert_goes_to_django(wsgi, headers={"Cookie": "messages=xyz"})


def test_other_cookies_still_get_the_fast_answer(wsgi):
    fast_and_django(wsgi, "/ru/", headers={"Cookie": "theme=dark"})


def test_authorization_goes_to_django(wsgi):
    fast_and_django(wsgi, "/ru/")
    for _status, headers, _body in assert_goes_to_django(wsgi, headers={"Authorization": "Basic YTpi"}):
        assert "X-Cache" not in dict(headers)


def test_unknown_host_gets_djangos_400(wsgi, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    fast_and_django(wsgi, "/ru/")
    for status, _headers, _body in assert_goes_to_django(wsgi, headers={"Host": "evil.example"}):
        assert status.startswith("400")


def test_post_goes_to_django(wsgi):
    fast_and_django(wsgi, "/ru/search/")
    for _status, headers, _body in assert_goes_to_django(wsgi, "/ru/search/", "POST", data={"q": "дети"}):
        assert "X-Cache" not in dict(headers)


def test_admin_goes_to_django(wsgi):
    for status, headers, _body in assert_goes_to_django(wsgi, "/admin/"):
        assert status.startswith("302")
        assert "X-Cache" not in dict(headers)


def test_a_query_never_served_goes_to_django_once_then_is_answered(wsgi):
    fast_and_django(wsgi, "/ru/")
    answered = wsgi.answered
    first, second = (call(wsgi, environ("/ru/?utm_source=tv")) for _ in range(2))
    assert wsgi.answered == answered
    assert dict(first[1])["X-Cache"] == "miss"
    assert dict(second[1])["X-Cache"] == "hit"


def test_a_purge_reaches_the_next_request(wsgi):
    fast_and_django(wsgi, "/ru/")
    page_cache.purge("test")
    answered = wsgi.answered
    status, headers, _body = call(wsgi, environ("/ru/"))
    assert wsgi.answered == answered
    assert status == "200 OK"
    assert dict(headers)["X-Cache"] == "miss"


def test_page_cache_off_goes_to_django(wsgi, settings):
    fast_and_django(wsgi, "/ru/")
    settings.PAGE_CACHE_SECONDS = 0
    for _status, headers, _body in assert_goes_to_django(wsgi):
        assert "X-Cache" not in dict(headers)


def test_an_unreviewed_middleware_above_the_page_cache_turns_the_fast_path_off(settings, page_cache_on):
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(middleware.index("pages.cache_middleware.PageCacheMiddleware"), __name__ + ".Stamp")
    settings.MIDDLEWARE = middleware
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        app = FastHits(WSGIHandler())
        answers = assert_goes_to_django(app)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert [dict(headers)["X-Stamp"] for _status, headers, _body in answers] == ["1", "2", "3"]
    assert dict(answers[-1][1])["X-Cache"] == "hit"


class Stamp:
    """A middleware whose answer differs per response: the fast path could not know it."""

    count = 0

    def __init__(self, get_response):
        self.get_response = get_response
        Stamp.count = 0

    def __call__(self, request):
        response = self.get_response(request)
        Stamp.count += 1
        response["X-Stamp"] = str(Stamp.count)
        return response


def test_a_server_that_adds_to_the_header_list_changes_no_later_answer(wsgi):
    """wsgiref (runserver) appends Date and Server to the list it was given."""
    fast_and_django(wsgi, "/ru/")
    names = []
    for _ in range(3):

        def start_response(status, headers, exc_info=None):
            names.append([name for name, _value in headers])
            headers.append(("Date", "now"))

        wsgi(environ("/ru/"), start_response)
    assert names[0] == names[1] == names[2]
    assert "Date" not in names[0]


def test_a_request_with_nothing_recorded_never_waits_on_redis_here(wsgi, monkeypatch):
    from unittest import mock

    reads = mock.Mock(side_effect=page_cache.current_generation)
    monkeypatch.setattr(page_cache, "current_generation", reads)
    status, _headers, _body = call(wsgi, environ("/healthz"))
    assert status.startswith("200")
    assert reads.call_count == 0  # a path that is never a cached page: Django answers, no generation read
    call(WSGIHandler(), environ("/ru/?first=django"))
    by_django = reads.call_count
    call(wsgi, environ("/ru/?first=wrapped"))  # a first visit: only Django's own page cache reads it
    assert reads.call_count == 2 * by_django


def test_a_recorded_answer_past_the_pages_expiry_goes_to_django(wsgi):
    fast_and_django(wsgi, "/ru/")
    for recorded in wsgi._store.values():
        recorded.expires = 0  # the stored page's own PAGE_CACHE_SECONDS are over
    answered = wsgi.answered
    status, _headers, _body = call(wsgi, environ("/ru/"))
    assert status == "200 OK"
    assert wsgi.answered == answered


def test_an_answer_recorded_over_http_is_not_given_over_https(wsgi, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    fast_and_django(wsgi, "/ru/")
    answered = wsgi.answered
    call(wsgi, environ("/ru/", headers={"X-Forwarded-Proto": "https"}))
    assert wsgi.answered == answered  # another scheme is another key: Django answers it
