"""Faults a real site shows, crawled end to end on loopback replicas: robots.txt that
cannot be read, article pages that never become records. None may end "ok"; each fails
the monitor that names it, in one stderr line, with the run summary's counts.
Also: nothing is written outside DATA, and no console or control server is opened."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from testbed.replica import Page, build_replica
from tests.e2e import (
    assert_one_line_error,
    closed_port,
    crawl,
    latest_run,
    lines_of,
    police_archive,
    scrapy_crawl_command,
    served,
)

pytestmark = pytest.mark.e2e

SITE = "hungyen"
REPLICA = build_replica(SITE)
ARTICLES = len(REPLICA.article_paths)


def faulty_crawl(tmp_path: Path, overrides: dict[str, Page]):
    """Crawl the replica with `overrides`: it must exit 1; the failed monitors' messages
    by name, the site's summary, and the stderr lines."""
    with served(SITE, overrides=overrides) as url:
        result = police_archive("crawl", SITE, "--base-url", url, "--data-dir", str(tmp_path))
    assert result.returncode == 1, result.stdout + result.stderr
    summary = latest_run(tmp_path)["sites"][0]
    failed = {
        m["name"]: m["message"] for m in summary["monitors"] if m["status"] not in ("OK", "SKIPPED")
    }
    lines = result.stderr.strip().splitlines()
    assert lines == [f"police-archive: {SITE}: {name}: {text}" for name, text in failed.items()]
    assert summary["ok"] is False
    return failed, summary, lines


# -- robots.txt fails closed ------------------------------------------------------------
def test_robots_txt_answering_503_fetches_nothing(tmp_path):
    _, summary, lines = faulty_crawl(
        tmp_path, {"/robots.txt": Page(body=b"<h1>503 Service Unavailable</h1>", status=503)}
    )
    assert len(lines) == 1
    assert re.fullmatch(
        rf"police-archive: {SITE}: Articles found: robots\.txt unavailable "
        r"\(HTTP 503 at http://127\.0\.0\.1:\d+/robots\.txt\): nothing fetched",
        lines[0],
    )
    listings = len(REPLICA.start_paths)
    assert summary["errors_by_type"]["RobotsUnavailable"]["count"] == listings
    assert summary["requests"] == {
        "listing": listings,
        "article": 0,
        "article_retry": 0,
        "discovery": 0,
        "other": 1,
    }
    assert summary["listing_pages"] == summary["article_pages"] == 0
    # robots.txt itself (tried again once on loopback) is all that was downloaded
    assert summary["stats"]["downloader/request_count"] == 2
    assert set(summary["responses_by_status"]) == {"503"}
    assert summary["stats"]["robots/unavailable"].startswith("HTTP 503 at http://127.0.0.1:")
    assert lines_of(tmp_path) == []


def test_robots_txt_larger_than_the_cap_fetches_nothing(tmp_path):
    big = b"User-agent: *\nDisallow: /admin/\n" + b"# padding\n" * (600 * 1024 // 10)
    _, summary, lines = faulty_crawl(
        tmp_path, {"/robots.txt": Page(body=big, content_type="text/plain")}
    )
    assert len(lines) == 1
    assert "Articles found: robots.txt unavailable (larger than 512 KiB at http://" in lines[0]
    assert summary["requests"]["article"] == 0


def test_robots_txt_of_a_site_not_answering_reads_as_unreachable(tmp_path):
    result = police_archive(
        "crawl",
        SITE,
        "--base-url",
        f"http://127.0.0.1:{closed_port()}",
        "--data-dir",
        str(tmp_path),
    )
    assert_one_line_error(result, 1, "Articles found: site unreachable: ")
    assert re.search(
        r"site unreachable: \w+ at http://127\.0\.0\.1:\d+/robots\.txt "
        r"\(robots\.txt: nothing fetched\)$",
        result.stderr.strip(),
    )


@pytest.mark.parametrize("status", [404, 403])
def test_robots_txt_answering_4xx_allows_everything(tmp_path, status):
    with served(SITE, overrides={"/robots.txt": Page(body=b"Disallow: /", status=status)}) as url:
        summary = crawl(SITE, url, tmp_path)  # healthy
    assert summary["new"] == ARTICLES
    assert "robots/unavailable" not in summary["stats"]


# -- article pages that never become records -------------------------------------------
def _text_gone(path: str) -> Page:
    """The article page with neither text nor lead: its record has an empty body."""
    root = lxml_html.document_fromstring(REPLICA.pages[path].body.decode("utf-8"))
    for node in root.xpath("//*[@class='article-content' or @class='article-sapo']"):
        node.drop_tree()
    return Page(body=lxml_html.tostring(root, encoding="utf-8"))


def test_every_record_dropped_as_invalid(tmp_path):
    failed, summary, _ = faulty_crawl(tmp_path, {p: _text_gone(p) for p in REPLICA.article_paths})
    assert re.fullmatch(
        rf"0 of {ARTICLES} article pages archived \(0% < 50%\): "
        rf"dropped InvalidRecord ×{ARTICLES} \(body, e\.g\. https://congan\.hungyen\.gov\.vn/\S+\)",
        failed["Articles archived"],
    )
    assert summary["new"] == 0
    assert summary["dropped"] == ARTICLES
    assert summary["dropped_by_reason"] == {"InvalidRecord": ARTICLES}
    assert summary["requests"]["article"] == summary["article_pages"] == ARTICLES
    assert lines_of(tmp_path) == []


def test_every_article_redirecting_to_itself(tmp_path):
    loops = {
        path: Page(body=b"", status=301, headers=(("Location", path),))
        for path in REPLICA.article_paths
    }
    failed, summary, _ = faulty_crawl(tmp_path, loops)
    assert re.fullmatch(
        rf"0 of {ARTICLES} article pages archived \(0% < 50%\): "
        rf"failed RedirectLoop ×{ARTICLES} \(e\.g\. http://127\.0\.0\.1:\d+/\S+\.html\)",
        failed["Articles archived"],
    )
    assert failed["Error ratio"].startswith(f"{ARTICLES} of ")
    assert summary["errors_by_type"]["RedirectLoop"]["count"] == ARTICLES
    assert summary["errors"] == ARTICLES
    # found at the first hop: each article page fetched once, not 20 times
    assert summary["stats"]["redirect/loop"] == ARTICLES
    assert summary["responses_by_status"]["301"] == ARTICLES


def test_every_article_redirecting_off_site(tmp_path):
    away = {
        path: Page(body=b"", status=302, headers=(("Location", f"http://elsewhere.invalid{path}"),))
        for path in REPLICA.article_paths
    }
    failed, summary, _ = faulty_crawl(tmp_path, away)
    assert failed["Articles archived"].startswith(
        f"0 of {ARTICLES} article pages archived (0% < 50%): failed OffsiteRedirect ×{ARTICLES} "
        "(e.g. http://127.0.0.1:"
    )
    assert summary["errors_by_type"]["OffsiteRedirect"]["count"] == ARTICLES
    assert summary["new"] == 0
    assert not any("elsewhere" in key for key in summary["stats"])  # never fetched


def test_a_listing_redirecting_to_itself_is_an_error_not_a_silent_drop(tmp_path):
    loops = {
        path: Page(body=b"", status=301, headers=(("Location", path),))
        for path in REPLICA.start_paths
    }
    failed, summary, _ = faulty_crawl(tmp_path, loops)
    assert failed["Articles found"].startswith("site unreachable: RedirectLoop at http://")
    assert summary["errors_by_type"]["RedirectLoop"]["count"] == len(REPLICA.start_paths)


# -- nothing outside DATA, no console, no control server ---------------------------------
def test_a_crawl_writes_only_into_data_and_opens_no_console(tmp_path):
    home, work, data = tmp_path / "home", tmp_path / "work", tmp_path / "data"
    home.mkdir()
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env |= {"HOME": str(home), "SCRAPY_SETTINGS_MODULE": "scraper.settings"}
    with served(SITE) as url:
        result = subprocess.run(  # `scrapy crawl`: Scrapy's own log goes to stderr
            scrapy_crawl_command(SITE, url, data),
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert list(home.rglob("*")) == []  # no ~/.local/state/scrapy/job_files, no ~/.scrapy
    assert list(work.rglob("*")) == []  # no .scrapy/, httpcache/ or job dir in the cwd
    assert len(lines_of(data)) == ARTICLES
    enabled = re.search(r"Enabled extensions:\n(\[.*?\])", result.stderr, re.S)
    assert enabled, result.stderr
    assert "scraper.monitors.PoliceSpidermon" in enabled.group(1)
    assert "RemoteControl" not in enabled.group(1)
    assert "Telnet" not in enabled.group(1)
    assert "Remote control HTTP server" not in result.stderr
    assert "Telnet console listening" not in result.stderr
