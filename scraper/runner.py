"""Run crawls in this process and summarise them: what the CLI's crawl and demo share."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.misc import load_object
from spidermon.settings import MONITOR

from scraper.monitors import MonitorConfig, coverage_of
from scraper.profiles import SiteProfile, load_profile
from scraper.spiders.police import PoliceSpider, new_run_id
from scraper.state import DataLayout, SiteLock

FINISHED_OK = frozenset({"finished", "closespider_itemcount"})
PASSED = frozenset(MONITOR.STATUSES.SUCCESSFUL)  # passed or skipped
LOG_FORMATS = ("text", "json")


def _prefixed(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return {k.removeprefix(prefix): int(v) for k, v in stats.items() if k.startswith(prefix)}


@dataclass
class SiteSummary:
    site: str
    ok: bool
    problems: list[str]
    finish_reason: str | None
    started_at: str | None
    finished_at: str | None
    duration_seconds: float | None
    new: int
    updated: int
    unchanged: int
    known: int
    dropped: int
    errors: int
    listing_pages: int
    article_pages: int
    articles: dict[str, int]
    requests: dict[str, int]
    responses_by_status: dict[str, int]
    dropped_by_reason: dict[str, int]
    errors_by_type: dict[str, dict[str, Any]]
    coverage: dict[str, float | None]
    articles_per_listing_page: float | None
    monitors: list[dict[str, str]]
    platform: str | None  # the adapter that read the site (detected for crawl --url)
    discovery: dict[str, int]  # article requests per source kind (listing, api, sitemap...)
    field_sources: dict[str, dict[str, int]]  # field -> {"adapter": n, "generic": n, ...}
    archive_file: str | None
    views_file: str | None
    stats: dict[str, Any] = field(repr=False)

    @classmethod
    def from_stats(cls, site: str, stats: Mapping[str, Any]) -> SiteSummary:
        get = lambda key: int(stats.get(key, 0))  # noqa: E731
        monitors = [
            {"name": key.removeprefix("monitors/"), **value}
            for key, value in stats.items()
            if key.startswith("monitors/") and isinstance(value, dict)
        ]
        problems = [f"{m['name']}: {m['message']}" for m in monitors if m["status"] not in PASSED]
        if not monitors:  # no monitor results: the basic health checks still hold
            problems = _basic_problems(stats)
            if stats.get("monitors/expected"):
                problems.append("monitors did not run or their results were lost (see the log)")
        errors_by_type = {
            reason: {"count": count, "example": stats.get(f"errors/example/{reason}")}
            for reason, count in _prefixed(stats, "errors/by_reason/").items()
        }
        listing_pages = get("pages/listing")
        start, finish = stats.get("start_time"), stats.get("finish_time")
        return cls(
            site=site,
            ok=not problems,
            problems=problems,
            finish_reason=stats.get("finish_reason"),
            started_at=start.isoformat(timespec="seconds") if start else None,
            finished_at=finish.isoformat(timespec="seconds") if finish else None,
            duration_seconds=round((finish - start).total_seconds(), 1)
            if start and finish
            else None,
            new=get("articles/new"),
            updated=get("articles/updated"),
            unchanged=get("articles/unchanged"),
            known=get("articles/known_skipped"),
            dropped=get("articles/invalid") + get("pages/extraction_failed"),
            errors=sum(item["count"] for item in errors_by_type.values()),
            listing_pages=listing_pages,
            article_pages=get("pages/article"),
            articles={
                "listed": get("articles/listed"),
                "new": get("articles/new"),
                "updated": get("articles/updated"),
                "unchanged": get("articles/unchanged"),
                "known_not_fetched": get("articles/known_skipped"),
                "archived": get("articles/archived"),
            },
            requests={
                "listing": get("requests/listing"),
                "article": get("requests/article"),
                "discovery": get("requests/discovery"),
                "other": get("robotstxt/request_count"),
            },
            responses_by_status=_prefixed(stats, "downloader/response_status_count/"),
            dropped_by_reason=_prefixed(stats, "item_dropped_reasons_count/")
            | (
                {"ExtractionFailed": get("pages/extraction_failed")}
                if get("pages/extraction_failed")
                else {}
            ),
            errors_by_type=errors_by_type,
            coverage=coverage_of(dict(stats)),
            articles_per_listing_page=round(get("articles/listed") / listing_pages, 2)
            if listing_pages
            else None,
            monitors=monitors,
            platform=stats.get("platform/name"),
            discovery=_prefixed(stats, "discovery/"),
            field_sources=_field_sources(stats),
            archive_file=stats.get("archive/file"),
            views_file=stats.get("views/file"),
            stats=dict(stats),
        )

    def to_json(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


def _field_sources(stats: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    """``field_source/<field>/<rule>`` counters as {field: {rule: count}}."""
    found: dict[str, dict[str, int]] = {}
    for key, count in _prefixed(stats, "field_source/").items():
        name, _, rule = key.rpartition("/")
        found.setdefault(name, {})[rule] = count
    return found


def _basic_problems(stats: Mapping[str, Any]) -> list[str]:
    if not int(stats.get("pages/listing", 0)):
        cause = stats.get("errors/first") or "no listing page could be fetched"
        return [f"site unreachable: {cause}"]
    if not int(stats.get("articles/listed", 0)):
        return ["no articles found on the listing pages"]
    if stats.get("finish_reason") not in FINISHED_OK:
        return [f"crawl ended early: {stats.get('finish_reason')}"]
    return []


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


@dataclass
class RunSummary:
    run_id: str
    started_at: str
    finished_at: str
    duration_seconds: float
    data_dir: str
    log_file: str
    sites: list[SiteSummary]

    @property
    def ok(self) -> bool:
        return all(site.ok for site in self.sites)

    def to_json(self) -> dict[str, Any]:
        return {
            **_jsonable({k: v for k, v in asdict(self).items() if k != "sites"}),
            "site_keys": [site.site for site in self.sites],
            "ok": self.ok,
            "sites": [site.to_json() for site in self.sites],
        }


class JsonLogFormatter(logging.Formatter):
    """One JSON object per log line, for log shippers."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class NetworkErrorsWithoutTraceback(logging.Filter):
    """A site that is down or slow is an expected condition: one line, no traceback."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.expected = tuple(load_object(name) for name in settings.getlist("RETRY_EXCEPTIONS"))

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], self.expected):
            record.exc_info = None
            record.exc_text = None
        return True


def _log_handler(log_file: Path, log_format: str, settings: Settings) -> logging.Handler:
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.addFilter(NetworkErrorsWithoutTraceback(settings))
    if log_format == "json":
        handler.setFormatter(JsonLogFormatter())
    else:
        handler.setFormatter(logging.Formatter(settings["LOG_FORMAT"], settings["LOG_DATEFORMAT"]))
    handler.setLevel(settings["LOG_LEVEL"])
    return handler


def project_settings(overrides: Mapping[str, Any] | None = None) -> Settings:
    """scraper/settings.py plus the command line's --set NAME=VALUE overrides."""
    settings = Settings()
    settings.setmodule("scraper.settings", priority="project")
    settings.setdict(dict(overrides or {}), priority="cmdline")
    return settings


def _spider_arguments(site: str | SiteProfile) -> tuple[SiteProfile, dict[str, str]]:
    """A bundled site by key, or a site with no profile given as one built from --url."""
    if isinstance(site, SiteProfile):
        return site, {"url": site.base_url + site.start_paths[0], "name": site.key}
    return load_profile(site), {"site": site}


def run_crawl(
    sites: Sequence[str | SiteProfile],
    data_dir: Path,
    *,
    base_urls: Mapping[str, str] | None = None,
    max_articles: int | None = None,
    full: bool = False,
    refresh_days: int | None = None,
    log_format: str = "text",
    overrides: Mapping[str, Any] | None = None,
) -> RunSummary:
    """Crawl the given sites concurrently in this process; write and return the summary.

    Raises SiteLocked when another process is crawling one of the sites into data_dir,
    and MonitorConfigError when a monitor setting is wrong.
    """
    settings = project_settings(overrides)
    targets = {profile.key: (profile, kwargs) for profile, kwargs in map(_spider_arguments, sites)}
    for profile, _ in targets.values():  # a misconfigured monitor refuses the run
        MonitorConfig.from_settings(settings, profile)
    layout = DataLayout(data_dir.resolve())
    for key in targets:  # refuse before anything starts, not halfway through
        SiteLock.acquire(layout, key)
    run_id = new_run_id()
    layout.logs_dir().mkdir(parents=True, exist_ok=True)
    log_file = layout.logs_dir() / f"{run_id}.log"
    settings.set("POLICE_DATA_DIR", str(layout.root), priority="cmdline")
    settings.set("POLICE_RUN_ID", run_id, priority="cmdline")
    handler = _log_handler(log_file, log_format, settings)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.WARNING, handler.level))
    started = datetime.now(UTC)
    try:
        settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")  # ours is above
        process = CrawlerProcess(settings)
        crawlers = {}
        for key, (_, spider_kwargs) in targets.items():
            crawler = process.create_crawler(PoliceSpider)
            crawlers[key] = crawler
            process.crawl(
                crawler,
                **spider_kwargs,
                base_url=(base_urls or {}).get(key),
                max_articles=max_articles or 0,
                full=full,
                refresh_days=refresh_days or 0,
            )
        process.start()
    finally:
        root.removeHandler(handler)
        handler.close()
    finished = datetime.now(UTC)
    summary = RunSummary(
        run_id=run_id,
        started_at=started.isoformat(timespec="seconds"),
        finished_at=finished.isoformat(timespec="seconds"),
        duration_seconds=round((finished - started).total_seconds(), 1),
        data_dir=str(layout.root),
        log_file=str(log_file),
        sites=[
            SiteSummary.from_stats(site, crawler.stats.get_stats())
            for site, crawler in crawlers.items()
        ],
    )
    write_run_summary(layout, summary)
    for key in targets:
        SiteLock.release(layout, key)
    return summary


def write_run_summary(layout: DataLayout, summary: RunSummary) -> Path:
    """DATA/runs/<run_id>.json, written under a temporary name and renamed."""
    layout.runs_dir().mkdir(parents=True, exist_ok=True)
    path = layout.runs_dir() / f"{summary.run_id}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(summary.to_json(), ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, path)
    return path
