"""Run crawls in this process and summarise them: what the CLI's crawl and demo share."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from scraper.spiders.police import PoliceSpider, new_run_id
from scraper.state import DataLayout, SiteLock

FINISHED_OK = frozenset({"finished", "closespider_itemcount"})


@dataclass
class SiteSummary:
    site: str
    ok: bool
    problem: str | None
    new: int
    updated: int
    unchanged: int
    known: int
    dropped: int
    errors: int
    listing_pages: int
    article_pages: int
    requests: dict[str, int]
    archive_file: str | None
    finish_reason: str | None
    stats: dict[str, Any] = field(repr=False)

    @classmethod
    def from_stats(cls, site: str, stats: Mapping[str, Any]) -> SiteSummary:
        get = lambda key: int(stats.get(key, 0))  # noqa: E731
        finish_reason = stats.get("finish_reason")
        listing_pages, article_pages = get("pages/listing"), get("pages/article")
        problem = None
        if listing_pages == 0:
            cause = stats.get("errors/first") or "no listing page could be fetched"
            problem = f"site unreachable: {cause}"
        elif get("articles/listed") == 0:
            problem = "no articles found on the listing pages"
        elif finish_reason not in FINISHED_OK:
            problem = f"crawl ended early: {finish_reason}"
        return cls(
            site=site,
            ok=problem is None,
            problem=problem,
            new=get("articles/new"),
            updated=get("articles/updated"),
            unchanged=get("articles/unchanged"),
            known=get("articles/known_skipped"),
            dropped=get("articles/invalid") + get("pages/extraction_failed"),
            errors=sum(int(v) for k, v in stats.items() if k.startswith("errors/by_reason/")),
            listing_pages=listing_pages,
            article_pages=article_pages,
            requests={
                "listing": get("requests/listing"),
                "article": get("requests/article"),
                "other": get("robotstxt/request_count"),
            },
            archive_file=stats.get("archive/file"),
            finish_reason=finish_reason,
            stats=dict(stats),
        )


@dataclass
class RunSummary:
    run_id: str
    started_at: str
    finished_at: str
    data_dir: str
    log_file: str
    sites: list[SiteSummary]

    @property
    def ok(self) -> bool:
        return all(site.ok for site in self.sites)

    def to_json(self) -> dict[str, Any]:
        def jsonable(value: Any) -> Any:
            if isinstance(value, datetime):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: jsonable(v) for k, v in value.items()}
            if isinstance(value, (list, tuple)):
                return [jsonable(v) for v in value]
            if isinstance(value, (str, int, float, bool)) or value is None:
                return value
            return str(value)

        return jsonable({**asdict(self), "ok": self.ok})


def crawl_settings(layout: DataLayout, run_id: str, log_file: Path) -> Settings:
    settings = Settings()
    settings.setmodule("scraper.settings", priority="project")
    settings.set("POLICE_DATA_DIR", str(layout.root), priority="cmdline")
    settings.set("POLICE_RUN_ID", run_id, priority="cmdline")
    settings.set("LOG_FILE", str(log_file), priority="cmdline")
    settings.set("LOG_FILE_APPEND", False, priority="cmdline")
    return settings


def run_crawl(
    sites: Sequence[str],
    data_dir: Path,
    *,
    base_urls: Mapping[str, str] | None = None,
    max_articles: int | None = None,
    full: bool = False,
    refresh_days: int | None = None,
) -> RunSummary:
    """Crawl the given sites concurrently in this process; write and return the summary.

    Raises SiteLocked when another process is crawling one of the sites into data_dir.
    """
    layout = DataLayout(data_dir.resolve())
    for site in sites:  # refuse before anything starts, not halfway through
        SiteLock.acquire(layout, site)
    run_id = new_run_id()
    layout.logs_dir().mkdir(parents=True, exist_ok=True)
    log_file = layout.logs_dir() / f"{run_id}.log"
    started = datetime.now(UTC)
    process = CrawlerProcess(crawl_settings(layout, run_id, log_file))
    crawlers = {}
    for site in sites:
        crawler = process.create_crawler(PoliceSpider)
        crawlers[site] = crawler
        process.crawl(
            crawler,
            site=site,
            base_url=(base_urls or {}).get(site),
            max_articles=max_articles or 0,
            full=full,
            refresh_days=refresh_days or 0,
        )
    process.start()
    summary = RunSummary(
        run_id=run_id,
        started_at=started.isoformat(timespec="seconds"),
        finished_at=datetime.now(UTC).isoformat(timespec="seconds"),
        data_dir=str(layout.root),
        log_file=str(log_file),
        sites=[
            SiteSummary.from_stats(site, crawler.stats.get_stats())
            for site, crawler in crawlers.items()
        ],
    )
    write_run_summary(layout, summary)
    for site in sites:
        SiteLock.release(layout, site)
    return summary


def write_run_summary(layout: DataLayout, summary: RunSummary) -> Path:
    """DATA/runs/<run_id>.json, written under a temporary name and renamed."""
    layout.runs_dir().mkdir(parents=True, exist_ok=True)
    path = layout.runs_dir() / f"{summary.run_id}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(summary.to_json(), ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, path)
    return path
