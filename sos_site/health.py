"""Health endpoints for load balancers and orchestrators, outside the language prefixes and never cached.

``/healthz``: the process answers (no database, no cache). ``/readyz``: the database answers ``SELECT 1``
and the cache stores and returns a value; otherwise 503 with a short reason.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _plain(text, status=200):
    return HttpResponse(f"{text}\n", status=status, content_type="text/plain; charset=utf-8")


@never_cache
def healthz(request):
    return _plain("ok")


def database_ready():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception as error:  # noqa: BLE001 - any failure means "not ready", with the reason logged
        logger.warning("readyz: database unavailable: %s", error)
        return False


def cache_ready():
    key = f"readyz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=10)
        ok = cache.get(key) == "1"
        cache.delete(key)
        return ok
    except Exception as error:  # noqa: BLE001
        logger.warning("readyz: cache unavailable: %s", error)
        return False


@never_cache
def readyz(request):
    problems = []
    if not database_ready():
        problems.append("database unavailable")
    if not cache_ready():
        problems.append("cache unavailable")
    if problems:
        return _plain("; ".join(problems), status=503)
    return _plain("ok")
