"""SIGINT to its own process as the spider opens: a Ctrl-C that comes while the crawl is
still starting (its engine not yet running). Put into a crawl with
``--unsafe --set EXTENSIONS={...INTERRUPT_ON_OPEN: 50}``."""

from __future__ import annotations

import os
import signal
from typing import Self

from scrapy import signals
from scrapy.crawler import Crawler

INTERRUPT_ON_OPEN = "tests.support.interrupt.InterruptOnOpen"


class InterruptOnOpen:
    def __init__(self, crawler: Crawler) -> None:
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def spider_opened(self) -> None:
        os.kill(os.getpid(), signal.SIGINT)
