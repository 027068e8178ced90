from datetime import UTC, datetime, timedelta

import pytest

from scraper.schedule import next_times, parse_duration
from tests.e2e import assert_one_line_error, closed_port, police_archive, served


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
            "--max-runs",
            "2",
            "--data-dir",
            str(tmp_path),
        )
    assert result.returncode == 0, result.stdout
    assert "run 1 finished" in result.stdout
    assert "run 2 finished" in result.stdout
    assert len(list((tmp_path / "archive" / "hungyen").glob("*.jsonl"))) == 1
