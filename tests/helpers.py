"""Test helpers: pipelines without a reactor, and valid records to vary."""

from __future__ import annotations

import copy
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from pipelines.normalize import normalize_record
from scraper.profiles import load_profile

ROOT = Path(__file__).resolve().parents[1]
SHARED_SEED = ROOT.parent / "shared" / "seed"


class FakeCrawler:
    """Just what our pipelines use of a crawler: settings, stats and the spider's profile."""

    def __init__(self, data_dir: Path, run_id: str, site: str = "hungyen", **settings: Any):
        self.settings = Settings(
            {"POLICE_DATA_DIR_PATH": data_dir, "POLICE_RUN_ID": run_id, **settings}
        )
        self.stats = MemoryStatsCollector(self)
        self.spider = SimpleNamespace(profile=load_profile(site))


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
