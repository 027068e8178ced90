"""Several mirrors in one crawl (`--base-url SITE=URL`), sites first crawled with
`--url --name KEY` remembered in DATA (scraper/remembered.py) and crawled again by their
key, and `report --site` taking every key it lists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from testbed.replica import build_replica
from tests.e2e import assert_one_line_error, latest_run, lines_of, police_archive, served

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_two_sites_from_two_mirrors_in_one_crawl(tmp_path, log_format):
    with served("hungyen") as one, served("laichau") as two:
        result = police_archive(
            *("crawl", "hungyen", "laichau", "--data-dir", str(tmp_path)),
            *("--base-url", f"hungyen={one}", "--base-url", f"laichau={two}"),
            *("--log-format", log_format),
        )
    assert result.returncode == 0, result.stderr
    run = latest_run(tmp_path)
    sites = {s["site"]: s for s in run["sites"]}
    for key in ("hungyen", "laichau"):
        assert sites[key]["articles"]["archived"] == len(build_replica(key).truth)
    # each site crawled in its own process; every line of the one log names its site
    text = Path(run["log_file"]).read_text("utf-8")
    if log_format == "json":
        entries = [json.loads(line) for line in text.splitlines()]
        assert {(e["site"], e["run_id"]) for e in entries} == {
            ("hungyen", run["run_id"]),
            ("laichau", run["run_id"]),
        }
        messages = [e["message"] for e in entries]
    else:
        messages = [line for line in text.splitlines() if line[:4].isdigit()]
        assert messages
        for line in messages:
            assert re.match(rf"\S+ \S+ \[(hungyen|laichau) {run['run_id']}\] \[", line), line
    # Scrapy's start-up dumps once per run, not once per site
    assert sum("Overridden settings" in m for m in messages) == 1
    assert sum("Enabled extensions" in m for m in messages) == 1


def test_a_site_crawled_from_its_url_is_crawled_again_by_its_key(tmp_path):
    replica = build_replica("nghean")
    with served("nghean") as url:
        first = police_archive(
            "crawl",
            "--url",
            f"{url}/thong-tin-chuyen-de/canh-bao-toi-pham/",
            "--name",
            "nghe",
            "--data-dir",
            str(tmp_path),
        )
        assert first.returncode in (0, 1), first.stderr  # one category of two: fewer pages
        remembered = json.loads((tmp_path / "state" / "sites" / "nghe.json").read_text())
        assert remembered["key"] == "nghe"
        assert remembered["base_url"] == url
        assert remembered["platform"] == "generic"
        archived = {r["id"] for r in lines_of(tmp_path)}
        assert archived

        listed = police_archive("crawl", "nghe", "--data-dir", str(tmp_path))
        assert listed.returncode in (0, 1), listed.stderr
        again = latest_run(tmp_path)["sites"][0]
        assert again["site"] == "nghe"
        assert again["new"] == 0  # incremental: nothing new, nothing archived twice
        assert {r["id"] for r in lines_of(tmp_path)} == archived
    assert len(archived) <= len(replica.truth)

    report = police_archive("report", "--site", "nghe", "--data-dir", str(tmp_path))
    assert report.returncode == 0, report.stderr
    assert "nghe" in report.stdout
    unknown = police_archive("report", "--site", "nowhere", "--data-dir", str(tmp_path))
    assert_one_line_error(unknown, 2, "sites with runs: nghe")


def test_a_mistyped_url_is_not_remembered(tmp_path):
    with served("nghean") as url:
        police_archive(
            "crawl", "--url", f"{url}/no-such-page/", "--name", "typo", "--data-dir", str(tmp_path)
        )
    assert not (tmp_path / "state" / "sites" / "typo.json").exists()
    result = police_archive("crawl", "typo", "--data-dir", str(tmp_path))
    assert_one_line_error(result, 2, "unknown site 'typo'")
