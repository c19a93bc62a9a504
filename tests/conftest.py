"""Shared fixtures: the demo site is built once per test session and every test rolls back its changes."""

import pytest
from django.core.management import call_command
from django.utils import translation

LANGUAGES = ("ru", "ky", "en")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)


@pytest.fixture
def home_page(db):
    from pages.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def org_settings(db):
    from wagtail.models import Site

    from pages.models import OrganisationSettings

    return OrganisationSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("editor-admin", "editor@example.org", "password")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture(autouse=True)
def _reset_language():
    yield
    translation.activate("ru")


@pytest.fixture(autouse=True)
def _fresh_render_cache():
    """Each test starts without the sites, settings and menus a previous test kept (its rows are rolled back)."""
    from pages import render_cache

    render_cache.clear()
    yield
    render_cache.clear()


@pytest.fixture
def tree_root(transactional_db):
    """The page tree's root and the default site, which an earlier transactional test's flush may have removed."""
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
    return root


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def database_tasks(settings):
    """Tasks stored in the database, as in production, instead of run at once (the tests' default)."""
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def run_worker(database_tasks, monkeypatch):
    """Run django-tasks-db's own worker loop in this process until no task is ready; returns how many it ran.

    The loop recycles old connections between tasks, which would close the test's transaction: that one call is
    skipped here (a real worker process is tested in tests/pages/test_tasks.py).
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        worker = db_worker.Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        )
        worker.run()
        return worker._run_tasks

    return run
