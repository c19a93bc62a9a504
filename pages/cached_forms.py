"""Public forms that are served from the page cache: the donate page and the report-a-concern page.

Such a page must not carry anything that belongs to one visitor, yet its form needs protection against
cross-site posting and replays, and it must work without JavaScript. So:

- the form carries a signed, time-limited token of its own (``pages.abuse.make_form_token``) instead of
  Django's cookie-bound CSRF token. A cached copy stores a placeholder; the page cache middleware writes a
  fresh token into every response it serves, hit or miss (one HMAC, no database, no cookie, no session);
- the token's random key is used once: the record it creates keeps it in a unique column, so a replayed
  form never creates a second record (the view decides what the person sees);
- a cross-site POST is refused by ``CsrfViewMiddleware`` below, by the Origin header and the browser's
  ``Sec-Fetch-Site`` header, the same origin checks Django itself makes before it compares cookie tokens;
- that relaxed check applies only to a POST to the form's own page route (the page the URL routes to, and
  the route that shows the form): a token copied into a POST to any other URL gets Django's cookie check.

An app registers the hidden field, the signing salt, the page model and the route of such a form in its
``AppConfig.ready()``.
"""

import re

from django.conf import settings
from django.core import signing
from django.middleware.csrf import CsrfViewMiddleware as DjangoCsrfViewMiddleware

from pages import abuse

PLACEHOLDER_PREFIX = "pagecache-form-token:"
PLACEHOLDER_RE = re.compile(rb"pagecache-form-token:([A-Za-z0-9._-]+)")
FILL_ATTRIBUTE = "page_cache_fills_form_tokens"
USED_ATTRIBUTE = "page_cache_form_token_used"
_forms = {}  # signing salt -> name of the hidden field that carries the token
_routes = {}  # signing salt -> (page model, name of the page's route method that shows and takes the form)


def register(field, salt, page_model, route):
    """Declare a form whose token may be filled in by the page cache and that skips the CSRF cookie check
    when it is posted to ``route`` (a ``RoutablePageMixin`` method name) of a ``page_model`` page."""
    _forms[salt] = field
    _routes[salt] = (page_model, route)


def _posted_to_its_page(request, salt):
    """True when Wagtail routed this request (``pages.routing.SharedLookupsMiddleware``, which runs earlier) to
    the page and route that own the form of ``salt``."""
    found = getattr(request, "_wagtail_route_for_request", None)
    if found is None or salt not in _routes:
        return False
    page_model, route = _routes[salt]
    view = found.args[0] if found.args else None
    return isinstance(found.page, page_model) and getattr(view, "__name__", None) == route


def token_for(request, salt):
    """The token for one display of a form: a placeholder when the page cache will fill it in, else a real one."""
    if salt in _forms and getattr(request, FILL_ATTRIBUTE, False):
        setattr(request, USED_ATTRIBUTE, True)
        return PLACEHOLDER_PREFIX + salt
    return abuse.make_form_token(salt)


def fill_pieces(pieces):
    """(content, tokens): the ``split`` pieces of a stored page with a new token in each placeholder."""
    tokens = [new_token(salt) for salt in pieces[1::2]]
    filled = list(pieces)
    filled[1::2] = tokens
    return b"".join(filled), tokens


def fill(content):
    """``content`` with every registered placeholder replaced by a new token (each one different)."""
    return PLACEHOLDER_RE.sub(lambda match: new_token(match.group(1)), content)


def split(content):
    """``content`` cut at its placeholders: ``[text, salt, text, salt, …, text]`` (salts as bytes)."""
    return PLACEHOLDER_RE.split(content)


def new_token(salt):
    """A new token for the placeholder of ``salt`` (bytes); an unregistered salt's placeholder stays as it is."""
    name = salt.decode("ascii")
    if name not in _forms:
        return PLACEHOLDER_PREFIX.encode("ascii") + salt
    return abuse.make_form_token(name).encode("ascii")


def carries_form_token(request, on_its_page=True):
    """True when the POST carries a correctly signed token of a registered form, sent to that form's page (a
    token of any age: the form's view tells the visitor that an old form has expired, which is kinder than a
    bare CSRF error). With ``on_its_page=False``, a token sent to any public page."""
    if request.path.startswith(("/admin/", "/django-admin/")):
        return False
    for salt, field in _forms.items():
        if on_its_page and not _posted_to_its_page(request, salt):
            continue
        value = request.POST.get(field, "")
        if not value or len(value) > abuse.MAX_TOKEN_LENGTH:
            continue
        try:
            signing.loads(value, salt=salt)
        except signing.BadSignature:
            continue
        return True
    return False


class CsrfViewMiddleware(DjangoCsrfViewMiddleware):
    """Django's CSRF check, except for registered public forms, which are checked by origin instead of cookie."""

    def process_view(self, request, callback, callback_args, callback_kwargs):
        outage = getattr(request, "routing_outage", None)
        if outage is not None and request.method == "POST" and carries_form_token(request, on_its_page=False):
            # The database failed while finding the page: without its route the token cannot be checked, and a
            # cookie check would answer "the form has expired". The visitor gets the outage page (503, nothing
            # saved, nothing charged) from the error handler instead.
            raise outage
        if (
            request.method != "POST"
            or getattr(request, "csrf_processing_done", False)
            or getattr(callback, "csrf_exempt", False)
            or not carries_form_token(request)
        ):
            return super().process_view(request, callback, callback_args, callback_kwargs)
        # A real Origin must be this site or a trusted one. Pages with "Referrer-Policy: no-referrer" (the
        # concern form) make browsers send "Origin: null"; Sec-Fetch-Site still says where the form came from.
        origin = request.META.get("HTTP_ORIGIN")
        if origin and origin != "null" and not self._origin_verified(request):
            return self._reject(request, f"Origin checking failed - {origin} does not match any trusted origins.")
        fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
        if fetch_site and fetch_site not in ("same-origin", "none"):
            trusted = origin and origin != "null" and origin in getattr(settings, "CSRF_TRUSTED_ORIGINS", ())
            if not trusted:
                return self._reject(request, f"Sec-Fetch-Site {fetch_site}: the form was sent from another site.")
        return self._accept(request)
