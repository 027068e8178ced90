"""One archive line per article and content version, across runs.

The one place a version number is decided: an article seen before with the same content
hash is dropped as unchanged; a changed one gets the next version; a new one version 1.
The index is read here and written by the archive pipeline once the lines are on disk.
"""

from __future__ import annotations

from typing import Any, Self

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from pipelines.drops import DuplicateInRun, UnchangedArticle
from scraper.site_run import SiteRun
from scraper.state import Identities


class DedupePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.run = SiteRun.of(crawler)
        # a reparse yields only records that differ from their latest version in some
        # field (a rule fix may change the author, not the text): each is a new version
        self.reparsing = bool(getattr(crawler.spider, "reparsing", False))
        self.seen = Identities()  # the articles processed in this run
        self.unchanged: list[str] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def close_spider(self) -> None:
        if self.unchanged:
            self.run.state.index.touch(self.unchanged)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        article_id = adapter["id"]
        if article_id in self.seen:
            self.stats.inc_value("articles/duplicate_in_run")
            raise DuplicateInRun(f"already processed in this run: {adapter['url']}")
        self.seen.add(article_id)
        known = self.run.state.index.lookup(article_id)
        if known is None:
            adapter["version"] = 1
        elif known.content_hash == adapter["content_hash"] and not self.reparsing:
            self.unchanged.append(article_id)
            self.stats.inc_value("articles/unchanged")
            raise UnchangedArticle(f"unchanged since version {known.version}: {adapter['url']}")
        else:
            adapter["version"] = known.version + 1
        return item
