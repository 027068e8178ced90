"""Retries that wait longer each time, so a struggling server is not hammered, and wait
as long as the server asks (Retry-After) when it says so.

An HTML page whose body ends with the connection, with no Content-Length or chunks to
say how long it is (Scrapy flags it "partial"), cannot tell a connection reset mid-body
from the end of the page; one that stops before its ``</html>`` is taken for cut short:
retried, then failed as ``TruncatedResponse`` (``retry/truncated`` counts them) rather
than archived with half its text."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.response import response_status_message

logger = logging.getLogger(__name__)

# the statuses whose Retry-After says when to come back (RFC 9110, section 10.2.3)
RETRY_AFTER_STATUSES = frozenset({429, 503})


class TruncatedResponse(IgnoreRequest):
    """An HTML page whose connection closed before its </html>, with no length said."""


def cut_short(response: Response) -> bool:
    """A close-delimited HTML body (flag "partial") without its closing </html> tag."""
    return (
        "partial" in response.flags
        and isinstance(response, HtmlResponse)
        and b"</html" not in response.body[-16384:].lower()
    )


def retry_after_seconds(value: str | bytes | None, now: datetime) -> float | None:
    """The wait a Retry-After header asks for: delay-seconds ("120") or an HTTP-date
    ("Wed, 21 Oct 2026 07:28:00 GMT", RFC 9110); 0 for a date already past; None when
    absent or unreadable (then the usual back-off applies)."""
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000": a date in UTC with no zone said
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware plus a wait before each retry.

    RETRY_BACKOFF_BASE seconds before the first retry, doubling up to RETRY_BACKOFF_MAX.
    A 429 or 503 with a Retry-After header waits at least what it asks, up to
    POLICE_RETRY_AFTER_MAX seconds (300); a server asking for more is not retried in
    this run (the response goes on as the page's failure, ``retry/retry_after_too_long``
    counts it): coming back earlier than asked would ignore it, and waiting longer would
    hold the crawl for one page.
    """

    def now(self) -> datetime:  # the clock, and below the wait: replaceable in tests
        return datetime.now(UTC)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if cut_short(response):
            return self._retry_cut_short(request, response)
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = None
        if response.status in RETRY_AFTER_STATUSES:
            wait = retry_after_seconds(response.headers.get(b"Retry-After"), self.now())
        stats = self.crawler.stats
        limit = self.crawler.settings.getfloat("POLICE_RETRY_AFTER_MAX", 300.0)
        if wait is not None and wait > limit:
            stats.inc_value("retry/retry_after_too_long")
            logger.warning(
                "not retrying %s: HTTP %d asks to wait %.0f s (Retry-After), more than "
                "POLICE_RETRY_AFTER_MAX (%.0f s)",
                request.url,
                response.status,
                wait,
                limit,
                extra={"spider": self.crawler.spider},
            )
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if wait is not None:
            stats.inc_value("retry/retry_after")
            retry.meta["retry_backoff"] = max(retry.meta.get("retry_backoff", 0), wait)
        return retry

    def _retry_cut_short(self, request: Request, response: Response) -> Request:
        self.crawler.stats.inc_value("retry/truncated")
        reason = "body cut short (the connection closed before </html>, no length said)"
        retry = None if request.meta.get("dont_retry", False) else self._retry(request, reason)
        if retry is None:
            raise TruncatedResponse(f"{reason}: {response.url} ({len(response.body)} bytes)")
        return retry

    def _retry(self, request: Request, reason: str | Exception | type[Exception]) -> Request | None:
        retry = super()._retry(request, reason)
        if retry is not None:
            settings = self.crawler.settings
            base = settings.getfloat("RETRY_BACKOFF_BASE")
            attempt = retry.meta.get("retry_times", 1)
            retry.meta["retry_backoff"] = min(
                settings.getfloat("RETRY_BACKOFF_MAX"), base * 2 ** (attempt - 1)
            )
        return retry

    async def process_request(self, request: Request) -> None:
        # popped: a redirect of this request copies its meta, and must not wait again
        delay = request.meta.pop("retry_backoff", 0)
        if delay > 0:
            await self.sleep(delay)
