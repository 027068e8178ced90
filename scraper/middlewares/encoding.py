"""HTML pages whose bytes are not in the charset they declare are read in the right one.

Scrapy decodes a page with the encoding of its HTTP Content-Type, else of its ``<meta>``
declaration, else a byte-order mark, else a guess (``TextResponse.encoding``). A portal
that declares ISO-8859-1 and sends UTF-8, or declares UTF-8 and sends Windows-1258, would
be archived as mojibake without a word. This middleware checks every HTML response: when
its body does not decode strictly in that encoding, or decodes to mojibake, the encoding is
detected (``scraper.extract.encoding.decode_page``) and the response handed on as
``response.replace(encoding=...)``: the body bytes stay as fetched, only their reading
changes.

Stats: ``encoding/redetected/<in use>-><detected>`` per page read in another encoding,
``encoding/undecodable`` per page no encoding reads cleanly (let through with replacement
characters or mojibake, with a warning naming the URL).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Self

from scrapy.http import HtmlResponse
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding

from scraper.extract.encoding import clean_text, decode_page

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class EncodingMiddleware:
    """Re-reads an HTML response in its real encoding when the one in use does not fit."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response) -> Response:  # noqa: ARG002
        if not isinstance(response, HtmlResponse) or not response.body:
            return response
        in_use = response.encoding  # a byte-order mark's first: it decides, here too
        if clean_text(response.body, in_use) is not None:
            return response
        content_type = response.headers.get(b"Content-Type") or b""
        decoded = decode_page(
            response.body,
            [
                in_use,
                http_content_type_encoding(content_type.decode("latin-1")),
                html_body_declared_encoding(response.body),
            ],
        )
        if not decoded.clean:
            self.stats.inc_value("encoding/undecodable")
            logger.warning(
                "No encoding reads %s cleanly (declared or inferred: %s); passed on as read in "
                "%s, with replacement characters or mojibake",
                response.url,
                in_use,
                decoded.encoding,
            )
        else:
            self.stats.inc_value(f"encoding/redetected/{in_use}->{decoded.encoding}")
            logger.info(
                "Encoding of %s re-detected: %s, not %s", response.url, decoded.encoding, in_use
            )
        if decoded.encoding == in_use:
            return response
        return response.replace(encoding=decoded.encoding)
