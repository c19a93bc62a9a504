"""What a publish, unpublish, move or settings save asks the CDN / reverse proxy to drop."""

import re

import pytest
from wagtail.models import Page

from pages.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

ROOT = "http://localhost"


@pytest.fixture
def section(home_page):
    """A page under the home page (not in the menu) with a child, in every language with its own slugs."""
    parent = StandardPageFactory(parent=home_page, slug_ru="razdel", slug_ky="bolum", slug_en="section")
    parent.show_in_menus = False
    parent.save_revision().publish()
    child = StandardPageFactory(parent=parent, slug_ru="stranica", slug_ky="barak", slug_en="page")
    return parent, child


def publish(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_publish_purges_the_page_in_every_language_with_its_translated_slugs(
    section, frontend_cache_on, django_capture_on_commit_callbacks
):
    _parent, child = section
    publish(child, django_capture_on_commit_callbacks)
    purged = set(frontend_cache_on.purged)
    assert {f"{ROOT}/ru/razdel/stranica/", f"{ROOT}/ky/bolum/barak/", f"{ROOT}/en/section/page/"} <= purged


def test_publish_purges_the_pages_that_list_it_and_the_sitemap(
    section, frontend_cache_on, django_capture_on_commit_callbacks
):
    _parent, child = section
    publish(child, django_capture_on_commit_callbacks)
    purged = set(frontend_cache_on.purged)
    assert {f"{ROOT}/ru/razdel/", f"{ROOT}/ky/bolum/", f"{ROOT}/en/section/"} <= purged
    assert {f"{ROOT}/ru/", f"{ROOT}/ky/", f"{ROOT}/en/"} <= purged
    assert f"{ROOT}/sitemap.xml" in purged


def test_publish_bans_search_results_and_query_variants_of_the_page_and_its_listings_only(
    section, frontend_cache_on, django_capture_on_commit_callbacks
):
    _parent, child = section
    publish(child, django_capture_on_commit_callbacks)
    search, variants = frontend_cache_on.banned
    assert search == (ROOT, "^/(ru|ky|en)/search/")
    assert variants[0] == ROOT
    pattern = re.compile(variants[1])
    for path in ("/ru/razdel/stranica/", "/en/section/", "/ky/bolum/", "/ru/"):
        assert pattern.search(path + "?page=2"), path
        assert not pattern.search(path), path  # the exact URL is PURGEd
    assert not pattern.search("/ru/razdel/drugaya/?page=2")
    assert "\\" not in variants[1]  # Varnish's ban expressions read backslashes as escapes


def test_unpublish_purges_the_page_in_every_language(section, frontend_cache_on, django_capture_on_commit_callbacks):
    _parent, child = section
    with django_capture_on_commit_callbacks(execute=True):
        child.unpublish()
    assert {f"{ROOT}/ru/razdel/stranica/", f"{ROOT}/ky/bolum/barak/", f"{ROOT}/en/section/page/"} <= set(
        frontend_cache_on.purged
    )


def move_under_a_new_page(home_page, section, django_capture_on_commit_callbacks):
    """Move the section (razdel / bolum / section) under a new page (novoe / jangy / new)."""
    parent, _child = section
    target = StandardPageFactory(parent=home_page, slug_ru="novoe", slug_ky="jangy", slug_en="new")
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=parent.pk).move(target, pos="last-child")


def test_move_purges_old_and_new_urls_of_the_page_and_its_descendants(
    home_page, section, frontend_cache_on, django_capture_on_commit_callbacks
):
    move_under_a_new_page(home_page, section, django_capture_on_commit_callbacks)
    purged = set(frontend_cache_on.purged)
    assert {f"{ROOT}/ky/bolum/", f"{ROOT}/ky/bolum/barak/", f"{ROOT}/en/section/page/"} <= purged
    assert {f"{ROOT}/ky/jangy/bolum/", f"{ROOT}/ky/jangy/bolum/barak/", f"{ROOT}/en/new/section/page/"} <= purged


def test_slug_change_purges_the_old_urls(section, frontend_cache_on, django_capture_on_commit_callbacks):
    parent, _child = section
    parent = StandardPage.objects.get(pk=parent.pk)
    parent.slug_ky = "bashka-bolum"
    publish(parent, django_capture_on_commit_callbacks)
    purged = set(frontend_cache_on.purged)
    assert {f"{ROOT}/ky/bolum/", f"{ROOT}/ky/bolum/barak/"} <= purged
    assert {f"{ROOT}/ky/bashka-bolum/", f"{ROOT}/ky/bashka-bolum/barak/"} <= purged


def test_page_in_the_main_menu_bans_everything(home_page, frontend_cache_on, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=home_page)
    page.show_in_menus = True
    publish(page, django_capture_on_commit_callbacks)
    assert frontend_cache_on.banned == [(ROOT, ".")]
    assert frontend_cache_on.purged == []


def test_settings_save_bans_everything(org_settings, frontend_cache_on, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        org_settings.tagline_ru = "Новый слоган"
        org_settings.save()
    assert frontend_cache_on.banned == [(ROOT, ".")]


def test_nothing_is_sent_without_a_frontend_cache(section, settings, django_capture_on_commit_callbacks):
    from tests.proxy.conftest import RecordingBackend

    settings.WAGTAILFRONTENDCACHE = {}
    _parent, child = section
    publish(child, django_capture_on_commit_callbacks)
    assert RecordingBackend.purged == [] and RecordingBackend.banned == []


def test_publish_leaves_the_purge_to_the_task_queue(
    section, frontend_cache_on, database_tasks, run_worker, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from pages import frontend_cache

    _parent, child = section
    publish(child, django_capture_on_commit_callbacks)
    queued = [row.task for row in DBTaskResult.objects.filter(task_path="pages.frontend_cache.send_purges")]
    now, later = sorted(queued, key=lambda task: task.run_after is not None)
    assert now.run_after is None  # the first at once; the same purge again once every app server has seen it:
    assert later.run_after >= timezone.now() + timedelta(seconds=frontend_cache.PURGE_AGAIN_AFTER - 5)
    rows = DBTaskResult.objects.filter(task_path="pages.frontend_cache.send_purges")
    assert {row.status for row in rows} == {TaskResultStatus.READY}
    assert len({str(row.args_kwargs) for row in rows}) == 1  # the same URLs and bans twice
    assert frontend_cache_on.purged == [] and frontend_cache_on.banned == []  # nothing sent by the request
    run_worker()
    assert f"{ROOT}/en/section/page/" in frontend_cache_on.purged
    assert (ROOT, "^/(ru|ky|en)/search/") in frontend_cache_on.banned


def test_purge_refused_by_an_unreachable_proxy_is_tried_again_later(section, settings, database_tasks, run_worker):
    import socket

    from django.utils import timezone
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from pages import frontend_cache

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # nothing listens there once the socket is closed
    proxy = {"BACKEND": "pages.frontend_cache.VarnishBackend", "LOCATION": f"http://127.0.0.1:{port}", "TIMEOUT": 1}
    settings.WAGTAILFRONTENDCACHE = {"proxy": proxy}
    frontend_cache.send_purges.enqueue([f"{ROOT}/en/section/"], ["."])
    run_worker()
    queued = DBTaskResult.objects.get(task_path="pages.frontend_cache.send_purges")
    assert queued.status == TaskResultStatus.READY  # back in the queue after the failed attempt
    assert len(queued.worker_ids) == 1
    assert queued.run_after > timezone.now()


def test_move_bans_the_query_variants_of_the_old_and_new_urls_of_the_subtree(
    home_page, section, frontend_cache_on, django_capture_on_commit_callbacks
):
    move_under_a_new_page(home_page, section, django_capture_on_commit_callbacks)
    pattern = re.compile(frontend_cache_on.banned[-1][1])
    for path in ("/ru/razdel/", "/ky/bolum/barak/", "/en/section/page/", "/en/new/section/", "/ky/jangy/bolum/barak/"):
        assert pattern.search(path + "?page=2"), path
        assert not pattern.search(path), path  # the exact URLs are PURGEd
    assert not pattern.search("/en/new/?page=2")  # the new parent's own listing is banned by its own rule
    assert not pattern.search("/en/about/?section=1")
    assert "\\" not in frontend_cache_on.banned[-1][1]
