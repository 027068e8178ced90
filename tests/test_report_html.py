"""`police-archive report --html` (scraper/report_html.py): one self-contained page of
charts, rendered in headless Chromium: the charts are drawn, the console says nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e import assert_one_line_error, crawl, police_archive, served

pytestmark = pytest.mark.e2e

SITE = "hungyen"
CHARTS_PER_SITE = 4  # articles per month, runs, coverage over runs, view counts


def chromium() -> str | None:
    return next(
        (path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("report") / "data"
    with served(SITE) as url:
        crawl(SITE, url, data)
        crawl(SITE, url, data, "--full")
    out = data.parent / "report.html"
    result = police_archive("report", "--html", str(out), "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {CHARTS_PER_SITE} charts to {out}"
    return out


def test_the_page_needs_no_network(report):
    page = report.read_text("utf-8")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"https?:", page)
    assert page.count('class="plotly-graph-div"') == CHARTS_PER_SITE
    assert "Most viewed" in page


def test_the_charts_are_drawn_and_the_console_is_silent(report):
    browser = chromium()
    if browser is None:
        pytest.skip("no chromium on this machine (.ci/run installs Debian's package)")
    done = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=10000",
            "--dump-dom",
            report.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # plotly.js draws each chart as an <svg class="main-svg"> (three layers per chart)
    assert done.stdout.count('class="main-svg"') >= CHARTS_PER_SITE
    assert done.stdout.count('class="bars"') + done.stdout.count('class="scatterlayer') > 0
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []


def test_an_unknown_site_is_one_line(report):
    data = report.parent / "data"
    out = report.parent / "other.html"
    result = police_archive(
        "report", "--html", str(out), "--site", "nowhere", "--data-dir", str(data)
    )
    assert_one_line_error(result, 2, "no runs of site 'nowhere'")
