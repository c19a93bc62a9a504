"""Public page reads from a read replica (DATABASE_REPLICA_URL); everything else from the primary.

Installed only when DATABASE_REPLICA_URL is set (sos_site/settings/base.py adds the ``replica`` database, this
router and ``ReplicaMiddleware``). A read goes to the replica only when all of these hold:

- it happens inside a request that ``ReplicaMiddleware`` marked as a public read: ``GET`` or ``HEAD``, not under
  ``/admin/``, and without a session cookie (signed-in staff, who must see what they just saved, always read the
  primary; anonymous visitors never get a session, README "Security");
- nothing was written in that request yet, and no transaction is open on the primary;
- the model is not one the site writes while serving or keeps private: accounts and sign-in records (auth,
  sessions, axes, two-factor devices), the task queue, pledges and payments (donations), concern reports
  (safeguarding), staff records and the site's own counters and preferences in ``PRIMARY_ONLY_MODELS``.

Management commands, task workers and migrations have no request, so they read and write the primary only.
``migrate`` never touches the replica: it is a copy made by PostgreSQL's replication.
"""

import contextlib
import contextvars

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
PRIMARY_ONLY_APPS = frozenset(
    {
        "auth",
        "sessions",
        "axes",
        "otp_totp",
        "otp_static",
        "django_otp",
        "django_tasks_db",
        "donations",
        "safeguarding",
        "staff",
        "wagtailusers",
    }
)
# pages models written while serving visitors or read back by staff at once (labels: app_label.ModelName lower).
PRIMARY_ONLY_MODELS = frozenset({"pages.ratelimitcounter", "pages.editorlanguagepreference"})


class _RequestState:
    __slots__ = ("public_read", "wrote")

    def __init__(self, public_read):
        self.public_read = public_read
        self.wrote = False


_state = contextvars.ContextVar("sos_db_request_state", default=None)


def is_public_read(request):
    admin_prefix = getattr(settings, "ADMIN_PATH_PREFIX", "/admin/")
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(admin_prefix)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class ReplicaMiddleware:
    """Marks the request as a public read (or not) for ``ReplicaRouter``; first in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _state.set(_RequestState(is_public_read(request)))
        try:
            return self.get_response(request)
        finally:
            _state.reset(token)


def in_transaction(alias):
    """An ``atomic()`` block is open on ``alias`` (the one a test case wraps itself in does not count, as for
    Django's own ``durable`` check)."""
    return any(not getattr(block, "_from_testcase", False) for block in connections[alias].atomic_blocks)


_on_primary = contextvars.ContextVar("sos_reads_on_primary", default=False)


@contextlib.contextmanager
def reads_from_primary():
    """Read from the primary inside this block, also in a public request: for what a process keeps across
    requests (pages/render_cache.py), which must never be built from a replica that has not caught up."""
    token = _on_primary.set(True)
    try:
        yield
    finally:
        _on_primary.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        state = _state.get()
        if state is None or _on_primary.get() or not state.public_read or state.wrote:
            return PRIMARY
        if model._meta.app_label in PRIMARY_ONLY_APPS or model._meta.label_lower in PRIMARY_ONLY_MODELS:
            return PRIMARY
        if in_transaction(PRIMARY):  # read what the open transaction sees
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        state = _state.get()
        if state is not None:
            state.wrote = True  # the rest of this request reads its own writes from the primary
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
