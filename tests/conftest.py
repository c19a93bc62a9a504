"""Shared fixtures: the demo site is built once per test session and every test rolls back its changes.

Under pytest-xdist (`make test` runs `-n auto`) the demo database is built once, by the controller process
before the workers start, and each worker gets a copy: SQLite's in-memory database is restored from a file
with SQLite's backup API (and the demo's media files copied), PostgreSQL's is cloned with
`CREATE DATABASE … TEMPLATE` (Django's `clone_test_db`, as `manage.py test --parallel` does).
"""

import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

LANGUAGES = ("ru", "ky", "en")
DEMO_DB_KEY = "sos_demo_db"
demo_db_stash = pytest.StashKey[dict]()
browser_site_stash = pytest.StashKey[object]()  # the controller's SiteBuild (tests/browser/server.py)
browser_site_for_workers = pytest.StashKey[dict]()


def build_demo_database(verbosity=0):
    """Create the test database, load the demo site; return the setup_databases() config for its teardown."""
    from django.test.utils import setup_databases

    db_cfg = setup_databases(verbosity=verbosity, interactive=False, aliases={"default"}, serialized_aliases=set())
    call_command("load_demo_content", verbosity=0)
    return db_cfg


def is_xdist_controller(config):
    return not hasattr(config, "workerinput") and config.pluginmanager.hasplugin("dsession")


def only_browser_tests(config):
    """Browser tests use a server with its own database: a run of them alone needs no test database."""
    paths = [Path(arg.split("::")[0]).resolve() for arg in config.args]
    browser = Path(__file__).resolve().parent / "browser"
    return bool(paths) and all(path == browser or browser in path.parents for path in paths)


def browser_tests_selected(config):
    """Whether this run may reach the browser tests (by its paths and -m), and they can run here."""
    from tests.browser.conftest import missing_requirement

    paths = [Path(arg.split("::")[0]).resolve() for arg in config.args]
    browser = Path(__file__).resolve().parent / "browser"
    reached = any(path == browser or browser in path.parents or path in browser.parents for path in paths)
    return reached and "not browser" not in (config.option.markexpr or "") and missing_requirement() is None


def pytest_sessionstart(session):
    """xdist controller: build the demo database once, before the workers start (they each take a copy).

    The browser tests' site (`make run`'s set-up, in a subprocess) is built at the same time, on the other core.
    """
    config = session.config
    if not is_xdist_controller(config):
        return
    site = None
    if browser_tests_selected(config):
        from tests.browser.server import SiteBuild

        site = config.stash[browser_site_stash] = SiteBuild()
    if not only_browser_tests(config):
        build_demo_database_for_workers(config)
    if site is not None:
        config.stash[browser_site_for_workers] = {**site.for_workers(), "error": site.wait()}


def build_demo_database_for_workers(config):
    from django.conf import settings
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        db_cfg = build_demo_database()
        connection = connections["default"]
        if connection.vendor == "sqlite":
            folder = Path(tempfile.mkdtemp(prefix="sos-test-demo-db-"))
            connection.ensure_connection()
            with sqlite3.connect(folder / "demo.sqlite3") as copy:
                connection.connection.backup(copy)
            config.stash[demo_db_stash] = {
                "sqlite": str(folder / "demo.sqlite3"),
                "media": str(settings.MEDIA_ROOT),
                "folder": str(folder),
                "db_cfg": db_cfg,
            }
        else:
            connection.close()  # CREATE DATABASE … TEMPLATE needs the template without connections
            config.stash[demo_db_stash] = {
                "template": connection.settings_dict["NAME"],
                "media": str(settings.MEDIA_ROOT),
                "db_cfg": db_cfg,
            }


def pytest_configure_node(node):
    """xdist controller, per worker: a clone of the demo database (PostgreSQL) or the file to restore (SQLite),
    and where the browser tests' site was built."""
    site = node.config.stash.get(browser_site_for_workers, None)
    if site is not None:
        from tests.browser.server import BROWSER_SITE_KEY

        node.workerinput[BROWSER_SITE_KEY] = site
    demo = node.config.stash.get(demo_db_stash, None)
    if demo is None:
        return
    if "template" in demo:
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with node.config.stash[blocking_manager_key].unblock():
            connections["default"].creation.clone_test_db(suffix=node.workerinput["workerid"], verbosity=0)
        node.workerinput[DEMO_DB_KEY] = {"postgresql": True, "media": demo["media"]}
    else:
        node.workerinput[DEMO_DB_KEY] = {"sqlite": demo["sqlite"], "media": demo["media"]}


def pytest_sessionfinish(session):
    site = session.config.stash.get(browser_site_stash, None)
    if site is not None:
        site.remove()
    demo = session.config.stash.get(demo_db_stash, None)
    if demo is None:
        return
    from django.test.utils import teardown_databases
    from pytest_django.plugin import blocking_manager_key

    with session.config.stash[blocking_manager_key].unblock():
        teardown_databases(demo["db_cfg"], verbosity=0)
    if "folder" in demo:
        shutil.rmtree(demo["folder"], ignore_errors=True)


def uses_test_database(item):
    """As pytest-django decides it: a django_db mark, or a fixture that needs the test database."""
    fixtures = getattr(item, "fixturenames", ())
    return item.get_closest_marker("django_db") is not None or any(
        name in fixtures for name in ("db", "transactional_db", "live_server")
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests first, then the other tests without the test database, then pytest-django's order.

    The longest tests (a browser journey, a subprocess) start first and the many short database tests fill both
    xdist workers to the end, instead of one worker finishing a long browser module while the other waits.
    Transactional tests (whose flush empties the demo database) stay last.
    """

    def group(item):
        if item.get_closest_marker("browser"):
            return 0
        return 2 if uses_test_database(item) else 1

    items.sort(key=group)


def use_demo_copy(demo):
    """xdist worker: point the connection at this worker's copy of the demo database, as create_test_db would."""
    from django.conf import settings
    from django.db import connections

    connection = connections["default"]
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()  # PostgreSQL: test_<name>_gwN, cloned by the controller
    connection.close()
    settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = test_name
    connection.ensure_connection()
    if "sqlite" in demo:
        with sqlite3.connect(demo["sqlite"]) as source:
            source.backup(connection.connection)
    shutil.copytree(demo["media"], settings.MEDIA_ROOT, dirs_exist_ok=True)  # the demo's report files
    return [(connection, old_name, True)]


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's test database, with the demo site loaded (or, under xdist, this worker's copy of it)."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations

    demo = getattr(request.config, "workerinput", {}).get(DEMO_DB_KEY)
    with django_db_blocker.unblock():
        if demo:
            db_cfg = use_demo_copy(demo)
        else:
            if not django_db_use_migrations:
                _disable_migrations()
            keepdb = django_db_keepdb and not django_db_createdb
            db_cfg = setup_databases(
                verbosity=request.config.option.verbose,
                interactive=False,
                aliases={"default"},
                serialized_aliases=set(),
                keepdb=keepdb,
            )
            call_command("load_demo_content", verbosity=0)
    yield
    if not (django_db_keepdb and not demo):
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=request.config.option.verbose)


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
