"""Real crawls of the unseen layouts, each from its first listing URL alone.

For each layout the replica is served on a free loopback port and the command line
crawls it as a new user would: ``police-archive crawl --url <first listing page on the
real domain> --name KEY --base-url http://127.0.0.1:PORT`` into an empty data directory.
The archive is then compared with the truth: articles found, duplicates, the exact
canonical URL, and the fields.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scraper.extract.urls import canonicalize_url
from scraper.state import DataLayout
from testbed.evaluate.fields import Score, score_record
from testbed.replica import build_replica
from testbed.replica.server import start_server

_TIMEOUT = 600


@dataclass
class CrawlResult:
    key: str
    platform: str
    exit_code: int
    score: Score = field(default_factory=Score)
    extra: int = 0  # archived pages that are no article of the truth
    stderr: str = ""


def crawl_layout(key: str, data_dir: Path | None = None) -> CrawlResult:
    """Crawl one replica from its first listing page; score its archive."""
    replica = build_replica(key)
    base = replica.truth[0]["url"].split("/", 3)
    origin = "/".join(base[:3])
    start = origin + replica.start_paths[0]
    server, fetch = start_server(key)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            target = data_dir or Path(scratch)
            command = [
                sys.executable, "-m", "scraper", "crawl", "--url", start, "--name", key,
                "--base-url", fetch, "--data-dir", str(target),
            ]  # fmt: skip
            # the project's own command, no shell
            done = subprocess.run(  # noqa: S603
                command, capture_output=True, text=True, timeout=_TIMEOUT
            )
            records = _latest_records(target, key)
            platform = _detected(target)
    finally:
        server.shutdown()
        server.server_close()
    result = CrawlResult(key, platform, done.returncode, stderr=done.stderr)
    score_archive(result, records, replica.truth)
    return result


def score_archive(result: CrawlResult, records: list[dict], truth: list[dict]) -> None:
    """Match archived records to the truth (by exact URL, else by URL identity or id)."""
    score = result.score
    by_url = {canonicalize_url(t["url"]): t for t in truth}
    by_id = {t["id"]: t for t in truth if t.get("id")}
    matched: dict[str, int] = {}
    ids: dict[str, str] = {}
    for record in records:
        target = by_url.get(canonicalize_url(record["url"])) or by_id.get(record["id"])
        if target is None:
            result.extra += 1
            continue
        matched[target["url"]] = matched.get(target["url"], 0) + 1
        if record["id"] in ids and ids[record["id"]] != target["url"]:
            score.duplicates = (score.duplicates or 0) + 1  # two articles under one id
        ids[record["id"]] = target["url"]
        if matched[target["url"]] == 1:
            score_record(score, record, target)
            if target.get("id"):
                score.add("id", record["id"] == target["id"])
    score.duplicates = (score.duplicates or 0) + sum(n - 1 for n in matched.values())
    score.listed = len(matched)
    score.expected = len(truth)


def _latest_records(data_dir: Path, key: str) -> list[dict[str, Any]]:
    latest: dict[str, dict[str, Any]] = {}
    for path in DataLayout(data_dir).run_files("archive", key):
        for line in path.read_text("utf-8").splitlines():
            record = json.loads(line)
            known = latest.get(record["id"])
            if known is None or record["version"] > known["version"]:
                latest[record["id"]] = record
    return list(latest.values())


def _detected(data_dir: Path) -> str:
    runs = sorted((data_dir / "runs").glob("*.json"))
    if not runs:
        return "?"
    summary = json.loads(runs[-1].read_text("utf-8"))
    for site in summary.get("sites", []):
        stats = site.get("stats", {})
        if "platform/detected" in stats:
            return str(stats["platform/detected"])
    return "?"
