"""The database counters behind the rate limit when the cache is unreachable."""

import time

import pytest
from django.test import RequestFactory
from django.utils import timezone

from pages import abuse
from pages.models import RateLimitCounter

pytestmark = pytest.mark.django_db


def test_database_counter_adds_one_per_submission():
    expires = time.time() + 3600
    assert [abuse.count_in_database("scope:a:1", expires_at=expires) for _n in range(3)] == [1, 2, 3]
    assert RateLimitCounter.objects.get(key="scope:a:1").count == 3


def test_a_new_window_deletes_expired_counters():
    RateLimitCounter.objects.create(key="scope:a:0", count=9, expires_at=timezone.now() - timezone.timedelta(hours=1))
    abuse.count_in_database("scope:a:1", expires_at=time.time() + 3600)
    assert list(RateLimitCounter.objects.values_list("key", flat=True)) == ["scope:a:1"]


def test_a_cache_that_raises_falls_back_to_the_database(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(abuse.cache, "add", broken)
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    assert abuse.hit(request, "test", limit=1, window=3600) == 0
    assert abuse.hit(request, "test", limit=1, window=3600) > 0
    assert RateLimitCounter.objects.get().count == 2


def test_a_working_cache_keeps_counters_out_of_the_database():
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.10")
    abuse.hit(request, "test-cache", limit=5, window=3600)
    assert not RateLimitCounter.objects.exists()
