"""The browser tests' site: its database, built by `make run`'s own set-up, and its server.

The database is built once per test run. Under pytest-xdist the controller builds it (alongside the demo
test database, on the core that would otherwise wait) and each worker's server gets a copy: the SQLite
file and the media folder copied, or, on PostgreSQL, a database made with ``CREATE DATABASE … TEMPLATE``.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

PROJECT_DIR = Path(__file__).resolve().parents[2]
MANAGE = [sys.executable, str(PROJECT_DIR / "manage.py")]
SQLITE_NAME = "browser.sqlite3"
BROWSER_SITE_KEY = "sos_browser_site"  # what the xdist controller passes to each worker (tests/conftest.py)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerDatabase:
    """A database for the browser-test server, separate from the pytest test database."""

    def __init__(self, workdir):
        self.base_url = os.environ.get("DATABASE_URL", "")
        self.workdir = Path(workdir)
        self.pg_name = None

    @property
    def postgresql(self):
        return self.base_url.startswith(("postgres://", "postgresql://"))

    def _admin(self):
        import psycopg

        parsed = urlparse(self.base_url)
        return psycopg.connect(urlunparse(parsed._replace(path="/postgres")), autocommit=True)

    def url(self, template=None):
        """Create the database (empty, or a copy of ``template``, a PostgreSQL name); return its URL."""
        if self.postgresql:
            parsed = urlparse(self.base_url)
            self.pg_name = f"{parsed.path.lstrip('/') or 'sos'}_browser_{os.getpid()}"
            copy = f' TEMPLATE "{template}"' if template else ""
            with self._admin() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}"')
                conn.execute(f'CREATE DATABASE "{self.pg_name}"{copy}')
            return urlunparse(parsed._replace(path=f"/{self.pg_name}"))
        return f"sqlite:///{self.workdir / SQLITE_NAME}"

    def drop(self):
        if self.pg_name:
            with self._admin() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


def server_env(workdir, database_url):
    """The environment of the server (and of its set-up), as `make run` has it but for a few test needs."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sos_site.settings.dev",
        # As visitors see it: real 404 pages, no debug toolbar of errors; uploads still served.
        "DJANGO_DEBUG": "0",
        "DJANGO_SERVE_MEDIA": "1",
        # Journeys fill the pledge form faster than a person and pledge several times from one IP.
        "DONATIONS_MIN_FILL_SECONDS": "1",
        "DONATIONS_PLEDGE_RATE_LIMIT": "1000",
        # Background tasks (e-mails, search index, renditions) run inside the request, as no worker runs here;
        # the worker itself is tested in tests/pages/test_tasks.py.
        "DJANGO_TASKS_IMMEDIATE": "1",
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(Path(workdir) / "media"),
        "PYTHONUNBUFFERED": "1",
    }


class SiteBuild:
    """`make run`'s own set-up (migrate, demo site, the dev superuser admin/sos-dev-admin) into a new database,
    started in the background; ``wait()`` returns None when done, else what went wrong."""

    def __init__(self):
        self.workdir = Path(tempfile.mkdtemp(prefix="sos-browser-site-"))
        self.database = ServerDatabase(self.workdir)
        env = server_env(self.workdir, self.database.url())
        self.process = subprocess.Popen(
            [*MANAGE, "dev_setup"],
            env={**env, "DJANGO_DEBUG": "1"},  # the dev superuser is made only with DEBUG on
            cwd=PROJECT_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def wait(self):
        stdout, stderr = self.process.communicate()
        if self.process.returncode != 0:
            return f"manage.py dev_setup failed:\n{stdout[-2000:]}\n{stderr[-4000:]}"
        return None

    def for_workers(self):
        """What a worker needs to make its copy (the dict travels to xdist workers)."""
        return {"workdir": str(self.workdir), "pg_template": self.database.pg_name}

    def remove(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.database.drop()
        shutil.rmtree(self.workdir, ignore_errors=True)


def copy_site(built, workdir, database):
    """Make ``workdir`` and ``database`` a copy of a site built by SiteBuild (see ``for_workers``); return its URL."""
    source = Path(built["workdir"])
    shutil.copytree(source / "media", workdir / "media", dirs_exist_ok=True)
    if built["pg_template"]:
        return database.url(template=built["pg_template"])
    shutil.copyfile(source / SQLITE_NAME, workdir / SQLITE_NAME)
    return database.url()


def build_site_here(env):
    """Without a prebuilt copy: run `make run`'s set-up in this process's own database."""
    done = subprocess.run(
        [*MANAGE, "dev_setup"], env={**env, "DJANGO_DEBUG": "1"}, cwd=PROJECT_DIR, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py dev_setup failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")


def start_server(env, workdir):
    """runserver on a free port; returns (process, log file, base URL) once it answers."""
    port = free_port()
    log = open(workdir / "server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [*MANAGE, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        env=env,
        cwd=PROJECT_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/ru/", timeout=2)
            return server, log, url
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"The test server did not start; see {workdir / 'server.log'}") from None
            time.sleep(0.1)
