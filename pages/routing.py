"""Finding the page of a URL in one query, and the site of a request without one.

wagtail-modeltranslation replaces ``Page.route`` with a version that walks the tree one level at a time,
loading *every* child of each level (all 1 000 reports under the report index) and then the matched
child's specific row, to compare slugs in Python: on the scaled site that was 13 % of a report page's
time, and it grows with the number of siblings. Each language's ``url_path_<lang>`` column already holds
the path that walk finds (modeltranslation keeps it, with the same slug fallback, for ``get_url``), so the
page is found by the URL's path prefixes in one query; the match (page id and type) is kept for the
render-cache generation, so a repeated URL costs only the query of the page itself.

Semantics kept from the walk: a routable page (``RoutablePageMixin``) on the way answers the rest of the
path when one of its routes matches it; otherwise the deepest page must match the whole path and be live.
A URL this does not resolve goes to modeltranslation's own route, so nothing it answered is lost.

``SharedLookupsMiddleware`` fills Wagtail's per-request caches (``request._wagtail_site``,
``request._wagtail_route_for_request``) from here before a view runs; Wagtail reads them as usual.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError
from django.http import Http404
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from pages import render_cache
from sos_site.db_router import reads_from_primary

# URLs kept per process and generation; beyond this the oldest half is dropped (bounded memory).
MAX_ROUTES = 5000
NOT_FOUND = "not-found"


def find_site(request):
    """Wagtail's Site of this request, matched once per host and generation in each process."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    host = request._get_raw_host()
    port = request.get_port()
    site = render_cache.get(request, ("site", host, port), lambda: Site._find_for_request(request))
    request._wagtail_site = site
    return site


def _localized(page, field, language):
    return getattr(page, f"{field}_{language}", None) or getattr(page, field)


def _match(site, components, language):
    """(page id, page class, number of path components the page takes) or NOT_FOUND."""
    root = site.root_page
    root_path = _localized(root, "url_path", language)
    prefixes = [
        root_path + "".join(f"{part}/" for part in components[:length]) for length in range(len(components) + 1)
    ]
    rows = list(
        Page.objects.filter(**{f"url_path_{language}__in": prefixes}, depth__gte=root.depth, path__startswith=root.path)
        .order_by("depth")
        .values_list("pk", "depth", "content_type_id", "live", f"url_path_{language}")
    )
    by_prefix = {url_path: (pk, depth, content_type_id, live) for pk, depth, content_type_id, live, url_path in rows}

    for length, prefix in enumerate(prefixes):
        found = by_prefix.get(prefix)
        if found is None or found[1] != root.depth + length:
            return NOT_FOUND  # the walk stops at a missing level; modeltranslation's route decides
        pk, _depth, content_type_id, live = found
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        rest = components[length:]
        if model is not None and issubclass(model, RoutablePageMixin) and live:
            try:
                model.get_resolver().resolve("/" + "".join(f"{part}/" for part in rest))
                return pk, model, length
            except Http404:
                pass
        if not rest:
            return (pk, model, length) if live else NOT_FOUND
    return NOT_FOUND


def route(request, path):
    """Wagtail's RouteResult for ``path`` (below the language prefix), or None when there is none."""
    site = find_site(request)
    if site is None:
        return None
    language = translation.get_language() or settings.LANGUAGE_CODE
    components = [part for part in path.split("/") if part]
    key = ("route", site.pk, language, tuple(components))
    values = render_cache.values(request)
    found = values.get(key)
    if found is None:
        with reads_from_primary():  # kept until the next purge: never built from a lagging replica
            found = _match(site, components, language)
        if sum(1 for name in values if name[0] == "route") >= MAX_ROUTES:
            for name in [name for name in list(values) if name[0] == "route"][: MAX_ROUTES // 2]:
                values.pop(name, None)
        values[key] = found
    if found == NOT_FOUND:
        with reads_from_primary():
            return Page.route_for_request(request, path)  # modeltranslation's walk: a 404, or a fallback slug
    pk, model, length = found
    page = model.objects.filter(pk=pk).first() if model is not None else None
    if page is None:
        with reads_from_primary():
            return Page.route_for_request(request, path)
    rest = components[length:]
    if isinstance(page, RoutablePageMixin):
        try:
            resolver_match = page.resolve_subpage("/" + "".join(f"{part}/" for part in rest))
        except Http404:
            resolver_match = None
        if resolver_match is not None:
            request.routable_resolver_match = resolver_match
            view, args, kwargs = resolver_match
            return RouteResult(page, args=(view, args, kwargs))
    return RouteResult(page)


def _site_root_paths(self, request=None):
    """wagtail-modeltranslation's per-language site root paths, which ``get_url`` reads for every link.

    Its version keeps one language per request and asks the shared cache again at every language switch
    (the language switcher and hreflang links switch three times per page); here each language is kept per
    request, and per process in the render cache.
    """
    from wagtail_modeltranslation import patch_wagtailadmin

    if request is None:
        return patch_wagtailadmin._new_get_site_root_paths(self, request)
    language = translation.get_language()
    per_language = request.__dict__.setdefault("_sos_site_root_paths", {})
    paths = per_language.get(language)
    if paths is None:
        paths = per_language[language] = render_cache.get(
            request, ("site root paths", language), patch_wagtailadmin._localized_site_get_site_root_paths
        )
    return paths


def install():
    """Put ``_site_root_paths`` on every page class wagtail-modeltranslation patched (pages.apps.ready)."""
    from wagtail_modeltranslation.patch_wagtailadmin import WagtailTranslator

    for model in WagtailTranslator._patched_models:
        if issubclass(model, Page):
            model._get_site_root_paths = _site_root_paths


class SharedLookupsMiddleware:
    """Before a public view: the request's site from the render cache and, for Wagtail's page view, its route.

    Put it after the page cache (a cached page needs neither) and before anything that asks for the site.
    The admin is left to Wagtail as it is.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = render_cache.bind(request)
        try:
            return self.get_response(request)
        finally:
            render_cache.unbind(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/admin/"):
            return None
        if view_func is not wagtail_serve:
            return None  # other views ask for the site (through find_site) only when they need it
        try:
            find_site(request)
            if not hasattr(request, "_wagtail_route_for_request"):
                path = view_kwargs.get("path", view_args[0] if view_args else "")
                try:
                    request._wagtail_route_for_request = route(request, path)
                except Http404:
                    request._wagtail_route_for_request = None
        except DatabaseError as error:
            # Left to the view, whose failure the outage middleware turns into a 503 page; the CSRF check of a
            # cached form, which needs the route, raises it (pages.cached_forms.CsrfViewMiddleware).
            for name in ("_wagtail_site", "_wagtail_route_for_request"):
                request.__dict__.pop(name, None)
            request.routing_outage = error
        return None
