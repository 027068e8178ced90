"""The run's one owner (scraper/site_run.py): the lock is held until the run's last
write, and a crawl started the Scrapy way is the same run as one started by the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from scraper.settings import EXTENSIONS, ITEM_PIPELINES
from tests.e2e import assert_one_line_error, crawl, police_archive, scrapy_crawl_command, served
from tests.helpers import ROOT, json_line, make_record
from tests.support.pause import EXTENSION, EXTENSION_ORDER, PIPELINE, POINTS

SITE = "laichau"


def paused_crawl(url: str, data_dir, point: str) -> subprocess.Popen[str]:
    """A crawl of SITE in a subprocess that stops at `point` of its close-down."""
    overrides = {
        "PAUSE_AT": point,
        "EXTENSIONS": {**EXTENSIONS, EXTENSION: EXTENSION_ORDER.get(point, 50)},
        "ITEM_PIPELINES": {**ITEM_PIPELINES, PIPELINE: 50},
    }
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from scraper.runner import run_crawl
        summary = run_crawl(
            [{SITE!r}], Path({str(data_dir)!r}), base_urls={{{SITE!r}: {url!r}}},
            max_articles=3, overrides={overrides!r},
        )
        print("ok" if summary.ok else "unhealthy", flush=True)
        """
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


@pytest.mark.e2e
@pytest.mark.parametrize("point", POINTS)
def test_a_second_crawl_is_refused_until_the_first_has_written_everything(tmp_path, point):
    data_dir = tmp_path / "data"
    with served(SITE) as url:
        first = paused_crawl(url, data_dir, point)
        try:
            assert first.stdout.readline().strip() == "paused", first.stderr.read()
            second = police_archive("crawl", SITE, "--base-url", url, "--data-dir", str(data_dir))
            assert_one_line_error(second, 1, f"site '{SITE}' is already being crawled")
            if point == "state_closing":  # everything is written before the lock goes
                (summary_file,) = (data_dir / "runs").glob("*.json")
                assert json.loads(summary_file.read_text("utf-8"))["sites"][0]["site"] == SITE
                assert (data_dir / "logs" / f"{summary_file.stem}.log").stat().st_size > 0
        finally:
            out, err = first.communicate("\n", timeout=120)
    assert first.returncode == 0, err
    assert out.strip() == "ok", err
    assert len(list((data_dir / "runs").glob("*.json"))) == 1  # the refused crawl wrote none


@pytest.mark.e2e
def test_scrapy_crawl_is_refused_the_same_way_and_writes_nothing(tmp_path):
    data_dir = tmp_path / "data"
    with served(SITE) as url:
        first = paused_crawl(url, data_dir, "state_closing")
        try:
            assert first.stdout.readline().strip() == "paused", first.stderr.read()
            second = scrapy_crawl(url, data_dir)
        finally:
            first.communicate("\n", timeout=120)
    assert f"site '{SITE}' is already being crawled" in second.stderr
    assert "Traceback" not in second.stderr
    assert "site_locked" in second.stderr  # the finish reason
    assert len(list((data_dir / "runs").glob("*.json"))) == 1
    assert len(list((data_dir / "logs").glob("*.log"))) == 1


def scrapy_crawl(url: str, data_dir) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        scrapy_crawl_command(SITE, url, data_dir),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )


def shape(value):
    """The keys of a JSON value, recursively, without its values."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items() if key != "stats"}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


@pytest.mark.e2e
def test_scrapy_crawl_writes_the_run_summary_and_log_as_the_cli_does(tmp_path):
    with served(SITE) as url:
        crawl(SITE, url, tmp_path / "cli")
        result = scrapy_crawl(url, tmp_path / "scrapy")
    assert result.returncode == 0, result.stderr
    (cli_file,) = (tmp_path / "cli" / "runs").glob("*.json")
    (scrapy_file,) = (tmp_path / "scrapy" / "runs").glob("*.json")
    cli, scrapy = (json.loads(p.read_text("utf-8")) for p in (cli_file, scrapy_file))
    assert scrapy["ok"] is True
    assert scrapy["site_keys"] == [SITE]
    assert shape(scrapy) == shape(cli)
    assert scrapy["sites"][0]["new"] == cli["sites"][0]["new"] > 0
    assert scrapy["log_file"] == str(tmp_path / "scrapy" / "logs" / f"{scrapy_file.stem}.log")
    log = (tmp_path / "scrapy" / "logs" / f"{scrapy_file.stem}.log").read_text("utf-8")
    assert f"crawling {SITE}" in log
    assert "Dumping Scrapy stats" in log


@pytest.mark.e2e
def test_an_unreadable_state_fails_the_site_in_one_line_and_keeps_the_site_free(tmp_path):
    data_dir = tmp_path / "data"
    blocker = data_dir / "archive" / SITE
    blocker.parent.mkdir(parents=True)
    blocker.write_text("a file where the site's archive folder goes", "utf-8")
    with served(SITE) as url:
        result = police_archive("crawl", SITE, "--base-url", url, "--data-dir", str(data_dir))
        assert_one_line_error(result, 1, f"the state of site '{SITE}'")
        assert "cannot be read" in result.stderr
        (summary_file,) = (data_dir / "runs").glob("*.json")
        entry = json.loads(summary_file.read_text("utf-8"))["sites"][0]
        assert entry["finish_reason"] == "site_state_unreadable"
        log = (data_dir / "logs" / f"{summary_file.stem}.log").read_text("utf-8")
        assert "cannot be read" in log
        assert "Traceback" not in log
        blocker.unlink()  # repaired: the site is not left locked
        crawl(SITE, url, data_dir)


@pytest.mark.e2e
def test_a_torn_archive_from_a_full_disk_is_repaired_and_the_crawl_goes_on(tmp_path):
    data_dir = tmp_path / "data"
    torn = data_dir / "archive" / SITE / "20260101T000000Z-000000.jsonl"
    torn.parent.mkdir(parents=True)
    good = json_line(make_record(id="laichau-1", site=SITE))
    torn.write_text(good + good[:25], "utf-8")  # the disk filled up in the last line
    with served(SITE) as url:
        summary = crawl(SITE, url, data_dir)
    assert summary["new"] > 0
    assert torn.read_text("utf-8") == good
    assert len(list((data_dir / "state" / "damaged").iterdir())) == 1
