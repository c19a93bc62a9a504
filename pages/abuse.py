"""Abuse protection for public forms: a per-IP rate limit, a signed form-start token, a honeypot check.

Generic, so that every public form (the pledge form and the "report a concern" form) uses the
same rules:

- ``hit(request, scope, limit=…, window=…)`` counts a submission per visitor address in Django's cache (shared
  across processes with Redis) and returns the seconds to wait when over the limit; while the cache is
  unreachable it counts in the database instead (``RateLimitCounter``), never "no limit";
- ``make_form_token(salt)`` / ``read_form_token(value, salt, max_age)`` sign a one-time key and the time the
  form was shown; ``filled_too_fast(issued_at, minimum)`` says the form was sent quicker than a person could;
- ``honeypot_filled(data, field)`` is true when the hidden field a person never sees has a value.
"""

import datetime
import functools
import hashlib
import logging
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

MAX_TOKEN_LENGTH = 200


def client_ip(request, trusted_proxies=None):
    """The visitor's address; behind N trusted proxies, the Nth address from the right of X-Forwarded-For."""
    if trusted_proxies is None:
        default = getattr(settings, "DONATIONS_TRUSTED_PROXY_COUNT", 0)
        trusted_proxies = getattr(settings, "TRUSTED_PROXY_COUNT", default)
    if trusted_proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted_proxies:
            return forwarded[-trusted_proxies]
    return request.META.get("REMOTE_ADDR", "")


class CacheUnavailable(Exception):
    """The cache did not keep a counter (Redis down: django-redis drops writes and reads miss)."""


def hit(request, scope, *, limit, window):
    """Count one submission from this address for ``scope``; the seconds to wait when over ``limit``, else 0."""
    now = time.time()
    bucket = int(now // window)
    address = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]  # no raw IP in the cache
    key = f"abuse:rate:{scope}:{address}:{bucket}"
    try:
        count = _count_in_cache(key, window)
    except CacheUnavailable:  # django-redis has already logged the outage (once a minute)
        count = count_in_database(key, expires_at=(bucket + 1) * window + 60)
    except Exception as error:  # noqa: BLE001 - any cache failure falls back to the database, never to no limit
        logger.warning("Rate limit counted in the database: the cache failed (%s).", error)
        count = count_in_database(key, expires_at=(bucket + 1) * window + 60)
    if count > limit:
        return max(1, int((bucket + 1) * window - now))
    return 0


def _count_in_cache(key, window):
    cache.add(key, 0, timeout=window + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr(), or the cache keeps nothing
        cache.set(key, 1, timeout=window + 60)
        if cache.get(key) is None:
            raise CacheUnavailable(key) from None
        return 1
    if count is None:  # Redis unreachable: django-redis ignores the error and answers None
        raise CacheUnavailable(key)
    return count


def count_in_database(key, *, expires_at):
    """Add one to the database counter ``key`` (created on first use) and return its new value.

    One UPDATE … SET count = count + 1 per submission, so concurrent processes never lose a count; the first
    submission of a window inserts the row (a racing insert falls back to the update) and deletes expired ones.
    """
    from pages.models import RateLimitCounter

    counters = RateLimitCounter.objects.filter(key=key)
    with transaction.atomic():
        if not counters.update(count=F("count") + 1):
            expires = datetime.datetime.fromtimestamp(expires_at, tz=datetime.UTC)
            try:
                with transaction.atomic():
                    RateLimitCounter.objects.create(key=key, count=1, expires_at=expires)
            except IntegrityError:
                counters.update(count=F("count") + 1)
            else:
                RateLimitCounter.objects.filter(expires_at__lt=timezone.now()).delete()
        return counters.values_list("count", flat=True).get()


def make_form_token(salt, issued_at=None):
    """A signed one-time key for one display of a form, carrying the time the form was shown.

    The token is what ``signing.dumps(data, salt=salt)`` makes (``signing.loads`` reads it), made in a
    third of the time: a cached form page gets one per response, so it is much of a cache hit's cost. The
    HMAC key Django derives from the salt and ``SECRET_KEY`` is derived once (Django derives it per call),
    and zlib is not tried: the JSON of a key and a time is too short and random to shrink (a test checks
    the token against Django's own signature). The key is 128 random bits in hex, as long as a UUID's.
    """
    issued_at = int(time.time() if issued_at is None else issued_at)
    # What json.dumps({"k": key, "t": issued_at}, separators=(",", ":")) gives for 32 hex digits and an integer.
    data = f'{{"k":"{secrets.token_hex(16)}","t":{issued_at}}}'.encode("ascii")
    value = f"{signing.b64_encode(data).decode()}:{signing.b62_encode(int(time.time()))}"
    mac = _form_token_mac(salt, settings.SECRET_KEY).copy()
    mac.update(value.encode())
    return f"{value}:{signing.b64_encode(mac.digest()).decode()}"


@functools.lru_cache(maxsize=16)
def _form_token_mac(salt, secret):
    """Django's ``Signer(salt=salt).signature()`` HMAC, before any message: copied per token."""
    return salted_hmac(salt + "signer", b"", secret, algorithm="sha256")


def read_form_token(value, salt, max_age):
    """(key, issued_at) from a signed token, or None when it is missing, forged, malformed or too old."""
    if not value or not isinstance(value, str) or len(value) > MAX_TOKEN_LENGTH:
        return None
    try:
        data = signing.loads(value, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("k"), str) or not isinstance(data.get("t"), int):
        return None
    if not 0 <= time.time() - data["t"] <= max_age:
        return None
    return data["k"], data["t"]


def filled_too_fast(issued_at, minimum_seconds):
    return time.time() - issued_at < minimum_seconds


def honeypot_filled(data, field="website"):
    return bool((data.get(field) or "").strip())
