"""The page cache generation kept in memory by a Redis subscription (pages/purge_feed.py), with real Redis.

The shared Redis on 127.0.0.1:6379 is used with a database and key prefix of these tests' own; the outage
test starts a private redis-server and stops it. Messages arrive asynchronously: the tests wait for them
(with a deadline), they do not time them.
"""

import secrets
import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from pages import cache as page_cache
from pages import purge_feed
from pages.fast_hits import FastHits

pytestmark = pytest.mark.django_db

SHARED_REDIS = "redis://127.0.0.1:6379/13"


def wait_until(predicate, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def redis_cache(url, prefix):
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }


@pytest.fixture
def feed(monkeypatch):
    """This process's feed, fresh (the one of the test session follows the local memory cache: none)."""
    fresh = purge_feed.Feed()
    monkeypatch.setattr(purge_feed, "feed", fresh)
    yield fresh
    fresh.stop()


@pytest.fixture
def shared_redis(settings, feed):
    """The default cache on the shared Redis, under a key prefix of this test's own."""
    prefix = f"test-feed-{secrets.token_hex(4)}"
    settings.CACHES = redis_cache(SHARED_REDIS, prefix)
    settings.PAGE_CACHE_SECONDS = 600
    page_cache.connect_signals()
    client = redis.Redis.from_url(SHARED_REDIS)
    yield client
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def private_redis(settings, feed):
    """A redis-server of this test's own (it is stopped in the test), as the default cache."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    assert wait_until(lambda: _answers(client))
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{port}/0", "test-outage")
    settings.PAGE_CACHE_SECONDS = 600
    page_cache.connect_signals()
    yield server
    if server.poll() is None:
        server.terminate()
        server.wait(timeout=10)


def _answers(client):
    try:
        return client.ping()
    except redis.ConnectionError:
        return False


@pytest.fixture
def wsgi():
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield FastHits(WSGIHandler())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def get(app, path="/ru/"):
    sent = {}

    def start_response(status, headers, exc_info=None):
        sent["status"], sent["headers"] = status, dict(headers)

    result = app(RequestFactory().get(path, headers={"Host": "testserver"}).environ, start_response)
    body = b"".join(result)
    getattr(result, "close", lambda: None)()
    return sent["status"], sent["headers"], body


def generation_in_redis(client):
    return int(client.get(cache.make_key(page_cache.GENERATION_KEY)))


def test_feed_subscribes_then_holds_the_generation_in_memory(shared_redis, feed):
    feed.current()  # starts the thread
    assert wait_until(lambda: feed.current() is not None)
    assert feed.current() == generation_in_redis(shared_redis) == page_cache.current_generation()


def test_feed_follows_a_purge_made_by_another_connection(shared_redis, feed):
    feed.current()
    assert wait_until(lambda: feed.current() is not None)
    key = cache.make_key(page_cache.GENERATION_KEY)
    new = shared_redis.incr(key)  # another process or server: its own connection, its own purge
    shared_redis.publish(purge_feed.channel_name(), str(new))
    assert wait_until(lambda: feed.current() == new)
    assert page_cache.current_generation() == new


def test_a_purge_here_is_published_to_the_other_processes(shared_redis, feed):
    other = purge_feed.Feed()  # another worker process's copy
    try:
        other.current()
        feed.current()
        assert wait_until(lambda: other.current() is not None and feed.current() is not None)
        before = other.current()
        page_cache.purge("test")
        assert feed.current() == before + 1  # this process: at once
        assert wait_until(lambda: other.current() == before + 1)
    finally:
        other.stop()


def answered_in_front_of_django(feed, wsgi):
    """Subscribe, let Django record the page, check the next request is a fast hit; the fast answers so far."""
    feed.current()
    assert wait_until(lambda: feed.current() is not None)
    for _ in range(3):
        get(wsgi)
    answered = wsgi.answered
    assert get(wsgi)[1]["X-Cache"] == "hit"
    assert wsgi.answered == answered + 1
    return answered


def test_a_purge_whose_message_was_lost_is_seen_within_the_feeds_reread(shared_redis, feed):
    feed.current()
    assert wait_until(lambda: feed.current() is not None)
    new = shared_redis.incr(cache.make_key(page_cache.GENERATION_KEY))  # no message
    assert wait_until(lambda: feed.current() == new)


def test_fast_hits_follow_a_purge_made_by_another_connection(shared_redis, feed, wsgi):
    answered = answered_in_front_of_django(feed, wsgi)
    new = shared_redis.incr(cache.make_key(page_cache.GENERATION_KEY))
    shared_redis.publish(purge_feed.channel_name(), str(new))
    assert wait_until(lambda: feed.current() == new)
    status, headers, _body = get(wsgi)
    assert status == "200 OK"
    assert headers["X-Cache"] == "miss"
    assert wsgi.answered == answered + 1


def test_redis_going_down_leaves_pages_served_by_django(private_redis, feed, wsgi):
    answered = answered_in_front_of_django(feed, wsgi)

    private_redis.terminate()
    private_redis.wait(timeout=10)
    assert wait_until(lambda: feed.current() is None)
    for _ in range(3):
        status, headers, body = get(wsgi)
        assert status == "200 OK"
        assert headers["X-Cache"] == "miss"  # rendered: the cache cannot be read
        assert b'lang="ru"' in body
    assert wsgi.answered == answered + 1


def test_no_redis_at_all_means_per_request_reads(settings, feed):
    settings.CACHES = redis_cache("redis://127.0.0.1:9/0", "test-none")  # nothing listens on port 9
    assert feed.current() is None
    assert wait_until(lambda: feed.failures >= 1)  # the thread tried to subscribe
    assert feed.current() is None
    assert feed.subscriptions == 0
    assert page_cache.current_generation() > 0  # read per request (a fresh number: nothing will hit)


def test_a_read_begun_before_a_purge_here_does_not_undo_it():
    feed = purge_feed.Feed(client_factory=lambda: None)
    feed._store_read(5, feed._noted)  # subscribed, generation 5
    noted = feed._noted  # the feed thread starts reading the key…
    feed.note(6)  # …a purge in this process makes it 6…
    feed._store_read(5, noted)  # …and the read, begun before, answers 5
    assert feed.value == 6


def test_a_purge_noted_while_unsubscribed_leaves_per_request_reads():
    feed = purge_feed.Feed(client_factory=lambda: None)
    feed.note(7)
    assert feed.value is None
    feed._store_read(7, feed._noted)
    feed._unsubscribed()
    feed.note(8)
    assert feed.value is None
