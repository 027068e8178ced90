"""Run crawls in this process: what the CLI's crawl, demo and schedule share."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.misc import load_object
from scrapy.utils.ossignal import install_shutdown_handlers, signal_names
from twisted.python.failure import Failure

from scraper.errors import EXIT_INTERRUPTED, SettingsError, os_error_text, take_held_stop_signals
from scraper.platforms.detect import FROM_URL
from scraper.profiles import ProfileError, load_profile
from scraper.runlog import RunLog
from scraper.site_processes import STOPPED_AT_ONCE, STOPPING, run_site_processes, site_target
from scraper.site_profile import SiteProfile
from scraper.site_run import SiteRun
from scraper.spiders.police import PoliceSpider, new_run_id
from scraper.state import DataLayout, SiteLock, SiteLocked
from scraper.summary import (
    INTERRUPTED,
    RunSummary,
    SiteSummary,
    build_run_summary,
    load_run_summary,
    record_site_summary,
)


class _StoppableProcess(CrawlerProcess):
    """Scrapy's process, its two shutdown signals made ours: the first (SIGINT, SIGTERM)
    says what happens in one line and lets the crawls close cleanly (each site's summary
    then says "interrupted"); the second ends the process at once, exit 130. Scrapy's own
    second signal still waits for the crawls to close; ours does not, and loses nothing:
    every archive line is flushed when written, the index commits whole transactions, the
    OS lets go of the locks, and the next run finishes the temporary files."""

    # the line on the first signal: said by the process the person runs (a site's own
    # process, run by scraper/runner.py for a run of several sites, leaves it to that one)
    announce = True
    signalled = 0
    engines_running = False  # every crawl's engine runs: a stop can now close them cleanly
    stop_waiting = False  # a stop that came before that, carried out then

    def start(self, stop_after_crawl: bool = True, install_signal_handlers: bool = True) -> None:
        if install_signal_handlers:
            self._watch_engines_start()
        super().start(stop_after_crawl, install_signal_handlers)

    def _watch_engines_start(self) -> None:
        """Stops wait until every crawl's engine runs. Before that Scrapy cannot stop a
        crawl cleanly: stopping one still opening its spider only marks it, the reactor
        then stops under it, and no summary is written. A site's process of a run of
        several also starts with the stop signals held (scraper/site_processes.py), so
        that a Ctrl-C during its start-up waits for this moment too."""
        from scrapy import signals
        from twisted.internet import reactor, task

        starting = set(self.crawlers)

        def watch(crawler: Crawler) -> None:
            def started() -> None:  # or closed before its engine could start
                starting.discard(crawler)
                if not starting:  # the engine's `running` is set once these handlers return
                    task.deferLater(reactor, 0, self._engines_started)

            crawler.signals.connect(started, signal=signals.engine_started, weak=False)
            crawler.signals.connect(started, signal=signals.spider_closed, weak=False)

        for crawler in starting:
            watch(crawler)

    def _engines_started(self) -> None:
        if self.engines_running:
            return
        self.engines_running = True
        take_held_stop_signals()  # one held goes to _signal_shutdown at once
        if self.stop_waiting:
            self._graceful_stop_reactor()

    def _signal_shutdown(self, signum: int, _: Any) -> None:
        from twisted.internet import reactor

        install_shutdown_handlers(self._signal_kill)
        self.signalled = signum
        # nothing is printed or logged in the handler itself (see Scrapy's own comment)
        reactor.callFromThread(self._mark, INTERRUPTED, signal_names.get(signum, str(signum)))
        reactor.callFromThread(self._stop_gracefully)

    def _stop_gracefully(self) -> None:
        if self.engines_running:
            self._graceful_stop_reactor()
        else:
            self.stop_waiting = True

    def _signal_kill(self, signum: int, _: Any) -> None:  # noqa: ARG002 (Scrapy's signature)
        os.write(2, STOPPED_AT_ONCE)  # os.write and os._exit are safe in a signal handler
        os._exit(EXIT_INTERRUPTED)

    def _mark(self, key: str, signame: str) -> None:
        if self.announce:
            print(f"police-archive: {STOPPING}", file=sys.stderr, flush=True)
        for crawler in self.crawlers:
            if crawler.stats is not None:
                crawler.stats.set_value(key, signame)


def project_settings(overrides: Mapping[str, Any] | None = None) -> Settings:
    """scraper/settings.py plus the command line's --set NAME=VALUE overrides."""
    settings = Settings()
    settings.setmodule("scraper.settings", priority="project")
    settings.setdict(dict(overrides or {}), priority="cmdline")
    return settings


def _spider_arguments(site: str | SiteProfile) -> tuple[SiteProfile, dict[str, Any]]:
    """A bundled site by key; a site with no profile yet, given as the one built from
    --url (its platform is detected on the way); or a profile as it is (a site remembered
    in DATA, scraper/remembered.py)."""
    if isinstance(site, SiteProfile):
        if site.source_file.startswith(FROM_URL):
            return site, {"url": site.base_url + site.start_paths[0], "name": site.key}
        return site, {"profile": site}
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
    unsafe_settings: Mapping[str, str] | None = None,
    spider: type[PoliceSpider] = PoliceSpider,
    spider_options: Mapping[str, Any] | None = None,
    run_id: str | None = None,
    announce_stop: bool = True,
    startup_dumps: bool = True,
) -> RunSummary:
    """Crawl the given sites and return the run's summary (each site's SiteRun writes its
    part of DATA/runs/<run_id>.json and the log). One site is crawled in this process;
    several concurrently, each in a process of its own (scraper/site_process.py), so that
    they use every core and each log line is one site's. `run_id`, `announce_stop` and
    `startup_dumps` are for those processes: the run they belong to; the line on Ctrl-C
    and Scrapy's start-up dumps are the run's, said once.

    `overrides` are settings already checked and converted (scraper/setting_rules.py);
    `unsafe_settings` names those of them that switch off a fence (as given on the command
    line, allowed by --unsafe): each site's run summary records them (``unsafe_settings``).

    Raises SiteLocked when another process is crawling one of the sites into data_dir,
    and SettingsError (MonitorConfigError among them) when a setting is wrong; both
    before any site is crawled.
    """
    settings = project_settings(overrides)
    targets = {profile.key: (profile, kwargs) for profile, kwargs in map(_spider_arguments, sites)}
    layout = DataLayout(data_dir.resolve())
    for key in targets:  # refuse before anything starts, not halfway through
        SiteLock(layout, key).check_free()
    run_id = run_id or new_run_id()
    options = {
        "base_urls": dict(base_urls or {}),
        "max_articles": max_articles,
        "full": full,
        "refresh_days": refresh_days,
        "log_format": log_format,
        "overrides": dict(overrides or {}),
        "unsafe_settings": dict(unsafe_settings or {}),
        "spider": f"{spider.__module__}.{spider.__qualname__}",
        "spider_options": dict(spider_options or {}),
    }
    if len(targets) > 1:
        settings.set("POLICE_LOG_FORMAT", log_format, priority="cmdline")
        _check_settings(settings)
        return run_site_processes(list(sites), layout, run_id, options)
    settings.set("POLICE_DATA_DIR", str(layout.root), priority="cmdline")
    settings.set("POLICE_RUN_ID", run_id, priority="cmdline")
    settings.set("POLICE_LOG_FORMAT", log_format, priority="cmdline")
    # copied into each site's stats (settings/unsafe) by its SiteRun
    settings.set("POLICE_UNSAFE_SETTINGS", dict(unsafe_settings or {}), priority="cmdline")
    # the run log is the only log: no copy of every line on stderr
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    (key,) = targets
    # from the start: Scrapy's own start-up lines go in too (the run's first site's only)
    log = RunLog.attach(
        layout.logs_dir() / f"{run_id}.log",
        settings,
        site=key,
        run_id=run_id,
        startup_dumps=startup_dumps,
    )
    try:
        crawlers = _crawl(settings, targets, spider, options, announce=announce_stop)
    finally:
        log.detach()
    return _run_summary(layout, run_id, crawlers)


def _check_settings(settings: Settings) -> None:
    """What each site's crawl would refuse at its start, refused here once, before any
    starts (SettingsError)."""
    from scraper.monitor_config import MonitorConfig
    from scraper.runlog import log_format

    log_format(settings)
    if settings.getbool("SPIDERMON_ENABLED"):
        MonitorConfig.from_settings(settings)


def _crawl(
    settings: Settings,
    targets: Mapping[str, tuple[SiteProfile, dict[str, Any]]],
    spider: type[PoliceSpider],
    options: Mapping[str, Any],
    *,
    announce: bool,
) -> dict[str, Crawler]:
    process = _StoppableProcess(settings)
    process.announce = announce
    base_urls, spider_options = options["base_urls"], options["spider_options"]
    crawlers: dict[str, Crawler] = {}
    refused: list[Failure] = []
    for key, (_, spider_kwargs) in targets.items():
        crawler = process.create_crawler(spider)
        crawlers[key] = crawler
        started = process.crawl(
            crawler,
            **spider_kwargs,
            base_url=base_urls.get(key),
            max_articles=options["max_articles"] or 0,
            full=options["full"],
            refresh_days=options["refresh_days"] or 0,
            **spider_options,
        )
        # the spider and its extensions are made before the reactor runs: a setting
        # they refuse fails the crawl right here
        started.addErrback(refused.append)
    for failure in refused:
        failure.raiseException()
    process.start()
    return crawlers


def _run_summary(layout: DataLayout, run_id: str, crawlers: Mapping[str, Crawler]) -> RunSummary:
    """The run's summary with an entry for every site: as its SiteRun wrote it, or, for a
    crawl that ended before its SiteRun could write one, made from its stats here. When
    DATA/runs/<run_id>.json cannot be written or read (a full disk), the summary the
    sites kept in memory, marked not written."""
    log_file = layout.logs_dir() / f"{run_id}.log"
    try:
        done = load_run_summary(layout, run_id)
    except (OSError, ValueError):
        done = None
    found = {site.site: site for site in done.sites} if done else {}
    unwritten = done is None
    for key, crawler in crawlers.items():
        if key in found:
            continue
        run = _site_run(crawler)
        if run is not None and run.summary is not None:
            found[key] = run.summary
            unwritten = unwritten or not run.summary_written
            continue
        found[key] = site = SiteSummary.unfinished(key, crawler.stats.get_stats())
        try:
            done = record_site_summary(layout, run_id, site, log_file)
        except OSError as exc:
            site.problems.insert(0, f"cannot write the run's files: {os_error_text(exc)}")
            unwritten = True
    if done is not None and not unwritten:
        return done
    summary = build_run_summary(layout, run_id, list(found.values()), log_file)
    summary.written = False
    return summary


def _site_run(crawler: Crawler) -> SiteRun | None:
    try:
        return crawler.get_extension(SiteRun)
    except RuntimeError:  # the crawl failed before its extensions were made
        return None


def main() -> int:
    """One site of a run of several (scraper/site_processes.py): the job as JSON on stdin.
    Errors are one line on stderr, as the command line's."""
    job = json.loads(sys.stdin.read())
    try:
        run_crawl(
            [site_target(job)],
            Path(job["data_dir"]),
            base_urls=job["base_urls"],
            max_articles=job["max_articles"],
            full=job["full"],
            refresh_days=job["refresh_days"],
            log_format=job["log_format"],
            overrides=job["overrides"],
            unsafe_settings=job["unsafe_settings"],
            spider=load_object(job["spider"]),
            spider_options=job["spider_options"],
            run_id=job["run_id"],
            announce_stop=False,
            startup_dumps=job["startup_dumps"],
        )
    except (SiteLocked, SettingsError, ProfileError) as exc:
        print(f"police-archive: error: {job.get('site') or 'site'}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # run by hand, not by site_processes (which holds signals)
        return EXIT_INTERRUPTED
    return 0


if __name__ == "__main__":
    sys.exit(main())
