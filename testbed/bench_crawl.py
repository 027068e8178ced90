"""The crawl end to end on bench sites (testbed/bench_site.py): speed against bare Scrapy,
peak memory as the site grows, and several sites side by side.

Every crawl is a subprocess: police-archive's is the real command line (``python -m
scraper crawl ...`` into an empty data directory), the yardstick ``testbed/bare_spider.py``
(same sites, same download settings, one lxml parse per page). A crawl's pages/s is its
responses over its own crawl time, both from its Scrapy stats (``downloader/response_count``,
``start_time`` to ``finish_time``), so start-up and the site's build are left out. Peak
memory is the crawl process's own ``ru_maxrss`` (``os.wait4`` on it; the sites are served
by processes of their own). The servers are started once and serve every round; within a
round the crawls are interleaved, so a busy machine slows both sides of each ratio alike.

``python -m testbed.bench_crawl [ROUNDS]`` prints the figures; ``make bench``
(testbed/bench/) reports them with its targets.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from .bench_site import BENCH_KEYS, ServedSite

BIG, SMALL = 5000, 1000
SITE = BENCH_KEYS[0]  # the one-site crawls: Lai Châu's profile
TIMEOUT = 1800  # seconds: a crawl that takes longer has hung


class CrawlFigures(NamedTuple):
    ours: list[float]  # pages/s of police-archive on the 5,000-article site, per round
    bare: list[float]  # pages/s of the bare spider on the same site, per round
    rss_1000_mib: float  # peak RSS of our crawl process, 1,000 articles (median of rounds)
    rss_5000_mib: float  # ... and 5,000 articles
    one_process_pages_per_s: float  # one 1,000-article site in one process (median)
    four_sites_pages_per_s: float  # four such sites in one run, all their pages (median)


class Crawled(NamedTuple):
    stats: list[dict[str, Any]]  # Scrapy's stats of each site crawled
    max_rss_mib: float  # the crawl process's peak (with its own children's)

    @property
    def pages_per_s(self) -> float:
        """All responses over the time from the first site's start to the last one's end."""
        start = min(_time(s["start_time"]) for s in self.stats)
        finish = max(_time(s["finish_time"]) for s in self.stats)
        responses = sum(int(s["downloader/response_count"]) for s in self.stats)
        return responses / (finish - start).total_seconds()


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _run(command: Sequence[str]) -> float:
    """Run `command` to its end; its peak RSS in MiB (Linux gives ru_maxrss in KiB)."""
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.stderr:
        child.stderr.close()
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])}... exit {child.returncode}: {errors[-2000:]}")
    return usage.ru_maxrss / 1024


def ours(sites: Mapping[str, ServedSite], extra: Sequence[str] = ()) -> Crawled:
    """police-archive's crawl of `sites` (key -> served site) into an empty DATA dir."""
    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as data:
        command = [sys.executable, "-m", "scraper", "crawl", *sites, "--data-dir", data]
        for key, served in sites.items():
            command += ["--base-url", f"{key}={served.url}"]
        rss = _run([*command, "--quiet", *extra])
        (run_file,) = (Path(data) / "runs").glob("*.json")
        entries = json.loads(run_file.read_text("utf-8"))["sites"]
        failed = [e["site"] for e in entries if not e["ok"]]
        if failed:
            raise RuntimeError(f"the bench crawl of {failed} was not healthy: {entries}")
        return Crawled([e["stats"] for e in entries], rss)


def bare(served: ServedSite) -> Crawled:
    """The bare spider's crawl of one served site."""
    with tempfile.TemporaryDirectory(prefix="bench-bare-") as tmp:
        stats_file = Path(tmp) / "stats.json"
        command = [sys.executable, "-m", "testbed.bare_spider", served.key, served.url]
        rss = _run([*command, str(stats_file)])
        return Crawled([json.loads(stats_file.read_text("utf-8"))], rss)


def crawl_figures(rounds: int) -> CrawlFigures:
    """`rounds` rounds of: ours and bare on the 5,000-article site, ours on the 1,000-article
    one, ours on four 1,000-article sites in one run."""
    with ExitStack() as stack:
        big = stack.enter_context(ServedSite(SITE, BIG))
        small = {key: stack.enter_context(ServedSite(key, SMALL)) for key in BENCH_KEYS[:4]}
        ours_big, bare_big, rss_big, rss_small, one, four = [], [], [], [], [], []
        for _ in range(rounds):
            crawled = ours({SITE: big})
            ours_big.append(crawled.pages_per_s)
            rss_big.append(crawled.max_rss_mib)
            bare_big.append(bare(big).pages_per_s)
            crawled = ours({SITE: small[SITE]})
            one.append(crawled.pages_per_s)
            rss_small.append(crawled.max_rss_mib)
            four.append(ours(small).pages_per_s)
    return CrawlFigures(
        ours=ours_big,
        bare=bare_big,
        rss_1000_mib=statistics.median(rss_small),
        rss_5000_mib=statistics.median(rss_big),
        one_process_pages_per_s=statistics.median(one),
        four_sites_pages_per_s=statistics.median(four),
    )


def main(argv: list[str]) -> int:
    rounds = int(argv[0]) if argv else 1
    figures = crawl_figures(rounds)
    ratios = [o / b for o, b in zip(figures.ours, figures.bare, strict=True)]
    print(f"5,000 articles, {rounds} round(s), interleaved:")
    print(f"  police-archive  {', '.join(f'{v:.1f}' for v in figures.ours)} pages/s")
    print(f"  bare Scrapy     {', '.join(f'{v:.1f}' for v in figures.bare)} pages/s (one parse)")
    print(f"  ratio           {statistics.median(ratios):.2f}x (median; target >= 0.8)")
    growth = figures.rss_5000_mib - figures.rss_1000_mib
    print(
        f"peak RSS: {figures.rss_1000_mib:.1f} MiB at 1,000 articles, "
        f"{figures.rss_5000_mib:.1f} MiB at 5,000 (+{growth:.1f}; targets <= 10 MB more, < 200 MB)"
    )
    scale = figures.four_sites_pages_per_s / figures.one_process_pages_per_s
    print(
        f"four sites in one run: {figures.four_sites_pages_per_s:.1f} pages/s, one site "
        f"{figures.one_process_pages_per_s:.1f}: {scale:.2f}x (target >= 1.7)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
