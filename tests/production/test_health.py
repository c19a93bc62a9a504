"""/healthz says the process is up; /readyz checks the database and the cache."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_readyz_is_ok_when_database_and_cache_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_readyz_reports_a_database_outage_with_503(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


def test_readyz_reports_a_cache_outage_with_503(client):
    with mock.patch("django.core.cache.cache.get", side_effect=ConnectionError("redis down")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"cache unavailable\n"


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_endpoints_are_never_cached(client, page_cache_on, path):
    first = client.get(path)
    second = client.get(path)
    assert "no-cache" in first["Cache-Control"]
    assert "X-Cache" not in second


@pytest.mark.parametrize("path", ["/ru/healthz", "/en/readyz"])
def test_health_endpoints_have_no_language_prefix(client, path):
    assert client.get(path, follow=True).status_code == 404
