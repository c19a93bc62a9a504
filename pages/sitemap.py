"""sitemap.xml (Django's sitemap framework) and robots.txt.

Every live public page, once per language in which it has text of its own, with the same hreflang
alternates as the page's own ``<link rel="alternate">`` tags, ``x-default`` included.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from wagtail.models import Page, Site


class PageSitemap(Sitemap):
    """Every live page without a view restriction (its own or an ancestor's), in every language."""

    i18n = True
    alternates = True
    x_default = True

    def __init__(self, request):
        self.request = request

    def items(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        return Page.objects.live().public().descendant_of(site.root_page, inclusive=True).order_by("path").specific()

    def get_languages_for_item(self, page):
        """Only the languages in which the page has text of its own, like its hreflang links (pages/fallback.py)."""
        own = page.own_content_languages() if hasattr(page, "own_content_languages") else None
        return [code for code in self._languages() if own is None or code in own]

    def location(self, page):
        """The page's path in the active language (the framework adds the scheme and host of the request)."""
        _site_id, _root_url, path = page.get_url_parts(self.request)
        return path

    def lastmod(self, page):
        return page.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's x-default drops the language prefix ("/o-nas/"), which LocaleMiddleware would redirect to
        the visitor's language, where a Russian slug is a 404: point x-default at the default language's URL
        instead, as base.html does."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            locations = {alternate["lang_code"]: alternate["location"] for alternate in url["alternates"]}
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default":
                    alternate["location"] = locations[settings.LANGUAGE_CODE]
        return urls


def sitemap_view(request):
    return sitemap(request, {"pages": PageSitemap(request)})


def robots_view(request):
    """Only the admin is off limits. Search results, filtered listings and thank-you pages say ``noindex``
    themselves; a crawler must be allowed to fetch them to see it (a disallowed URL can still be indexed
    from links, without its content)."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
