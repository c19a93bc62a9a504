"""Start Debian's varnishd with the repository's VCL (deploy/varnish/default.vcl) on a free port, for tests.

Only site.vcl is written per run (backends, purgers, the probe's Host); the caching and purge rules are the
file a server uses. Used by tests/proxy/ and by scripts/cluster-check.
"""

import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
VCL_DIR = PROJECT_DIR / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_vcl(backends, probe_host="127.0.0.1", purgers=("127.0.0.1",), interval="1s"):
    """site.vcl for app servers at ``backends`` [(host, port), …] (the shape of deploy/varnish/site.vcl)."""
    lines = [
        "probe readyz {",
        '    .request = "GET /readyz HTTP/1.1"',
        f'               "Host: {probe_host}"',
        '               "Connection: close";',
        f"    .interval = {interval};",
        "    .timeout = 1s;",
        "    .window = 3;",
        "    .threshold = 2;",
        "    .initial = 2;",
        "}",
    ]
    for number, (host, port) in enumerate(backends, start=1):
        lines += [
            f"backend app{number} {{",
            f'    .host = "{host}";',
            f'    .port = "{port}";',
            "    .probe = readyz;",
            "    .connect_timeout = 1s;",
            "    .first_byte_timeout = 30s;",
            "}",
        ]
    lines += ["acl purgers {", *(f'    "{address}";' for address in purgers), "}"]
    lines += ["sub vcl_init {", "    new app_servers = directors.round_robin();"]
    lines += [f"    app_servers.add_backend(app{number});" for number in range(1, len(backends) + 1)]
    lines += ["}"]
    return "\n".join(lines) + "\n"


class Varnish:
    """One varnishd with its own working directory (-n), listening on 127.0.0.1:<port>."""

    def __init__(self, backends, probe_host="127.0.0.1", purgers=("127.0.0.1",)):
        self.workdir = Path(tempfile.mkdtemp(prefix="sos-varnish-"))
        self.workdir.chmod(0o755)  # varnishd reads the VCL as its own unprivileged user
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        (self.workdir / "site.vcl").write_text(site_vcl(backends, probe_host, purgers))
        self.process = None

    def start(self, timeout=30):
        command = [
            VARNISHD,
            "-F",  # foreground: the process we hold is varnishd's manager, killed in stop()
            "-n",
            str(self.workdir / "n"),
            "-a",
            f"127.0.0.1:{self.port}",
            "-T",
            "none",
            "-f",
            str(VCL_DIR / "default.vcl"),
            # include "site.vcl" is looked up in vcl_path: this run's own.
            "-p",
            f"vcl_path={self.workdir}",
            "-s",
            "malloc,32m",
            "-p",
            "thread_pool_min=5",
            "-p",
            "thread_pools=1",
        ]
        self.log = open(self.workdir / "varnishd.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd exited: {(self.workdir / 'varnishd.log').read_text()[-3000:]}")
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=2).read()
                return self
            except urllib.error.HTTPError:
                return self  # varnishd answers (the backend may not be healthy yet)
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("varnishd did not start listening")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if getattr(self, "log", None):
            self.log.close()
        shutil.rmtree(self.workdir, ignore_errors=True)
