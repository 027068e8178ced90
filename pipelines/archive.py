"""Append records to DATA/archive/<site>/<run_id>.jsonl, complete or not at all.

Lines go to a temporary file; at the end of the run it is synced to disk, renamed to
its final name and only then recorded in the index. A killed run leaves at most the
temporary file, which the next run finishes (scraper.state.recover_partial_files).
"""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler

from pipelines.drops import WriteFailed
from scraper.items import item_record
from scraper.site_run import SiteRun
from scraper.state import INDEX_FIELDS, RunFile, RunFileError


class ArchivePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.run = SiteRun.of(crawler)
        # what the index needs of each line waits on disk until the file is final: a
        # first crawl of 100,000 articles must not hold them in memory
        self.file = RunFile(
            self.run.layout, "archive", self.run.site, self.run.run_id, keep=INDEX_FIELDS
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        record = item_record(item)
        try:
            self.file.append(record)
        except RunFileError as exc:
            self.run.write_failed(exc)
            raise WriteFailed(f"not archived: {record.get('url')}: {exc}") from None
        self.stats.inc_value("articles/archived")
        self.stats.inc_value("articles/new" if record["version"] == 1 else "articles/updated")
        return item

    def close_spider(self) -> None:
        try:
            final = self.file.commit()
        except RunFileError as exc:
            self.run.write_failed(exc)
            return
        if final is not None:
            # only now: the index must never be ahead of what is on disk
            self.run.state.index.record_file(self.run.site, final, self.file.kept())
            self.stats.set_value("archive/file", str(final))
