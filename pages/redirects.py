"""Old links keep working in every language when a page's slug changes or the page moves.

Wagtail creates redirects for the active language only; with a slug per language, a new Kyrgyz slug
would break every shared Kyrgyz link. Before a page is saved we note its URL path in each language;
after the save, every language whose path changed gets a permanent redirect from the old URL to
the page, for the page and each of its descendants.
"""

from django.conf import settings
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

URL_PATH_FIELDS = [f"url_path_{code}" for code, _name in settings.LANGUAGES]


def remember_url_paths(sender, instance, **kwargs):
    if instance.pk is None or not instance.live:
        instance._old_url_paths = None
        return
    instance._old_url_paths = Page.objects.filter(pk=instance.pk).values(*URL_PATH_FIELDS).first()


def redirect_old_url_paths(sender, instance, created=False, **kwargs):
    old_paths = getattr(instance, "_old_url_paths", None)
    instance._old_url_paths = None
    if created or not old_paths:
        return
    site = _site_of(instance)
    if site is None:
        return
    root = Page.objects.filter(pk=site.root_page_id).values(*URL_PATH_FIELDS).first()
    new_paths = Page.objects.filter(pk=instance.pk).values(*URL_PATH_FIELDS).first()
    for code, _name in settings.LANGUAGES:
        field = f"url_path_{code}"
        old, new, root_path = old_paths[field], new_paths[field], root[field]
        if not old or not new or old == new or not root_path or not old.startswith(root_path):
            continue
        pages = Page.objects.filter(pk=instance.pk) | Page.objects.descendant_of(instance).live()
        for page_id, path in pages.values_list("pk", field):
            if path and path.startswith(new):
                old_url = f"/{code}/{(old + path[len(new) :])[len(root_path) :]}"
                Redirect.objects.update_or_create(
                    old_path=Redirect.normalise_path(old_url),
                    site=site,
                    defaults={"redirect_page_id": page_id, "is_permanent": True, "redirect_link": ""},
                )


def _site_of(page):
    for site in Site.objects.select_related("root_page"):
        if page.path.startswith(site.root_page.path):
            return site
    return None


def page_for_url(path, site):
    """The live page a site-relative URL such as ``/ky/biz-zhonundo/`` shows, or None."""
    parts = [part for part in path.split("?")[0].split("/") if part]
    languages = {code for code, _name in settings.LANGUAGES}
    if not parts or parts[0] not in languages:
        return None
    code, rest = parts[0], parts[1:]
    root_path = getattr(site.root_page, f"url_path_{code}") or site.root_page.url_path
    target = root_path + "".join(f"{part}/" for part in rest)
    return Page.objects.live().filter(**{f"url_path_{code}": target}).first()


def import_old_urls(rows, site):
    """Create permanent redirects from (old path, new URL) rows; returns (created, problems).

    The new URL is either a path on this site in any language (``/ky/biz-zhonundo/``), which must lead
    to a live page and is kept as written so the visitor stays in that language (if the page moves
    later, the redirect made for its old URL takes over), or an absolute URL.
    """
    created, problems = 0, []
    for number, (old, new) in enumerate(rows, start=1):
        old, new = old.strip(), new.strip()
        if not old or not new:
            problems.append((number, old, "empty cell"))
            continue
        if not new.startswith(("http://", "https://")) and page_for_url(new, site) is None:
            problems.append((number, old, f"no live page at {new}"))
            continue
        defaults = {"is_permanent": True, "redirect_page": None, "redirect_link": new}
        Redirect.objects.update_or_create(old_path=Redirect.normalise_path(old), site=site, defaults=defaults)
        created += 1
    return created, problems
