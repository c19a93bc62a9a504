"""Old links keep working in every language when a page's slug changes or the page moves.

One mechanism, driven by Wagtail's own signals, ``page_slug_changed`` and ``post_page_move``; Wagtail's
automatic redirects are switched off (``WAGTAILREDIRECTS_AUTO_CREATE = False``) because they cover the
active language only, and with a slug per language a new Kyrgyz slug would break every shared Kyrgyz link.

- ``page_slug_changed`` carries the page as it was (``instance_before``, every ``url_path_<lang>``).
  Wagtail sends it only when the slug of the *active* language changed, so ``note_slug_change`` sends it
  too when only another language's slug changed (an editor working in Russian renames the Kyrgyz slug).
- ``post_page_move`` carries the active language's paths only, so ``remember_paths_before_move`` notes
  every language's path on ``pre_page_move``.

Either way every language whose path changed gets one permanent redirect (``automatically_created``)
from each old URL to the page, and to each of its live descendants. A redirect made by hand for the same
old path is left alone; an automatic one is replaced, so there is never more than one per old path.
"""

import threading

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site
from wagtail.signals import page_slug_changed

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
URL_PATH_FIELDS = [f"url_path_{code}" for code in LANGUAGE_CODES]
SLUG_FIELDS = [f"slug_{code}" for code in LANGUAGE_CODES]

_moves = threading.local()


def _url_paths(page_id):
    return Page.objects.filter(pk=page_id).values(*URL_PATH_FIELDS).first()


# --- slug changes ------------------------------------------------------------------------------------


def note_slug_change(sender, instance, **kwargs):
    """pre_save: remember the stored page when a slug Wagtail does not watch is about to change."""
    instance._slug_change_before = None
    if instance.pk is None or kwargs.get("raw"):
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and not set(update_fields) & {"slug", *SLUG_FIELDS}:
        return
    stored = type(instance).objects.filter(pk=instance.pk).first()
    if stored is None or stored.slug != instance.slug:  # new, or Wagtail sends page_slug_changed itself
        return
    if any(getattr(stored, field) != getattr(instance, field) for field in SLUG_FIELDS):
        instance._slug_change_before = stored


def send_slug_change(sender, instance, created=False, **kwargs):
    """post_save: send ``page_slug_changed`` for the change noted above, once the save is committed."""
    before = getattr(instance, "_slug_change_before", None)
    instance._slug_change_before = None
    if before is None or created:
        return
    transaction.on_commit(
        lambda: page_slug_changed.send(sender=type(instance), instance=instance, instance_before=before)
    )


def redirect_on_slug_change(sender, instance, instance_before, **kwargs):
    if instance_before.live:
        old_paths = {field: getattr(instance_before, field) for field in URL_PATH_FIELDS}
        create_redirects(instance, old_paths)


# --- moves -------------------------------------------------------------------------------------------


def remember_paths_before_move(sender, instance, **kwargs):
    if not hasattr(_moves, "paths"):
        _moves.paths = {}
    _moves.paths[instance.pk] = _url_paths(instance.pk)


def redirect_on_move(sender, instance, **kwargs):
    old_paths = getattr(_moves, "paths", {}).pop(instance.pk, None)
    if old_paths and instance.live:
        create_redirects(instance, old_paths)


# --- the redirects -----------------------------------------------------------------------------------


def create_redirects(page, old_paths):
    """One permanent redirect per language whose URL changed, for the page and its live descendants."""
    site = _site_of(page)
    if site is None:
        return
    root = _url_paths(site.root_page_id)
    new_paths = _url_paths(page.pk)
    descendants = Page.objects.filter(pk=page.pk) | Page.objects.descendant_of(page).live()
    for code, field in zip(LANGUAGE_CODES, URL_PATH_FIELDS, strict=True):
        old, new, root_path = old_paths[field], new_paths[field], root[field]
        if not old or not new or old == new or not root_path or not old.startswith(root_path):
            continue
        for page_id, path in descendants.values_list("pk", field):
            if path and path.startswith(new):
                old_url = f"/{code}/{(old + path[len(new) :])[len(root_path) :]}"
                _redirect(Redirect.normalise_path(old_url), site, page_id)


def _redirect(old_path, site, page_id):
    by_hand = Redirect.objects.filter(Q(site=site) | Q(site__isnull=True), old_path=old_path)
    if by_hand.filter(automatically_created=False).exists():
        return  # made by an editor (for this site or for all sites): theirs wins
    Redirect.objects.update_or_create(
        old_path=old_path,
        site=site,
        defaults={
            "redirect_page_id": page_id,
            "redirect_link": "",
            "is_permanent": True,
            "automatically_created": True,
        },
    )


def _site_of(page):
    for site in Site.objects.select_related("root_page"):
        if page.path.startswith(site.root_page.path):
            return site
    return None
