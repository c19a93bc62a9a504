"""`make bench BASELINE=<git ref>`: the working tree against a baseline commit, side by side, uncached.

Both checkouts (the baseline exported with ``git archive`` into a temporary folder, the working tree as it
is, uncommitted changes included) run in this virtualenv. Each gets its own temporary SQLite database (or,
with ``DATABASE_URL`` pointing at a throwaway PostgreSQL server, its own database on it), its own Redis
database and the same scaled demo site (``load_demo_content`` then ``scale_demo`` with BENCH_REPORTS,
BENCH_PROGRAMMES, BENCH_OFFICES), built by its own code. Then gunicorn serves each with the production
settings and the page cache off (``DJANGO_PAGE_CACHE_SECONDS=0``: every request renders) on two ports, and
for every page type the requests alternate A, B, A, B …:

- render time: BENCH_COMPARE_REQUESTS (default 30) sequential requests per side and page type, spread over
  the three languages, each timed from the request to the last byte; median and 90th percentile;
- throughput: wrk with BENCH_CONNECTIONS (default 4) connections, one BENCH_COMPARE_SECONDS (default 1)
  slice per language and side, alternating;
- SQL queries and HTML bytes of one rendering, counted in each checkout by bench/probe.py with Django's
  test client (the most over the three languages).

It prints one row per page type with the baseline's figure, the working tree's and their ratio
(new / baseline: below 1 is faster, fewer or smaller). A row where no request of a side succeeded is an
error, never a speed. The admin's translation-status report is timed the same way, signed in.
"""

import concurrent.futures
import http.client
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REQUESTS = int(os.environ.get("BENCH_COMPARE_REQUESTS", "30"))
SLICE_SECONDS = int(os.environ.get("BENCH_COMPARE_SECONDS", "1"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
WORKERS = os.environ.get("WEB_CONCURRENCY", "2")
BASE_PORT = int(os.environ.get("BENCH_PORT", "8190"))
COUNTS = {
    "reports": int(os.environ.get("BENCH_REPORTS", "1000")),
    "programmes": int(os.environ.get("BENCH_PROGRAMMES", "100")),
    "offices": int(os.environ.get("BENCH_OFFICES", "100")),
}
FORWARDED = {"X-Forwarded-Proto": "https"}
SETTINGS_MODULE = '''"""Written by bench/compare.py: production settings for a load test on 127.0.0.1."""
from sos_site.settings.production import *  # noqa: F403
from sos_site.settings.production import ALLOWED_HOSTS

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
DONATIONS_PLEDGE_RATE_LIMIT = 10**9
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
'''
STARTED = time.monotonic()


def out(text=""):
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


def say(text):
    out(f"[bench {time.monotonic() - STARTED:5.0f}s] {text}")


class Side:
    """One checkout: its folder, environment, database, and gunicorn."""

    def __init__(self, name, source, workdir, port, redis_url, database_url):
        self.name, self.source, self.port = name, Path(source), port
        self.workdir = workdir / name
        self.workdir.mkdir(parents=True)
        (self.workdir / "compare_settings.py").write_text(SETTINGS_MODULE)
        self.server = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "compare_settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_STATIC_ROOT": str(self.workdir / "static"),
            "DJANGO_MEDIA_ROOT": str(self.workdir / "media"),
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_PAGE_CACHE_SECONDS": "0",
            "DATABASE_URL": database_url or f"sqlite:///{self.workdir / 'db.sqlite3'}",
            "REDIS_URL": redis_url,
            "GUNICORN_ACCESS_LOG": "",
            "GUNICORN_LOG_LEVEL": "warning",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": WORKERS,
            "PYTHONPATH": f"{self.workdir}{os.pathsep}{self.source}",
        }

    def run(self, *command):
        result = subprocess.run(command, cwd=self.source, env=self.env, capture_output=True, text=True)
        if result.returncode:
            sys.stderr.write(f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}\n")
            raise SystemExit(f"{self.name}: {' '.join(map(str, command))} failed")
        return result.stdout

    def build(self):
        manage = (PYTHON, "manage.py")
        self.run(*manage, "compile_translations")
        self.run(*manage, "migrate", "--noinput", "-v", "0")
        self.run(*manage, "update_translation_fields")
        self.run(*manage, "set_translation_url_paths")
        self.run(*manage, "load_demo_content", "-v", "0")
        self.run(*manage, "scale_demo", *[f"--{name}={value}" for name, value in COUNTS.items()])
        self.run(*manage, "collectstatic", "--noinput", "-v", "0")
        if (self.source / "pages/management/commands/pregenerate_renditions.py").exists():
            self.run(*manage, "pregenerate_renditions")
        self.targets = json.loads(self.run(PYTHON, str(PROJECT / "bench" / "probe.py"), str(self.source)))
        return self.name

    def start(self):
        self.server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=self.source,
            env=self.env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if get(self.port, "/healthz")[0] == 200:
                return
            time.sleep(0.3)
        raise SystemExit(f"{self.name}: gunicorn did not answer /healthz within 60 s")

    def stop(self):
        if self.server and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
        self.server = None


def get(port, path, cookies=None):
    """(status, body bytes, seconds) of one GET on a new connection; status 0 when it failed."""
    headers = dict(FORWARDED)
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        return response.status, body, time.perf_counter() - started
    except OSError:
        return 0, b"", time.perf_counter() - started
    finally:
        connection.close()


def wrk(port, path, cookies=None):
    """Completed 2xx/3xx requests and seconds of one wrk slice."""
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SLICE_SECONDS}s"]
    for name, value in FORWARDED.items():
        command += ["-H", f"{name}: {value}"]
    if cookies:
        command += ["-H", "Cookie: " + "; ".join(f"{name}={value}" for name, value in cookies.items())]
    command.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(command, capture_output=True, text=True).stdout
    done = errors = 0
    for line in output.splitlines():
        if " requests in " in line:
            done = int(line.split()[0])
        elif "Non-2xx or 3xx responses:" in line:
            errors = int(line.split(":")[1])
    return max(done - errors, 0), SLICE_SECONDS


def page_types(sides):
    """{page type: {side name: [targets]}} in the working tree's order; a type only one side has is kept."""
    kinds = {}
    for side in reversed(sides):
        for target in side.targets:
            kinds.setdefault(target["page"], {}).setdefault(side.name, []).append(target)
    return kinds


def measure(kind, by_side, sides):
    """Interleaved sequential timings and wrk slices of one page type on every side."""
    result = {side.name: {"times": [], "failures": [], "done": 0, "seconds": 0} for side in sides}
    for side in sides:  # each worker renders each page once before timing (templates, connections)
        for target in by_side.get(side.name, []):
            for _ in range(int(WORKERS)):
                get(side.port, target["path"], target.get("cookies"))
    for number in range(REQUESTS):
        for side in sides if number % 2 == 0 else reversed(sides):
            targets = by_side.get(side.name)
            if not targets:
                continue
            target = targets[number % len(targets)]
            status, _body, seconds = get(side.port, target["path"], target.get("cookies"))
            if status == 200:
                result[side.name]["times"].append(seconds * 1000)
            else:
                result[side.name]["failures"].append(status)
    for number in range(3):
        for side in sides if number % 2 == 0 else reversed(sides):
            targets = by_side.get(side.name)
            if targets:
                target = targets[number % len(targets)]
                done, seconds = wrk(side.port, target["path"], target.get("cookies"))
                result[side.name]["done"] += done
                result[side.name]["seconds"] += seconds
    for side in sides:
        targets = by_side.get(side.name, [])
        figures = result[side.name]
        figures["queries"] = max((target.get("queries", 0) for target in targets), default=None)
        figures["bytes"] = max((target.get("bytes", 0) for target in targets), default=None)
        figures["statuses"] = sorted({target.get("status") for target in targets})
    return result


def summary(figures):
    times = sorted(figures["times"])
    if not times:
        return None
    p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
    return {
        "median": statistics.median(times),
        "p90": p90,
        "rps": figures["done"] / figures["seconds"] if figures["seconds"] and figures["done"] else None,
        "queries": figures["queries"],
        "bytes": figures["bytes"],
    }


def ratio(new, old):
    if new is None or old in (None, 0):
        return "n/a"
    return f"{new / old:.2f}"


def number(value, digits=1):
    return "n/a" if value is None else f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def print_table(results, sides, ref, elapsed):
    base, new = sides[0].name, sides[1].name
    out()
    out(
        f"Uncached (page cache off), {base} = {ref}, {new} = working tree; gunicorn {WORKERS} workers per side, "
        f"{REQUESTS} sequential requests per side and page type, wrk {CONNECTIONS} connections "
        f"{3 * SLICE_SECONDS}s per side; ratio = {new} / {base}. Scale: "
        + ", ".join(f"{value} {name}" for name, value in COUNTS.items())
    )
    header = (
        f"{'page type':<28} {'median ms':>17} {'ratio':>5} {'p90 ms':>17} {'ratio':>5} {'req/s':>15} {'ratio':>5} "
        f"{'SQL':>9} {'bytes':>15} {'ratio':>5}"
    )
    out(header)
    out(f"{'':<28} {'base / new':>17} {'':>5} {'base / new':>17}")
    out("-" * len(header))
    for kind, result in results.items():
        old, now = summary(result[base]), summary(result[new])
        problems = [
            f"{name}: no request succeeded (statuses {sorted(set(result[name]['failures'])) or 'none sent'})"
            for name, figures in ((base, old), (new, now))
            if figures is None
        ]
        if problems:
            out(f"{kind[:28]:<28} ERROR " + "; ".join(problems))
            continue
        out(
            f"{kind[:28]:<28} {old['median']:>8.1f}/{now['median']:<8.1f} {ratio(now['median'], old['median']):>5} "
            f"{old['p90']:>8.1f}/{now['p90']:<8.1f} {ratio(now['p90'], old['p90']):>5} "
            f"{number(old['rps']):>7}/{number(now['rps']):<7} {ratio(now['rps'], old['rps']):>5} "
            f"{number(old['queries']):>4}/{number(now['queries']):<4} "
            f"{number(old['bytes']):>7}/{number(now['bytes']):<7} {ratio(now['bytes'], old['bytes']):>5}"
        )
        for name in (base, new):
            if result[name]["failures"]:
                out(f"{'':<28} {name}: {len(result[name]['failures'])} failed requests {result[name]['failures'][:5]}")
    out(f"SQL and bytes: one rendering counted with the test client (most of ru/ky/en). Whole run: {elapsed:.0f} s.")


def private_redis():
    if os.environ.get("REDIS_URL"):
        parsed = urllib.parse.urlparse(os.environ["REDIS_URL"])
        return None, parsed._replace(path="").geturl()
    if not shutil.which("redis-server"):
        raise SystemExit("make bench BASELINE=… needs Redis: install redis-server or set REDIS_URL")
    with __import__("socket").socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, f"redis://127.0.0.1:{port}"


def database_urls(workdir):
    """Two throwaway databases: SQLite files, or two databases next to DATABASE_URL's on its server."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return None, None
    parsed = urllib.parse.urlparse(url)
    urls = []
    for name in ("baseline", "new"):
        database = f"{parsed.path.lstrip('/')}_{name}"
        subprocess.run(["dropdb", "--if-exists", "-h", parsed.hostname, "-U", parsed.username or "postgres", database])
        subprocess.run(["createdb", "-h", parsed.hostname, "-U", parsed.username or "postgres", database], check=True)
        urls.append(parsed._replace(path=f"/{database}").geturl())
    return tuple(urls)


def main(ref):
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: `apt-get install -y wrk`.")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", f"{ref}^{{commit}}"], cwd=PROJECT, capture_output=True, text=True
    ).stdout.strip()
    if not commit:
        raise SystemExit(f"BASELINE={ref} is not a commit of this repository")
    workdir = Path(tempfile.mkdtemp(prefix="sos-bench-compare-"))
    source = workdir / "baseline-src"
    source.mkdir()
    archive = subprocess.Popen(["git", "archive", commit], cwd=PROJECT, stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(source)], stdin=archive.stdout, check=True)
    archive.wait()
    redis, redis_url = private_redis()
    old_db, new_db = database_urls(workdir)
    sides = [
        Side("baseline", source, workdir, BASE_PORT, f"{redis_url}/1", old_db),
        Side("new", PROJECT, workdir, BASE_PORT + 1, f"{redis_url}/2", new_db),
    ]
    try:
        say(f"building the same scaled site from {ref} ({commit}) and from the working tree, in {workdir}")
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            for name in pool.map(Side.build, sides):
                say(f"{name}: built and probed")
        for side in sides:
            side.start()
        kinds = page_types(sides)
        results = {}
        for kind, by_side in kinds.items():
            say(f"measuring {kind}")
            results[kind] = measure(kind, by_side, sides)
        print_table(results, sides, f"{ref} ({commit})", time.monotonic() - STARTED)
        if os.environ.get("BENCH_JSON"):
            Path(os.environ["BENCH_JSON"]).write_text(json.dumps(results, indent=1))
    finally:
        for side in sides:
            side.stop()
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.environ["BASELINE"])
