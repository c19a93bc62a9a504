"""The per-IP limit on pledge submissions, through the shared rules in pages/abuse.py: kept in Django's
cache so that it holds across processes when the cache is shared (Redis)."""

from django.conf import settings

from pages import abuse


def hit(request, scope="pledge"):
    """Count one submission from this address; returns the seconds to wait when over the limit, else 0."""
    return abuse.hit(
        request,
        f"donations:{scope}",
        limit=getattr(settings, "DONATIONS_PLEDGE_RATE_LIMIT", 20),
        window=getattr(settings, "DONATIONS_PLEDGE_RATE_WINDOW", 3600),
    )
