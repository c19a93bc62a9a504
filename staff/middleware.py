"""Staff sessions: they end after a working day without a request, and the admin waits for the second factor."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from staff import two_factor

# Seconds between two writes of "last seen" to the session (not one write per request).
LAST_SEEN_RESOLUTION = 60
LAST_SEEN_KEY = "staff_last_seen"
# Admin views an unverified user may open: signing in and out, password reset, the second step itself, and
# the icons and translations every admin page loads.
OPEN_ADMIN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "staff_two_factor_verify",
    "staff_two_factor",
}


def has_session_cookie(request):
    """Only requests that already carry a session are looked at: anonymous visitors get no session or cookie."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class StaffSessionMiddleware:
    """Signs a user out after STAFF_SESSION_IDLE_SECONDS without a request, and keeps an active session alive.

    Saving "last seen" at most once a minute moves the session's expiry (SESSION_COOKIE_AGE, the same
    length) forward without writing the session on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_session_cookie(request) and SESSION_KEY in request.session:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if isinstance(last_seen, int) and now - last_seen > settings.STAFF_SESSION_IDLE_SECONDS:
                logout(request)
            elif not isinstance(last_seen, int) or now - last_seen >= LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    """A user who signed in with a password but owes a second factor reaches only the second step.

    In the admin every other view redirects to the code form (enrolled users) or to enrolment (users who
    must enrol). Outside the admin such a session counts as anonymous: no private pages or documents.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_session_cookie(request) and not is_admin_path(request.path):
            if two_factor.owes_second_factor(request):
                request.user = AnonymousUser()
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_admin_path(request.path) or not has_session_cookie(request):
            return None
        if request.resolver_match.url_name in OPEN_ADMIN_VIEWS:
            return None
        if not two_factor.owes_second_factor(request):
            return None
        enrolled = two_factor.session_state(request)["enrolled"]
        target = "staff_two_factor_verify" if enrolled else "staff_two_factor"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


def is_admin_path(path):
    return path.startswith(reverse("wagtailadmin_home"))
