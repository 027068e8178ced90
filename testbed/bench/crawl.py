"""Crawl speed and memory, from ``testbed.bench_crawl`` (``crawl_figures(rounds)``): our
crawl of a generated loopback site beside a bare Scrapy spider on the same site, peak
memory at two sizes, one site against four at once."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from testbed.bench.report import Figure, Peer, Section, Target

MODULE = "testbed.bench_crawl"
ROOT = Path(__file__).resolve().parents[2]
MB = 1e6 / 2**20  # MiB in a MB: the bounds are in MB, the figures in MiB


def _in_fresh_process(rounds: int) -> SimpleNamespace:
    """crawl_figures(rounds), run by a fresh interpreter: Linux keeps a process's peak RSS
    across exec, so a crawl spawned by this benchmark (hundreds of MiB by now) would report
    this process's peak as its own."""
    code = (
        "import json, sys; from testbed.bench_crawl import crawl_figures; "
        "json.dump(crawl_figures(int(sys.argv[1]))._asdict(), sys.stdout)"
    )
    # the project's own interpreter and module, no shell
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code, str(rounds)], cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"{MODULE}.crawl_figures failed: {done.stderr.strip()[-2000:]}")
    return SimpleNamespace(**json.loads(done.stdout))


def crawl_rows(rounds: int) -> list[Figure]:
    """The crawl figures against the issue's targets; none when testbed.bench_crawl is
    not there."""
    if importlib.util.find_spec(MODULE) is None:
        return []
    got = _in_fresh_process(rounds)
    return [
        Figure(
            "crawl of a 5,000-article loopback site",
            "pages/s",
            got.ours,
            (
                Peer(
                    "bare Scrapy spider, one lxml parse a page",
                    got.bare,
                    Target(0.8, True, "≥ 0.8× bare"),
                ),
            ),
        ),
        Figure(
            "peak RSS, crawl of 5,000 articles",
            "MiB",
            [got.rss_5000_mib],
            (Peer("crawl of 1,000 articles", [got.rss_1000_mib]),),
            Target(200 * MB, False, "< 200 MB"),
        ),
        Figure(
            "peak RSS growth, 1,000 to 5,000 articles",
            "MiB",
            [got.rss_5000_mib - got.rss_1000_mib],
            (),
            Target(10 * MB, False, "≤ 10 MB"),
        ),
        Figure(
            "four sites at once",
            "pages/s",
            [got.four_sites_pages_per_s],
            (
                Peer(
                    "one site, one process",
                    [got.one_process_pages_per_s],
                    Target(1.7, True, "≥ 1.7× one"),
                ),
            ),
        ),
    ]


def section(rounds: int) -> Section | None:
    figures = crawl_rows(rounds)
    return Section("Crawl", CRAWL_ABOUT, figures) if figures else None


CRAWL_ABOUT = (
    "From `testbed/bench_crawl.py`: a `police-archive` crawl of a generated site of 5,000 "
    "articles served on loopback, pages per second in each round, beside a bare Scrapy "
    "spider that parses each page once with lxml, on the same site in the same rounds; our "
    "crawl's peak RSS at 1,000 and at 5,000 articles, and pages per second of four sites "
    "crawled at once (a process each) against one site, each the median of the rounds."
)
