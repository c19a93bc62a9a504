"""The read-replica router (DATABASE_REPLICA_URL): public page reads from the replica, the rest from the primary.

The replica is a real second database, a copy of the test database made for each test (pg_dump | pg_restore on
PostgreSQL, SQLite's backup API on SQLite) and then changed on purpose, so a page shows which one it was read from.
"""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from donations.models import DonatePage, Pledge
from pages.models import StandardPage
from sos_site.db_router import PRIMARY, REPLICA, ReplicaRouter, _RequestState, _state
from tests.donations.conftest import donate_url, form_data
from tests.storage.conftest import ROOT

pytestmark = pytest.mark.django_db

REPLICA_MARK = " (replica copy)"


def pg_environment(settings_dict):
    env = {**os.environ, "PGHOST": settings_dict["HOST"] or "127.0.0.1", "PGUSER": settings_dict["USER"] or ""}
    if settings_dict["PORT"]:
        env["PGPORT"] = str(settings_dict["PORT"])
    if settings_dict["PASSWORD"]:
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def copy_database(connection, tmp_path):
    """A copy of ``connection``'s committed data in a new database; returns (its settings, a function dropping it)."""
    source = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        path = tmp_path / "replica.sqlite3"
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return {**source, "NAME": str(path)}, lambda: None
    assert connection.vendor == "postgresql"
    name = f"{source['NAME']}_replica"
    env = pg_environment(source)

    def drop():
        subprocess.run(["psql", "-d", "postgres", "-qc", f'DROP DATABASE IF EXISTS "{name}"'], env=env, check=True)

    drop()
    subprocess.run(["psql", "-d", "postgres", "-qc", f'CREATE DATABASE "{name}"'], env=env, check=True)
    dump = subprocess.run(["pg_dump", "-Fc", "-d", source["NAME"]], env=env, check=True, capture_output=True).stdout
    subprocess.run(["pg_restore", "--no-owner", "-d", name], input=dump, env=env, check=True)
    return {**source, "NAME": name}, drop


@pytest.fixture(scope="session")
def replica_database(django_db_setup, django_db_blocker, tmp_path_factory):
    """The replica: a copy of the test database with the demo site, made once, outside any test's transaction."""
    with django_db_blocker.unblock():
        replica_settings, drop = copy_database(connections[PRIMARY], tmp_path_factory.mktemp("replica"))
    yield replica_settings
    drop()


@pytest.fixture
def replica(db, settings, replica_database):
    """The ``replica`` database alias with the router and its middleware switched on."""
    connections.settings[REPLICA] = replica_database
    # Connect now: Django's test case refuses to open a connection to an alias the test did not declare, and
    # pytest-django only lets a test declare aliases that were in DATABASES when the session started.
    connections[REPLICA].connect()
    settings.DATABASE_ROUTERS = ["sos_site.db_router.ReplicaRouter"]
    settings.MIDDLEWARE = ["sos_site.db_router.ReplicaMiddleware", *settings.MIDDLEWARE]
    cache.clear()
    try:
        yield connections[REPLICA]
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]
        cache.clear()


@pytest.fixture
def page_marked_on_the_replica(replica):
    """A live standard page whose Russian title differs on the replica (as if replication were behind)."""
    page = StandardPage.objects.live().first()
    on_replica = StandardPage.objects.using(REPLICA).filter(pk=page.pk)
    on_replica.update(title_ru=page.title_ru + REPLICA_MARK)  # autocommit: undone by hand below
    yield page
    on_replica.update(title_ru=page.title_ru)


def tables(queries):
    return " ".join(query["sql"] for query in queries)


def test_an_anonymous_page_view_reads_the_page_from_the_replica(client, page_marked_on_the_replica, replica):
    with CaptureQueriesContext(replica) as on_replica:
        response = client.get(page_marked_on_the_replica.url)
    assert response.status_code == 200
    assert REPLICA_MARK in response.content.decode()
    assert "wagtailcore_page" in tables(on_replica.captured_queries)


def test_signed_in_staff_read_the_page_from_the_primary(admin_client, page_marked_on_the_replica, replica):
    with CaptureQueriesContext(replica) as on_replica:
        response = admin_client.get(page_marked_on_the_replica.url)
    assert response.status_code == 200
    assert REPLICA_MARK not in response.content.decode()
    assert on_replica.captured_queries == []


def test_the_admin_never_reads_the_replica(admin_client, replica):
    with CaptureQueriesContext(replica) as on_replica:
        response = admin_client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 200
    assert on_replica.captured_queries == []


def test_a_pledge_is_written_to_the_primary_and_its_thank_you_read_from_it(client, replica):
    donate_page = DonatePage.objects.get()
    with CaptureQueriesContext(replica) as on_replica:
        posted = client.post(donate_url(donate_page), form_data())
        assert posted.status_code == 303
        thank_you = client.get(posted["Location"])
    pledge = Pledge.objects.using(PRIMARY).get()
    assert thank_you.status_code == 200
    assert pledge.reference in thank_you.content.decode()
    assert not Pledge.objects.using(REPLICA).exists()
    assert "donations_pledge" not in tables(on_replica.captured_queries)


def within_request(public_read):
    return _state.set(_RequestState(public_read))


def test_after_a_write_the_same_request_reads_the_primary():
    router, token = ReplicaRouter(), within_request(public_read=True)
    try:
        assert router.db_for_read(StandardPage) == REPLICA
        assert router.db_for_write(StandardPage) == PRIMARY
        assert router.db_for_read(StandardPage) == PRIMARY
    finally:
        _state.reset(token)


@pytest.mark.parametrize("model", [Pledge, "safeguarding.ConcernReport", "auth.User", "sessions.Session"])
def test_private_and_written_records_are_always_read_from_the_primary(model):
    from django.apps import apps

    model = apps.get_model(model) if isinstance(model, str) else model
    router, token = ReplicaRouter(), within_request(public_read=True)
    try:
        assert router.db_for_read(model) == PRIMARY
    finally:
        _state.reset(token)


def test_outside_a_request_everything_is_read_from_the_primary():
    assert ReplicaRouter().db_for_read(StandardPage) == PRIMARY


def test_migrate_never_touches_the_replica():
    router = ReplicaRouter()
    assert router.allow_migrate(PRIMARY, "pages") is True
    assert router.allow_migrate(REPLICA, "pages") is False


def test_the_environment_alone_adds_the_replica_database_router_and_middleware():
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.DATABASES['replica']['NAME'], settings.DATABASE_ROUTERS, settings.MIDDLEWARE[0]]))"
    )
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "sos_site.settings.dev",
        "DATABASE_REPLICA_URL": "postgres://reader@replica.internal:5432/sos",
    }
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        "sos",
        ["sos_site.db_router.ReplicaRouter"],
        "sos_site.db_router.ReplicaMiddleware",
    ]


def test_a_page_unpublished_on_the_primary_is_gone_at_once_while_the_replica_lags(
    client, replica, django_capture_on_commit_callbacks
):
    page = StandardPage.objects.live().first()
    url = page.url
    assert client.get(url).status_code == 200  # the route is now kept by this process
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert StandardPage.objects.using(REPLICA).get(pk=page.pk).live  # the replica has not caught up
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404  # and nothing stale was kept for the next request
