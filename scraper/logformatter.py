"""Log lines an operator can read: dropped items by URL and reason, never the whole record."""

from __future__ import annotations

from typing import Any

from scrapy import logformatter
from scrapy.http import Response
from twisted.python.failure import Failure


class ArchiveLogFormatter(logformatter.LogFormatter):
    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Any,
    ) -> logformatter.LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        result["msg"] = "dropped (%(reason)s): %(exception)s"
        result["args"] = {"reason": type(exception).__name__, "exception": exception}
        return result

    def scraped(
        self, item: Any, response: Response | Failure | None, spider: Any
    ) -> logformatter.LogFormatterResult:
        result = super().scraped(item, response, spider)
        result["msg"] = "archived %(url)s"
        result["args"] = {"url": item.get("url")}
        return result
