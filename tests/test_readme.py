"""The README's commands are the program's: every `police-archive ...` it shows parses with
the real command line, and those that need no network run on a demo archive and succeed.
(Its pandas, DuckDB and polars snippets run in tests/test_analyst_tools.py.)"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from scraper.cli import UsageError, _build_parser
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text("utf-8")
# what runs offline on a demo archive; crawls, schedules and servers are only parsed
OFFLINE = {"verify", "show", "reparse", "export", "schema", "sites", "report"}


def _commands() -> list[str]:
    starts = ("    police-archive ", "    .venv/bin/police-archive ")
    found = [
        line.strip().split("  #")[0].rstrip(" \\")
        for line in README.splitlines()
        if line.startswith(starts)
    ]
    inline = re.findall(r"`(police-archive [a-z][^`]*)`", README)
    return list(dict.fromkeys(found + inline))


COMMANDS = _commands()
BLOCK_COMMANDS = [c for c in COMMANDS if f"    {c}" in README or f"    .venv/bin/{c}" in README]


def argv(command: str) -> list[str]:
    words = shlex.split(command)
    return words[1:]


def test_the_readme_shows_commands():
    assert len(COMMANDS) > 20
    assert any(c.startswith("police-archive reparse") for c in BLOCK_COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_parses(command):
    words = argv(command)
    if len(words) == 1:  # the command named in a sentence ("`police-archive schedule` prints")
        parser = _build_parser()
        (commands,) = [a for a in parser._actions if a.dest == "command"]
        assert words[0] in commands.choices
        return
    try:
        _build_parser().parse_args(words)
    except (SystemExit, UsageError) as exc:  # an option or value the program does not take
        pytest.fail(f"{command!r} does not parse: {exc}")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding data/: the archive `police-archive demo` makes."""
    root = tmp_path_factory.mktemp("readme")
    done = subprocess.run(
        [sys.executable, "-m", "scraper", "demo", "--data-dir", str(root / "data"), "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return root


@pytest.mark.e2e
@pytest.mark.parametrize(
    "command", [c for c in BLOCK_COMMANDS if argv(c) and argv(c)[0] in OFFLINE], ids=str
)
def test_each_offline_command_runs_on_a_demo_archive(demo, command):
    done = subprocess.run(
        [sys.executable, "-m", "scraper", *argv(command)],
        cwd=demo,  # its data/ is the default --data-dir, the outputs land beside it
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "Traceback" not in done.stderr
