"""Real crawls in a subprocess against replicas served on a free loopback port."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.validate import schema_problems
from scraper.replica import SITE_KEYS, build_replica
from scraper.replica.server import start_server
from scraper.state import DataLayout
from tests.helpers import ROOT

pytestmark = pytest.mark.e2e


@pytest.fixture
def replica(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """(site, base URL) of a replica served on a free loopback port."""
    server, url = start_server(request.param)
    yield request.param, url
    server.shutdown()
    server.server_close()


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, capture_output=True, text=True, timeout=300, cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def archived(data_dir: Path, site: str | None = None) -> list[dict]:
    return [
        json.loads(line)
        for path in DataLayout(data_dir).archive_files(site)
        for line in path.read_text("utf-8").splitlines()
    ]


@pytest.mark.parametrize("replica", SITE_KEYS, indirect=True)
def test_crawl_archives_every_article_as_the_truth_says(replica, tmp_path):
    site, url = replica
    result = run(
        sys.executable,
        "-m",
        "scraper",
        "crawl",
        site,
        "--base-url",
        url,
        "--data-dir",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    truth = {record["id"]: record for record in build_replica(site).truth}
    records = archived(tmp_path, site)
    assert sorted(r["id"] for r in records) == sorted(truth)
    for record in records:
        assert schema_problems(record) == []
        expected = truth[record["id"]]
        assert {k: record[k] for k in expected} == expected
        assert record["version"] == 1
        assert record["url"].startswith("https://congan.")  # never the replica's origin
    assert not list((tmp_path / "archive" / site).glob(".*.part"))
    summary = json.loads(next((tmp_path / "runs").glob("*.json")).read_text("utf-8"))
    assert summary["ok"] is True
    assert summary["sites"][0]["new"] == len(truth)
    log = next((tmp_path / "logs").glob("*.log")).read_text("utf-8")
    assert " ERROR: " not in log


def test_demo_twice_adds_no_line(tmp_path):
    first = run(sys.executable, "-m", "scraper", "demo", "--data-dir", str(tmp_path))
    assert first.returncode == 0, first.stderr
    lines = archived(tmp_path)
    assert len(lines) == sum(len(build_replica(site).truth) for site in SITE_KEYS)
    assert len({(r["id"], r["version"]) for r in lines}) == len(lines)
    second = run(sys.executable, "-m", "scraper", "demo", "--data-dir", str(tmp_path))
    assert second.returncode == 0, second.stderr
    assert archived(tmp_path) == lines
    for site in SITE_KEYS:  # incremental: nothing new on the first listing pages, so stop
        assert re.search(rf"^{site}\s+ok\s+0\s+0\s+0\s+\d+\s+0\s+0\s*$", second.stdout, re.M)


@pytest.mark.parametrize("replica", ["hungyen"], indirect=True)
def test_max_articles_stops_after_n_archived(replica, tmp_path):
    result = run(
        sys.executable,
        "-m",
        "scraper",
        "crawl",
        "hungyen",
        "--base-url",
        replica[1],
        "--data-dir",
        str(tmp_path),
        "--max-articles",
        "5",
    )
    assert result.returncode == 0, result.stderr
    assert len(archived(tmp_path)) == 5


@pytest.mark.parametrize("replica", ["laichau"], indirect=True)
def test_scrapy_crawl_command_uses_the_same_pipelines(replica, tmp_path):
    result = run(
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "police",
        "-a",
        "site=laichau",
        "-a",
        f"base_url={replica[1]}",
        "-s",
        f"POLICE_DATA_DIR={tmp_path}",
    )
    assert result.returncode == 0, result.stderr
    assert len(archived(tmp_path, "laichau")) == len(build_replica("laichau").truth)
