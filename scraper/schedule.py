"""`police-archive schedule`: crawl on an interval or a cron expression, in the foreground.

Each run is a fresh `police-archive crawl` process (Twisted's reactor cannot be restarted
in one process), started only after the previous one ended, so runs never overlap; a
tick missed while a run was still going is skipped, not queued. A failed run is logged
and the schedule goes on.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from croniter import croniter

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


def log(message: str) -> None:
    stamp = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    print(f"{stamp} {message}", flush=True)


def run_schedule(
    crawl_args: Sequence[str],
    next_tick: Callable[[datetime], datetime],
    *,
    run_timeout: timedelta,
    max_runs: int | None = None,
) -> int:
    """Run `police-archive crawl CRAWL_ARGS` at each tick; exit 1 if any run failed."""
    command = [sys.executable, "-m", "scraper", "crawl", *crawl_args]
    failures = runs = 0
    log(f"schedule started: {' '.join(['police-archive', 'crawl', *crawl_args])}")
    try:
        while max_runs is None or runs < max_runs:
            runs += 1
            started = datetime.now(UTC)
            code, reason = _run_once(command, run_timeout)
            took = (datetime.now(UTC) - started).total_seconds()
            if code == 0:
                log(f"run {runs} finished in {took:.0f}s")
            else:
                failures += 1
                log(f"run {runs} FAILED (exit {code}) after {took:.0f}s: {reason}")
            if max_runs is not None and runs >= max_runs:
                break
            wake = next_tick(datetime.now(UTC))
            log(f"next run at {wake.isoformat(timespec='seconds')}")
            time.sleep(max(0.0, (wake - datetime.now(UTC)).total_seconds()))
    except KeyboardInterrupt:
        log("schedule stopped")
    return 1 if failures else 0


def _run_once(command: list[str], timeout: timedelta) -> tuple[int, str]:
    # our own crawl command (this interpreter, -m scraper) with the arguments the person
    # running the schedule gave; no shell
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True) as process:  # noqa: S603
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
    lines = [line for line in stderr.splitlines() if line.strip()]
    return process.returncode, "; ".join(lines[-3:]) or "no message"
