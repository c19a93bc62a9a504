"""Serve anonymous public pages from the shared cache (see pages/cache.py for what is stored and purged).

It sits near the top of MIDDLEWARE, under the security headers: a hit skips sessions, CSRF, the language
machinery and the database entirely. Every response it looked up carries ``X-Cache: hit`` or ``miss``.
When the cache is unreachable the page is simply rendered.

A form page served from the cache (pages/cached_forms.py) is stored with a placeholder for its form token;
every response, hit or miss, gets a fresh token written in.

In front of Django, pages/fast_hits.py answers repeated hits from the final responses of earlier ones.
"""

import logging

from pages import cache as page_cache
from pages import cached_forms

logger = logging.getLogger(__name__)
HIT_ENVIRON_KEY = "sos.page_cache.hit"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        page_cache.connect_signals()

    def __call__(self, request):
        if not page_cache.request_is_cacheable(request):
            return self.get_response(request)
        host = request.get_host()  # an unknown host is refused (400) before the cache is consulted
        key = entry = None
        try:
            generation = page_cache.current_generation()
            key = page_cache.page_key(request, generation, host)
            entry = page_cache.lookup(key)
        except Exception as error:  # noqa: BLE001 - a broken cache must never break a page
            logger.warning("Page cache lookup failed: %s", error)
        if entry is not None:
            response = page_cache.thaw(entry)
            response["X-Cache"] = "hit"
            # For pages/fast_hits.py, which keeps this hit's final response (request.META is the WSGI environ).
            request.META[HIT_ENVIRON_KEY] = (generation, entry)
            return response
        setattr(request, cached_forms.FILL_ATTRIBUTE, True)
        response = self.get_response(request)
        fills = getattr(request, cached_forms.USED_ATTRIBUTE, False)
        if key is not None and page_cache.response_is_cacheable(response, fills_form_tokens=fills):
            try:
                page_cache.store(key, page_cache.freeze(response, fills))
            except Exception as error:  # noqa: BLE001
                logger.warning("Page cache store failed: %s", error)
        if fills and not response.streaming:
            response.content = cached_forms.fill(response.content)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        response["X-Cache"] = "miss"
        return response
