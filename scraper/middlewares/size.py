"""Responses over DOWNLOAD_MAXSIZE fail as one reason, ``ResponseTooLarge``, with sizes.

Scrapy stops such a response in three places, each with an error that does not say why:
a Content-Length over the limit (the download handler's ``DownloadCancelledError``), a body
that grows past the limit while it streams (the download cancelled: a
``DownloadCancelledError`` with no message), and a compressed body that inflates past it
(a bare ``IgnoreRequest`` from HttpCompressionMiddleware, a gzip bomb). Both middlewares
below turn them into ``ResponseTooLarge``, so the run summary counts
``errors/by_reason/ResponseTooLarge`` and the log says how large the page was.
"""

from __future__ import annotations

from typing import Self

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Response

# request.meta key: the bytes of its response body received so far
BYTES_RECEIVED = "police_bytes_received"


class ResponseTooLarge(IgnoreRequest):
    """A response body over DOWNLOAD_MAXSIZE, as sent or once decompressed."""


def _limit(request: Request, default: int) -> int:
    return int(request.meta.get("download_maxsize", default))


class ResponseSizeMiddleware:
    """Counts each response's bytes as they arrive (the ``bytes_received`` signal) and
    names a download cancelled at the size limit. Near the downloader, so the retry
    middleware sees ResponseTooLarge (an IgnoreRequest: not retried)."""

    def __init__(self, crawler: Crawler) -> None:
        self.max_size = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        crawler.signals.connect(self.bytes_received, signal=signals.bytes_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def bytes_received(self, data: bytes, request: Request) -> None:
        request.meta[BYTES_RECEIVED] = request.meta.get(BYTES_RECEIVED, 0) + len(data)

    def process_exception(self, request: Request, exception: Exception) -> None:
        if not isinstance(exception, DownloadCancelledError):
            return
        limit = _limit(request, self.max_size)
        received = int(request.meta.get(BYTES_RECEIVED, 0))
        if "larger than download max size" in str(exception):  # a Content-Length over it
            raise ResponseTooLarge(
                f"the response says it is larger than DOWNLOAD_MAXSIZE ({limit} bytes)"
            ) from exception
        if limit and received > limit:
            raise ResponseTooLarge(
                f"{received} bytes received, over DOWNLOAD_MAXSIZE ({limit} bytes)"
            ) from exception


class SizeFencedCompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's decompression, whose one IgnoreRequest (a body inflating past the limit)
    becomes ResponseTooLarge."""

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:
            raise ResponseTooLarge(
                f"{len(response.body)} compressed bytes inflate past DOWNLOAD_MAXSIZE "
                f"({_limit(request, self._max_size)} bytes)"
            ) from exc
