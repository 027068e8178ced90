"""Retries that wait longer each time, so a struggling server is not hammered."""

from __future__ import annotations

import asyncio

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware plus an exponential wait before each retry.

    RETRY_BACKOFF_BASE seconds before the first retry, doubling up to RETRY_BACKOFF_MAX.
    """

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
        delay = request.meta.get("retry_backoff", 0)
        if delay > 0:
            await asyncio.sleep(delay)
