"""A loopback server that serves a replica and breaks chosen pages: what a static
``Page`` override cannot say (a delay, a connection reset mid-body, a body shorter than
its Content-Length, a gzip bomb, a body larger than any cap).

``faulty(site, {path: fault})`` serves the replica of ``site`` on 127.0.0.1 and answers
each listed path with its fault; ``server.heal()`` takes every fault away (the same port,
the same pages: the next crawl meets the healthy site). A fault is a callable
``fault(handler, page, attempt)`` that writes the whole answer (``attempt`` counts the
requests of that path from 1), as the classes below do. Server-side waits end at once
when the server shuts down, so a test never waits for a thread it has left behind.
"""

from __future__ import annotations

import gzip
import random
import socket
import struct
import threading
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from urllib.parse import urlsplit

from testbed.replica.model import Page
from testbed.replica.server import ReplicaHandler, ReplicaServer

MiB = 1024 * 1024


class FaultHandler(ReplicaHandler):
    server: FaultServer

    def _respond(self, with_body: bool) -> None:
        path = urlsplit(self.path).path or "/"
        fault = self.server.fault_for(path)
        if fault is None:
            super()._respond(with_body)
            return
        attempt = self.server.hit(path)
        fault(self, self.server.lookup(self.path), attempt)

    def send(self, page: Page, *, length: int | None = None, **headers: str) -> None:
        """Status line and headers of `page` (Content-Length `length`, none if -1)."""
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        size = len(page.body) if length is None else length
        if size >= 0:
            self.send_header("Content-Length", str(size))
        for name, value in (*page.headers, *headers.items()):
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()

    def serve(self, page: Page) -> None:
        self.send(page)
        self.wfile.write(page.body)


class FaultServer(ReplicaServer):
    def __init__(self, key: str, faults: Mapping[str, Fault]) -> None:
        super().__init__(key, ("127.0.0.1", 0))
        self.RequestHandlerClass = FaultHandler
        self._faults = dict(faults)
        self._lock = threading.Lock()
        self.hits: Counter[str] = Counter()  # requests of each faulty path
        self.arrivals: defaultdict[str, list[float]] = defaultdict(list)  # their times
        self.stopping = threading.Event()

    def fault_for(self, path: str) -> Fault | None:
        with self._lock:
            return self._faults.get(path)

    def hit(self, path: str) -> int:
        with self._lock:
            self.hits[path] += 1
            self.arrivals[path].append(time.monotonic())
            return self.hits[path]

    def heal(self) -> None:
        """Every page served as the replica has it from now on."""
        with self._lock:
            self._faults.clear()

    def wait(self, seconds: float) -> None:
        """A server-side delay that ends early when the server stops."""
        self.stopping.wait(seconds)


Fault = Callable[[FaultHandler, Page, int], None]


@contextmanager
def faulty(site: str, faults: Mapping[str, Fault]) -> Iterator[tuple[FaultServer, str]]:
    """The replica of `site` on a free loopback port with `faults` by path; yields the
    server (to ``heal()``) and its URL."""
    server = FaultServer(site, faults)
    thread = threading.Thread(
        target=server.serve_forever,
        name=f"faulty-{site}",
        kwargs={"poll_interval": 0.05},
        daemon=True,
    )
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# -- the faults -------------------------------------------------------------------------
@dataclass(frozen=True)
class Delay:
    """The page, after `seconds` (longer than the crawl's DOWNLOAD_TIMEOUT: it has gone)."""

    seconds: float

    def __call__(self, handler: FaultHandler, page: Page, attempt: int) -> None:  # noqa: ARG002
        handler.server.wait(self.seconds)
        if not handler.server.stopping.is_set():
            handler.serve(page)


@dataclass(frozen=True)
class Status:
    """An error status with a small body (and headers such as Retry-After), for the first
    `times` requests of the path (every request when None); then the page itself."""

    status: int
    headers: tuple[tuple[str, str], ...] = ()
    times: int | None = None

    def __call__(self, handler: FaultHandler, page: Page, attempt: int) -> None:
        if self.times is not None and attempt > self.times:
            handler.serve(page)
            return
        body = f"<html><body><h1>{self.status}</h1></body></html>".encode()
        handler.serve(Page(body=body, status=self.status, headers=self.headers))


def _reset(handler: FaultHandler) -> None:
    """Close the connection with a TCP reset (SO_LINGER 0), not a clean FIN."""
    handler.wfile.flush()
    connection: socket.socket = handler.connection
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()
    handler.close_connection = True


@dataclass(frozen=True)
class ResetMidBody:
    """Headers with the full Content-Length (or none: the body ends with the connection,
    as HTTP/1.0 allows), half the body, then a connection reset."""

    content_length: bool = True

    def __call__(self, handler: FaultHandler, page: Page, attempt: int) -> None:  # noqa: ARG002
        handler.send(page, length=None if self.content_length else -1)
        handler.wfile.write(page.body[: len(page.body) // 2])
        _reset(handler)


@dataclass(frozen=True)
class NoLength:
    """The whole page with no Content-Length: it ends when the connection closes."""

    def __call__(self, handler: FaultHandler, page: Page, attempt: int) -> None:  # noqa: ARG002
        handler.send(page, length=-1)
        handler.close_connection = True
        handler.wfile.write(page.body)


@dataclass(frozen=True)
class Truncated:
    """A Content-Length larger than the bytes sent, then a clean close."""

    def __call__(self, handler: FaultHandler, page: Page, attempt: int) -> None:  # noqa: ARG002
        handler.send(page, length=len(page.body) + 4096)
        handler.wfile.write(page.body)


@cache
def gzip_of_zeros(size: int) -> bytes:
    """`size` zero bytes, gzip-compressed (200 MiB -> about 200 KiB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip framing
    block = bytes(MiB)
    parts = [compressor.compress(block) for _ in range(size // MiB)]
    parts.append(compressor.compress(bytes(size % MiB)))
    parts.append(compressor.flush())
    return b"".join(parts)


@dataclass(frozen=True)
class Gzipped:
    """Not a fault: the page itself gzip-compressed (Content-Encoding: gzip), as most
    servers send it; a capture must keep these bytes, not the decompressed ones."""

    def __call__(self, handler: FaultHandler, page: Page, attempt: int) -> None:  # noqa: ARG002
        body = gzip.compress(page.body, mtime=0)
        handler.send(replace(page, body=body), Content_Encoding="gzip")
        handler.wfile.write(body)


@dataclass(frozen=True)
class GzipBomb:
    """`size` bytes of zeros, gzip-compressed, as text/html with Content-Encoding gzip."""

    size: int = 200 * MiB

    def __call__(self, handler: FaultHandler, page: Page, attempt: int) -> None:  # noqa: ARG002
        body = gzip_of_zeros(self.size)
        handler.send(Page(body=body), Content_Encoding="gzip")
        handler.wfile.write(body)


@dataclass(frozen=True)
class Huge:
    """The page padded to `size` bytes, streamed; with its Content-Length, or without one
    (then only the bytes received can tell the client it is too large)."""

    size: int = 50 * MiB
    content_length: bool = True

    def __call__(self, handler: FaultHandler, page: Page, attempt: int) -> None:  # noqa: ARG002
        handler.send(page, length=self.size if self.content_length else -1)
        handler.close_connection = True
        handler.wfile.write(page.body)
        padding = b"<!-- " + b"x" * (MiB - 9) + b" -->\n"
        sent = len(page.body)
        try:
            while sent < self.size and not handler.server.stopping.is_set():
                chunk = padding[: self.size - sent]
                handler.wfile.write(chunk)
                sent += len(chunk)
        except OSError:  # the client hung up once it had read enough: expected
            handler.close_connection = True


@dataclass(frozen=True)
class Body:
    """Other bytes in place of the page's, with its status and headers."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"

    def __call__(self, handler: FaultHandler, page: Page, attempt: int) -> None:  # noqa: ARG002
        handler.serve(Page(body=self.body, content_type=self.content_type, status=page.status))


@dataclass(frozen=True)
class Rewrite:
    """The page's own bytes, changed by `change` (deeper nesting, control characters)."""

    change: Callable[[bytes], bytes]

    def __call__(self, handler: FaultHandler, page: Page, attempt: int) -> None:  # noqa: ARG002
        handler.serve(Page(body=self.change(page.body), content_type=page.content_type))


def binary_bytes(size: int = 64 * 1024, seed: int = 1258) -> bytes:
    """Reproducible random bytes (an image or a zip served by mistake)."""
    return random.Random(seed).randbytes(size)  # noqa: S311 -- reproducible, not secret
