"""The database counters behind the rate limit when the cache is unreachable, and the signed form tokens."""

import time

import pytest
from django.core import signing
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


def test_form_token_is_djangos_signed_value():
    token = abuse.make_form_token("pages.test-form", issued_at=1_800_000_000)
    value, signature = token.rsplit(":", 1)
    assert signature == signing.Signer(salt="pages.test-form").signature(value)
    data = signing.loads(token, salt="pages.test-form")
    assert data["t"] == 1_800_000_000
    assert len(data["k"]) == 32
    assert signing.JSONSerializer().dumps(data) == signing.b64_decode(value.split(":")[0].encode())
    assert signing.loads(token, salt="pages.test-form", max_age=60) == data  # the signer's own time is now


def test_form_tokens_are_each_new_and_read_back(settings):
    tokens = {abuse.make_form_token("pages.test-form") for _ in range(5)}
    assert len(tokens) == 5
    assert all(abuse.read_form_token(token, "pages.test-form", 60) for token in tokens)
    assert abuse.read_form_token(tokens.pop(), "pages.other-form", 60) is None


def test_form_token_follows_the_secret_key(settings):
    token = abuse.make_form_token("pages.test-form")
    settings.SECRET_KEY = "another-test-only-key"
    assert abuse.read_form_token(token, "pages.test-form", 60) is None
    assert abuse.read_form_token(abuse.make_form_token("pages.test-form"), "pages.test-form", 60)
