"""Each response, as received, into the site's WARC file (scraper/capture.py).

At priority 900 its process_response sees a response before HttpCompressionMiddleware
(590) decompresses it and before the redirect (600) and retry (550) middlewares act on
it: 3xx and 5xx answers are captured too. The capture is put in the request's meta
(``CAPTURE_META``), where the spider finds the record its article came from.
"""

from __future__ import annotations

from typing import Self
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Headers, Response

from scraper.capture import CAPTURE_META, Earlier, RequestFacts, ResponseFacts
from scraper.site_run import SiteRun
from scraper.state import RunFileError


class CaptureMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        run = SiteRun.of(self.crawler)
        captures = run.captures
        if captures is None or captures.failed is not None:  # off, or the disk refused
            return response
        known = run.state.index.earlier_capture(response.url)
        try:
            capture = captures.write(
                request_facts(request), response_facts(response), Earlier(*known) if known else None
            )
        except RunFileError as exc:
            run.write_failed(exc)
            return response
        self.crawler.stats.inc_value("capture/revisit" if capture.revisit else "capture/response")
        request.meta[CAPTURE_META] = capture
        return response


def _headers(headers: Headers) -> tuple[tuple[str, str], ...]:
    """Scrapy's Headers as (name, value) pairs, every value of a repeated header kept."""
    return tuple(
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    )


def request_facts(request: Request) -> RequestFacts:
    parts = urlsplit(request.url)
    host = parts.netloc
    headers = _headers(request.headers)
    if not any(name.lower() == "host" for name, _ in headers):
        headers = (("Host", host), *headers)  # Twisted adds it on the wire
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return RequestFacts(
        url=request.url,
        method=request.method,
        target=target,
        headers=headers,
        body=request.body,
    )


def response_facts(response: Response) -> ResponseFacts:
    ip = response.ip_address
    return ResponseFacts(
        url=response.url,
        status=response.status,
        protocol=response.protocol or "HTTP/1.1",
        headers=_headers(response.headers),
        body=response.body,
        ip_address=str(ip) if ip is not None else None,
    )
