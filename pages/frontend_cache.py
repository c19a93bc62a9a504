"""The CDN / reverse-proxy cache in front of the app servers: what it may keep, and its purge.

Two halves, both off unless ``SOS_FRONTEND_CACHE_URL`` is set (README "Scaling out"):

- **Headers.** ``SharedCacheControlMiddleware`` marks exactly the responses the page cache
  (``pages/cache.py``) would store — anonymous GET/HEAD ``200`` pages without a session, cookie, CSRF token
  or bound form — ``Cache-Control: public, max-age=0, s-maxage=<FRONTEND_CACHE_SECONDS>``: the proxy keeps
  them, browsers ask again. Every other response without a ``Cache-Control`` of its own becomes ``private``
  (admin, forms, thank-you pages, pages seen by a signed-in editor, 404s, redirects); views that already say
  ``no-store`` (the pledge and concern forms) keep it.
- **Purge.** Wagtail's ``wagtail.contrib.frontend_cache`` backends and purge task send the purges. Its own
  signal handlers are not used (the app is not in ``INSTALLED_APPS``): they purge the page's URL in the
  active language only, and here every language has its own translated slugs. On publish, unpublish, move
  and slug change ``purge_page`` sends, once the transaction has committed, PURGE for the page in every
  language (``/ru/…``, ``/ky/…``, ``/en/…``, old and new URLs of it and of its descendants after a move or
  rename), for its ancestors (the index that lists it, the home page) and ``/sitemap.xml``, and a BAN of the
  search results and of the page's and its ancestors' URLs with a query string (a PURGE drops one exact URL,
  and listings are also cached as ``?page=2``, ``?topic=…``, ``?year=…``); after a move or rename, also of
  every URL below the subtree's old and new roots. A page shown on every page (main
  menu, footer links held by site settings, the home page) and any save of site settings, a snippet, an
  image, a document, a site or a page's privacy BANs everything, like the page cache's own purge. Backends
  without BAN (a CDN's URL-purge API) rely on ``s-maxage`` for those.

  The URLs are worked out in the editor's request, once the transaction has committed; the PURGE and BAN
  requests themselves go out from the task queue (``send_purges``), so an editor never waits on a proxy, and a
  proxy that was unreachable or refused gets them again with the queue's back-off (pages/tasks.py).
"""

import logging
from datetime import timedelta
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.encoding import iri_to_uri
from django_tasks import task
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

from pages import cache as page_cache
from pages import purge_feed

logger = logging.getLogger("wagtail.frontendcache")

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def cache_seconds():
    return int(getattr(settings, "FRONTEND_CACHE_SECONDS", 0) or 0)


class SharedCacheControlMiddleware:
    """``public, s-maxage`` on what the page cache may store, ``private`` on the rest (see the module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        seconds = cache_seconds()
        if seconds <= 0:
            return response
        if page_cache.request_is_public(request) and page_cache.response_is_cacheable(response):
            patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response


# --- the backend -------------------------------------------------------------------------------------


class _MethodRequest(Request):
    def __init__(self, *args, method, **kwargs):
        super().__init__(*args, **kwargs)
        self._method = method

    def get_method(self):
        return self._method


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend with a timeout, plus BAN (``deploy/varnish/default.vcl`` answers both).

    ``LOCATION`` is the proxy's own address (``http://10.0.0.5:6081``); the URL's host goes in ``Host``.
    A BAN drops every cached response of that host whose path matches the ``X-Ban-Url`` regular expression.
    """

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 2))
        super().__init__(params)

    def _send(self, method, url, headers=None):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = _MethodRequest(
            urlunsplit([self.cache_scheme, self.cache_netloc, parts.path or "/", parts.query, ""]),
            headers={"Host": host, "User-Agent": "sos-frontend-cache", **(headers or {})},
            method=method,
        )
        try:
            with urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - our own proxy's address
                response.read()
            return True
        except HTTPError as error:
            logger.error("%s %s refused by the proxy: %s %s", method, url, error.code, error.reason)
        except (URLError, OSError) as error:
            logger.error("%s %s failed: %s", method, url, getattr(error, "reason", error))
        return False

    def purge(self, url):
        return self._send("PURGE", url)

    def purge_batch(self, urls):
        """PURGE each URL; returns those the proxy did not take."""
        return [url for url in urls if not self.purge(url)]

    def ban(self, root_url, path_regex="."):
        return self._send("BAN", root_url + "/", {"X-Ban-Url": path_regex})


# --- what to purge -----------------------------------------------------------------------------------


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _site_roots():
    from wagtail.models import Site

    return sorted({site.root_url for site in Site.objects.all()})


def page_urls(page, cache_object=None):
    """The page's full URLs (with its cached sub-paths) in every language, as the site links to them."""
    urls = []
    paths = page.specific_deferred.get_cached_paths() if hasattr(page, "specific_deferred") else ["/"]
    for code in LANGUAGE_CODES:
        with translation.override(code):
            url = page.get_full_url(cache_object)
        if url:
            urls.extend(url + path.lstrip("/") for path in paths)
    return urls


def subtree_urls(page, cache_object=None):
    """URLs of the page and of its live descendants in every language (what a move or rename changes)."""
    urls = page_urls(page, cache_object)
    for descendant in page.get_descendants().live().specific(defer=True):
        urls.extend(page_urls(descendant, cache_object))
    return urls


def listing_urls(page, cache_object=None):
    """The pages that list this one: its ancestors below the tree root (section indexes, the home page)."""
    urls = []
    for ancestor in page.get_ancestors().filter(depth__gt=1).live():
        urls.extend(page_urls(ancestor, cache_object))
    return urls


def shown_on_every_page(page):
    """In the main menu, the home page itself, or linked from the footer through a site setting."""
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Page, Site

    if Site.objects.filter(root_page_id=page.pk).exists():
        return True
    if page.show_in_menus and Site.objects.filter(root_page__depth=page.depth - 1).exists():
        return True
    for model in apps.get_models():
        if not issubclass(model, BaseSiteSetting | BaseGenericSetting):
            continue
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model and issubclass(field.related_model, Page)
        ]
        if fields and any(model.objects.filter(**{field: page.pk}).exists() for field in fields):
            return True
    return False


def _extra_urls():
    return [root + "/sitemap.xml" for root in _site_roots()]


class PurgeNotTaken(Exception):
    """A proxy was unreachable or refused a PURGE or BAN; the task queue tries the whole batch again."""


@task()
def send_purges(urls, ban_regexes):
    """PURGE ``urls`` and BAN the paths matching each of ``ban_regexes`` (on every site) on every backend.

    Backends that return nothing (a CDN's API client, the tests' recorder) are taken at their word; ours
    (``VarnishBackend``) say what failed, and then the task raises so that the queue sends the batch again.
    """
    failed = []
    roots = _site_roots() if ban_regexes else []
    for name, backend in get_backends().items():
        own = [url for url in urls if backend.invalidates_hostname(urlsplit(url).hostname)]
        if own:
            failed.extend(backend.purge_batch(own) or [])
        if ban_regexes and not hasattr(backend, "ban"):
            logger.info("[%s] cannot ban %s; cached copies expire after s-maxage", name, ban_regexes)
            continue
        for regex in ban_regexes:
            failed.extend(f"BAN {root} {regex}" for root in roots if backend.ban(root, regex) is False)
    if failed:
        raise PurgeNotTaken(f"{len(failed)} not taken, e.g. {failed[0]}")


# Seconds after which the same purge is sent again: longer than an app server may go on answering from the
# generation it had before the purge (pages/purge_feed.py: a lost message, a subscription found dead), so that a
# page the proxy fetched from a lagging server in that window is not kept for s-maxage.
PURGE_AGAIN_AFTER = purge_feed.REREAD_EVERY + purge_feed.IDLE_PING + purge_feed.DEAD_AFTER + 1


def queue_purges(urls=(), ban_regexes=()):
    urls, ban_regexes = sorted(set(urls)), list(ban_regexes)
    send_purges.enqueue(urls, ban_regexes)
    if send_purges.get_backend().supports_defer:  # the task queue of production; tests run tasks at once
        later = timezone.now() + timedelta(seconds=PURGE_AGAIN_AFTER)
        send_purges.using(run_after=later).enqueue(urls, ban_regexes)


SEARCH_RESULTS = "^/(" + "|".join(LANGUAGE_CODES) + ")/search/"
REGEX_SPECIAL = set(".+*?()[]{}|$")  # iri_to_uri leaves no "^" or "\\" in a path


def with_query_string(urls):
    """A BAN path regex for ``urls`` followed by any query string: the variants a PURGE of the URL leaves."""
    paths = sorted({iri_to_uri(urlsplit(url).path) for url in urls})
    return "^(" + "|".join(_literal(path) for path in paths) + ")[?]"


def subtree_with_query_string(urls):
    """A BAN path regex for any URL at or below the shortest of ``urls`` (the old and new roots of a moved or
    renamed subtree, in every language) followed by a query string."""
    roots = []
    for path in sorted({iri_to_uri(urlsplit(url).path) for url in urls}, key=len):
        if not any(path.startswith(root) for root in roots):
            roots.append(path)
    return "^(" + "|".join(_literal(root) for root in sorted(roots)) + ")[^?]*[?]"


def _literal(path):
    """``path`` as a regular expression without backslashes, which Varnish's ban expressions would read."""
    return "".join(f"[{char}]" if char in REGEX_SPECIAL else char for char in path)


class _CacheObject:
    """Holds the site root paths that Wagtail looks up once per batch of URLs."""


def purge_page(page, extra_urls=()):
    """The page in every language and what lists it; everything when it is shown on every page."""
    if not enabled():
        return
    if shown_on_every_page(page):
        queue_purges(ban_regexes=["."])
        return
    batch = _CacheObject()
    own_and_listing = [*page_urls(page, batch), *listing_urls(page, batch)]
    bans = [SEARCH_RESULTS, with_query_string(own_and_listing)]
    if extra_urls:  # a move or rename: the query variants of every old and new URL of the subtree
        bans.append(subtree_with_query_string(extra_urls))
    queue_purges([*own_and_listing, *_extra_urls(), *extra_urls], bans)


def purge_everything(reason=""):
    if enabled():
        logger.info("Frontend cache ban: %s", reason)
        queue_purges(ban_regexes=["."])


# --- signals -----------------------------------------------------------------------------------------

_moves = {}


def _after_commit(function, *args):
    transaction.on_commit(lambda: _safely(function, *args))


def _safely(function, *args):
    try:
        function(*args)
    except Exception as error:  # noqa: BLE001 - a purge that cannot be queued must never stop an editor publishing
        logger.error("Frontend cache purge not queued (%s); cached copies expire after s-maxage.", error)


def _on_publish_change(sender, instance, **kwargs):
    if enabled():
        _after_commit(purge_page, instance)


def _before_move(sender, instance, **kwargs):
    if enabled():
        _moves[instance.pk] = subtree_urls(instance)


def _after_move(sender, instance, **kwargs):
    old_urls = _moves.pop(instance.pk, [])
    if enabled():
        _after_commit(lambda: purge_page(instance, [*old_urls, *subtree_urls(instance)]))


def _after_slug_change(sender, instance, instance_before, **kwargs):
    if not enabled():
        return

    def purge():
        new_urls = subtree_urls(instance)
        old_urls = []
        for code in LANGUAGE_CODES:
            with translation.override(code):
                old, new = instance_before.get_full_url(), instance.get_full_url()
            if old and new:
                old_urls.extend(old + url[len(new) :] for url in new_urls if url.startswith(new))
        purge_page(instance, [*old_urls, *new_urls])

    _after_commit(purge)


def _on_model_change(sender, instance=None, raw=False, **kwargs):
    from wagtail.models import Page

    if raw or instance is None or not enabled():
        return
    deleted_page = isinstance(instance, Page) and kwargs.get("signal") is post_delete
    if deleted_page or page_cache._is_content_model(instance):
        _after_commit(purge_everything, f"{type(instance).__name__} {getattr(instance, 'pk', '')} changed")


def connect_signals():
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, pre_page_move

    page_published.connect(_on_publish_change, dispatch_uid="pages_frontend_cache_published")
    page_unpublished.connect(_on_publish_change, dispatch_uid="pages_frontend_cache_unpublished")
    pre_page_move.connect(_before_move, dispatch_uid="pages_frontend_cache_pre_move")
    post_page_move.connect(_after_move, dispatch_uid="pages_frontend_cache_moved")
    page_slug_changed.connect(_after_slug_change, dispatch_uid="pages_frontend_cache_slug_changed")
    post_save.connect(_on_model_change, dispatch_uid="pages_frontend_cache_model_saved")
    post_delete.connect(_on_model_change, dispatch_uid="pages_frontend_cache_model_deleted")
