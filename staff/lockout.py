"""Login lockout (django-axes): the message a locked-out person reads, and the lockouts an administrator lifts.

Axes counts failed sign-ins per username and per client address (``pages.abuse.client_ip``) in the database.
A refused attempt restarts the cool-off, so "try again at" is always now + ``AXES_COOLOFF_TIME``.
"""

from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import ngettext


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


def current_lockouts():
    """Failure records that lock a username or an address now, newest first."""
    since = timezone.now() - (get_cool_off() or timedelta(0))
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")


def unlock(attempt):
    """Lift one lockout: forget the failures of its username and of its address. Returns records removed."""
    removed = reset(username=attempt.username) if attempt.username else 0
    if attempt.ip_address:
        removed += reset(ip=attempt.ip_address)
    return removed
