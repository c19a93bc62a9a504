"""Login lockout (django-axes): the message a locked-out person reads, and the lockouts an administrator lifts.

Axes counts failed sign-ins per username and per client address (``pages.abuse.client_ip``) in the database.
A refused attempt restarts the cool-off, so "try again at" is always now + ``AXES_COOLOFF_TIME``.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import ngettext

LOCKOUT_KINDS = ("username", "ip_address")


def retry_at(request=None):
    """When a locked-out person may try again, counted from now (each attempt restarts the wait)."""
    return timezone.now() + (get_cool_off(request) or timedelta(0))


def lockout_message(request=None):
    """'Too many … try again after 14:35 (in 30 minutes)' in the active language."""
    minutes = max(1, int((get_cool_off(request) or timedelta(0)).total_seconds() // 60))
    return ngettext(
        "Too many failed attempts for this account or from this address. Sign-in is locked: try again "
        "after %(time)s (in %(minutes)d minute). An administrator can unlock it sooner.",
        "Too many failed attempts for this account or from this address. Sign-in is locked: try again "
        "after %(time)s (in %(minutes)d minutes). An administrator can unlock it sooner.",
        minutes,
    ) % {"time": time_format(timezone.localtime(retry_at(request)), "H:i"), "minutes": minutes}


def is_locked_out(request, username):
    """True when axes refuses this username from this request's address."""
    return not AxesProxyHandler.is_allowed(request, {"username": username})


def count_attempt(request, username):
    """Count one throttled action (a password-reset request) like a failed sign-in."""
    AxesProxyHandler.user_login_failed(sender=__name__, credentials={"username": username}, request=request)
    # The action just counted still goes through; the next one is refused by its form.
    request.axes_locked_out = False


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the form that was refused, with its "try again at" error, as a 429."""
    seconds = int((get_cool_off(request) or timedelta(0)).total_seconds())
    if original_response is not None and original_response.status_code == 200:
        response = original_response
        response.status_code = 429
    else:
        response = render(request, "staff/locked_out.html", {"message": lockout_message(request)}, status=429)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


@dataclass(frozen=True)
class Lockout:
    """A username or an address whose recent failures (summed over all its records) reach the limit."""

    kind: str  # "username" or "ip_address"
    value: str
    failures: int
    last_attempt: datetime


def current_lockouts():
    """Usernames and addresses locked out now, most recent first (axes sums failures per username and per address)."""
    since = timezone.now() - (get_cool_off() or timedelta(0))
    recent = AccessAttempt.objects.filter(attempt_time__gte=since)
    lockouts = []
    for kind in LOCKOUT_KINDS:
        rows = (
            recent.exclude(**{f"{kind}__isnull": True})
            .values(kind)
            .annotate(failures=Sum("failures_since_start"), last_attempt=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        )
        lockouts += [Lockout(kind, row[kind], row["failures"], row["last_attempt"]) for row in rows if row[kind]]
    return sorted(lockouts, key=lambda lockout: lockout.last_attempt, reverse=True)


def unlock(kind, value):
    """Forget the failures of one username or one address; returns how many records were removed."""
    if kind == "username":
        return reset(username=value)
    if kind == "ip_address":
        return reset(ip=value)
    return 0
