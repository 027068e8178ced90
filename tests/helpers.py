"""Test helpers: a crawl's components without a reactor, and valid records to vary."""

from __future__ import annotations

import copy
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from pipelines.normalize import normalize_record
from scraper.state import to_json_line
from testbed.crawler import site_crawler

ROOT = Path(__file__).resolve().parents[1]
SHARED_SEED = ROOT.parent / "shared" / "seed"


def site_crawl(
    data_dir: Path,
    run_id: str = "run-1",
    *,
    spider: dict[str, Any] | None = None,
    **settings: Any,
) -> AbstractContextManager[Crawler]:
    """A crawler as Scrapy has it from spider_opened on, without a reactor (see
    testbed.crawler.site_crawler); the spider by default for site=hungyen."""
    return site_crawler(data_dir, run_id, spider=spider or {"site": "hungyen"}, **settings)


BASE_RECORD: dict[str, Any] = {
    "id": "hungyen-230001",
    "site": "hungyen",
    "source": "Công an tỉnh Hưng Yên",
    "url": "https://congan.hungyen.gov.vn/bai-viet-thu-nghiem-c230001.html",
    "title": "Bài viết thử nghiệm",
    "category": "An ninh trật tự",
    "published_at": "2024-11-20T00:00:00+07:00",
    "published_text": "20/11/2024",
    "view_count": 1234,
    "author": "Phương Huyền",
    "byline": "Phương Huyền – Công an tỉnh",
    "summary": None,
    "body": "Đoạn một.\n\nĐoạn hai.",
    "body_html": "<div><p>Đoạn một.</p><p>Đoạn hai.</p></div>",
    "images": [],
    "related": [],
    "tags": [],
    "language": "vi",
    "version": 1,
    "scraped_at": "2026-11-26T10:00:00Z",
    "run_id": "run-1",
    "schema_version": 1,
}


def make_record(**changes: Any) -> dict[str, Any]:
    """A valid, normalised record with the given fields changed."""
    return normalize_record({**copy.deepcopy(BASE_RECORD), **changes})


def json_line(record: dict[str, Any]) -> str:
    """An archive line as text: what the archive pipeline writes (to_json_line, UTF-8)."""
    return to_json_line(record).decode("utf-8")
