"""Run summaries: DATA/runs/<run_id>.json, one entry per site of the run.

Written by each site's run owner (``scraper.site_run.SiteRun``) when its crawl has closed,
read by the CLI, the history monitor and ``report``. A run of several sites in one
process rewrites the file as each site finishes, so a killed run still has the
summaries of the sites that were done.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spidermon.settings import MONITOR

from scraper.record import COVERAGE_FIELDS
from scraper.state import DataLayout

FINISHED_OK = frozenset({"finished", "closespider_itemcount"})
PASSED = frozenset(MONITOR.STATUSES.SUCCESSFUL)  # passed or skipped


def coverage_of(stats: Mapping[str, Any]) -> dict[str, float | None]:
    """Share of fetched article pages with a non-empty value, per field (None: no page)."""
    pages = int(stats.get("coverage/pages", 0))
    return {
        name: (round(int(stats.get(f"coverage/{name}", 0)) / pages, 4) if pages else None)
        for name in COVERAGE_FIELDS
    }


def _prefixed(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return {k.removeprefix(prefix): int(v) for k, v in stats.items() if k.startswith(prefix)}


# The stat of a crawl the person running it stopped with Ctrl-C or SIGTERM (the signal's
# name; scraper/runner.py): it closes cleanly, with the finish reason "interrupted" (set
# by scraper.site_run).
INTERRUPTED = "site_run/interrupted"
INTERRUPTED_REASON = "interrupted"


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
    # --set values that switched off a fence, allowed by --unsafe: name -> value as given
    unsafe_settings: dict[str, str]
    stats: dict[str, Any] = field(repr=False)

    @classmethod
    def unfinished(
        cls, site: str, stats: Mapping[str, Any], detail: str = "see the run's log"
    ) -> SiteSummary:
        """The entry of a site whose crawl ended before its SiteRun could write one."""
        summary = cls.from_stats(site, stats)
        summary.ok = False
        # with no stats (its process ended first) the basic checks would only guess
        known = summary.problems if stats else []
        summary.problems = [f"the crawl did not run to its end ({detail})", *known]
        return summary

    @classmethod
    def from_stats(cls, site: str, stats: Mapping[str, Any]) -> SiteSummary:
        def get(key: str) -> int:
            return int(stats.get(key, 0))

        monitors = [
            {"name": key.removeprefix("monitors/"), **value}
            for key, value in stats.items()
            if key.startswith("monitors/") and isinstance(value, dict)
        ]
        problems = [f"{m['name']}: {m['message']}" for m in monitors if m["status"] not in PASSED]
        if stats.get("site_run/error"):  # the crawl never began (scraper.site_run)
            problems = [str(stats["site_run/error"])]
        elif stats.get("finish_reason") == INTERRUPTED_REASON:  # no monitor speaks for it
            problems = [
                f"interrupted ({stats.get(INTERRUPTED)}) after the requests in flight: the "
                "next run goes on from here"
            ]
        elif "reparse/read" in stats:  # a reparse: nothing listed, fetched or monitored
            problems = []
        elif not monitors:  # no monitor results: the basic health checks still hold
            problems = _basic_problems(stats)
            if stats.get("monitors/expected"):
                problems.append("monitors did not run or their results were lost (see the log)")
        problems += [  # an alert that could not be sent (scraper.monitors.alert_failed)
            f"the {key.removeprefix('alerts/').removesuffix('_failed')} alert was not sent: {value}"
            for key, value in sorted(stats.items())
            if key.startswith("alerts/") and key.endswith("_failed")
        ]
        if stats.get("site_run/write_error"):  # the run's files could not be written
            problems.insert(0, f"cannot write the run's files: {stats['site_run/write_error']}")
        errors_by_type: dict[str, dict[str, Any]] = {
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
                "left_for_next_run": get("articles/over_limit"),
                # pages that failed: fetched again this run, failing still (to retry), given up
                "retried": get("articles/retried"),
                "to_retry": get("articles/failed_to_retry"),
                "given_up": get("articles/given_up"),
            },
            requests={
                "listing": get("requests/listing"),
                "article": get("requests/article"),
                "article_retry": get("requests/article_retry"),
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
            unsafe_settings={
                str(name): str(value)
                for name, value in dict(stats.get("settings/unsafe") or {}).items()
            },
            stats=dict(stats),
        )

    def to_json(self) -> dict[str, Any]:
        json_value: dict[str, Any] = _jsonable(asdict(self))
        return json_value

    @classmethod
    def from_json(cls, entry: Mapping[str, Any]) -> SiteSummary:
        """A summary read back from a run file (missing keys of older files are None)."""
        values: dict[str, Any] = {f.name: entry.get(f.name) for f in fields(cls)}
        return cls(**values)


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
    # False for a summary kept in memory because DATA/runs/<run_id>.json could not be
    # written (a full disk); not part of the file
    written: bool = field(default=True, compare=False)

    @property
    def ok(self) -> bool:
        return all(site.ok for site in self.sites)

    def to_json(self) -> dict[str, Any]:
        return {
            **_jsonable({k: v for k, v in asdict(self).items() if k not in ("sites", "written")}),
            "site_keys": [site.site for site in self.sites],
            "ok": self.ok,
            "sites": [site.to_json() for site in self.sites],
        }


def stopped_by_signal(summary: SiteSummary) -> bool:
    """Whether the person running the crawl stopped it (Ctrl-C, SIGTERM): exit 130."""
    return bool(summary.stats.get(INTERRUPTED))


def run_summary_path(layout: DataLayout, run_id: str) -> Path:
    return layout.runs_dir() / f"{run_id}.json"


def record_site_summary(
    layout: DataLayout, run_id: str, site: SiteSummary, log_file: Path
) -> RunSummary:
    """Put one site's summary into DATA/runs/<run_id>.json (replacing an older entry of
    the same site) and return the run's summary so far. Written under a temporary name
    and renamed: a reader sees the old file or the new one, never half of one."""
    path = run_summary_path(layout, run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    # the sites of a run are crawled in processes of their own: one writer at a time
    with path.with_name(f".{run_id}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        sites = [s for s in _read_sites(path) if s.site != site.site] + [site]
        summary = build_run_summary(layout, run_id, sites, log_file)
        write_run_summary(layout, summary)
    return summary


def build_run_summary(
    layout: DataLayout, run_id: str, sites: list[SiteSummary], log_file: Path
) -> RunSummary:
    """The run's summary over its sites' entries: from the first start to the last end."""
    times = [s.started_at for s in sites if s.started_at]
    ends = [s.finished_at for s in sites if s.finished_at]
    started, finished = min(times, default=None), max(ends, default=None)
    duration = (
        round(
            (datetime.fromisoformat(finished) - datetime.fromisoformat(started)).total_seconds(), 1
        )
        if started and finished
        else 0.0
    )
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return RunSummary(
        run_id=run_id,
        started_at=started or now,
        finished_at=finished or now,
        duration_seconds=duration,
        data_dir=str(layout.root),
        log_file=str(log_file),
        sites=sorted(sites, key=lambda s: s.site),
    )


def write_run_summary(layout: DataLayout, summary: RunSummary) -> None:
    """DATA/runs/<run_id>.json, written under a temporary name and renamed; OSError when
    it cannot be written (the temporary file removed, an older summary left as it was)."""
    path = run_summary_path(layout, summary.run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            handle.write(json.dumps(summary.to_json(), ensure_ascii=False, indent=1))
            handle.flush()
            os.fsync(handle.fileno())  # renamed only once on disk, like the archive files
        os.replace(tmp, path)
    except OSError as exc:
        if exc.filename is None:  # a failed write or fsync: the file it was for
            exc.filename = str(tmp)
        tmp.unlink(missing_ok=True)
        raise


def _read_sites(path: Path) -> list[SiteSummary]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return []
    return [SiteSummary.from_json(entry) for entry in data.get("sites", [])]


def load_run_summary(layout: DataLayout, run_id: str) -> RunSummary | None:
    """The run's summary as written, None when no site of it has finished."""
    path = run_summary_path(layout, run_id)
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    return RunSummary(
        **{f.name: data[f.name] for f in fields(RunSummary) if f.name not in ("sites", "written")},
        sites=[SiteSummary.from_json(entry) for entry in data.get("sites", [])],
    )


def previous_site_runs(
    layout: DataLayout, site: str, limit: int, *, skip_run: str = ""
) -> list[dict[str, Any]]:
    """This site's entries in the last `limit` healthy run summaries, newest first."""
    found: list[dict[str, Any]] = []
    for path in sorted(layout.runs_dir().glob("*.json"), reverse=True):
        if path.stem == skip_run:
            continue
        try:
            summary = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        found.extend(
            entry
            for entry in summary.get("sites", [])
            if entry.get("site") == site and entry.get("ok") and entry.get("listing_pages")
        )
        if len(found) >= limit:
            break
    return found[:limit]


# Room kept on disk for a site's entry of the run summary from the start of its crawl, so
# a crawl that fills the disk can still say so in DATA/runs/<run_id>.json: an entry is
# about 5 KB, and the file holds every site of the run (eleven: about 55 KB).
SUMMARY_RESERVE_BYTES = 64 * 1024


class SummaryReserve:
    """DATA/runs/.<run_id>.<site>.reserve: disk space taken when a site's crawl starts
    and given back just before its summary is written. Reserves of the site's earlier
    runs (killed before they gave theirs back) are removed when a new one is taken; the
    site's lock, held by the caller, says none of them is in use."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def take(cls, layout: DataLayout, run_id: str, site: str) -> SummaryReserve:
        """The reserve; when even that cannot be written (the disk is full already) the
        summary is tried without it."""
        runs = layout.runs_dir()
        reserve = cls(runs / f".{run_id}.{site}.reserve")
        try:
            for stale in runs.glob(f".*.{site}.reserve"):
                stale.unlink(missing_ok=True)
            runs.mkdir(parents=True, exist_ok=True)
            with reserve.path.open("wb") as handle:
                _allocate(handle.fileno(), SUMMARY_RESERVE_BYTES)
        except OSError:
            reserve.release()
        return reserve

    def release(self) -> None:
        with contextlib.suppress(OSError):  # nothing to give back
            self.path.unlink(missing_ok=True)


def _allocate(fd: int, size: int) -> None:
    """`size` bytes of disk for the file: real blocks, not a sparse hole."""
    try:
        os.posix_fallocate(fd, 0, size)
    except OSError as exc:
        if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL):
            raise
        os.write(fd, b"\0" * size)  # a file system without fallocate
    except AttributeError:  # no posix_fallocate on this platform
        os.write(fd, b"\0" * size)
    os.fsync(fd)
