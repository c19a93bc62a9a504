"""What every page render reads and almost never changes, kept in each process between requests.

The site of a host, the site settings, the main menu, view restrictions and page ancestors cost a query
each on every request, and their Python (Wagtail's site matching, the settings' get_or_create) costs more
than the query. They change only when an editor publishes, moves or deletes a page, or saves a site,
settings, a snippet or a privacy setting: exactly when the page cache is purged (pages/cache.py). So they
are kept here, in process memory, under the page cache's *generation* (a number in the shared cache that
every purge increments): each request reads the generation once (from the process's memory while it follows
the purge channel, pages/purge_feed.py; else one Redis GET), and a process that sees a new one drops
everything it kept. Every process and every server sharing the cache follows at its next
request, also with the page cache itself turned off.

Values are shared by concurrent requests of one process: they must not be changed after they are stored
(keep data, or model instances that templates only read). Nothing here depends on the visitor: it must
not hold anything per user or per session, and anything per language is keyed by the language.
"""

import contextvars
import logging
import threading

from pages import cache as page_cache
from sos_site.db_router import reads_from_primary

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_store = {"generation": None, "values": {}}
# The request being handled (set by pages.routing.SharedLookupsMiddleware), for code that has no request.
_current_request = contextvars.ContextVar("render_cache_request", default=None)


def bind(request):
    return _current_request.set(request)


def unbind(token):
    _current_request.reset(token)


def generation(request=None):
    """The page cache generation, read once per request."""
    request = request if request is not None else _current_request.get()
    if request is None:
        return _read_generation()
    value = getattr(request, "_render_cache_generation", None)
    if value is None:
        value = request._render_cache_generation = _read_generation()
    return value


def _read_generation():
    """The generation, or None when the shared cache cannot be read (then nothing is kept: always fresh)."""
    try:
        return page_cache.current_generation()
    except Exception as error:  # noqa: BLE001 - a broken cache must never break a page
        logger.debug("Render cache generation unavailable: %s", error)
        return None


def _values(current):
    global _store
    store = _store
    if store["generation"] != current:
        with _lock:
            if _store["generation"] != current:
                _store = {"generation": current, "values": {}}
            store = _store
    return store["values"]


_MISSING = object()


def values(request):
    """The dict of this process's values under the request's generation (to store selectively); a
    throwaway dict when the generation cannot be read."""
    current = generation(request)
    return {} if current is None else _values(current)


def get(request, key, compute):
    """``compute()``'s value for ``key`` under the current generation, computed once per process."""
    current = generation(request)
    if current is None:
        return compute()
    values = _values(current)
    value = values.get(key, _MISSING)
    if value is _MISSING:
        with reads_from_primary():  # kept until the next purge: never built from a lagging replica
            value = values[key] = compute()
    return value


def clear():
    """Forget everything this process keeps (tests; a purge does this for every process)."""
    global _store
    with _lock:
        _store = {"generation": None, "values": {}}
