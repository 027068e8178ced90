"""Pipelines in process: each test module drives one pipeline through a site_crawl."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from pipelines.archive import ArchivePipeline
from pipelines.dedupe import DedupePipeline
from pipelines.drops import DuplicateInRun, UnchangedArticle
from scraper.items import ArticleItem
from scraper.state import DataLayout


def dedupe_and_archive(crawler: Any, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Push records through dedupe and archive as Scrapy would; return what passed."""
    dedupe, archive = DedupePipeline(crawler), ArchivePipeline(crawler)
    passed = []
    for record in records:
        with contextlib.suppress(DuplicateInRun, UnchangedArticle):
            passed.append(dict(archive.process_item(dedupe.process_item(ArticleItem(record)))))
    archive.close_spider()
    dedupe.close_spider()
    return passed


def archive_lines(data_dir: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in DataLayout(data_dir).archive_files()
        for line in path.read_text("utf-8").splitlines()
    ]
