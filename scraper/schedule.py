"""`police-archive schedule`: crawl on an interval or a cron expression, in the foreground.

Each run is a fresh `police-archive crawl` process (Twisted's reactor cannot be restarted
in one process), started only after the previous one ended, so runs never overlap; a
tick missed while a run was still going is skipped, not queued. A failed run is logged
and the schedule goes on.

SIGINT (Ctrl-C) and SIGTERM are the schedule's: a run in progress gets them forwarded
(it runs in its own process group, so a terminal's Ctrl-C reaches it once, through the
schedule) and stops cleanly; the schedule waits for it, then ends, exit 130. A second
signal is forwarded too: the run then stops at once.
"""

from __future__ import annotations

import itertools
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from types import FrameType

from croniter import croniter

from scraper.errors import EXIT_INTERRUPTED, stop_signals_to

_DURATION = re.compile(r"(\d+)\s*([smhd])")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> timedelta:
    """ "6h", "30m", "1h30m", "90s", "1d" -> timedelta; ValueError otherwise."""
    compact = text.replace(" ", "").lower()
    parts = _DURATION.findall(compact)
    if not parts or "".join(n + u for n, u in parts) != compact:
        raise ValueError(f"'{text}' is not a duration such as 6h, 30m, 1h30m or 90s")
    return timedelta(seconds=sum(int(n) * _UNITS[u] for n, u in parts))


def next_times(every: timedelta | None, cron: str | None) -> Callable[[datetime], datetime]:
    """A function giving the first tick strictly after a moment (UTC)."""
    if cron is not None:
        if not croniter.is_valid(cron):
            raise ValueError(f"'{cron}' is not a cron expression such as \"0 */6 * * *\"")
        return lambda after: croniter(cron, after).get_next(datetime)
    if every is None:
        raise ValueError("a schedule needs an interval or a cron expression")
    start = datetime.now(UTC)

    def next_tick(after: datetime) -> datetime:
        if every.total_seconds() == 0:
            return after
        ticks = (after - start) // every + 1
        return start + ticks * every

    return next_tick


# A site polled more often than this is not what a schedule of a police news portal needs;
# `--min-interval` lowers the floor for replicas and tests.
MIN_INTERVAL = timedelta(minutes=5)


def shortest_interval(next_tick: Callable[[datetime], datetime], ticks: int = 48) -> timedelta:
    """The shortest gap between the schedule's next `ticks` ticks (a cron expression may
    be irregular: "*/2 9 * * *" every two minutes at nine)."""
    moment = datetime.now(UTC)
    times = [moment]
    for _ in range(ticks):
        times.append(next_tick(times[-1]))
    return min((b - a for a, b in itertools.pairwise(times[1:])), default=timedelta(0))


class _Stop:
    """The schedule's SIGINT/SIGTERM: forwarded to the run in progress, if any; either way
    the schedule ends once that run has."""

    def __init__(self) -> None:
        self.requested = threading.Event()
        self.signame = ""
        self.running: subprocess.Popen[str] | None = None

    def __call__(self, signum: int, _: FrameType | None) -> None:
        self.signame = signal.Signals(signum).name
        self.requested.set()
        if self.running is not None and self.running.poll() is None:
            self.running.send_signal(signum)


def log(message: str) -> None:
    stamp = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    print(f"{stamp} {message}", flush=True)


def run_schedule(
    crawl_args: Sequence[str],
    next_tick: Callable[[datetime], datetime],
    *,
    run_timeout: timedelta,
    max_runs: int | None = None,
    wait_first: bool = False,
) -> int:
    """Run `police-archive crawl CRAWL_ARGS` at each tick (the first at once, or at the
    first tick with `wait_first`); exit 1 if any run failed, 130 when stopped by a signal."""
    command = [sys.executable, "-m", "scraper", "crawl", *crawl_args]
    failures = runs = 0
    stop = _Stop()
    log(f"schedule started: {' '.join(['police-archive', 'crawl', *crawl_args])}")
    with stop_signals_to(stop):
        if wait_first and not _wait(stop, next_tick(datetime.now(UTC))):
            return _stopped(stop)
        while max_runs is None or runs < max_runs:
            runs += 1
            started = datetime.now(UTC)
            code, reason = _run_once(command, run_timeout, stop)
            took = (datetime.now(UTC) - started).total_seconds()
            if stop.requested.is_set():
                log(f"run {runs} stopped by {stop.signame} after {took:.0f}s (exit {code})")
                return _stopped(stop)
            if code == 0:
                log(f"run {runs} finished in {took:.0f}s")
            else:
                failures += 1
                log(f"run {runs} FAILED (exit {code}) after {took:.0f}s: {reason}")
            if max_runs is not None and runs >= max_runs:
                break
            if not _wait(stop, next_tick(datetime.now(UTC))):
                return _stopped(stop)
    return 1 if failures else 0


def _wait(stop: _Stop, wake: datetime) -> bool:
    """Until `wake`; False when a signal asked the schedule to stop first."""
    log(f"next run at {wake.isoformat(timespec='seconds')}")
    return not stop.requested.wait(max(0.0, (wake - datetime.now(UTC)).total_seconds()))


def _stopped(stop: _Stop) -> int:
    log(f"schedule stopped by {stop.signame}")
    return EXIT_INTERRUPTED


def _run_once(command: list[str], timeout: timedelta, stop: _Stop) -> tuple[int, str]:
    # our own crawl command (this interpreter, -m scraper) with the arguments the person
    # running the schedule gave; no shell. Its own session: signals reach it through us.
    with subprocess.Popen(  # noqa: S603
        command, stderr=subprocess.PIPE, text=True, start_new_session=True
    ) as process:
        stop.running = process
        if stop.requested.is_set():  # a signal came while it was being started
            process.send_signal(signal.SIGINT)
        try:
            _, stderr = process.communicate(timeout=timeout.total_seconds())
        except subprocess.TimeoutExpired:
            process.terminate()  # Scrapy stops gracefully and keeps what it archived
            try:
                process.communicate(timeout=120)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
            return -1, f"run took longer than {timeout}; stopped"
        finally:
            stop.running = None
    lines = [line for line in stderr.splitlines() if line.strip()]
    return process.returncode, "; ".join(lines[-3:]) or "no message"
