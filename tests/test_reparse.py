"""`police-archive reparse` (scraper/spiders/reparse.py): the archived pages read again
from DATA/warc with today's rules, no network; `show` and `schema` beside it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from testbed.replica import build_replica
from tests.e2e import assert_captures_sound, crawl, latest_run, lines_of, police_archive, served
from tests.helpers import ROOT

pytestmark = pytest.mark.e2e

SITE = "nghean"
TRUTH = {record["id"]: record for record in build_replica(SITE).truth}
CREDITED = sorted(key for key, record in TRUTH.items() if record["author"])


def with_rule_fix(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line with tests/support/rule_fix.py's changed credit rule."""
    code = "import sys, tests.support.rule_fix; from scraper.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("reparse") / "data"
    with served(SITE) as url:
        crawl(SITE, url, data)
    return data  # the server is gone: a reparse that fetched anything would fail


def archive_files(data: Path) -> list[Path]:
    return sorted((data / "archive" / SITE).glob("*.jsonl"))


def test_a_reparse_with_the_same_rules_writes_nothing(crawled):
    before = archive_files(crawled)
    result = police_archive("reparse", "--data-dir", str(crawled))
    assert result.returncode == 0, result.stderr
    summary = latest_run(crawled)["sites"][0]
    assert summary["ok"]
    assert summary["stats"]["reparse/read"] == len(TRUTH)
    assert summary["stats"]["reparse/unchanged"] == len(TRUTH)
    assert "downloader/request_count" not in summary["stats"]  # not one request
    assert archive_files(crawled) == before
    assert summary["unchanged"] == len(TRUTH)


def test_a_changed_rule_is_picked_up_from_the_captures(tmp_path, crawled):
    data = tmp_path / "data"
    subprocess.run(["cp", "-a", str(crawled), str(data)], check=True)
    before = {r["id"]: r for r in lines_of(data)}

    dry = with_rule_fix("reparse", "--dry-run", "--site", SITE, "--data-dir", str(data))
    assert dry.returncode == 0, dry.stderr
    changes = [line for line in dry.stdout.splitlines() if line.startswith(f"{SITE}-")]
    # the articles whose credit the generic rule reads (others have theirs from
    # another rule, e.g. a meta tag): one author change each
    changed = sorted(line.split()[0] for line in changes)
    assert changed
    assert set(changed) <= set(CREDITED)
    assert len(set(changed)) == len(changed)
    assert all(" v1 author: " in line for line in changes), changes
    first = changes[0].split()[0]
    author = json.dumps(before[first]["author"], ensure_ascii=False)
    assert changes[0].endswith(
        f"{author} -> {json.dumps(before[first]['author'].upper(), ensure_ascii=False)}"
    )
    assert [p.name for p in archive_files(data)] == [p.name for p in archive_files(crawled)]

    done = with_rule_fix("reparse", "--site", SITE, "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    run = latest_run(data)
    summary = run["sites"][0]
    assert summary["updated"] == len(changed)
    assert "downloader/request_count" not in summary["stats"]
    new = [r for r in lines_of(data) if r["run_id"] == run["run_id"]]
    assert sorted(r["id"] for r in new) == changed
    for record in new:
        old = before[record["id"]]
        assert record["version"] == 2
        assert record["author"] == old["author"].upper()
        assert record["content_hash"] == old["content_hash"]  # the text is the same
        assert record["scraped_at"] == old["scraped_at"]  # fetched then, read again now
        assert (record["warc_file"], record["warc_record_id"]) == (
            old["warc_file"],
            old["warc_record_id"],
        )
    assert police_archive("verify", "--data-dir", str(data)).returncode == 0
    assert_captures_sound(data)

    again = with_rule_fix("reparse", "--site", SITE, "--data-dir", str(data))
    assert again.returncode == 0, again.stderr
    assert latest_run(data)["sites"][0]["updated"] == 0  # already read so

    shown = police_archive("show", changed[0], "--data-dir", str(data))
    assert shown.returncode == 0, shown.stderr
    assert "version 1" in shown.stdout
    assert "version 2" in shown.stdout
    assert shown.stdout.count(before[changed[0]]["warc_record_id"]) == 2


def test_show_names_an_unknown_article_in_one_line(crawled):
    result = police_archive("show", f"{SITE}-0", "--data-dir", str(crawled))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "no article" in result.stderr


def test_schema_prints_the_shipped_json_schema():
    result = police_archive("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["schema_version"]["enum"] == [1, 2]
    assert "warc_record_id" in schema["properties"]
