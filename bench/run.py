"""`make bench`: the production stack on 127.0.0.1 under load, one page type at a time.

Steps: a throwaway database (DATABASE_URL if set, else a temporary SQLite file) gets the demo site scaled up
by `scale_demo`; gunicorn serves it with the production settings (bench/settings.py); wrk drives each page
type in each language for BENCH_SECONDS, first with the page cache off (every request renders: "cold"), then
on ("warm"); SQL queries and HTML bytes per page are counted separately with Django's test client. Last, the
pledge form is posted for BENCH_SECONDS and the new rows in the database are compared with the successful
responses. It prints a table and asserts nothing about time (README "Benchmark").

Environment: BENCH_SECONDS (default 2; pledges too),
BENCH_WARM_SECONDS (1), BENCH_CONNECTIONS (8), BENCH_REPORTS (1000), BENCH_PROGRAMMES (100),
BENCH_OFFICES (100), BENCH_PORT (8190), BENCH_JSON (a file for the raw numbers), DATABASE_URL (must be a
throwaway database: the bench migrates it and loads the demo site), REDIS_URL, WEB_CONCURRENCY,
BENCH_ONLY=pledges (build the site, then only the pledge POSTs: no page rows, no SQL counts),
BENCH_NGINX=0 (skip comparing the cached home and donate pages with nginx), BENCH_NGINX_SECONDS (3 per round).
"""

import html.parser
import json
import os
import re
import resource
import runpy
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bench import nginx_compare  # noqa: E402 - needs the project on the path when run as a script

PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "2"))
WARM_SECONDS = int(os.environ.get("BENCH_WARM_SECONDS", "1"))  # a cached page answers thousands a second
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
PORT = int(os.environ.get("BENCH_PORT", "8190"))
COUNTS = {
    "reports": int(os.environ.get("BENCH_REPORTS", "1000")),
    "programmes": int(os.environ.get("BENCH_PROGRAMMES", "100")),
    "offices": int(os.environ.get("BENCH_OFFICES", "100")),
}
LANGUAGES = ("ru", "ky", "en")
SEARCH_WORDS = {"ru": "дети", "ky": "балдар", "en": "children"}
FORWARDED = {"X-Forwarded-Proto": "https"}  # as behind the TLS proxy: no HTTPS redirect, secure cookies
PLEDGE_BODIES = 50000
ONLY_PLEDGES = os.environ.get("BENCH_ONLY", "") == "pledges"
NGINX_SECONDS = int(os.environ.get("BENCH_NGINX_SECONDS", "3"))


def out(text=""):
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


STARTED = time.monotonic()


def say(text):
    out(f"[bench {time.monotonic() - STARTED:5.0f}s] {text}")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return True
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    return False


class Stack:
    """Environment, the optional private Redis, and gunicorn runs."""

    def __init__(self):
        self.workdir = Path(tempfile.mkdtemp(prefix="sos-bench-"))
        self.redis = None
        env = dict(os.environ)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "bench.settings",
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "DJANGO_STATIC_ROOT": str(self.workdir / "static"),
                "DJANGO_MEDIA_ROOT": str(self.workdir / "media"),
                "DJANGO_LOG_LEVEL": "WARNING",
                "GUNICORN_ACCESS_LOG": "",
                "GUNICORN_LOG_LEVEL": "warning",
                "PYTHONPATH": str(PROJECT),
            }
        )
        if not env.get("DATABASE_URL"):
            env["DATABASE_URL"] = f"sqlite:///{self.workdir / 'db.sqlite3'}"
            self.database = "SQLite (temporary file)"
        else:
            self.database = (
                "PostgreSQL (DATABASE_URL)" if env["DATABASE_URL"].startswith("postgres") else "DATABASE_URL"
            )
        if not env.get("REDIS_URL") and shutil.which("redis-server"):
            redis_port = free_port()
            self.redis = subprocess.Popen(
                ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
            self.cache = "Redis (private redis-server)"
        elif env.get("REDIS_URL"):
            self.cache = "Redis (REDIS_URL)"
        else:
            self.cache = "local memory per process (no REDIS_URL, no redis-server)"
        self.env = env
        os.environ.update(env)

    def manage(self, *args, quiet=True):
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=PROJECT, env=self.env, capture_output=quiet, text=True
        )
        if result.returncode:
            if quiet:
                sys.stderr.write(f"{result.stdout}\n{result.stderr}\n")
            raise SystemExit(f"manage.py {' '.join(args)} failed")

    def gunicorn(self, page_cache_seconds):
        env = {**self.env, "DJANGO_PAGE_CACHE_SECONDS": str(page_cache_seconds), "GUNICORN_BIND": f"127.0.0.1:{PORT}"}
        process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=PROJECT, env=env, start_new_session=True
        )
        if not wait_for(f"http://127.0.0.1:{PORT}/healthz"):
            process.terminate()
            raise SystemExit("gunicorn did not answer /healthz within 30 s")
        return process

    @staticmethod
    def stop(process):
        if process and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    def close(self):
        if self.redis is not None:
            self.redis.terminate()
            self.redis.wait(timeout=10)
        shutil.rmtree(self.workdir, ignore_errors=True)


# --- what to load ---------------------------------------------------------------------------------------


def pick_targets():
    """One live page of each page type, in each language, and the search page (Django is set up)."""
    from django.utils import translation
    from wagtail.models import Page

    targets = []
    seen = set()
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


def count_queries(targets):
    """SQL queries and HTML bytes of one rendering (page cache off, Wagtail's own caches warm)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    with override_settings(PAGE_CACHE_SECONDS=0):
        for target in targets:
            client = Client(headers=FORWARDED)
            for name, value in target.get("cookies", {}).items():
                client.cookies[name] = value
            client.get(target["path"], secure=True)
            with CaptureQueriesContext(connection) as context:
                response = client.get(target["path"], secure=True)
            target["status"] = response.status_code
            target["queries"] = len(context.captured_queries)
            target["bytes"] = len(response.content)


# --- load generation --------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    match = re.match(r"([\d.]+)(us|ms|s|m)$", text.strip())
    return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")


def wrk(path, extra_args=(), headers=None, seconds=SECONDS):
    headers = {**FORWARDED, **(headers or {})}
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", *extra_args]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{PORT}{path}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = {"rps": float("nan"), "p50": float("nan"), "p99": float("nan"), "requests": 0, "errors": 0}
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        result["rps"] = float(match.group(1))
    if match := re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE):
        result["p50"] = _ms(match.group(1))
    if match := re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE):
        result["p99"] = _ms(match.group(1))
    if match := re.search(r"(\d+) requests in", output):
        result["requests"] = int(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        result["errors"] = int(match.group(1))
    if match := re.search(r"Socket errors:.*", output):
        result["socket_errors"] = match.group(0)
    if match := re.search(r"pledges sent: (\d+)", output):
        result["sent"] = int(match.group(1))
    return result


def fetch(path, method="GET", data=None, headers=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}{path}", data=data, method=method, headers={**FORWARDED, **(headers or {})}
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    return response.status, dict(response.headers), response.read()


# --- pledges ----------------------------------------------------------------------------------------------


class FormParser(html.parser.HTMLParser):
    """The fields of the first POST form on a page."""

    def __init__(self):
        super().__init__()
        self.in_form = False
        self.done = False
        self.fields = []  # (tag, attrs)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and (attrs.get("method") or "").lower() == "post":
            self.in_form = True
        elif self.in_form and tag in ("input", "select", "textarea", "option"):
            self.fields.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
            self.done = True


def form_data(fields):
    """Values a careful donor would send: hidden values kept, the preselected (or first) radio choices, every
    required checkbox ticked, required text filled, optional text left empty."""
    data, radios, select = {}, {}, None
    for tag, attrs in fields:
        name, kind = attrs.get("name"), (attrs.get("type") or "text").lower()
        if tag == "select":
            select = name
            continue
        if tag == "option":
            if select and select not in data:
                data[select] = attrs.get("value", "")
            continue
        if not name:
            continue
        if kind == "hidden":
            data[name] = attrs.get("value", "")
        elif kind == "radio":
            if name not in radios or "checked" in attrs:
                radios[name] = attrs.get("value", "")
        elif kind == "checkbox":
            if "required" in attrs:
                data[name] = attrs.get("value") or "on"
        elif kind == "email":
            data[name] = "bench@example.org"
        elif kind in ("text", "tel", "number") or tag == "textarea":
            if attrs.get("tabindex") == "-1":  # a honeypot, hidden from people: stays empty
                data[name] = ""
            elif "required" in attrs or (kind == "text" and "name" in name):
                data[name] = "1000" if kind == "number" else "Bench Donor"
            else:
                data[name] = ""
    data.update(radios)
    return data


def pledge_page_path():
    from django.apps import apps

    if not apps.is_installed("donations"):
        return None, "the donations app is not installed"
    try:
        donate_page = apps.get_model("donations", "DonatePage")
        apps.get_model("donations", "Pledge")
    except LookupError:
        return None, "the donations app has no DonatePage or Pledge model yet"
    page = donate_page.objects.live().first()
    if page is None:
        return None, "the demo site has no live donate page"
    return page.get_url(), ""


def cpu_seconds(pids):
    """User + system CPU seconds used so far by these processes (Linux /proc; 0 for any that is gone)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def children_cpu_seconds():
    """CPU seconds of this process's finished children (wrk)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def server_pids(group):
    """gunicorn's processes (its own process group) and the PostgreSQL backends serving this database."""
    from django.db import connection

    gunicorn = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # the process group id
            gunicorn.append(int(stat.parent.name))
    database = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            database = [pid for (pid,) in cursor.fetchall()]
    return gunicorn, database


def settled_count(model, quiet_seconds=2, limit=30):
    """The row count once the requests still in flight when wrk stopped have finished (no change for 2 s)."""
    count, deadline = model.objects.count(), time.monotonic() + limit
    while time.monotonic() < deadline:
        time.sleep(quiet_seconds)
        latest = model.objects.count()
        if latest == count:
            break
        count = latest
    return count


def bench_pledges(server, redis=None):
    """Returns (result dict, reason it could not run).

    Also the CPU milliseconds per accepted pledge used by gunicorn, the PostgreSQL backends of this database,
    the bench's own redis-server and wrk: unlike req/s, they hardly change when other programs share the
    machine, and their sum says how many pledges a second the cores could take when idle.
    """
    from django.apps import apps

    path, reason = pledge_page_path()
    if not path:
        return None, reason
    status, headers, body = fetch(path)
    if status != 200:
        return None, f"the donate page answered {status}"
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
    parser = FormParser()
    parser.feed(body.decode("utf-8", "replace"))
    if not parser.fields:  # a CSRF cookie is optional: the cached donate page is protected by its form key
        return None, "the donate page shows no POST form"
    data = form_data(parser.fields)
    try:
        from donations.forms import make_submission_key  # a new one-time key per pledge
    except ImportError:
        make_submission_key = None
    post_headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"https://127.0.0.1:{PORT}{path}",
    }
    if cookie:
        post_headers["Cookie"] = f"csrftoken={cookie.group(1)}"

    def body_for(number):
        values = dict(data)
        if make_submission_key and "submission_key" in values:
            values["submission_key"] = make_submission_key(issued_at=time.time() - 120)
        for name in values:
            if name == "email" or name.endswith("_email"):
                values[name] = f"bench{number}@example.org"
        return urllib.parse.urlencode(values)

    pledge_model = apps.get_model("donations", "Pledge")
    status, _headers, answer = fetch(path, "POST", body_for(0).encode(), post_headers)
    if status not in (301, 302, 303):
        snippet = re.sub(r"\s+", " ", answer.decode("utf-8", "replace"))
        errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]{3,120})', snippet)
        return None, f"a test pledge was refused ({status}): {'; '.join(errors[:3]) or 'no message found'}"
    bodies = Path(tempfile.mkstemp(prefix="sos-bench-pledges-", suffix=".txt")[1])
    bodies.write_text("\n".join(body_for(number) for number in range(1, PLEDGE_BODIES + 1)) + "\n")
    before = pledge_model.objects.count()
    os.environ["BENCH_PLEDGE_BODIES"] = str(bodies)
    gunicorn, database = server_pids(server.pid)
    redis_pids = [redis.pid] if redis is not None else []
    database_before = {pid: cpu_seconds([pid]) for pid in database}
    before_cpu = {"gunicorn": cpu_seconds(gunicorn), "redis": cpu_seconds(redis_pids), "wrk": children_cpu_seconds()}
    result = wrk(path, ["-s", str(PROJECT / "bench" / "pledge.lua")], post_headers)
    used = {
        "gunicorn": cpu_seconds(gunicorn) - before_cpu["gunicorn"],
        "redis": cpu_seconds(redis_pids) - before_cpu["redis"],
        "wrk": children_cpu_seconds() - before_cpu["wrk"],
    }
    _gunicorn, database = server_pids(server.pid)  # backends opened during the run count from their start
    if database:
        used["PostgreSQL"] = sum(cpu_seconds([pid]) - database_before.get(pid, 0) for pid in database)
    if not redis_pids:
        del used["redis"]  # REDIS_URL: a shared server, not measured
    result["rows"] = settled_count(pledge_model) - before
    result["ok"] = result["requests"] - result["errors"]
    result["cpu_ms"] = {name: 1000 * seconds / max(result["ok"], 1) for name, seconds in used.items()}
    bodies.unlink()
    return result, ""


# --- main -------------------------------------------------------------------------------------------------


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: `apt-get install -y wrk` (make bench does this when run as root).")
    started = time.monotonic()
    stack = Stack()
    say(f"database: {stack.database}; cache: {stack.cache}; work folder {stack.workdir}")
    server = None
    try:
        say("migrating and loading the demo site")
        stack.manage("migrate", "--noinput", "-v", "0")
        stack.manage("update_translation_fields")
        stack.manage("set_translation_url_paths")
        stack.manage("load_demo_content", "-v", "0")
        say("scaling the demo site: " + ", ".join(f"{value} {name}" for name, value in COUNTS.items()))
        stack.manage("scale_demo", *[f"--{name}={value}" for name, value in COUNTS.items()], quiet=False)
        stack.manage("collectstatic", "--noinput", "-v", "0")
        stack.manage("pregenerate_renditions")

        import django

        django.setup()
        targets = []
        if not ONLY_PLEDGES:
            targets = pick_targets()
            from bench import probe

            cookies = probe.staff_session()  # the admin dashboard and translation report, signed in (issue 14)
            targets += [{**target, "cookies": cookies} for target in probe.admin_targets()]
            say(f"{len(targets)} pages to load; counting SQL queries with the test client")
            count_queries(targets)

        rows, nginx_rows = [], []
        pledge, reason = None, "not reached"
        for phase, seconds in (("warm", 600),) if ONLY_PLEDGES else (("cold", 0), ("warm", 600)):
            say(f"{phase} cache: gunicorn with DJANGO_PAGE_CACHE_SECONDS={seconds}")
            server = stack.gunicorn(seconds)
            warm_up = targets[0]["path"] if targets else (pledge_page_path()[0] or "/healthz")
            wrk(warm_up, seconds=1)  # every worker loads its templates and connections first
            for target in targets:
                cookie = {"Cookie": "; ".join(f"{k}={v}" for k, v in target.get("cookies", {}).items())}
                cookie = cookie if target.get("cookies") else {}
                _status, headers, _body = fetch(target["path"], headers=cookie)  # fills the cache when warm
                seconds = WARM_SECONDS if phase == "warm" else SECONDS
                result = wrk(target["path"], headers=cookie, seconds=seconds)
                rows.append({**target, **result, "phase": phase, "x_cache": headers.get("X-Cache", "")})
            if phase == "warm" and not ONLY_PLEDGES:
                nginx_rows = compare_with_nginx(targets)
            if phase == "warm":
                say("pledges: POSTing the donate form")
                pledge, reason = bench_pledges(server, stack.redis)
            Stack.stop(server)
            server = None
        print_table(rows, nginx_rows, pledge, reason, stack, time.monotonic() - started)
    finally:
        Stack.stop(server)
        stack.close()


NGINX_PAGES = ("home page", "donate page")  # the page most visitors open and the one a TV appeal sends them to


def compare_with_nginx(targets):
    """The cached home and donate pages (Russian) against nginx serving their bytes, interleaved (issue 17)."""
    if os.environ.get("BENCH_NGINX", "1") == "0":
        return []
    rows = []
    for target in targets:
        if target["page"] not in NGINX_PAGES or target["language"] != "ru":
            continue
        say(f"cached {target['page']} against nginx")
        try:
            result = nginx_compare.compare(
                f"http://127.0.0.1:{PORT}{target['path']}", headers=FORWARDED, seconds=NGINX_SECONDS
            )
        except (RuntimeError, OSError, subprocess.CalledProcessError) as error:
            result = {"error": f"not measured: {error}"}
        rows.append({"page": target["page"], "language": target["language"], **result})
    return rows


def gunicorn_size():
    """Worker processes and threads as gunicorn.conf.py reads them from the environment."""
    config = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
    return f"{config['workers']} {config['worker_class']} workers x {config['threads']} threads"


def print_table(rows, nginx_rows, pledge, reason, stack, elapsed):
    out()
    rows_said = "only pledges" if ONLY_PLEDGES else f"{SECONDS}s per cold row, {WARM_SECONDS}s per warm row"
    out(
        f"Benchmark: {rows_said}, {CONNECTIONS} connections, wrk on 127.0.0.1; gunicorn: {gunicorn_size()}; "
        f"database: {stack.database}; cache: {stack.cache}"
    )
    if rows:
        header = (
            f"{'page':<28} {'lang':<4} {'cache':<5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'SQL':>4} "
            f"{'HTML bytes':>10} {'errors':>6}"
        )
        out(header)
        out("-" * len(header))
        for row in rows:
            out(
                f"{row['page'][:28]:<28} {row['language']:<4} {row['phase']:<5} {row['rps']:>8.1f} "
                f"{row['p50']:>8.2f} {row['p99']:>8.2f} {row['queries']:>4} {row['bytes']:>10} {row['errors']:>6}"
            )
        out()
    if nginx_rows:
        out("Cached pages against nginx serving the same bytes (bench/nginx_compare.py; ratio = gunicorn / nginx):")
        for row in nginx_rows:
            out(f"  {row['page']} ({row['language']}): " + (row.get("error") or nginx_compare.describe(row)))
        out()
    if pledge is None:
        out(f"Pledges were not benchmarked: {reason}.")
    else:
        in_flight = pledge.get("sent", pledge["requests"]) - pledge["requests"]
        # Every accepted pledge is a row (none lost) and no pledge is a row twice; a request cut off when wrk
        # stopped may or may not have reached the server.
        verified = pledge["ok"] <= pledge["rows"] <= pledge["ok"] + in_flight
        verdict = "verified: one row per accepted pledge, none twice" if verified else "MISMATCH"
        out(
            f"Pledge POST ({SECONDS} s): {pledge['rps']:.1f} req/s, p50 {pledge['p50']:.2f} ms, "
            f"p99 {pledge['p99']:.2f} ms; "
            f"{pledge['ok']} accepted and {pledge['errors']} refused within the time, {in_flight} cut off when wrk "
            f"stopped; {pledge['rows']} new rows in the database ({verdict})"
        )
        cpu = pledge["cpu_ms"]
        total = sum(cpu.values())
        out(
            "CPU per accepted pledge: "
            + ", ".join(f"{name} {milliseconds:.1f} ms" for name, milliseconds in cpu.items())
            + f"; together {total:.1f} ms, so {os.cpu_count()} idle cores could take about "
            f"{1000 * os.cpu_count() / total:.0f} pledges/s. "
            f"Load average during the run: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}"
        )
    if rows:
        out("SQL = queries of one rendering with the page cache off.")
    out(f"Whole run: {elapsed:.0f} s.")
    sys.stdout.flush()
    if os.environ.get("BENCH_JSON"):  # the raw numbers, for comparing runs
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps({"pages": rows, "pledges": pledge}, indent=1))


if __name__ == "__main__":
    main()
