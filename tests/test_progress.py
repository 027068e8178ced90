"""What a crawl shows while it runs (scraper/progress.py): a live line per site on a
terminal, nothing off one, nothing but problems with --quiet."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

import pytest

from tests.e2e import police_archive, served
from tests.helpers import ROOT

pytestmark = pytest.mark.e2e


def on_a_terminal(*args: str) -> tuple[int, str, str]:
    """The command with its stderr on a pseudo-terminal: (exit code, what the terminal
    showed, stdout)."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "scraper", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        cwd=ROOT,
    )
    os.close(slave)
    shown = b""
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed: the command ended
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert process.stdout is not None
    with process.stdout:
        stdout = process.stdout.read().decode("utf-8")
    return process.wait(timeout=60), shown.decode("utf-8", "replace"), stdout


def test_a_terminal_shows_a_live_line_per_site(tmp_path):
    with served("hungyen") as one, served("laichau") as two:
        code, shown, stdout = on_a_terminal(
            *("crawl", "hungyen", "laichau", "--data-dir", str(tmp_path)),
            *("--base-url", f"hungyen={one}", "--base-url", f"laichau={two}"),
        )
    assert code == 0, shown
    for header in ("site", "listings", "new", "known", "failed", "errors", "rate"):
        assert header in shown
    assert "hungyen" in shown
    assert "laichau" in shown
    assert stdout.startswith("run ")  # the final table, as off a terminal
    assert not list((tmp_path / "runs").glob(".*.progress"))  # gone with the crawl


def test_quiet_prints_nothing_but_problems(tmp_path):
    with served("hungyen") as url:
        code, shown, stdout = on_a_terminal(
            "crawl", "hungyen", "--base-url", url, "--data-dir", str(tmp_path), "--quiet"
        )
    assert code == 0
    assert shown.strip() == ""
    assert stdout == ""


def test_off_a_terminal_only_the_final_table(tmp_path):
    with served("hungyen") as url:
        result = police_archive("crawl", "hungyen", "--base-url", url, "--data-dir", str(tmp_path))
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.startswith("run ")
