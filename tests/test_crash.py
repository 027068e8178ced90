"""A crawl killed at any moment, or stopped with Ctrl-C, loses and doubles nothing."""

from __future__ import annotations

import signal
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from testbed.replica import build_replica
from tests.e2e import (
    assert_captures_sound,
    crawl,
    latest_run,
    lines_of,
    police_archive,
    scrapy_crawl_command,
    served,
)
from tests.helpers import ROOT

pytestmark = pytest.mark.e2e

SITE = "hungyen"
TRUTH_IDS = sorted(record["id"] for record in build_replica(SITE).truth)


def start_slow_crawl(url: str, data_dir: Path) -> subprocess.Popen[str]:
    """A crawl that logs each archived article to stderr, one request at a time, slowed."""
    return subprocess.Popen(
        scrapy_crawl_command(
            SITE,
            url,
            data_dir,
            POLICE_LOOPBACK_FAST=False,
            AUTOTHROTTLE_ENABLED=False,
            DOWNLOAD_DELAY=0.02,
            CONCURRENT_REQUESTS_PER_DOMAIN=1,
            LOG_LEVEL="DEBUG",
        ),
        cwd=ROOT,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )


def wait_for_archived(process: subprocess.Popen[str], count: int) -> None:
    """Read the crawl's log until `count` articles were archived (no sleeping)."""
    seen = 0
    assert process.stderr is not None
    for line in process.stderr:
        if "archived https://" in line:
            seen += 1
            if seen >= count:
                return
    raise AssertionError(f"the crawl ended after archiving {seen} articles")


def assert_archive_sound(data_dir: Path) -> None:
    records = lines_of(data_dir)  # every line parses: nothing torn
    assert sorted({r["id"] for r in records}) == TRUTH_IDS  # nothing lost
    doubled = [k for k, n in Counter((r["id"], r["version"]) for r in records).items() if n > 1]
    assert doubled == []
    result = police_archive("verify", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stdout
    assert_captures_sound(data_dir)  # the killed run's capture file finished by the next


@pytest.mark.parametrize("kill_after", [1, 20, len(TRUTH_IDS)])
def test_sigkill_at_any_moment_then_rerun(tmp_path, kill_after):
    with served(SITE) as url:
        with start_slow_crawl(url, tmp_path) as process:
            wait_for_archived(process, kill_after)
            process.kill()
            process.communicate()
        partial = list((tmp_path / "archive" / SITE).glob(".*.part"))
        final = list((tmp_path / "archive" / SITE).glob("*.jsonl"))
        assert partial or final  # the killed run left its lines somewhere
        crawl(SITE, url, tmp_path)
    assert_archive_sound(tmp_path)
    assert not list((tmp_path / "archive" / SITE).glob(".*.part"))


def test_ctrl_c_then_rerun_fetches_only_what_is_left(tmp_path):
    with served(SITE) as url:
        with start_slow_crawl(url, tmp_path) as process:
            wait_for_archived(process, 10)
            process.send_signal(signal.SIGINT)
            process.communicate(timeout=120)
        assert process.returncode == 0  # a clean stop
        first_ids = {r["id"] for r in lines_of(tmp_path)}
        assert 10 <= len(first_ids) < len(TRUTH_IDS)
        summary = crawl(SITE, url, tmp_path)
    # the interrupted first walk is resumed: every listing page, none of the done articles
    assert summary["requests"]["article"] == len(TRUTH_IDS) - len(first_ids)
    second_run = latest_run(tmp_path)["run_id"]
    refetched = {v["id"] for v in lines_of(tmp_path, "views") if v["run_id"] == second_run}
    assert refetched.isdisjoint(first_ids)
    assert_archive_sound(tmp_path)
