"""A line on stdout for each article archived ("archived URL"), so that a test can act at
a known moment of a crawl run through the command line (whose log goes to its file only).
Put into a crawl with ``--unsafe --set EXTENSIONS={...ANNOUNCE: 50}``."""

from __future__ import annotations

from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler

ANNOUNCE = "tests.support.announce.AnnounceArchived"


class AnnounceArchived:
    def __init__(self, crawler: Crawler) -> None:
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def item_scraped(self, item: Any) -> None:
        print(f"archived {item['url']}", flush=True)
