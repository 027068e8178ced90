"""One archive line per article and content version, across runs.

An article seen before with the same content hash is dropped as unchanged; a changed
one gets the next version number. The index is read here and written by the archive
pipeline once the lines are safely on disk.
"""

from __future__ import annotations

from typing import Any, Self

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from pipelines.drops import DuplicateInRun, UnchangedArticle
from scraper.state import DataLayout, open_site_state


class DedupePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.layout = DataLayout(crawler.settings["POLICE_DATA_DIR_PATH"])
        self.seen: set[str] = set()
        self.unchanged: list[str] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def open_spider(self) -> None:
        self.index = open_site_state(self.layout, self.crawler.spider.profile.key)

    def close_spider(self) -> None:
        self.index.touch(self.unchanged)
        self.index.close()

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        article_id = adapter["id"]
        if article_id in self.seen:
            self.stats.inc_value("articles/duplicate_in_run")
            raise DuplicateInRun(f"already processed in this run: {adapter['url']}")
        self.seen.add(article_id)
        known = self.index.lookup(article_id)
        if known is None:
            adapter["version"] = 1
        elif known.content_hash == adapter["content_hash"]:
            self.unchanged.append(article_id)
            self.stats.inc_value("articles/unchanged")
            raise UnchangedArticle(f"unchanged since version {known.version}: {adapter['url']}")
        else:
            adapter["version"] = known.version + 1
        return item
