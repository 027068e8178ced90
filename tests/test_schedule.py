import json
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scraper.schedule import next_times, parse_duration
from tests.e2e import assert_one_line_error, closed_port, crawl, lines_of, police_archive, served
from tests.helpers import ROOT


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("6h", 21600), ("30m", 1800), ("1h30m", 5400), ("90s", 90), ("1d", 86400), ("0s", 0)],
)
def test_parse_duration(text, seconds):
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["", "6", "six hours", "6x", "h6"])
def test_bad_durations_are_refused(text):
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration(text)


def test_cron_ticks():
    next_tick = next_times(None, "0 */6 * * *")
    after = datetime(2026, 11, 26, 7, 30, tzinfo=UTC)
    assert next_tick(after) == datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def test_interval_ticks_skip_what_was_missed():
    next_tick = next_times(timedelta(hours=6), None)
    now = datetime.now(UTC)
    first = next_tick(now)
    assert timedelta(0) < first - now <= timedelta(hours=6)
    # a run that overran two ticks waits for the next one instead of starting twice
    assert next_tick(first + timedelta(hours=13)) == first + timedelta(hours=18)


def test_bad_cron_exits_2():
    assert_one_line_error(
        police_archive("schedule", "hungyen", "--cron", "every day"), 2, "not a cron expression"
    )


def test_every_or_cron_is_required():
    assert_one_line_error(police_archive("schedule", "hungyen"), 2, "--every")


@pytest.mark.e2e
def test_schedule_runs_and_goes_on_after_a_failed_run(tmp_path):
    result = police_archive(
        "schedule",
        "hungyen",
        "--base-url",
        f"http://127.0.0.1:{closed_port()}",
        "--every",
        "0s",
        "--min-interval",
        "0s",
        "--max-runs",
        "2",
        "--data-dir",
        str(tmp_path),
    )
    assert result.returncode == 1
    assert "run 1 FAILED (exit 1)" in result.stdout
    assert "site unreachable" in result.stdout
    assert "run 2 FAILED" in result.stdout  # it went on
    assert len(list((tmp_path / "runs").glob("*.json"))) == 2


@pytest.mark.e2e
def test_scheduled_runs_are_incremental(tmp_path):
    with served("hungyen") as url:
        result = police_archive(
            "schedule",
            "hungyen",
            "--base-url",
            url,
            "--every",
            "0s",
            "--min-interval",
            "0s",
            "--max-runs",
            "2",
            "--data-dir",
            str(tmp_path),
        )
    assert result.returncode == 0, result.stdout
    assert "run 1 finished" in result.stdout
    assert "run 2 finished" in result.stdout
    assert len(list((tmp_path / "archive" / "hungyen").glob("*.jsonl"))) == 1


@pytest.mark.parametrize(
    ("when", "said"),
    [
        (("--every", "1m"), "--every 1m runs every 1m"),
        (("--cron", "*/2 * * * *"), "--cron '*/2 * * * *' runs every 2m"),
    ],
)
def test_a_schedule_more_often_than_five_minutes_is_refused(when, said):
    result = police_archive("schedule", "hungyen", *when)
    assert_one_line_error(result, 2, said)
    assert "lower --min-interval" in result.stderr


def test_the_floor_can_be_lowered(tmp_path):
    from scraper.schedule import next_times, shortest_interval

    assert shortest_interval(next_times(None, "*/10 * * * *")) == timedelta(minutes=10)
    result = police_archive(
        "schedule", "hungyen", "--every", "1m", "--min-interval", "2m", "--data-dir", str(tmp_path)
    )
    assert_one_line_error(result, 2, "more often than --min-interval 2m")


def scheduled(url: str, data_dir: Path, *options: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "scraper", "schedule", "hungyen", "--base-url", url]
    command += ["--data-dir", str(data_dir), *options]
    return subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def read_until(process: subprocess.Popen[str], text: str) -> list[str]:
    lines = []
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        if text in line:
            return lines
    raise AssertionError(f"the schedule ended without saying {text!r}: {lines}")


@pytest.mark.e2e
def test_wait_first_waits_for_the_first_tick_and_a_signal_ends_the_wait(tmp_path):
    with (
        served("hungyen") as url,
        scheduled(url, tmp_path, "--every", "1h", "--wait-first") as process,
    ):
        read_until(process, "next run at")
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "schedule stopped by SIGTERM" in out
    assert not (tmp_path / "runs").exists()  # no run began


@pytest.mark.e2e
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_is_forwarded_to_the_run_which_stops_cleanly_then_the_schedule(tmp_path, stop):
    from tests.test_crash import TRUTH_IDS, assert_archive_sound, slow_settings

    options = ("--every", "1h", "--unsafe", *slow_settings())
    with served("hungyen") as url:
        with scheduled(url, tmp_path, *options) as process:
            read_until(process, "archived ")  # the run is under way
            process.send_signal(stop)
            out, _ = process.communicate(timeout=120)
        assert process.returncode == 130, out
        assert f"run 1 stopped by {stop.name}" in out
        assert f"schedule stopped by {stop.name}" in out
        (summary,) = [json.loads(p.read_text()) for p in (tmp_path / "runs").glob("*.json")]
        assert summary["sites"][0]["finish_reason"] == "interrupted"  # not left running
        assert len({r["id"] for r in lines_of(tmp_path)}) < len(TRUTH_IDS)
        crawl("hungyen", url, tmp_path)
    assert_archive_sound(tmp_path)
