"""--max-articles N: the one place the article limit is kept.

At most N articles are archived, and no article page is fetched past the limit: a page
is requested only while the archived articles plus the pages still in flight stay
below N. A page in flight settles when its article is archived (item_scraped), dropped
(unchanged, invalid, duplicate: item_dropped), fails in a pipeline (item_error), yields
no article, or its request fails; each settling lets the next waiting page go. When N
are archived the spider closes ("closespider_itemcount", Scrapy's name for it); the pages
still waiting are counted as ``articles/over_limit``: they are left for the next run.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

import scrapy
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro

LIMIT_REASON = "closespider_itemcount"


class ArticleLimit:
    def __init__(self, crawler: Crawler, limit: int) -> None:
        self.crawler, self.limit = crawler, limit
        self.archived = 0
        self.in_flight = 0
        self.waiting: deque[tuple[scrapy.Request, Callable[[], None]]] = deque()
        self.closing = False

    @property
    def unlimited(self) -> bool:
        return not self.limit

    def admit(self, request: scrapy.Request, sent: Callable[[], None]) -> bool:
        """Whether the article page may be fetched now; if not it waits (and once the
        limit is reached, is left for the next run). ``sent`` is called when the page
        goes out, now or later."""
        if self.unlimited or (not self.closing and self.archived + self.in_flight < self.limit):
            self.in_flight += 1
            sent()
            return True
        self.waiting.append((request, sent))
        if self.closing:
            self._count_left()
        return False

    def settled(self, archived: bool) -> None:
        """One page in flight has its outcome: release the pages the limit allows now."""
        self.in_flight = max(0, self.in_flight - 1)
        self.archived += archived
        if self.unlimited:
            return
        if self.archived >= self.limit:
            self._close()
            return
        while self.waiting and self.archived + self.in_flight < self.limit:
            request, sent = self.waiting.popleft()
            self.in_flight += 1
            sent()
            self.crawler.engine.crawl(request)

    def _close(self) -> None:
        self._count_left()
        if not self.closing:
            self.closing = True
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=LIMIT_REASON))

    def _count_left(self) -> None:
        self.crawler.stats.set_value("articles/over_limit", len(self.waiting))
