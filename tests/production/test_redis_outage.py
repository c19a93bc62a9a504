"""With Redis unreachable the site keeps answering, uncached, and /readyz reports it."""

import logging

import pytest
from django.core.cache import caches
from django.test import RequestFactory
from django_redis.cache import RedisCache

from pages import abuse

pytestmark = pytest.mark.django_db

UNREACHABLE = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens there
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = UNREACHABLE
    settings.PAGE_CACHE_SECONDS = 600
    yield caches["default"]


@pytest.fixture
def cache_log(caplog):
    """Records of the cache logger, with its once-a-minute filter starting afresh."""
    logger = logging.getLogger("sos_site.cache")
    for log_filter in logger.filters:
        log_filter._last = None
    caplog.set_level(logging.WARNING, logger="sos_site.cache")
    return caplog


def test_unreachable_redis_reads_as_a_miss(redis_down):
    assert isinstance(redis_down, RedisCache)
    assert redis_down.get("anything", "default") == "default"
    assert redis_down.get_many(["a", "b"]) == {}
    assert not redis_down.add("a", 1)


def test_unreachable_redis_drops_writes_without_raising(redis_down):
    redis_down.set("a", 1)
    redis_down.delete("a")
    redis_down.set_many({"a": 1})


def test_unreachable_redis_increment_counts_nothing(redis_down):
    assert redis_down.incr("counter") is None


def test_rate_limit_still_holds_in_the_database_while_redis_is_down(redis_down):
    request = RequestFactory().post("/ru/donate/", REMOTE_ADDR="192.0.2.1")
    answers = [abuse.hit(request, "test", limit=1, window=60) for _ in range(3)]
    assert answers[0] == 0
    assert all(seconds > 0 for seconds in answers[1:])


def test_pages_render_while_redis_is_down(client, redis_down):
    response = client.get("/ru/")
    assert response.status_code == 200
    assert response["X-Cache"] == "miss"


def test_an_outage_logs_one_warning_a_minute(client, redis_down, cache_log):
    client.get("/ru/")
    client.get("/en/")
    records = [record for record in cache_log.records if record.name == "sos_site.cache"]
    assert len(records) == 1
    assert records[0].levelname == "WARNING"
    assert records[0].getMessage().startswith("Redis cache unavailable; serving without cache (ConnectionError:")
    assert records[0].exc_info is None


def test_readyz_reports_redis_down(client, redis_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"cache unavailable\n"
