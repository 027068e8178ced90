"""Append records to DATA/archive/<site>/<run_id>.jsonl, complete or not at all.

Lines go to a temporary file; at the end of the run it is synced to disk, renamed to
its final name and only then recorded in the index. A killed run leaves at most the
temporary file, which the next run finishes (scraper.state.recover_partial_files).
"""

from __future__ import annotations

from typing import Any, Self

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from pipelines.drops import ArticleLimitReached
from scraper.state import DataLayout, RunFile, SiteLock, open_site_state


class ArchivePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.layout = DataLayout(crawler.settings["POLICE_DATA_DIR_PATH"])
        self.run_id: str = crawler.settings["POLICE_RUN_ID"]
        self.max_articles: int = crawler.settings.getint("POLICE_MAX_ARTICLES")
        self.written: list[dict[str, Any]] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def open_spider(self) -> None:
        self.site = self.crawler.spider.profile.key
        self.index = open_site_state(self.layout, self.site)
        self.file = RunFile(self.layout, "archive", self.site, self.run_id)

    def process_item(self, item: Any) -> Any:
        if self.max_articles and len(self.written) >= self.max_articles:
            self.stats.inc_value("articles/over_limit")
            raise ArticleLimitReached(f"--max-articles {self.max_articles} reached")
        record = ItemAdapter(item).asdict()
        self.file.append(record)
        self.written.append(record)
        self.stats.inc_value("articles/archived")
        # counted here, not when the version is decided: --max-articles may still drop it
        self.stats.inc_value("articles/new" if record["version"] == 1 else "articles/updated")
        return item

    def close_spider(self) -> None:
        try:
            final = self.file.commit()
            if final is not None:
                # only now: the index must never be ahead of what is on disk
                self.index.record_file(self.site, final, self.written)
                self.stats.set_value("archive/file", str(final))
        finally:
            self.index.close()
            SiteLock.release(self.layout, self.site)
