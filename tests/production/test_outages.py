"""A database or cache outage shows a translated 503 page, never a stack trace; other errors a static 500."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db

DATABASE_DOWN = mock.patch(
    "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("connection refused")
)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/ru/", "Сайт временно недоступен"),
        ("/ky/", "Сайт убактылуу иштебей жатат"),
        ("/en/", "The site is temporarily unavailable"),
    ],
)
def test_database_outage_shows_a_translated_503(client, path, text):
    with DATABASE_DOWN:
        response = client.get(path)
    assert response.status_code == 503
    html = response.content.decode()
    assert text in html
    assert f'lang="{path.strip("/")}"' in html
    assert "Traceback" not in html
    assert "OperationalError" not in html


def test_outage_page_asks_to_come_back_and_is_not_stored(client):
    with DATABASE_DOWN:
        response = client.get("/ru/")
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "no-store"


def test_database_outage_during_a_form_submission_says_nothing_was_charged(client):
    with DATABASE_DOWN:
        response = client.post("/en/search/", {"q": "x"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "We could not save what you sent" in html
    assert "Nothing was recorded and no money was charged" in html


def test_database_outage_during_a_russian_submission_is_in_russian(client):
    with DATABASE_DOWN:
        response = client.post("/ru/search/", {"q": "x"})
    assert "никакие деньги не списаны" in response.content.decode()


def test_cache_outage_that_reaches_a_view_shows_the_503(client):
    with mock.patch("django.core.cache.cache.get", side_effect=ConnectionError("redis down")):
        response = client.get("/ky/")
    assert response.status_code == 503
    assert "Сайт убактылуу иштебей жатат" in response.content.decode()


def test_outage_page_needs_no_inline_style(client):
    with DATABASE_DOWN:
        html = client.get("/en/").content.decode()
    assert "style=" not in html
    assert "/static/pages/css/error.css" in html


def test_outage_outside_a_view_becomes_a_503_too(db):
    quiet_client = Client(raise_request_exception=False)
    with mock.patch(
        "django.contrib.sessions.backends.db.SessionStore.load", side_effect=OperationalError("connection refused")
    ):
        quiet_client.cookies["sessionid"] = "x" * 32
        response = quiet_client.get("/en/")
    assert response.status_code == 503
    assert "temporarily unavailable" in response.content.decode()


def test_other_errors_show_the_static_500_page_in_the_visitors_language(db):
    quiet_client = Client(raise_request_exception=False)
    with mock.patch("pages.views.search.search", side_effect=RuntimeError("bug")):
        response = quiet_client.get("/ky/search/?q=x")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Кечиресиз, ката кетти" in html
    assert "RuntimeError" not in html
    assert "style=" not in html
