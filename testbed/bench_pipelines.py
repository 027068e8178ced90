"""What the item pipelines cost per record, each and together, as a crawl runs them.

``replica_records()`` is every replica article page as the spider yields it (its
``parse_article``: the adapter's record, not normalised yet). ``pipeline_rounds`` pushes
those records through the pipelines of the project's ITEM_PIPELINES, built by Scrapy's
own manager on a real crawler whose site state is opened by the SiteRun extension, as
in a crawl: one crawl per site and round, in a data directory where half the articles
were archived by an earlier run (their re-fetch is the unchanged path of a rerun: views,
then dropped by dedupe) and half are new (archived). ``close_spider`` (files synced and
renamed, the index written) is counted too, spread over the records, since every run
pays it; it is also given on its own ("close_spider"), being a cost per run that the
replica's small sites spread over few records. Their peer ("json_lines") writes the same
records as JSON lines with json.dumps, synced once a site, in the same rounds.
``python -m testbed.bench_pipelines [ROUNDS]`` prints the medians.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse
from scrapy.pipelines import ItemPipelineManager

from scraper.items import ArticleItem
from scraper.spiders.police import PoliceSpider
from testbed.crawler import site_crawler
from testbed.replica import SITE_KEYS, build_replica


def _bench_crawler(data_dir: Path, site: str, run_id: str) -> AbstractContextManager[Crawler]:
    return site_crawler(data_dir, run_id, spider={"site": site}, POLICE_PROGRESS=False)


def replica_records(sites: Sequence[str] = SITE_KEYS) -> list[dict[str, Any]]:
    """Every article page of the sites' replicas, as the spider yields it to the pipelines."""
    records: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for site in sites:
            replica = build_replica(site)
            with _bench_crawler(Path(tmp), site, "records") as crawler:
                spider = crawler.spider
                assert isinstance(spider, PoliceSpider)
                for path, truth in zip(replica.article_paths, replica.truth, strict=True):
                    response = HtmlResponse(
                        url=truth["url"], body=replica.pages[path].body, encoding="utf-8"
                    )
                    records.extend(dict(item) for item in spider.parse_article(response))
    return records


# the part of the total spent in close_spider, a cost per run rather than per item
CLOSE = "close_spider"


def _name(pipeline: Any) -> str:
    """A pipeline's short name: its module's (pipelines.normalize -> normalize)."""
    return str(type(pipeline).__module__).rsplit(".", 1)[-1]


def _crawl(
    data_dir: Path, site: str, run_id: str, records: list[dict[str, Any]], spent: dict[str, int]
) -> None:
    """One crawl of ``site`` whose pages gave ``records``; nanoseconds per pipeline added
    to ``spent`` (process_item of every item, then close_spider)."""
    with _bench_crawler(data_dir, site, run_id) as crawler:
        pipelines = ItemPipelineManager.from_crawler(crawler).middlewares
        steps = [(_name(p), p.process_item) for p in pipelines]
        for name in [*(name for name, _ in steps), CLOSE]:
            spent[name] += 0  # every one named, in ITEM_PIPELINES order, even if never reached
        # items made before the clock runs: the spider's part, not the pipelines'
        items = [ArticleItem({**copy.deepcopy(r), "run_id": run_id}) for r in records]
        clock = time.perf_counter_ns
        for item in items:
            for name, process in steps:
                started = clock()
                try:
                    item = process(item)
                except DropItem:
                    spent[name] += clock() - started
                    break
                spent[name] += clock() - started
        # Scrapy closes them last one first
        for pipeline in reversed(pipelines):
            if hasattr(pipeline, "close_spider"):
                started = clock()
                pipeline.close_spider()
                closing = clock() - started
                spent[_name(pipeline)] += closing
                spent[CLOSE] += closing


# the peer measured in the same rounds: the least an archive does with each record
LINES = "json_lines"


def _write_lines(data_dir: Path, site: str, records: list[dict[str, Any]]) -> int:
    """Nanoseconds to write ``records`` as one file of JSON lines, each serialised by
    json.dumps and flushed, the file synced once: the pipelines' peer, which a machine's
    speed moves as it moves them."""
    path = data_dir / f"{site}.peer.jsonl"
    started = time.perf_counter_ns()
    with path.open("ab") as handle:
        for record in records:
            handle.write(
                (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
            )
            handle.flush()
        os.fsync(handle.fileno())
    return time.perf_counter_ns() - started


def pipeline_rounds(records: list[dict[str, Any]], rounds: int) -> dict[str, list[float]]:
    """µs per record of each pipeline (by short name) and of all of them ("total"), one
    value per round; "close_spider" is the part of the total spent closing them (files
    synced, the index written), a cost per run, which the replica's small sites (16 to 48
    articles) spread over few records; LINES is the peer (``_write_lines``) in the same
    rounds. ``records`` are items as the spider yields them
    (replica_records()); every other record of each site is archived by an earlier run
    before the rounds."""
    by_site: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_site[record["site"]].append(record)
    result: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        seeded = Path(tmp) / "seeded"
        unused: dict[str, int] = defaultdict(int)
        for site, site_records in by_site.items():
            _crawl(seeded, site, "run-0", site_records[1::2], unused)
        for n in range(1, rounds + 1):
            data_dir = Path(tmp) / f"round-{n}"
            shutil.copytree(seeded, data_dir)
            spent: dict[str, int] = defaultdict(int)
            lines = 0
            for site, site_records in by_site.items():
                if n % 2:  # the peer first in every other round
                    lines += _write_lines(data_dir, site, site_records)
                _crawl(data_dir, site, f"run-{n}", site_records, spent)
                if not n % 2:
                    lines += _write_lines(data_dir, site, site_records)
            shutil.rmtree(data_dir)
            for name, ns in spent.items():
                result[name].append(ns / 1000 / len(records))
            total = sum(ns for name, ns in spent.items() if name != CLOSE)
            result["total"].append(total / 1000 / len(records))
            result[LINES].append(lines / 1000 / len(records))
    return dict(result)


def main() -> int:
    records = replica_records()
    figures = pipeline_rounds(records, rounds=int(sys.argv[1]) if len(sys.argv) > 1 else 9)
    print(f"{len(records)} records, median µs per record of {len(figures['total'])} rounds:")
    for name, values in figures.items():
        print(f"  {name:<10} {statistics.median(values):8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
