"""Cached pages from gunicorn against nginx serving the same bytes, side by side in one run.

The page is fetched once from the running gunicorn (a cache hit), its bytes are written to a temporary folder
and Debian's nginx serves that static copy on its own port, with keep-alive, as it would in front of the site.
Then wrk loads nginx and gunicorn alternately (A, B, A, B …, ``rounds`` times each) with the same connections
and the same headers; the median of each side and the ratio gunicorn/nginx are returned. The machine is shared
and noisy, so only the ratio of interleaved runs means anything.

From bench/run.py (warm phase, gunicorn running with the page cache on)::

    from bench import nginx_compare
    result = nginx_compare.compare(f"http://127.0.0.1:{PORT}{path}", headers=FORWARDED)
    # {"nginx_rps": …, "gunicorn_rps": …, "ratio": …, "bytes": …, "rounds": [...], "x_cache": "hit"}

By hand, against a gunicorn already serving the site with the page cache on::

    python bench/nginx_compare.py http://127.0.0.1:8000/ru/pomoch-seychas/ --seconds 3 --rounds 3
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

NGINX_CONF = """
worker_processes {workers};
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    client_body_temp_path {root}/tmp;
    proxy_temp_path {root}/tmp;
    fastcgi_temp_path {root}/tmp;
    uwsgi_temp_path {root}/tmp;
    scgi_temp_path {root}/tmp;
    types {{ text/html html; }}
    server {{
        listen 127.0.0.1:{port};
        root {root}/www;
        location / {{ try_files /page.html =404; default_type "text/html; charset=utf-8"; }}
    }}
}}
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read(), response.headers.get("X-Cache", "")


def wrk(url, seconds, connections, threads, headers):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "errors": int(errors.group(1)) if errors else 0,
        "p99": p99.group(1) if p99 else "",
    }


class Nginx:
    """Debian's nginx serving one static file, started and stopped by this process only."""

    def __init__(self, content, workers="auto"):
        if not shutil.which("nginx"):
            raise RuntimeError("nginx is not installed: apt-get install -y nginx")
        self.root = Path(tempfile.mkdtemp(prefix="sos-bench-nginx-"))
        self.root.chmod(0o755)  # nginx's workers run as another user when started by root
        (self.root / "www").mkdir()
        (self.root / "tmp").mkdir()
        (self.root / "www" / "page.html").write_bytes(content)
        self.port = free_port()
        conf = self.root / "nginx.conf"
        conf.write_text(NGINX_CONF.format(root=self.root, port=self.port, workers=workers))
        self.process = subprocess.Popen(
            ["nginx", "-c", str(conf), "-p", str(self.root)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}/page.html"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                fetch(self.url, {})
                return
            except OSError:
                time.sleep(0.1)
        log = self.root / "error.log"
        message = log.read_text(errors="replace")[-500:] if log.exists() else "no error log"
        self.close()
        raise RuntimeError(f"nginx did not start: {message}")

    def close(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        shutil.rmtree(self.root, ignore_errors=True)


def compare(url, headers=None, seconds=3, connections=32, threads=2, rounds=3, nginx_workers="auto"):
    """Interleaved wrk runs of nginx (static copy) and gunicorn (``url``, a cached page); medians and ratio."""
    headers = dict(headers or {})
    fetch(url, headers)  # fills the cache if it was empty
    content, x_cache = fetch(url, headers)
    nginx = Nginx(content, nginx_workers)
    runs = []
    try:
        wrk(nginx.url, 1, connections, threads, headers)  # warm both sides
        wrk(url, 1, connections, threads, headers)
        for _ in range(rounds):
            runs.append(
                {
                    "nginx": wrk(nginx.url, seconds, connections, threads, headers),
                    "gunicorn": wrk(url, seconds, connections, threads, headers),
                }
            )
    finally:
        nginx.close()
    nginx_rps = statistics.median(run["nginx"]["rps"] for run in runs)
    gunicorn_rps = statistics.median(run["gunicorn"]["rps"] for run in runs)
    return {
        "url": url,
        "bytes": len(content),
        "x_cache": x_cache,
        "connections": connections,
        "seconds": seconds,
        "nginx_rps": nginx_rps,
        "gunicorn_rps": gunicorn_rps,
        "ratio": gunicorn_rps / nginx_rps if nginx_rps else float("nan"),
        "errors": sum(run["gunicorn"]["errors"] + run["nginx"]["errors"] for run in runs),
        "rounds": runs,
    }


def describe(result):
    rounds = "; ".join(f"{run['nginx']['rps']:.0f} / {run['gunicorn']['rps']:.0f}" for run in result["rounds"])
    return (
        f"cached page vs nginx, same {result['bytes']} bytes (X-Cache: {result['x_cache'] or 'none'}), "
        f"{result['connections']} keep-alive connections, {len(result['rounds'])} interleaved rounds of "
        f"{result['seconds']} s (nginx / gunicorn req/s: {rounds}): nginx {result['nginx_rps']:.0f} req/s, "
        f"gunicorn {result['gunicorn_rps']:.0f} req/s, ratio {result['ratio']:.3f}; errors {result['errors']}"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="a page gunicorn serves from the page cache")
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--nginx-workers", default="auto")
    parser.add_argument("--header", action="append", default=[], help="Name: value, sent to both")
    parser.add_argument("--json", help="write the raw numbers to this file")
    args = parser.parse_args(argv)
    headers = dict(item.split(": ", 1) for item in args.header)
    result = compare(args.url, headers, args.seconds, args.connections, args.threads, args.rounds, args.nginx_workers)
    sys.stdout.write(describe(result) + "\n")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
