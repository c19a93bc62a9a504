"""schema.org JSON-LD of a page: one graph, built once per request.

The graph holds the organisation (one ``@id`` in every language), the page's breadcrumbs as a
``BreadcrumbList`` and whatever the page type adds through ``get_structured_data(request)``. A node a
page adds with the organisation's ``@id`` (offices add themselves as its ``department``) is merged into
the organisation's node, so the graph names the organisation once.
"""

import json

from django.utils import translation
from django.utils.safestring import mark_safe

from pages import render_cache
from pages.models.settings import OrganisationSettings

SCHEMA_CONTEXT = "https://schema.org"
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_for_html(data):
    """JSON safe inside a <script type="application/ld+json"> element: no "</script>" can close it early."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES))


def absolute_page_url(page, request):
    return request.build_absolute_uri(page.get_url(request))


def breadcrumb_pages(request, page):
    """The pages the breadcrumbs show (home page … page itself), fetched once per request; empty on the home page."""
    trails = request.__dict__.setdefault("_breadcrumb_pages", {})
    if page.pk not in trails:
        if page.depth > 2 and page.pk and not getattr(request, "is_preview", False):
            # The ancestors (read-only) from the render cache: publishing or moving a page purges it.
            ancestors = render_cache.get(request, ("ancestors", page.path), lambda: tuple(page.get_ancestors()[1:]))
            trails[page.pk] = [*ancestors, page]
        else:
            trails[page.pk] = [*page.get_ancestors()[1:], page] if page.depth > 2 else []
    return trails[page.pk]


def breadcrumb_list(request, page):
    trail = breadcrumb_pages(request, page)
    if not trail:
        return None
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": crumb.title, "item": absolute_page_url(crumb, request)}
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def merge_into(node, extra):
    """Add ``extra``'s properties to ``node``; lists are extended rather than replaced."""
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(node.get(key), list):
            node[key] = [*node[key], *value]
        elif key not in node:
            node[key] = value


def page_graph(request, page=None):
    """The JSON-LD document of the page (or of a route without a page), computed once per request."""
    cached = getattr(request, "_structured_data", None)
    if cached is not None:
        return cached
    organisation = OrganisationSettings.for_request(request).structured_data(request)
    organisation.pop("@context", None)
    graph = [organisation]
    if page is not None and getattr(page, "depth", 0):
        breadcrumbs = breadcrumb_list(request, page)
        if breadcrumbs:
            graph.append(breadcrumbs)
        get_structured_data = getattr(page, "get_structured_data", None)
        for node in get_structured_data(request) if callable(get_structured_data) else []:
            if node.get("@id") == organisation["@id"]:
                merge_into(organisation, node)
            else:
                graph.append(node)
    request._structured_data = {"@context": SCHEMA_CONTEXT, "@graph": graph}
    return request._structured_data


# Pages whose JSON-LD each process keeps; beyond this the oldest half is dropped (bounded memory).
MAX_KEPT_GRAPHS = 2000


def page_graph_json(request, page=None):
    """The page's JSON-LD, safe inside <script type="application/ld+json">.

    A published page's graph (an office list names every office) is built once per process, language and
    address, and kept in the render cache, which any publish or settings save purges; previews, routes
    without a page and URLs with a query string are built per request.
    """
    if page is None or getattr(request, "is_preview", False) or request.GET or not getattr(page, "pk", None):
        return json_for_html(page_graph(request, page))
    key = ("json-ld", page.pk, translation.get_language(), request.build_absolute_uri())
    kept = render_cache.values(request)
    graph = kept.get(key)
    if graph is None:
        graph = json_for_html(page_graph(request, page))
        graphs = [name for name in kept if name[0] == "json-ld"]
        if len(graphs) >= MAX_KEPT_GRAPHS:
            for name in graphs[: MAX_KEPT_GRAPHS // 2]:
                kept.pop(name, None)
        kept[key] = graph
    return graph
