"""Abuse protection for public forms: a per-IP rate limit, a signed form-start token, a honeypot check.

Generic, so that every public form (the pledge form and the "report a concern" form) uses the
same rules:

- ``hit(request, scope, limit=…, window=…)`` counts a submission per visitor address in Django's cache (shared
  across processes with Redis) and returns the seconds to wait when over the limit;
- ``make_form_token(salt)`` / ``read_form_token(value, salt, max_age)`` sign a one-time key and the time the
  form was shown; ``filled_too_fast(issued_at, minimum)`` says the form was sent quicker than a person could;
- ``honeypot_filled(data, field)`` is true when the hidden field a person never sees has a value.
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.core import signing
from django.core.cache import cache

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


def hit(request, scope, *, limit, window):
    """Count one submission from this address for ``scope``; the seconds to wait when over ``limit``, else 0."""
    now = time.time()
    bucket = int(now // window)
    address = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]  # no raw IP in the cache
    key = f"abuse:rate:{scope}:{address}:{bucket}"
    cache.add(key, 0, timeout=window + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window + 60)
        count = 1
    if count is None:  # Redis unreachable (django-redis ignores the error): nothing can be counted
        return 0
    if count > limit:
        return max(1, int((bucket + 1) * window - now))
    return 0


def make_form_token(salt, issued_at=None):
    """A signed one-time key for one display of a form, carrying the time the form was shown."""
    issued_at = int(time.time() if issued_at is None else issued_at)
    return signing.dumps({"k": uuid.uuid4().hex, "t": issued_at}, salt=salt, compress=True)


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
