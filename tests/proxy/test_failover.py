"""The repository's VCL in a real varnishd in front of two hand-made app servers, one of which dies mid-answer.

The app servers here are raw sockets, not Django: only they can send the headers and part of a body and then
close the connection, which is what a SIGKILLed gunicorn worker does (make cluster-check kills one mid-load).
Without varnishd these tests skip with one line, except in CI (CI=true), where they fail.
"""

import http.client
import os
import socket
import socketserver
import threading

import pytest

from tests.proxy.varnish import VARNISHD, Varnish

if not os.path.exists(VARNISHD):
    if os.environ.get("CI", "").lower() == "true":
        raise RuntimeError("varnishd not found: apt-get install varnish")
    pytest.skip("varnishd not found (apt-get install varnish)", allow_module_level=True)

# Larger than one read of Varnish's fetch (and than a socket buffer's worth in one send), so the cut is mid-body.
BODY = ("<!doctype html><title>Сүйүү</title>" + "<p>SOS Children's Villages Kyrgyzstan</p>\n" * 4000).encode()


class AppServer(socketserver.ThreadingTCPServer):
    """Answers /readyz with 200 (so Varnish's probe keeps it in rotation) and every other GET with ``status``.

    ``dies_mid_body``: send the headers and the first half of the body, then close the connection.
    ``hold``: for /documents/, send the first half, wait until the event is set, then send the rest.
    Counts the page requests it got in ``pages``.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, status=200, chunked=False, dies_mid_body=False, hold=None):
        self.status, self.chunked, self.dies_mid_body, self.hold = status, chunked, dies_mid_body, hold
        self.pages = 0
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), AppHandler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def address(self):
        return self.server_address

    def stop(self):
        self.shutdown()
        self.server_close()


class AppHandler(socketserver.BaseRequestHandler):
    def handle(self):
        server = self.server
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = self.request.recv(65536)
            if not chunk:
                return
            request += chunk
        path = request.split(b" ", 2)[1].decode()
        if path == "/readyz":
            self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
            return
        with server.lock:
            server.pages += 1
        reason = {200: "OK", 404: "Not Found"}[server.status]
        head = [f"HTTP/1.1 {server.status} {reason}", "Content-Type: text/html; charset=utf-8"]
        head += ["Cache-Control: private", "Connection: close"]
        head += ["Transfer-Encoding: chunked"] if server.chunked else [f"Content-Length: {len(BODY)}"]
        self.request.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        half = len(BODY) // 2
        self.send(BODY[:half])
        if path.startswith("/documents/") and server.hold is not None:
            server.hold.wait(10)
        elif server.dies_mid_body:
            # Like a SIGKILLed worker: the kernel closes the socket, no final chunk, fewer bytes than promised.
            self.request.shutdown(socket.SHUT_RDWR)
            return
        self.send(BODY[half:])
        if server.chunked:
            self.request.sendall(b"0\r\n\r\n")

    def send(self, data):
        if self.server.chunked:
            data = f"{len(data):x}\r\n".encode() + data + b"\r\n"
        self.request.sendall(data)


@pytest.fixture
def cluster(request):
    """Varnish with the repository's VCL over [dying app server, healthy app server], same status and framing."""
    status, chunked = request.param
    dying = AppServer(status, chunked, dies_mid_body=True)
    healthy = AppServer(status, chunked)
    varnish = Varnish([dying.address, healthy.address]).start()
    dying.pages = healthy.pages = 0  # not the GET /healthz that start() waits for
    yield varnish, dying, healthy
    varnish.stop()
    dying.stop()
    healthy.stop()


def fetch(varnish, path, method="GET"):
    connection = http.client.HTTPConnection("127.0.0.1", varnish.port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, response.read()  # IncompleteRead if the answer is cut short
    finally:
        connection.close()


@pytest.mark.parametrize(
    "cluster", [(200, False), (404, True)], ids=["200-content-length", "404-chunked"], indirect=True
)
def test_a_page_whose_app_server_dies_mid_body_comes_whole_from_the_other(cluster):
    varnish, dying, healthy = cluster
    status = dying.status
    # Round robin: of six requests, three start on the server that dies; every answer must still be whole.
    answers = [fetch(varnish, f"/en/page-{number}/") for number in range(6)]
    assert answers == [(status, BODY)] * 6
    assert dying.pages >= 3  # the dying server really was asked (and failed) …
    assert healthy.pages == 6  # … and each of those requests was answered by the healthy one


@pytest.mark.parametrize("cluster", [(200, False)], indirect=True)
def test_a_head_request_is_retried_too(cluster):
    varnish, dying, healthy = cluster
    for _ in range(4):
        assert fetch(varnish, "/ky/", method="HEAD") == (200, b"")
    assert dying.pages >= 2
    assert healthy.pages == 4


def test_documents_still_stream():
    """A download starts before the app server has sent all of it (a large file is not buffered first)."""
    hold = threading.Event()
    servers = [AppServer(hold=hold), AppServer(hold=hold)]
    varnish = Varnish([server.address for server in servers]).start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", varnish.port, timeout=5)
        connection.request("GET", "/documents/7/annual-report.pdf")
        response = connection.getresponse()
        assert response.status == 200
        first = response.read(len(BODY) // 2)  # times out (socket.timeout) if Varnish waits for the whole body
        hold.set()
        assert first + response.read() == BODY
        connection.close()
    finally:
        hold.set()
        varnish.stop()
        for server in servers:
            server.stop()
