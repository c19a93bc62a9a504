"""Navigation data for the header, footer and language switcher."""

from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from pages import render_cache


def site_root(request):
    from pages import routing

    site = routing.find_site(request)
    return site.root_page if site else None


def restricted_paths(request=None):
    """Tree paths of pages with a view restriction (password, login, groups), from the render cache (a
    restriction's save purges it)."""
    paths = getattr(request, "_restricted_paths", None)
    if paths is None:
        paths = render_cache.get(
            request,
            ("restricted paths",),
            lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
        )
        if request is not None:
            request._restricted_paths = paths
    return paths


def public(queryset, request=None):
    """``queryset.public()`` without its query: Wagtail's ``public()`` reads every view restriction on each
    call; the restricted paths come from the render cache here (same rule: not on or below a restricted page).
    """
    condition = Q()
    for path in restricted_paths(request):
        condition &= ~Q(path__startswith=path)
    return queryset.filter(condition)


def is_listed(page, request=None):
    """True when ``page`` may be linked from a listing, menu, footer or card: live and not private.

    A page is private when it or any ancestor has a view restriction.
    """
    if page is None or not getattr(page, "live", False):
        return False
    return not page.path.startswith(restricted_paths(request))


def main_menu_pages(request):
    """Live, public children of the home page marked "show in menus", in tree order.

    The same pages in every language (their titles and URLs follow the active language when read), kept
    in the render cache: publishing, moving or deleting a page purges it.
    """
    root = site_root(request)
    if root is None:
        return []

    def load():
        children = root.get_children().live().in_menu().order_by("path")
        return tuple(page for page in children if is_listed(page, request))

    return list(render_cache.get(request, ("main menu", root.pk), load))


def translated_urls(request, page=None):
    """The URL of what the visitor is looking at, in each language.

    A Wagtail page gives its own translated slugs; other routes (search, 404) keep their path and
    query with the language prefix changed.
    """
    if isinstance(page, Page) and hasattr(page, "get_translated_urls"):
        urls = page.get_translated_urls(request)
        query = request.GET.urlencode() if request.method == "GET" else ""
        return {code: f"{url}?{query}" if query and url else url for code, url in urls.items()}
    urls = {}
    for code, _name in settings.LANGUAGES:
        urls[code] = translate_url(request.get_full_path(), code)
    return urls


def language_links(request, page=None, urls=None):
    """Entries of the language switcher: code, short label, full name, URL, active, and indexable.

    ``urls`` overrides the URL per language; a language missing from it links to that language's home.
    """
    current = translation.get_language()
    urls = translated_urls(request, page) if urls is None else urls
    own = page.own_content_languages() if hasattr(page, "own_content_languages") else None
    return [
        {
            "code": code,
            "label": settings.LANGUAGE_SHORT_LABELS[code],
            "name": name,
            "url": urls.get(code) or f"/{code}/",
            "active": code == current,
            # In the hreflang set only where the page has text of its own; the switcher still offers it.
            "indexable": own is None or code in own,
        }
        for code, name in settings.LANGUAGES
    ]
