"""Run by bench/compare.py inside one checkout (the baseline's or the working tree's): prints JSON.

It needs nothing from the checkout beyond what every version of the project has (Wagtail pages, the test
client, ``PAGE_CACHE_SECONDS``), so the same probe measures an old commit and the working tree alike:
the pages to load (one live page of each page type in each language, plus search), the SQL queries and
HTML bytes of one uncached rendering of each (Django's test client, the page cache off, Wagtail's own
caches warm), and a staff session for the admin's translation-status report.

Usage: python bench/probe.py <project dir>   (with DJANGO_SETTINGS_MODULE and the database set).
"""

import json
import sys
import urllib.parse

LANGUAGES = ("ru", "ky", "en")
SEARCH_WORDS = {"ru": "дети", "ky": "балдар", "en": "children"}
FORWARDED = {"X-Forwarded-Proto": "https"}


def pick_targets():
    from django.utils import translation
    from wagtail.models import Page

    targets, seen = [], set()
    for page in Page.objects.live().public().filter(depth__gte=2).specific().order_by("depth", "path"):
        kind = type(page)
        if kind in seen:
            continue
        seen.add(kind)
        with translation.override("en"):
            label = str(kind._meta.verbose_name)
        for code in LANGUAGES:
            with translation.override(code):
                url = page.get_url()
            if url:
                targets.append({"page": label, "language": code, "path": url})
    for code in LANGUAGES:
        query = urllib.parse.urlencode({"q": SEARCH_WORDS[code]})
        targets.append({"page": "search results", "language": code, "path": f"/{code}/search/?{query}"})
    return targets


def count_queries(targets, cookies=None):
    """SQL queries and HTML bytes of one rendering (page cache off, Wagtail's own caches warm)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(headers=FORWARDED)
    for name, value in (cookies or {}).items():
        client.cookies[name] = value
    with override_settings(PAGE_CACHE_SECONDS=0):
        for target in targets:
            client.get(target["path"], secure=True)
            client.get(target["path"], secure=True)  # a first visit may create settings, which purges caches
            with CaptureQueriesContext(connection) as context:
                response = client.get(target["path"], secure=True)
            target["status"] = response.status_code
            target["queries"] = len(context.captured_queries)
            target["bytes"] = len(response.content)


def staff_session():
    """A signed-in superuser's session cookie (second factor passed where the checkout has one)."""
    from importlib import import_module

    from django.apps import apps
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.base import SessionBase
    from django.utils.module_loading import import_string

    user_model = get_user_model()
    user = user_model.objects.filter(username="bench-admin").first()
    if user is None:
        user = user_model.objects.create_superuser("bench-admin", "bench-admin@example.org", "bench-admin-password")
    store: SessionBase = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = next(
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(import_string(path), "get_user")
    )
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if apps.is_installed("django_otp.plugins.otp_static"):
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_static.models import StaticDevice

        device, _ = StaticDevice.objects.get_or_create(user=user, name="backup", defaults={"confirmed": True})
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.save()
    return {settings.SESSION_COOKIE_NAME: store.session_key}


def admin_targets():
    from django.urls import NoReverseMatch, reverse

    targets = []
    for label, name in (("admin: dashboard", "wagtailadmin_home"), ("admin: translation status", "translation_status")):
        try:
            targets.append({"page": label, "language": "en", "path": reverse(name)})
        except NoReverseMatch:
            pass
    return targets


def main():
    project = sys.argv[1]
    sys.path.insert(0, project)
    import django

    django.setup()
    targets = pick_targets()
    count_queries(targets)
    cookies = staff_session()
    admin = admin_targets()
    count_queries(admin, cookies)
    for target in admin:
        target["cookies"] = cookies
    sys.stdout.write(json.dumps(targets + admin))


if __name__ == "__main__":
    main()
