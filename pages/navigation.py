"""Navigation data for the header, footer and language switcher."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site


def site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


def main_menu_pages(request):
    """Live children of the home page marked "show in menus", in tree order."""
    root = site_root(request)
    if root is None:
        return []
    return list(root.get_children().live().in_menu().public().order_by("path"))


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
    """Entries of the language switcher: code, short label, full name, URL, and whether it is active.

    ``urls`` overrides the URL per language; a language missing from it links to that language's home.
    """
    current = translation.get_language()
    urls = translated_urls(request, page) if urls is None else urls
    return [
        {
            "code": code,
            "label": settings.LANGUAGE_SHORT_LABELS[code],
            "name": name,
            "url": urls.get(code) or f"/{code}/",
            "active": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
