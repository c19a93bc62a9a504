"""A per-IP limit on pledge submissions, kept in Django's cache so that it holds across processes
when the cache is shared (Redis, Memcached); with the local-memory cache it holds per process."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The visitor's address; behind N trusted proxies, the Nth address from the right of X-Forwarded-For."""
    proxies = getattr(settings, "DONATIONS_TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def limit_and_window():
    return (
        getattr(settings, "DONATIONS_PLEDGE_RATE_LIMIT", 20),
        getattr(settings, "DONATIONS_PLEDGE_RATE_WINDOW", 3600),
    )


def hit(request, scope="pledge"):
    """Count one submission from this address; returns the seconds to wait when over the limit, else 0."""
    limit, window = limit_and_window()
    now = time.time()
    bucket = int(now // window)
    address = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]  # no raw IP in the cache
    key = f"donations:rate:{scope}:{address}:{bucket}"
    cache.add(key, 0, timeout=window + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window + 60)
        count = 1
    if count > limit:
        return max(1, int((bucket + 1) * window - now))
    return 0
