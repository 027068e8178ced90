"""What a crawl shows while it runs, on a terminal: one live line per site.

Each site's crawl (in this process or one of its own, scraper/site_processes.py) writes
its counters once a second to DATA/runs/.<run_id>.<site>.progress (``ProgressFile``, a
Scrapy extension, on when POLICE_PROGRESS is); the command line, when its output is a
terminal, reads them and draws the lines with rich (``live_progress``): listing pages read,
articles new, known and failed, errors, the rate. Off a terminal (cron, CI) or with
``--quiet`` nothing is drawn. The file is removed when the crawl ends.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from scraper.state import DataLayout

INTERVAL = 1.0  # seconds between two snapshots of a site's counters
_COUNTERS = {
    "listing": "pages/listing",
    "articles": "pages/article",
    "new": "articles/new",
    "updated": "articles/updated",
    "known": "articles/known_skipped",
    "failed": "articles/failed_to_retry",
    "errors": "errors/by_reason/",
}


def progress_file(layout: DataLayout, run_id: str, site: str) -> Path:
    return layout.runs_dir() / f".{run_id}.{site}.progress"


def snapshot(stats: dict[str, Any]) -> dict[str, Any]:
    """The counters a progress line shows, from a crawl's stats."""
    found: dict[str, Any] = {}
    for name, key in _COUNTERS.items():
        if key.endswith("/"):
            found[name] = sum(int(v) for k, v in stats.items() if k.startswith(key))
        else:
            found[name] = int(stats.get(key, 0))
    start = stats.get("start_time")
    found["started"] = start.timestamp() if start is not None else time.time()
    found["finish_reason"] = stats.get("finish_reason")
    return found


class ProgressFile:
    """Writes the site's snapshot every INTERVAL seconds, replacing the last one."""

    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.getbool("POLICE_PROGRESS"):
            raise NotConfigured("no progress shown (POLICE_PROGRESS)")
        self.crawler = crawler
        self.path: Path | None = None
        self.loop: task.LoopingCall | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def spider_opened(self) -> None:
        from scraper.site_run import SiteRun

        run = SiteRun.of(self.crawler)
        if run.refused:
            return
        self.path = progress_file(run.layout, run.run_id, run.site)
        for stale in run.layout.runs_dir().glob(f".*.{run.site}.progress"):
            with contextlib.suppress(OSError):  # a killed run's: the site's lock is ours
                stale.unlink()
        self.loop = task.LoopingCall(self.write)
        self.loop.start(INTERVAL, now=True)

    def write(self) -> None:
        if self.path is None:
            return
        data = json.dumps(snapshot(self.crawler.stats.get_stats()))
        tmp = self.path.with_name(self.path.name + ".tmp")
        with contextlib.suppress(OSError):  # a progress line lost is no failure of the run
            tmp.write_text(data, "utf-8")
            os.replace(tmp, self.path)

    def spider_closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)


def _line(site: str, data: dict[str, Any] | None) -> list[str]:
    if data is None:
        return [site, "starting", "", "", "", "", "", ""]
    minutes = max(time.time() - float(data["started"]), 1.0) / 60
    return [
        site,
        str(data["listing"]),
        str(data["new"]),
        str(data["updated"]),
        str(data["known"]),
        str(data["failed"]),
        str(data["errors"]),
        f"{data['articles'] / minutes:.0f}/min",  # article pages read
    ]


@contextlib.contextmanager
def live_progress(layout: DataLayout, sites: Sequence[str], run_id: str) -> Iterator[None]:
    """While the block runs, a live table of the sites' progress on the terminal (stderr),
    read from their progress files twice a second."""
    from rich.console import Console
    from rich.live import Live
    from rich.table import Table

    console = Console(stderr=True)
    done = threading.Event()

    def table() -> Table:
        view = Table(box=None, padding=(0, 1))
        for header in ("site", "listings", "new", "updated", "known", "failed", "errors", "rate"):
            view.add_column(header, justify="left" if header == "site" else "right")
        for site in sites:
            view.add_row(*_line(site, _read(progress_file(layout, run_id, site))))
        return view

    # the crawl's own output stays where it goes: only the table is drawn on the terminal
    with Live(
        table(),
        console=console,
        refresh_per_second=2,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as live:

        def refresh() -> None:
            while not done.wait(0.5):
                live.update(table())

        drawer = threading.Thread(target=refresh, name="progress", daemon=True)
        drawer.start()
        try:
            yield
        finally:
            done.set()
            drawer.join(timeout=2)


def _read(path: Path) -> dict[str, Any] | None:
    with contextlib.suppress(OSError, ValueError):
        data: dict[str, Any] = json.loads(path.read_text("utf-8"))
        return data
    return None
