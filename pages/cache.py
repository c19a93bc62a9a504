"""The public page cache: keys, what may be stored, and the purge.

Anonymous GET/HEAD responses of public pages are stored whole in Django's cache (Redis in production), one
entry per full URL, so each language (``/ru/…``, ``/ky/…``, ``/en/…``) has its own. Every key contains a
"generation" number kept in the cache itself; a purge increments it, so all pages are dropped at once, in
every process and on every server that shares the cache. A page shows menus, settings, snippets and other
pages, so "purge everything" is the simplest purge that is always correct; old entries expire on their own.

Each process keeps the generation in memory while it follows the Redis channel every purge publishes to
(pages/purge_feed.py), so a hit needs no Redis round trip; and a repeated hit is answered in front of Django
from the final response of an earlier one (pages/fast_hits.py).

Purges happen when a page is published, unpublished, moved or deleted, when site settings, a snippet, an
image, a document, a site or a page's privacy is saved or deleted. ``connect_signals()`` wires them up
(pages.apps and the middleware call it; it is idempotent).

A view can keep its response out of the cache with Django's ``never_cache`` decorator (or any
``Cache-Control: private/no-cache/no-store``); responses that set a cookie, carry a CSRF token, show a bound
form, or vary on anything but Cookie are never stored. The one exception to ``Cache-Control``: a page whose
form token the middleware fills in per response (pages/cached_forms.py) is stored here, and its
``no-cache`` headers keep browsers and shared proxies from storing a copy with one token in it.
"""

import hashlib
import logging
import struct
import threading
import time
import zlib
from collections import OrderedDict
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from pages import cached_forms, purge_feed

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
KEY_PREFIX = "pagecache:page"
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/readyz", "/static/", "/media/", "/django-admin/")
CACHEABLE_CONTENT_TYPES = ("text/html", "application/xml", "text/plain")
# Vary values a stored page may carry: Cookie only because something asked "is anybody logged in?"
# (the answer is "no" for every request the cache serves: requests with a session cookie bypass it).
ALLOWED_VARY = {"cookie", "accept-encoding"}
STORED_HEADER_SKIP = {"set-cookie", "x-cache", "content-length"}
# Each process keeps the pages it served last in its own memory too (pages are keyed by generation, so a
# purge reaches them at once): a hit then costs no Redis round trip (the generation is in memory too).
LOCAL_ENTRIES = 256
GZIP_LEVEL = 6  # Django's GZipMiddleware's
_local = OrderedDict()
_local_lock = threading.Lock()


def cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def enabled():
    return cache_seconds() > 0


def initial_generation():
    # Microseconds since the epoch: larger than any earlier generation plus its increments, so a
    # generation evicted from the cache never comes back to a value whose pages are still stored.
    return time.time_ns() // 1000


def current_generation():
    """The generation: from this process's memory while it follows the purge channel (pages/purge_feed.py),
    else read from the shared cache (one round trip)."""
    generation = purge_feed.current()
    if generation is not None:
        return generation
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, initial_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
        if generation is None:  # the cache is not storing anything: nothing will hit
            generation = initial_generation()
    return generation


def _bump():
    try:
        generation = cache.incr(GENERATION_KEY)
    except ValueError:
        generation = initial_generation()
        cache.set(GENERATION_KEY, generation, timeout=None)
    if generation is None:  # django-redis with IGNORE_EXCEPTIONS: Redis did not answer, nothing was purged
        logger.warning("Page cache purge lost (Redis unreachable); pages expire after PAGE_CACHE_SECONDS.")
        return
    # Every process following the channel reads the key again (pages/purge_feed.py), this one at once.
    try:
        purge_feed.publish(generation)
    except Exception as error:  # noqa: BLE001 - also runs on commit, where it must not fail the editor's request
        logger.warning("Page cache purge not published (%s); other processes see it within a second.", error)


def purge(reason=""):
    """Drop every cached page now, and again when the current transaction commits.

    The second purge catches a page rendered between the first one and the commit, from data that the
    publishing transaction had not yet made visible.
    """
    if reason:
        logger.debug("Page cache purged: %s", reason)
    try:
        _bump()
        transaction.on_commit(_bump)
    except Exception as error:  # noqa: BLE001 - a cache outage must not stop an editor from publishing
        logger.warning("Page cache purge failed (%s); pages expire after PAGE_CACHE_SECONDS.", error)


def lookup(key):
    """The stored entry for ``key``: from this process's memory while it is fresh, else from the cache."""
    now = time.time()
    with _local_lock:
        item = _local.get(key)
        if item is not None and item[0] > now:
            _local.move_to_end(key)
            return item[1]
    entry = cache.get(key)
    if entry is not None:
        _remember(key, entry, now)
    return entry


def store(key, entry):
    cache.set(key, entry, timeout=cache_seconds())
    _remember(key, entry, time.time())


def _remember(key, entry, now):
    expires = entry.get("stored_at", now) + cache_seconds()
    if expires <= now:
        return
    with _local_lock:
        _local[key] = (expires, entry)
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def page_key(request, generation, host=None):
    scheme = "https" if request.is_secure() else "http"
    url = f"{scheme}://{host or request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
    return f"{KEY_PREFIX}:{generation}:{digest}"


def request_is_cacheable(request):
    """Anonymous GET/HEAD for a public URL, with the page cache on."""
    return enabled() and request_is_public(request)


def has_visitor_state(cookies):
    """A session (signed in, editing) or flash messages: the page is this visitor's, never a shared copy."""
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def request_is_public(request):
    """Anonymous GET/HEAD for a public URL, without a session (logged-in or editing) or flash messages.

    The CDN's ``public, s-maxage`` (pages/frontend_cache.py) follows the same rule.
    """
    if request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "is_dummy", False):  # Wagtail's preview of a draft: never the live page's copy
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    if has_visitor_state(request.COOKIES):
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def _has_bound_form(response):
    context = getattr(response, "context_data", None) or {}
    values = context.values() if isinstance(context, dict) else []
    return any(isinstance(value, BaseForm) and value.is_bound for value in values)


def response_is_cacheable(response, fills_form_tokens=False):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(response, "page_cache_exempt", False):
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in CACHEABLE_CONTENT_TYPES:
        return False
    cache_control = {
        part.strip().split("=")[0].lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"private", "no-cache", "no-store"} and not fills_form_tokens:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
    if not vary <= ALLOWED_VARY:
        return False
    if _has_bound_form(response):
        return False
    # Belt and braces: a CSRF token in the page belongs to one visitor.
    return b"csrfmiddlewaretoken" not in response.content


def freeze(response, fills_form_tokens=False):
    headers = [(name, value) for name, value in response.items() if name.lower() not in STORED_HEADER_SKIP]
    entry = {"status": response.status_code, "headers": headers, "content": response.content, "stored_at": time.time()}
    if fills_form_tokens:
        entry["fill"] = True
    return entry


def thaw(entry):
    """The response for a hit. It carries ``deflated_content``: the content and a function giving its deflate
    stream, so that gzip (sos_site.middleware.TextGZipMiddleware) compresses a stored page once per process,
    not once per response; only the fresh form tokens of a form page are added per response."""
    if entry.get("fill"):
        content, tokens = cached_forms.fill_pieces(cached_forms.split(entry["content"]))
    else:
        tokens = []
        content = entry["content"]
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response["Content-Length"] = str(len(content))  # the middleware that set it sits below the cache
    response.deflated_content = (content, partial(_deflate, entry, tokens))
    return response


def _deflate(entry, tokens):
    """The raw deflate stream of the entry's content with ``tokens`` in its placeholders.

    The text between placeholders is compressed once and kept with the entry in this process's memory (each
    piece ends on a byte boundary, independent of the others); a token goes in as an uncompressed block.
    """
    pieces = entry.get("deflated")
    if pieces is None:
        texts = cached_forms.split(entry["content"])[::2] if entry.get("fill") else [entry["content"]]
        pieces = []
        for index, text in enumerate(texts):
            compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
            last = index == len(texts) - 1
            pieces.append(compressor.compress(text) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH))
        entry["deflated"] = pieces
    parts = [pieces[0]]
    for token, piece in zip(tokens, pieces[1:], strict=True):
        parts.extend(_stored_blocks(token))
        parts.append(piece)
    return b"".join(parts)


def _stored_blocks(data):
    """``data`` as uncompressed (stored) deflate blocks, none of them the last one."""
    for start in range(0, len(data), 0xFFFF):
        chunk = data[start : start + 0xFFFF]
        yield b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk


# --- purge on content changes -------------------------------------------------------------------------


def _purge_on_page_change(sender, instance=None, **kwargs):
    purge(f"page {getattr(instance, 'pk', '')} changed")


def _is_content_model(instance):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    if isinstance(instance, Page):  # drafts save the page too; publishing has its own signal
        return False
    content_bases = (BaseSiteSetting, BaseGenericSetting, AbstractImage, AbstractDocument, Site, PageViewRestriction)
    if isinstance(instance, content_bases):
        return True
    return type(instance) in set(get_snippet_models())


def _purge_on_model_change(sender, instance=None, raw=False, **kwargs):
    if raw or instance is None:
        return
    if _is_content_model(instance):
        purge(f"{type(instance).__name__} {getattr(instance, 'pk', '')} changed")


def _purge_on_page_delete(sender, instance=None, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        purge(f"page {instance.pk} deleted")


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_purge_on_page_change, dispatch_uid="pages_cache_purge_published")
    page_unpublished.connect(_purge_on_page_change, dispatch_uid="pages_cache_purge_unpublished")
    post_page_move.connect(_purge_on_page_change, dispatch_uid="pages_cache_purge_moved")
    post_delete.connect(_purge_on_page_delete, dispatch_uid="pages_cache_purge_page_deleted")
    post_save.connect(_purge_on_model_change, dispatch_uid="pages_cache_purge_model_saved")
    post_delete.connect(_purge_on_model_change, dispatch_uid="pages_cache_purge_model_deleted")
