"""Helpers for the end-to-end tests: replicas on loopback, crawls in a subprocess."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from scraper.capture import CaptureStore
from scraper.state import DataLayout
from testbed.replica import Page
from testbed.replica.server import start_server
from tests.helpers import ROOT


@contextmanager
def served(site: str, overrides: Mapping[str, Page] | None = None) -> Iterator[str]:
    """The replica of `site` on a free loopback port, some pages replaced; yields its URL."""
    server, url = start_server(site, overrides=overrides)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


def police_archive(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line in a subprocess; it must never print a traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "scraper", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def scrapy_crawl_command(site: str, url: str, data_dir: Path, **settings: object) -> list[str]:
    """`scrapy crawl police` of a replica at `url` into `data_dir`, with settings (-s)."""
    command = [sys.executable, "-m", "scrapy", "crawl", "police", "-a", f"site={site}"]
    command += ["-a", f"base_url={url}", "-s", f"POLICE_DATA_DIR={data_dir}"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return command


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int, text: str) -> None:
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert text in lines[0]


def closed_port() -> int:
    """A loopback port with nothing listening on it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def crawl(site: str, url: str, data_dir: Path, *options: str) -> dict[str, Any]:
    """Crawl a replica; assert it ran healthy; return this site's part of the run summary."""
    result = police_archive("crawl", site, "--base-url", url, "--data-dir", str(data_dir), *options)
    assert result.returncode == 0, result.stderr
    return latest_run(data_dir)["sites"][0]


def assert_captures_sound(data_dir: Path) -> None:
    """No unfinished capture file; `warcio check` passes on each; every archived record
    names a response or revisit record that is in its capture file."""
    warc = data_dir / "warc"
    assert not list(warc.glob("*/.*")), list(warc.glob("*/.*"))
    files = sorted(warc.glob("*/*.warc.gz"))
    for path in files:
        checked = subprocess.run(
            [str(Path(sys.executable).with_name("warcio")), "check", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr
    store = CaptureStore(files)
    for record in lines_of(data_dir):
        if record.get("warc_record_id"):
            assert (data_dir / record["warc_file"]).is_file(), record["warc_file"]
            assert record["warc_record_id"] in store, record["url"]


def latest_run(data_dir: Path) -> dict[str, Any]:
    newest = max((data_dir / "runs").glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
    return json.loads(newest.read_text("utf-8"))


def lines_of(data_dir: Path, kind: str = "archive", site: str | None = None) -> list[dict]:
    return [
        json.loads(line)
        for path in DataLayout(data_dir).run_files(kind, site)
        for line in path.read_text("utf-8").splitlines()
    ]
