"""gunicorn settings for production and `make serve` / `make bench` (README "Production").

Every value can be changed through the environment, so one file serves a laptop and a server:
GUNICORN_BIND, WEB_CONCURRENCY (worker processes), GUNICORN_THREADS (1 = sync workers), GUNICORN_TIMEOUT,
GUNICORN_KEEPALIVE, GUNICORN_WORKER_CONNECTIONS, GUNICORN_MAX_REQUESTS, GUNICORN_FORWARDED_ALLOW_IPS,
GUNICORN_ACCESS_LOG.
"""

import gc
import multiprocessing
import os


def _int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "sos_site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threads, not one request per process: gthread keeps connections alive (the sync worker closes every
# connection after one request, so each cached page paid a new TCP handshake) and overlaps the waits on
# Redis and PostgreSQL. On 2 cores, cores + 1 processes x 4 threads served cached pages fastest of the
# sizes tried against nginx (README "Production"); more threads per process only queue on the GIL.
# Tried again once repeated hits skipped Django (pages/fast_hits.py; 30 November 2026, cached pages against
# nginx, interleaved, median of 3 x 3 s, load average 4-8): home 3 x 4 0.201, 2 x 2 0.202, 2 x 8 0.180,
# 3 x 2 0.157, 4 x 2 0.158, 2 x 4 0.093 (one slow round); donate 3 x 4 0.169, 2 x 8 0.160, 2 x 4 0.159,
# 3 x 2 0.151, 4 x 2 0.149, 2 x 2 0.140. Within the noise of the shared box; 3 x 4 stays.
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread" if threads > 1 else "sync"
# More simultaneous keep-alive connections than threads: idle ones wait in the worker's poller, not a thread.
worker_connections = _int("GUNICORN_WORKER_CONNECTIONS", 1000)

# Load the application once in the master: a missing production setting stops gunicorn at once with
# its one-line message, instead of every worker failing in turn. Workers share the loaded code.
preload_app = True


def pre_fork(server, worker):
    """Freeze what the master loaded (the application: ~190 000 objects) before each worker is forked.

    It lives as long as the process, yet every full (generation 2) collection in a worker scanned all of it:
    in a process serving pledge POSTs one full collection took 100 ms of CPU (150 ms wall on a busy box)
    with the GIL held, stalling all the worker's threads; with the loaded objects frozen, under 1 ms. The
    collector then never writes to them either, so workers keep sharing those memory pages with the master.
    """
    gc.collect()
    gc.freeze()


timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
# Seconds an idle keep-alive connection stays open (behind nginx/Varnish, longer than nothing at all).
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so that a slow leak never grows without bound; not every 2000 requests,
# which a worker serving cached pages reaches in seconds (each restart empties its page memory).
max_requests = _int("GUNICORN_MAX_REQUESTS", 50000)
max_requests_jitter = max_requests // 10

# Behind a reverse proxy / load balancer: trust its X-Forwarded-* headers (set the proxy's address).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Heartbeat files in memory rather than on a possibly slow disk.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "sos-site"
