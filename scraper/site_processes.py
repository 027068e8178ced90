"""A run of several sites: each crawled in a process of its own, side by side.

Twisted runs one reactor per process on one core; a process per site lets a run use every
core, keeps one site's slow parsing from delaying another's downloads, and makes every line
of the run's log one site's (scraper/runlog.py). Each process is
``python -m scraper.runner`` reading its job as JSON on stdin: the site (a bundled key,
or a profile: one remembered in DATA, or one from ``crawl --url``), the run's id and the
crawl's options. It crawls its one site exactly as a run of one site does (its SiteRun
writes the site's entry of DATA/runs/<run_id>.json, under a lock, and its lines in the
run's log); this side waits for them all and reads the summary they wrote.

Signals are this side's: the processes run in sessions of their own (a terminal's Ctrl-C
reaches them once, through here). The first SIGINT or SIGTERM says it will stop after the
requests in flight and passes SIGINT on; each site closes cleanly, even one still
starting (its process holds the signal until its crawl can take it). A second ends every
process at once (SIGKILL: loses nothing, as `kill -9` does not) and this one, exit 130.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import Any

from scraper.errors import EXIT_INTERRUPTED, stop_signals_held, stop_signals_to
from scraper.site_profile import SiteProfile, profile_keys
from scraper.state import DataLayout
from scraper.summary import RunSummary, SiteSummary, load_run_summary, record_site_summary

STOPPING = "stopping after the requests in flight; press Ctrl-C again to stop now"
STOPPED_AT_ONCE = b"police-archive: stopped at once: the next run recovers what was written\n"


def site_job(
    site: str | SiteProfile, layout: DataLayout, run_id: str, options: Mapping[str, Any]
) -> dict[str, Any]:
    """What one site's process is told: JSON, read back by ``scraper.runner.main``."""
    target: dict[str, Any] = (
        {"site": site}
        if isinstance(site, str)
        else {"profile": profile_keys(site), "source": site.source_file}
    )
    return {**target, "data_dir": str(layout.root), "run_id": run_id, **options}


def site_target(job: Mapping[str, Any]) -> str | SiteProfile:
    """The site a job names, as ``run_crawl`` takes it."""
    if "site" in job:
        return str(job["site"])
    from scraper.profiles import profile_from_mapping

    return profile_from_mapping(dict(job["profile"]), str(job["source"]))


def run_site_processes(
    sites: Sequence[str | SiteProfile],
    layout: DataLayout,
    run_id: str,
    options: Mapping[str, Any],
) -> RunSummary:
    """Crawl each site in its own process, all at once; the run's summary."""
    children: dict[str, subprocess.Popen[str]] = {}
    with _signals_forwarded(children) as received:
        for number, site in enumerate(sites):
            job = site_job(site, layout, run_id, options)
            job["startup_dumps"] = number == 0  # Scrapy's dumps once per run
            key = site if isinstance(site, str) else site.key
            # Held while a child starts: a signal that comes meanwhile is forwarded once
            # the child is in `children`, and one that came before it started is passed
            # on here; the child holds it until its crawl can stop cleanly
            # (scraper/runner.py), instead of dying in the middle of its start-up.
            with stop_signals_held():
                child = subprocess.Popen(
                    [sys.executable, "-m", "scraper.runner"],
                    stdin=subprocess.PIPE,
                    text=True,
                    start_new_session=True,
                )
                children[key] = child
                if received:
                    child.send_signal(signal.SIGINT)
            assert child.stdin is not None  # noqa: S101 -- stdin=PIPE above
            child.stdin.write(json.dumps(job))
            child.stdin.close()
        codes = {key: child.wait() for key, child in children.items()}
    return _gathered(layout, run_id, codes)


@contextmanager
def _signals_forwarded(children: Mapping[str, subprocess.Popen[str]]) -> Iterator[list[int]]:
    """The signals received so far, while the block runs: the first is passed on to every
    child as SIGINT, the second kills them all and this process."""
    received: list[int] = []

    def forward(signum: int, _: FrameType | None) -> None:
        received.append(signum)
        if len(received) == 1:
            os.write(2, f"police-archive: {STOPPING}\n".encode())
            _send(children, signal.SIGINT)
            return
        os.write(2, STOPPED_AT_ONCE)  # write and _exit: safe in a signal handler
        _send(children, signal.SIGKILL)
        os._exit(EXIT_INTERRUPTED)

    with stop_signals_to(forward):
        yield received


def _send(children: Mapping[str, subprocess.Popen[str]], signum: int) -> None:
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signum)


def _gathered(layout: DataLayout, run_id: str, codes: Mapping[str, int]) -> RunSummary:
    """The summary the sites' processes wrote; an entry, made here, for a site whose
    process ended before writing its own."""
    done = load_run_summary(layout, run_id)
    written = {site.site for site in done.sites} if done else set()
    log_file = layout.logs_dir() / f"{run_id}.log"
    for key, code in codes.items():
        if key in written:
            continue
        missing = SiteSummary.unfinished(key, {}, f"exit {code}; see the run's log")
        done = record_site_summary(layout, run_id, missing, log_file)
    if done is None:  # not reachable: every site has an entry by now
        raise RuntimeError(f"run {run_id} has no summary")
    return done
