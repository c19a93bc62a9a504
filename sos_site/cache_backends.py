"""Django's Redis cache, made to degrade instead of fail when Redis is unreachable.

The cache only ever holds copies (rendered pages, Wagtail's site paths, rate-limit counters), so when Redis
stops the site carries on uncached: reads miss, writes are dropped, and one warning per minute and process
is logged. ``/readyz`` still reports the outage (its write-then-read check fails).
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache

try:
    from redis.exceptions import RedisError
except ImportError:  # redis-py is only needed when REDIS_URL is set
    RedisError = OSError

logger = logging.getLogger(__name__)

CACHE_ERRORS = (RedisError, ConnectionError, TimeoutError, OSError)
WARNING_INTERVAL = 60.0


class ResilientRedisCache(RedisCache):
    _last_warning = 0.0

    def _failed(self, operation, error):
        now = time.monotonic()
        if now - ResilientRedisCache._last_warning >= WARNING_INTERVAL:
            ResilientRedisCache._last_warning = now
            logger.warning("Redis cache unavailable (%s: %s); serving without cache.", operation, error)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except CACHE_ERRORS as error:
            self._failed("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except CACHE_ERRORS as error:
            self._failed("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except CACHE_ERRORS as error:
            self._failed("has_key", error)
            return False

    def set(self, key, value, timeout=None, version=None):
        try:
            return super().set(key, value, timeout, version)
        except CACHE_ERRORS as error:
            self._failed("set", error)

    def add(self, key, value, timeout=None, version=None):
        try:
            return super().add(key, value, timeout, version)
        except CACHE_ERRORS as error:
            self._failed("add", error)
            return False

    def touch(self, key, timeout=None, version=None):
        try:
            return super().touch(key, timeout, version)
        except CACHE_ERRORS as error:
            self._failed("touch", error)
            return False

    def set_many(self, data, timeout=None, version=None):
        try:
            return super().set_many(data, timeout, version)
        except CACHE_ERRORS as error:
            self._failed("set_many", error)
            return list(data)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except CACHE_ERRORS as error:
            self._failed("delete", error)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except CACHE_ERRORS as error:
            self._failed("delete_many", error)

    def incr(self, key, delta=1, version=None):
        """Unreachable Redis looks like a missing key: ValueError, which callers already handle."""
        try:
            return super().incr(key, delta, version)
        except CACHE_ERRORS as error:
            self._failed("incr", error)
            raise ValueError(f"Key {key!r} not found (cache unavailable).") from error

    def clear(self):
        try:
            return super().clear()
        except CACHE_ERRORS as error:
            self._failed("clear", error)
            return False
