"""An injected pause in a crawl's close-down, for the tests of the site lock.

Put into a crawl with the setting PAUSE_AT (one of POINTS); at that moment the crawl
prints "paused" on stdout and waits for a line on stdin. The test reads the line, does
what it wants while the crawl is frozen there, then writes a line to let it go on.
"""

from __future__ import annotations

import sys
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler

from scraper.state import SiteState

POINTS = (
    "pipelines_closing",  # item pipelines' close_spider, before the archive's commit
    "after_monitors",  # spider_closed, after Spidermon's monitors and alerts
    "engine_stopped",  # before the run's owner writes the summary
    "state_closing",  # summary and log written, the index and lock about to be let go
)

# In the crawl's settings: the extension's and the pipeline's place, relative to
# SiteRun (100), Spidermon (510) and the archive pipeline (400).
EXTENSION, EXTENSION_ORDER = (
    "tests.support.pause.PauseExtension",
    {
        "after_monitors": 600,
        "engine_stopped": 50,
        "state_closing": 50,
    },
)
PIPELINE = "tests.support.pause.PausePipeline"


def pause() -> None:
    print("paused", flush=True)
    sys.stdin.readline()


class PauseExtension:
    def __init__(self, crawler: Crawler) -> None:
        point = crawler.settings["PAUSE_AT"]
        if point == "after_monitors":
            crawler.signals.connect(self.pause, signal=signals.spider_closed)
        elif point == "engine_stopped":
            crawler.signals.connect(self.pause, signal=signals.engine_stopped)
        elif point == "state_closing":
            close = SiteState.close

            def paused_close(state: SiteState) -> None:
                pause()
                close(state)

            SiteState.close = paused_close  # type: ignore[method-assign]

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def pause(self, *_: Any, **__: Any) -> None:
        pause()


class PausePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.point = crawler.settings["PAUSE_AT"]

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        return item

    def close_spider(self) -> None:
        if self.point == "pipelines_closing":
            pause()
