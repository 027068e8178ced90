"""The one owner of a site's crawl: its state, its log, its summary, its end.

``SiteRun`` is a Scrapy extension, so a crawl started by ``police-archive crawl`` and one
started by ``scrapy crawl police -a site=X`` are the same run. When the spider opens it
takes the site's lock, finishes what a killed run left and opens the index (one SQLite
connection, ``SiteState``); pipelines and spider use that state through it. When the
engine has stopped, after everything else the run writes (archive and views files,
the walk mark, monitors and alerts, Scrapy's final stats), it writes the site's entry of
DATA/runs/<run_id>.json, closes its share of DATA/logs/<run_id>.log and only then, in a
``finally``, closes the index and releases the lock: a second crawl of the site is
refused until this one has written its last byte.
"""

from __future__ import annotations

import logging
import sqlite3
from functools import partial
from typing import Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, NotConfigured
from scrapy.utils.defer import deferred_from_coro

from scraper.capture import CaptureFile, recover_captures, warcinfo
from scraper.errors import os_error_text
from scraper.monitor_config import MonitorConfig
from scraper.remembered import remember_profile
from scraper.runlog import RunLog, log_format
from scraper.site_profile import SiteProfile
from scraper.state import DataLayout, SiteLocked, SiteState
from scraper.summary import (
    INTERRUPTED,
    INTERRUPTED_REASON,
    SiteSummary,
    SummaryReserve,
    record_site_summary,
)

logger = logging.getLogger(__name__)

# Finish reasons of a crawl that could not open the site's state: another run holds the
# lock, or the state (index, archive files) cannot be read.
SITE_LOCKED = "site_locked"
STATE_UNREADABLE = "site_state_unreadable"
# ...and of one that stopped because its archive or views file could not be written.
WRITE_FAILED = "write_failed"


class SiteRun:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        # the spider is made before the extensions; it set the run's settings
        profile = getattr(crawler.spider, "profile", None)
        if not isinstance(profile, SiteProfile):
            raise NotConfigured("SiteRun needs the police spider (a spider with a site profile)")
        self.crawler = crawler
        self.site: str = profile.key
        self.run_id: str = settings["POLICE_RUN_ID"]
        self.layout = DataLayout(settings["POLICE_DATA_DIR_PATH"])
        self.log_file = self.layout.logs_dir() / f"{self.run_id}.log"
        log_format(settings)  # refuse a bad POLICE_LOG_FORMAT before anything starts
        # built once per crawl; a wrong monitor setting refuses the crawl here
        self.monitor_config = (
            MonitorConfig.from_settings(settings) if settings.getbool("SPIDERMON_ENABLED") else None
        )
        self.summary: SiteSummary | None = None
        self.summary_written = True  # False when DATA/runs/<run_id>.json was not written
        self._state: SiteState | None = None
        self._log: RunLog | None = None
        self._reserve: SummaryReserve | None = None
        # the run's WARC file (scraper/capture.py), open from spider_opened to spider_closed
        self.captures: CaptureFile | None = None
        self._finished = False
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    @classmethod
    def of(cls, crawler: Crawler) -> SiteRun:
        """The crawler's SiteRun; a crawl without one has no state to write to."""
        found = crawler.get_extension(cls)
        if found is None:
            raise RuntimeError("scraper.site_run.SiteRun is missing from EXTENSIONS")
        return found

    @property
    def state(self) -> SiteState:
        """The site's state, open from spider_opened until the engine stops."""
        if self._state is None:
            raise RuntimeError(f"the state of site '{self.site}' is not open")
        return self._state

    @property
    def refused(self) -> bool:
        """True when this crawl could not open the site's state (another run holds it, or
        it cannot be read): it crawled nothing, so there is nothing to monitor."""
        return self._state is None

    # Scrapy's signals pass a handler only the arguments it names
    def spider_opened(self) -> None:
        stats = self.crawler.stats
        # --set values that switch off a fence, allowed by --unsafe (scraper/runner.py)
        unsafe = self.crawler.settings.getdict("POLICE_UNSAFE_SETTINGS")
        if unsafe:
            stats.set_value("settings/unsafe", dict(unsafe))
        try:
            self._state = SiteState.open(self.layout, self.site)
            # the lock is ours now; what a killed run captured is revisited as its own is
            index = self._state.index
            recover_captures(self.layout, self.site, partial(index.record_captures, self.site))
        except SiteLocked as exc:  # the other run owns the site, its log and its summary
            logger.error("%s: this crawl does not start", exc)
            stats.set_value("site_run/refused", str(exc))
            raise CloseSpider(SITE_LOCKED) from None
        except (OSError, ValueError, sqlite3.Error) as exc:
            # nothing was crawled, but the run says why, in its log and its summary
            self._log = self._attach_log()
            problem = f"the state of site '{self.site}' in {self.layout.root} cannot be read: {exc}"
            logger.error("%s", problem)
            stats.set_value("site_run/error", problem)
            raise CloseSpider(STATE_UNREADABLE) from None
        self._log = self._attach_log()
        self._reserve = SummaryReserve.take(self.layout, self.run_id, self.site)
        if self.crawler.settings.getbool("POLICE_CAPTURE_ENABLED"):
            self.captures = CaptureFile(
                self.layout, self.site, self.run_id, warcinfo(self.crawler.settings, self.site)
            )

    def _attach_log(self) -> RunLog:
        settings = self.crawler.settings
        return RunLog.attach(self.log_file, settings, site=self.site, run_id=self.run_id)

    def write_failed(self, error: OSError) -> None:
        """A run file could not be written: say so in one line (once), count it and stop
        the crawl; what was written stays in its temporary file for the next run."""
        stats = self.crawler.stats
        if not stats.get_value("site_run/write_error"):
            stats.set_value("site_run/write_error", str(error))
            logger.error(
                "%s: cannot write the run's files (%s); the crawl stops, the next run "
                "recovers what was written",
                self.site,
                error,
            )
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=WRITE_FAILED))

    def spider_closed(self) -> None:
        if self._state is None:  # closed at open: the engine never started
            self._finish()
            return
        self._commit_captures()

    def _commit_captures(self) -> None:
        """Every download is over: the capture file gets its final name, and only then
        its full captures go into the index (revisits of later runs point at them)."""
        if self.captures is None:
            return
        captures, self.captures = self.captures, None
        try:
            final = captures.commit(lambda rows: self.state.index.record_captures(self.site, rows))
        except OSError as exc:
            self.write_failed(exc)
            return
        if final is not None:
            self.crawler.stats.set_value("capture/file", str(final))

    def engine_stopped(self) -> None:
        self._finish()

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        try:
            if self._state is not None:
                self._remember_site()
            if self._log is not None:  # this run owned the site (or says why it could not)
                self._write_summary(self._log)
        finally:
            try:
                if self._log is not None:
                    self._log.detach()
            finally:
                if self._state is not None:
                    self._state.close()

    def _remember_site(self) -> None:
        """A site crawled from `--url` whose listing was read: its detected profile kept in
        DATA (scraper/remembered.py), so that `crawl KEY` knows it from now on."""
        spider = self.crawler.spider
        if getattr(spider, "start_url", None) is None:
            return
        if not self.crawler.stats.get_value("pages/listing"):
            return  # nothing of the site was read: a mistyped URL is not remembered
        try:
            path = remember_profile(self.layout, spider.profile)  # type: ignore[union-attr]
        except OSError as exc:
            logger.error("%s: the site's profile cannot be kept: %s", self.site, exc)
            return
        logger.info(
            "%s: its profile is kept in %s: `crawl %s` knows it", self.site, path, self.site
        )

    def _write_summary(self, log: RunLog) -> None:
        """The site's entry of DATA/runs/<run_id>.json. A run log or summary that cannot
        be written (a full disk) makes the run unhealthy, in one line; the summary stays in
        memory (`self.summary`) for the command line to print."""
        stats = self.crawler.stats
        if stats.get_value(INTERRUPTED) and stats.get_value("finish_reason") == "shutdown":
            stats.set_value("finish_reason", INTERRUPTED_REASON)  # Scrapy's word for any stop
        if log.failure is not None and not stats.get_value("site_run/write_error"):
            stats.set_value("site_run/write_error", os_error_text(log.failure))
        self.summary = SiteSummary.from_stats(self.site, stats.get_stats())
        if self._reserve is not None:  # the room kept for this summary
            self._reserve.release()
        try:
            record_site_summary(self.layout, self.run_id, self.summary, self.log_file)
        except OSError as exc:
            logger.error("%s: the run summary cannot be written: %s", self.site, exc)
            if not stats.get_value("site_run/write_error"):
                stats.set_value("site_run/write_error", os_error_text(exc))
            self.summary = SiteSummary.from_stats(self.site, stats.get_stats())
            self.summary_written = False
