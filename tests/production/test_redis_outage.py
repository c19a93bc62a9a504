"""With Redis unreachable the site keeps answering, uncached, and /readyz reports it."""

import pytest
from django.core.cache import caches

from sos_site.cache_backends import ResilientRedisCache

pytestmark = pytest.mark.django_db

UNREACHABLE = {
    "default": {
        "BACKEND": "sos_site.cache_backends.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = UNREACHABLE
    settings.PAGE_CACHE_SECONDS = 600
    yield caches["default"]


def test_unreachable_redis_reads_as_a_miss(redis_down):
    assert isinstance(redis_down, ResilientRedisCache)
    assert redis_down.get("anything", "default") == "default"
    assert redis_down.get_many(["a", "b"]) == {}
    assert redis_down.add("a", 1) is False


def test_unreachable_redis_drops_writes_without_raising(redis_down):
    redis_down.set("a", 1)
    redis_down.delete("a")
    redis_down.set_many({"a": 1})


def test_unreachable_redis_increment_looks_like_a_missing_key(redis_down):
    with pytest.raises(ValueError):
        redis_down.incr("counter")


def test_pages_render_while_redis_is_down(client, redis_down):
    response = client.get("/ru/")
    assert response.status_code == 200
    assert response["X-Cache"] == "miss"


def test_readyz_reports_redis_down(client, redis_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"cache unavailable\n"
