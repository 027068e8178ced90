"""`police-archive sites`: the recorded verification, never the test rig; `sites --verify`
checks every adapter on its replica and records the result in DATA/state/verified.json."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from scraper import __version__
from scraper.profiles import load_profiles
from tests.e2e import police_archive
from tests.helpers import ROOT


def _column(stdout: str) -> dict[str, str]:
    """Site key -> its "verified on replica" cell."""
    header, *rows = stdout.splitlines()
    assert header.split()[-3:] == ["verified", "on", "replica"]
    start = header.index("verified on replica")
    keys = set(load_profiles())
    return {row.split()[0]: row[start:].strip() for row in rows if row.split()[:1][0] in keys}


@pytest.fixture(scope="module")
def verified_dir(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess]:
    data = tmp_path_factory.mktemp("verified") / "data"
    return data, police_archive("sites", "--verify", "--data-dir", str(data))


def test_plain_sites_loads_neither_the_testbed_nor_scrapy(tmp_path):
    # what keeps `sites` well under a second: no replica is built, no crawler is loaded
    code = (
        "import sys\n"
        "from scraper.cli import main\n"
        f"code = main(['sites', '--data-dir', {str(tmp_path)!r}])\n"
        "tops = {m.split('.')[0] for m in sys.modules}\n"
        "loaded = sorted(tops & {'testbed', 'scrapy', 'twisted'})\n"
        "print('LOADED', loaded, code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "LOADED [] 0"


def test_nothing_recorded_is_not_checked(tmp_path):
    result = police_archive("sites", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    cells = _column(result.stdout)
    assert set(cells) == set(load_profiles())
    assert set(cells.values()) == {"not checked"}
    assert "run `police-archive sites --verify`" in result.stdout
    assert not (tmp_path / "state").exists()  # plain `sites` writes nothing


def test_verify_records_every_site_and_exits_0(verified_dir):
    data, result = verified_dir
    assert result.returncode == 0, result.stderr
    assert set(_column(result.stdout).values()) == {"yes"}
    state = data / "state"
    recorded = json.loads((state / "verified.json").read_text("utf-8"))
    assert set(recorded) == set(load_profiles())
    for entry in recorded.values():
        assert entry["verified"] is True
        assert entry["version"] == __version__
        assert datetime.fromisoformat(entry["checked_at"]).utcoffset().total_seconds() == 0
    assert [p.name for p in state.iterdir()] == ["verified.json"]  # no temporary file left


def test_sites_shows_what_verify_recorded(verified_dir):
    data, _ = verified_dir
    result = police_archive("sites", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    cells = _column(result.stdout)
    assert set(cells) == set(load_profiles())
    assert set(cells.values()) == {"yes"}
    assert "--verify" not in result.stdout


def test_a_recorded_failure_and_another_version(tmp_path):
    keys = sorted(load_profiles())
    now = "2026-01-01T00:00:00Z"
    recorded = {k: {"verified": True, "checked_at": now, "version": __version__} for k in keys}
    recorded[keys[0]] = {"verified": False, "checked_at": now, "version": __version__}
    recorded[keys[1]] = {"verified": True, "checked_at": now, "version": "0.0.0-other"}
    del recorded[keys[2]]
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "verified.json").write_text(json.dumps(recorded), "utf-8")
    cells = _column(police_archive("sites", "--data-dir", str(tmp_path)).stdout)
    assert cells[keys[0]] == "no"
    assert cells[keys[1]] == cells[keys[2]] == "not checked"
    assert all(cells[k] == "yes" for k in keys[3:])


def test_an_unreadable_record_is_not_checked(tmp_path):
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "verified.json").write_text("{not json", "utf-8")
    result = police_archive("sites", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert set(_column(result.stdout).values()) == {"not checked"}
