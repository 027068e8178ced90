"""One view-count observation per article page fetched, changed or not.

DATA/views/<site>/<run_id>.jsonl gets {id, url, view_count, observed_at, run_id} for
every valid article of the run, so analysts can chart views over time even though the
archive only grows when the text changes. Written like the archive: temporary name,
renamed when the run ends.
"""

from __future__ import annotations

from typing import Any, Self

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from pipelines.drops import WriteFailed
from scraper.site_run import SiteRun
from scraper.state import RunFile, RunFileError


class ViewsPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.run = SiteRun.of(crawler)
        self.run_id = self.run.run_id
        self.file = RunFile(self.run.layout, "views", self.run.site, self.run.run_id)
        # a reparse observes nothing new: the counter was read when the page was fetched
        self.reparsing = bool(getattr(crawler.spider, "reparsing", False))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if self.reparsing:
            return item
        adapter = ItemAdapter(item)
        observation = {
            "id": adapter["id"],
            "url": adapter["url"],
            "view_count": adapter["view_count"],
            "observed_at": adapter["scraped_at"],
            "run_id": self.run_id,
        }
        try:
            self.file.append(observation)
        except RunFileError as exc:
            self.run.write_failed(exc)
            raise WriteFailed(f"not archived: {adapter['url']}: {exc}") from None
        self.stats.inc_value("views/observed")
        return item

    def close_spider(self) -> None:
        try:
            final = self.file.commit()
        except RunFileError as exc:
            self.run.write_failed(exc)
            return
        if final is not None:
            self.stats.set_value("views/file", str(final))
