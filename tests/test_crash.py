"""A crawl killed at any moment, or stopped with Ctrl-C, loses and doubles nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
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


def slow_settings() -> list[str]:
    """`--set` options (with `--unsafe`) for a crawl one request at a time, slowed, that
    says on stdout each article it archived (tests/support/announce.py)."""
    from scraper.settings import EXTENSIONS
    from tests.support.announce import ANNOUNCE

    settings = {
        "EXTENSIONS": json.dumps({**EXTENSIONS, ANNOUNCE: 50}),
        "POLICE_LOOPBACK_FAST": "false",
        "AUTOTHROTTLE_ENABLED": "false",
        "DOWNLOAD_DELAY": "0.02",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
    }
    return [option for name, value in settings.items() for option in ("--set", f"{name}={value}")]


def start_slow_cli_crawl(url: str, data_dir: Path) -> subprocess.Popen[str]:
    """`police-archive crawl` of the replica with slow_settings()."""
    command = [sys.executable, "-m", "scraper", "crawl", SITE, "--base-url", url]
    command += ["--data-dir", str(data_dir), "--unsafe", *slow_settings()]
    return subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_for_announced(process: subprocess.Popen[str], count: int) -> None:
    seen = 0
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("archived "):
            seen += 1
            if seen >= count:
                return
    raise AssertionError(f"the crawl ended after archiving {seen} articles")


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_the_first_ctrl_c_stops_cleanly_says_so_and_exits_130(tmp_path, stop):
    with served(SITE) as url:
        with start_slow_cli_crawl(url, tmp_path) as process:
            wait_for_announced(process, 5)
            process.send_signal(stop)
            _, stderr = process.communicate(timeout=120)
        assert process.returncode == 130, stderr
        assert "Traceback" not in stderr
        assert stderr.splitlines() == [
            "police-archive: stopping after the requests in flight; press Ctrl-C again to stop now",
            f"police-archive: {SITE}: interrupted ({stop.name}) after the requests in flight: "
            "the next run goes on from here",
        ]  # and no monitor's complaint about a run cut short on purpose
        summary = latest_run(tmp_path)["sites"][0]
        assert summary["finish_reason"] == "interrupted"
        assert [m["status"] for m in summary["monitors"]] == []  # not run
        crawl(SITE, url, tmp_path)
    assert_archive_sound(tmp_path)


def test_a_ctrl_c_while_the_crawl_is_still_starting_waits_and_stops_it_cleanly(tmp_path):
    """Before its engine runs Scrapy cannot stop a crawl cleanly; the stop waits for it."""
    from scraper.settings import EXTENSIONS
    from tests.support.interrupt import INTERRUPT_ON_OPEN

    extensions = json.dumps({**EXTENSIONS, INTERRUPT_ON_OPEN: 50})
    with served(SITE) as url:
        result = police_archive(
            "crawl", SITE, "--base-url", url, "--data-dir", str(tmp_path),
            "--unsafe", "--set", f"EXTENSIONS={extensions}",
        )  # fmt: skip
        assert result.returncode == 130, result.stderr
        assert result.stderr.splitlines() == [
            "police-archive: stopping after the requests in flight; press Ctrl-C again to stop now",
            f"police-archive: {SITE}: interrupted (SIGINT) after the requests in flight: "
            "the next run goes on from here",
        ]
        assert latest_run(tmp_path)["sites"][0]["finish_reason"] == "interrupted"
        crawl(SITE, url, tmp_path)
    assert_archive_sound(tmp_path)


def test_a_second_ctrl_c_stops_at_once_and_the_next_run_recovers(tmp_path):
    with served(SITE) as url:
        with start_slow_cli_crawl(url, tmp_path) as process:
            wait_for_announced(process, 5)
            process.send_signal(signal.SIGINT)
            assert process.stderr is not None  # the first is taken (signals do not queue)
            assert process.stderr.readline().endswith("press Ctrl-C again to stop now\n")
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=120)
        assert process.returncode == 130, stderr
        assert stderr.splitlines() == [
            "police-archive: stopped at once: the next run recovers what was written"
        ]
        crawl(SITE, url, tmp_path)
    assert_archive_sound(tmp_path)


def test_ctrl_c_to_a_run_of_several_sites_is_said_once_and_each_site_stops_cleanly(tmp_path):
    """Several sites: a process each (scraper/site_processes.py), the signal passed on."""
    with served(SITE) as one, served("laichau") as two:
        command = [sys.executable, "-m", "scraper", "crawl", SITE, "laichau"]
        command += ["--base-url", f"{SITE}={one}", "--base-url", f"laichau={two}"]
        command += ["--data-dir", str(tmp_path), "--unsafe", *slow_settings()]
        with subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        ) as process:
            wait_for_announced(process, 5)
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=120)
        assert process.returncode == 130, stderr
        lines = stderr.splitlines()
        assert lines[0].endswith("press Ctrl-C again to stop now")
        assert sum("press Ctrl-C again" in line for line in lines) == 1
        assert sorted(lines[1:]) == sorted(
            f"police-archive: {key}: interrupted (SIGINT) after the requests in flight: "
            "the next run goes on from here"
            for key in (SITE, "laichau")
        )
        run = latest_run(tmp_path)
        assert {s["finish_reason"] for s in run["sites"]} == {"interrupted"}
        crawl(SITE, one, tmp_path)
        crawl("laichau", two, tmp_path)
    records = lines_of(tmp_path)
    expected = TRUTH_IDS + sorted(r["id"] for r in build_replica("laichau").truth)
    assert sorted(r["id"] for r in records) == sorted(expected)  # each once: none lost
    assert police_archive("verify", "--data-dir", str(tmp_path)).returncode == 0


def test_ctrl_c_while_the_sites_processes_start_stops_each_cleanly(tmp_path, monkeypatch, capfd):
    """The Ctrl-C comes as the first site's process is being started, before either can
    take a signal: each holds it until its crawl can stop cleanly, the second is told as
    it starts, and neither dies in its start-up ("did not run to its end")."""
    from scraper import site_processes
    from scraper.runner import run_crawl

    real_popen = subprocess.Popen
    started: list[subprocess.Popen[str]] = []

    def popen_then_ctrl_c(*args, **kwargs):
        started.append(real_popen(*args, **kwargs))
        if len(started) == 1:
            os.kill(os.getpid(), signal.SIGINT)
        return started[-1]

    monkeypatch.setattr(site_processes.subprocess, "Popen", popen_then_ctrl_c)
    with served(SITE) as one, served("laichau") as two:
        summary = run_crawl([SITE, "laichau"], tmp_path, base_urls={SITE: one, "laichau": two})
        assert len(started) == 2
        interrupted = [
            "interrupted (SIGINT) after the requests in flight: the next run goes on from here"
        ]
        assert {s.site: s.problems for s in summary.sites} == {
            SITE: interrupted,
            "laichau": interrupted,
        }
        stderr = capfd.readouterr().err.splitlines()
        assert stderr == [f"police-archive: {site_processes.STOPPING}"]
        crawl(SITE, one, tmp_path)
        crawl("laichau", two, tmp_path)
    records = lines_of(tmp_path)
    expected = TRUTH_IDS + sorted(r["id"] for r in build_replica("laichau").truth)
    assert sorted(r["id"] for r in records) == sorted(expected)
