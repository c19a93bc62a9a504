"""sitemap.xml and robots.txt: every public page in every language, with hreflang alternates."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Page, Site


def sitemap_entries(request):
    """One entry per page and language; each entry lists the page's URL in every language."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .exclude(depth__lte=1)
        .order_by("path")
    )
    entries = []
    for page in pages:
        urls = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                url = page.get_url(request=request)
            if url:
                urls[code] = request.build_absolute_uri(url)
        alternates = list(urls.items())
        for code, url in alternates:
            entries.append({"loc": url, "language": code, "lastmod": page.last_published_at, "alternates": alternates})
    return entries


def sitemap_view(request):
    xml = render_to_string("pages/sitemap.xml", {"entries": sitemap_entries(request)}, request=request)
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


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
