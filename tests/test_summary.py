"""Run summaries (scraper/summary.py): one file per run, one entry per site."""

from __future__ import annotations

import errno
import json
from datetime import UTC, datetime

import pytest

from scraper.state import DataLayout
from scraper.summary import (
    SUMMARY_RESERVE_BYTES,
    SiteSummary,
    SummaryReserve,
    coverage_of,
    load_run_summary,
    previous_site_runs,
    record_site_summary,
)

RUN = "20261201T000000Z-abcdef"


def site(key: str, start: int, end: int, **stats: object) -> SiteSummary:
    times = {
        "start_time": datetime(2026, 12, 1, 0, start, tzinfo=UTC),
        "finish_time": datetime(2026, 12, 1, 0, end, tzinfo=UTC),
        "finish_reason": "finished",
        "pages/listing": 2,
        "articles/listed": 20,
    }
    return SiteSummary.from_stats(key, times | stats)


def test_each_site_adds_its_entry_and_the_run_spans_them(data_dir):
    layout = DataLayout(data_dir)
    log = layout.logs_dir() / f"{RUN}.log"
    record_site_summary(layout, RUN, site("laichau", 1, 5), log)
    run = record_site_summary(layout, RUN, site("hungyen", 0, 3), log)
    assert [s.site for s in run.sites] == ["hungyen", "laichau"]
    assert (run.started_at, run.finished_at) == (
        "2026-12-01T00:00:00+00:00",
        "2026-12-01T00:05:00+00:00",
    )
    assert run.duration_seconds == 300.0
    written = json.loads((layout.runs_dir() / f"{RUN}.json").read_text("utf-8"))
    assert written["site_keys"] == ["hungyen", "laichau"]
    assert written["ok"] is True
    assert written["log_file"] == str(log)
    assert not list(layout.runs_dir().glob(".*.tmp"))  # written under a temporary name


def test_a_summary_that_cannot_be_written_leaves_the_old_file_and_no_temporary(
    data_dir, monkeypatch
):
    layout = DataLayout(data_dir)
    log = layout.logs_dir() / f"{RUN}.log"
    record_site_summary(layout, RUN, site("laichau", 1, 2), log)
    before = (layout.runs_dir() / f"{RUN}.json").read_bytes()

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("scraper.summary.os.fsync", full)
    with pytest.raises(OSError, match="No space left on device"):
        record_site_summary(layout, RUN, site("hungyen", 0, 3), log)
    assert (layout.runs_dir() / f"{RUN}.json").read_bytes() == before
    assert not list(layout.runs_dir().glob(".*.tmp"))


def test_room_for_the_summary_is_kept_until_it_is_written(data_dir):
    layout = DataLayout(data_dir)
    stale = layout.runs_dir() / ".20261130T000000Z-000000.laichau.reserve"
    other = layout.runs_dir() / ".20261130T000000Z-000000.hungyen.reserve"
    layout.runs_dir().mkdir(parents=True)
    stale.write_bytes(b"")
    other.write_bytes(b"")
    reserve = SummaryReserve.take(layout, RUN, "laichau")
    assert reserve.path.stat().st_size == SUMMARY_RESERVE_BYTES
    assert reserve.path.stat().st_blocks * 512 >= SUMMARY_RESERVE_BYTES  # not a sparse file
    assert not stale.exists()  # a killed run's reserve of the same site
    assert other.exists()  # another site's may be in use
    reserve.release()
    assert not reserve.path.exists()
    reserve.release()  # harmless


def test_a_site_written_again_replaces_its_entry(data_dir):
    layout = DataLayout(data_dir)
    log = layout.logs_dir() / f"{RUN}.log"
    record_site_summary(layout, RUN, site("laichau", 1, 2), log)
    record_site_summary(layout, RUN, site("laichau", 1, 4, **{"articles/new": 3}), log)
    run = load_run_summary(layout, RUN)
    assert run is not None
    assert [(s.site, s.new) for s in run.sites] == [("laichau", 3)]


def test_a_summary_reads_back_as_written(data_dir):
    layout = DataLayout(data_dir)
    written = site("laichau", 1, 2, **{"errors/by_reason/HTTP 503": 2})
    record_site_summary(layout, RUN, written, layout.logs_dir() / "x.log")
    (read,) = load_run_summary(layout, RUN).sites
    assert read.to_json() == written.to_json()
    assert load_run_summary(layout, "no-such-run") is None


def test_problems_come_from_failed_monitors_or_the_basic_checks():
    failed = {"status": "FAIL", "message": "no articles found"}
    with_monitor = site("laichau", 1, 2, **{"monitors/Articles found": failed})
    assert with_monitor.problems == ["Articles found: no articles found"]
    assert not with_monitor.ok
    unreachable = SiteSummary.from_stats("laichau", {"errors/first": "DNS lookup failed"})
    assert unreachable.problems == ["site unreachable: DNS lookup failed"]
    lost = site("laichau", 1, 2, **{"monitors/expected": True})
    assert lost.problems == ["monitors did not run or their results were lost (see the log)"]


def test_coverage_is_a_share_of_article_pages():
    coverage = coverage_of({"coverage/pages": 4, "coverage/title": 4, "coverage/author": 1})
    assert (coverage["title"], coverage["author"], coverage["images"]) == (1.0, 0.25, 0.0)
    assert set(coverage_of({}).values()) == {None}


def test_history_holds_healthy_runs_of_the_site_newest_first(data_dir):
    layout = DataLayout(data_dir)
    layout.runs_dir().mkdir(parents=True)
    for name, ok, key in (("a", True, "laichau"), ("b", False, "laichau"), ("c", True, "hungyen")):
        entry = {"site": key, "ok": ok, "listing_pages": 1}
        (layout.runs_dir() / f"2026{name}.json").write_text(json.dumps({"sites": [entry]}))
    (layout.runs_dir() / "2026d.json").write_text("{torn")  # unreadable: skipped
    found = previous_site_runs(layout, "laichau", 5)
    assert [entry["site"] for entry in found] == ["laichau"]
    assert previous_site_runs(layout, "laichau", 5, skip_run="2026a") == []
