"""Page cache hits answered in front of Django, with the final response of an earlier hit.

A cache hit in Django (pages/cache_middleware.py) still builds a request object, sends the request signals
and runs the middleware above the page cache: most of the time a hit costs. ``FastHits`` wraps the Django
WSGI application (sos_site/wsgi.py) and answers a request itself only when Django has already answered *the
same request* from the page cache, in this process, under the current generation:

- **Recorded from Django, never made up.** When Django answers a hit (the page cache middleware leaves the
  generation and the stored entry in the WSGI environ), the status and headers it sent — after every
  middleware, security headers, ``Vary``, HSTS, gzip included — are kept, keyed by every request input that
  Django's hit path reads (``Key`` below). A later request with the same inputs under the same generation
  gets those headers and the entry's page. So an unknown host can never be answered here (Django refused it
  with a 400, there is no hit to record), and neither can a path, query or scheme Django has not served
  from the cache.
- **Made afresh per response** exactly as Django's hit path makes them: the form tokens of a form page
  (pages/cached_forms.py, one new signed token per placeholder), the gzip member with its random-length
  BREACH padding (from the entry's kept deflate stream, as ``TextGZipMiddleware`` does) and
  ``Content-Length``. ``Date`` and ``Server`` are gunicorn's, as for any response.
- **A recorded response is checked before it is kept**: its body must be the entry's page (decompressed when
  gzipped; with valid tokens where the entry has placeholders), it must set no cookie, and its
  ``Content-Length`` must match. Anything else is not kept, and Django keeps answering that request.
- **Purges**: an entry is used only under the generation it was recorded with (pages/purge_feed.py keeps the
  generation in memory), and never after the stored page's own expiry; any settings change (tests'
  ``override_settings``) empties the store.
- **Only the middleware it knows.** It answers only while every middleware above the page cache is one whose
  inputs are in the key (``KNOWN_ABOVE_PAGE_CACHE``); add another one there and this path switches itself
  off until it is reviewed and listed.

What goes to Django: anything but GET/HEAD, a request with a session or messages cookie or an
``Authorization`` header, no ``Host``, a page cache that is off, a generation that cannot be read (Redis
down: Django then renders), and every request whose key was not recorded yet.
"""

import gzip
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core import signing
from django.core.handlers.wsgi import get_str_from_wsgi
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.middleware.gzip import re_accepts_gzip

from pages import cache as page_cache
from pages import cached_forms
from pages.cache_middleware import HIT_ENVIRON_KEY
from sos_site.middleware import TextGZipMiddleware, gzip_member, gzip_trailer

logger = logging.getLogger(__name__)

PAGE_CACHE_MIDDLEWARE = "pages.cache_middleware.PageCacheMiddleware"
# Middleware that may run above the page cache, and what of the request each one reads on a hit:
KNOWN_ABOVE_PAGE_CACHE = {
    "sos_site.db_router.ReplicaMiddleware",  # method, path, cookies, Authorization (chooses a database only)
    "django.middleware.security.SecurityMiddleware",  # scheme, host, path (HTTPS redirect, HSTS)
    "whitenoise.middleware.WhiteNoiseMiddleware",  # path (static files, never a cached page)
    "sos_site.middleware.SecurityHeadersMiddleware",  # path (CSP of the admin or of public pages)
    "sos_site.middleware.TextGZipMiddleware",  # Accept-Encoding (gzip or not)
    "pages.frontend_cache.SharedCacheControlMiddleware",  # method, path, cookies, Authorization
}
ENTRIES = 512  # (page, method, scheme, gzip or not, host): a few per page


GZIP_PADDING = TextGZipMiddleware.max_random_bytes  # Django's BREACH padding, as TextGZipMiddleware adds it


class Recorded:
    """The final response of a Django hit, ready to be answered again."""

    __slots__ = (
        "generation",
        "expires",
        "status",
        "headers",
        "length_at",
        "entry",
        "pieces",
        "gzipped",
        "trailer",
        "fixed",
    )

    def __init__(self, generation, expires, status, headers, entry, gzipped):
        self.generation = generation
        self.expires = expires
        self.status = status
        self.headers = headers  # as Django sent them; Content-Length is replaced per response, in its place
        self.length_at = next(i for i, (name, _value) in enumerate(headers) if name.lower() == "content-length")
        self.entry = entry
        self.pieces = cached_forms.split(entry["content"]) if entry.get("fill") else None
        self.gzipped = gzipped
        self.trailer = gzip_trailer(entry["content"]) if gzipped and self.pieces is None else None
        # A page without form tokens and not gzipped is the same bytes every time: headers and body once.
        self.fixed = None
        if not entry.get("fill") and not gzipped:
            self.fixed = (self._headers(len(entry["content"])), [entry["content"]])

    def _headers(self, length):
        headers = list(self.headers)
        headers[self.length_at] = (headers[self.length_at][0], str(length))
        return headers

    def answer(self):
        """(headers, body chunks) for one response, or None when Django would answer differently this time."""
        if self.fixed is not None:  # a new list each time: a server may add to it (wsgiref adds Date)
            return list(self.fixed[0]), self.fixed[1]
        entry = self.entry
        if self.pieces is not None:  # split once per recording, filled as pages.cache.thaw() fills it
            content, tokens = cached_forms.fill_pieces(self.pieces)
        else:
            tokens, content = [], entry["content"]
        if self.gzipped:
            trailer = self.trailer if self.pieces is None else None  # a page without tokens: computed once
            body = gzip_member(content, page_cache._deflate(entry, tokens), GZIP_PADDING, trailer)
            if len(body) >= len(content):  # Django would send this one uncompressed
                return None
        else:
            body = content
        return self._headers(len(body)), [body]


class FastHits:
    """WSGI middleware around the Django application (see the module doc)."""

    def __init__(self, app):
        self.app = app
        self._store = OrderedDict()
        self._lock = threading.Lock()
        self._settings = None  # the settings object the store was filled under
        self._middleware = (None, False)  # (MIDDLEWARE list seen, whether it is all known)
        self.answered = 0  # responses answered here (tests, debugging)

    # --- the key ---------------------------------------------------------------------------------------

    def key(self, environ):
        """Every request input Django's hit path reads, or None when the request must go to Django."""
        method = environ.get("REQUEST_METHOD")
        if method != "GET" and method != "HEAD":
            return None
        if environ.get("PATH_INFO", "").startswith(page_cache.EXCLUDED_PREFIXES):
            return None  # never a cached page (static files, documents, health checks, the admin)
        host = environ.get("HTTP_HOST")
        if host is None or "HTTP_AUTHORIZATION" in environ:
            return None
        if "HTTP_COOKIE" in environ:
            cookies = parse_cookie(get_str_from_wsgi(environ, "HTTP_COOKIE", ""))
            if page_cache.has_visitor_state(cookies):
                return None
        proxy_ssl = settings.SECURE_PROXY_SSL_HEADER
        return (
            method,
            environ.get("SCRIPT_NAME", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            host,
            environ.get("HTTP_X_FORWARDED_HOST") if settings.USE_X_FORWARDED_HOST else None,
            environ.get(proxy_ssl[0]) if proxy_ssl else None,
            environ.get("wsgi.url_scheme"),
            bool(re_accepts_gzip.search(environ.get("HTTP_ACCEPT_ENCODING", ""))),
        )

    def _usable(self):
        """The page cache is on and only known middleware runs above it; the store belongs to these settings."""
        if not page_cache.enabled():
            return False
        wrapped = settings._wrapped
        if wrapped is not self._settings:
            with self._lock:
                self._store.clear()
                self._settings = wrapped
        middleware = settings.MIDDLEWARE
        seen, known = self._middleware
        if middleware is not seen:
            known = PAGE_CACHE_MIDDLEWARE in middleware and all(
                name in KNOWN_ABOVE_PAGE_CACHE for name in middleware[: middleware.index(PAGE_CACHE_MIDDLEWARE)]
            )
            if not known:
                logger.warning("Fast page cache hits off: a middleware above the page cache is not reviewed.")
            self._middleware = (middleware, known)
        return known

    # --- WSGI ------------------------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        try:
            key = self.key(environ) if self._usable() else None
            recorded = self._store.get(key) if key is not None else None
            # The generation only when there is something to answer: a request this process has not seen
            # as a hit (a static file, /healthz, a first visit) never waits on Redis here.
            generation = page_cache.current_generation() if recorded is not None else None
        except Exception as error:  # noqa: BLE001 - whatever goes wrong here, Django answers
            logger.warning("Fast page cache hit path skipped: %s", error)
            key = None
        if key is None:
            return self.app(environ, start_response)
        if recorded is not None and recorded.generation == generation and recorded.expires > time.time():
            try:
                answer = recorded.answer()
            except Exception as error:  # noqa: BLE001 - Django answers instead
                logger.warning("Fast page cache hit failed: %s", error)
                answer = None
            if answer is not None:
                self.answered += 1
                start_response(recorded.status, answer[0])
                return answer[1]
        sent = []

        def recording_start_response(status, headers, exc_info=None):
            sent.append((status, list(headers)))  # as Django sent them, before the server adds its own
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        result = self.app(environ, recording_start_response)
        hit = environ.get(HIT_ENVIRON_KEY)
        if hit is not None and sent:
            try:
                self._record(key, hit, sent[-1], result)
            except Exception as error:  # noqa: BLE001 - not kept: Django goes on answering this request
                logger.warning("Fast page cache hit not kept: %s", error)
        return result

    def _record(self, key, hit, sent, result):
        generation, entry = hit
        status, headers = sent
        if not status.startswith("200 ") or not isinstance(result, HttpResponse) or result.streaming:
            return
        body = result.content
        names = {name.lower(): value for name, value in headers}
        if "set-cookie" in names or names.get("x-cache") != "hit" or names.get("content-length") != str(len(body)):
            return
        encoding = names.get("content-encoding")
        if encoding not in (None, "gzip"):
            return
        gzipped = encoding == "gzip"
        accepts_gzip = key[-1]
        if accepts_gzip and not gzipped and (entry.get("fill") or len(entry["content"]) >= 200):
            return  # Django chose not to compress a page it compresses as a rule: leave that case to it
        if not _same_page(gzip.decompress(body) if gzipped else body, entry):
            return
        expires = entry.get("stored_at", 0) + page_cache.cache_seconds()
        recorded = Recorded(generation, expires, status, headers, entry, gzipped)
        with self._lock:
            self._store[key] = recorded
            self._store.move_to_end(key)
            while len(self._store) > ENTRIES:
                self._store.popitem(last=False)


def _same_page(content, entry):
    """``content`` is the entry's page: the same bytes, or the same text around valid new form tokens."""
    if not entry.get("fill"):
        return content == entry["content"]
    pieces = cached_forms.split(entry["content"])
    texts, salts = pieces[::2], pieces[1::2]
    if not content.startswith(texts[0]):
        return False
    position = len(texts[0])
    for salt, text in zip(salts, texts[1:], strict=True):
        end = content.find(text, position) if text else len(content)
        if end < 0:
            return False
        token = content[position:end].decode("ascii", "replace")
        try:
            signing.loads(token, salt=salt.decode("ascii"))
        except signing.BadSignature:
            return False
        position = end + len(text)
    return position == len(content)
