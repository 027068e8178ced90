"""Serve a replica over HTTP on the loopback interface (tests, demo, ``serve-replica``).

Lookup order for a request: the exact path with its query string, then the path alone
(real servers ignore unknown parameters such as ``?utm_source=x``), then a 301 to the same
path with a trailing slash when only that exists (as WordPress and Apache answer), else
the site's 404 page with status 404. GET and HEAD only; no request logging.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from scraper.extract.urls import is_loopback

from .model import Page
from .registry import build_replica, not_found_page


class ReplicaServer(ThreadingHTTPServer):
    daemon_threads = True  # a stuck client never blocks shutdown
    # socketserver's default backlog (5) drops the SYNs of a crawl's concurrent
    # connections; their retransmission a second later reads as a slow site
    request_queue_size = 128

    def __init__(
        self, key: str, address: tuple[str, int], overrides: Mapping[str, Page] | None = None
    ):
        replica = build_replica(key)  # KeyError for an unknown site, before binding
        # Tests change or break single pages (an edited article, a 503) this way.
        self.pages = {**replica.pages, **(overrides or {})}
        self.not_found = not_found_page(key)
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, ReplicaHandler)

    def handle_error(self, request: object, client_address: object) -> None:
        # Clients that hang up mid-response are normal during crawls; stay quiet.
        pass

    def lookup(self, raw_path: str) -> Page:
        target = urlsplit(raw_path)  # also accepts absolute-form request targets
        path = target.path or "/"
        pages = self.pages
        if target.query and f"{path}?{target.query}" in pages:
            return pages[f"{path}?{target.query}"]
        if path not in pages and not path.endswith("/") and path + "/" in pages:
            location = path + "/" + (f"?{target.query}" if target.query else "")
            return Page(body=b"", status=301, headers=(("Location", location),))
        return pages.get(path, self.not_found)


class ReplicaHandler(BaseHTTPRequestHandler):
    server: ReplicaServer
    server_version = "nginx"  # what the real portals answer with
    sys_version = ""

    def _respond(self, with_body: bool) -> None:
        page = self.server.lookup(self.path)
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(page.body)))
        self.send_header("Cache-Control", "no-cache")
        for name, value in page.headers:
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(page.body)

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def log_message(self, format: str, *args: object) -> None:
        pass


def make_server(
    key: str,
    host: str = "127.0.0.1",
    port: int = 0,
    overrides: Mapping[str, Page] | None = None,
) -> ThreadingHTTPServer:
    """A bound (not yet serving) server for the replica of ``key``; loopback hosts only.

    ``overrides`` replaces or adds pages by path.
    """
    if not is_loopback(host):
        raise ValueError(f"replica server binds to loopback only, not {host!r}")
    return ReplicaServer(key, (host, port), overrides)


def start_server(
    key: str, port: int = 0, overrides: Mapping[str, Page] | None = None
) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``key`` on 127.0.0.1 in a daemon thread; returns (server, "http://127.0.0.1:PORT").

    The caller stops it with ``server.shutdown(); server.server_close()``.
    """
    server = make_server(key, "127.0.0.1", port, overrides)
    thread = threading.Thread(
        target=server.serve_forever,
        name=f"replica-{key}",
        kwargs={"poll_interval": 0.05},
        daemon=True,
    )
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
