"""`make bench`: speed and memory of the parts that grow with the archive.

- index start-up and look-ups with 1,000,000 articles (they must not grow with it);
- extraction throughput on the replica pages (one lxml parse per page);
- captures: WARC bytes per 1,000 articles (full responses, then revisits of the same
  pages), and reparse throughput (responses read back from WARC and extracted).
Exits 1 when a target is missed. Nothing here runs in the test suite.
"""

from __future__ import annotations

import random
import resource
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrapy.http import HtmlResponse
from scrapy.settings import Settings

from scraper.capture import (
    CaptureFile,
    CaptureStore,
    Earlier,
    RequestFacts,
    ResponseFacts,
    capture_files,
    warcinfo,
)
from scraper.extract.dates import parse_vietnamese_datetime
from scraper.extract_page import extract_response
from scraper.profiles import load_profile
from scraper.state import INDEX_FILE, ArticleIndex, DataLayout, SiteState
from testbed.replica import SITE_KEYS, build_replica

SITE = "bench"
LOOKUPS = 100_000


def fill_index(layout: DataLayout, count: int) -> None:
    """A realistic index of `count` articles, written in bulk (setup, not measured)."""
    ArticleIndex(layout).close()  # creates the schema
    db = sqlite3.connect(layout.state_dir() / INDEX_FILE)
    rows = (
        (
            f"{SITE}-{n}",
            SITE,
            f"https://congan.bench.gov.vn/bai-viet-so-{n}-c{n}.html",
            f"sha256:{n:064x}",
            1,
            "2024-11-20T00:00:00+07:00",
            "2026-11-26T00:00:00Z",
            "2026-11-26T00:00:00Z",
            "bench",
        )
        for n in range(count)
    )
    with db:
        db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.close()


def timed(action: Callable[[], object], repeat: int = 5) -> float:
    """Best wall time of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def bench_index(count: int) -> tuple[float, float, float]:
    """(start-up s, id look-up µs, URL look-up µs) with `count` articles indexed."""
    with tempfile.TemporaryDirectory() as tmp:
        layout = DataLayout(Path(tmp))
        fill_index(layout, count)

        def start_up() -> None:
            # what a run does first: lock, recovery, the index reconciled with the archive
            SiteState.open(layout, SITE).close()

        startup = timed(start_up)
        index = ArticleIndex(layout)
        ids = [f"{SITE}-{random.randrange(count * 2)}" for _ in range(LOOKUPS)]  # half unknown
        urls = [
            f"https://congan.bench.gov.vn/bai-viet-so-{n}-c{n}.html"
            for n in (random.randrange(count * 2) for _ in range(LOOKUPS // 10))
        ]
        by_id = timed(lambda: [index.lookup(i) for i in ids], repeat=3) / len(ids)
        by_url = timed(lambda: [index.lookup_url(u) for u in urls], repeat=3) / len(urls)
        index.close()
        return startup, by_id * 1e6, by_url * 1e6


def _article_jobs() -> list[tuple[str, bytes, Any]]:
    jobs = []
    for site in SITE_KEYS:
        replica, profile = build_replica(site), load_profile(site)
        for path, record in zip(replica.article_paths, replica.truth, strict=True):
            jobs.append((record["url"], replica.pages[path].body, profile))
    return jobs


def bench_extraction() -> tuple[int, float]:
    """(pages, pages per second) extracting every replica article page."""
    jobs = _article_jobs()

    def extract_all() -> None:
        for url, body, profile in jobs:
            extract_response(HtmlResponse(url=url, body=body, encoding="utf-8"), profile)

    return len(jobs), len(jobs) / timed(extract_all, repeat=3)


def bench_captures() -> tuple[float, float, float]:
    """(KiB per 1,000 articles captured in full, KiB per 1,000 revisits, reparse pages/s)."""
    jobs = _article_jobs()
    headers = (("Content-Type", "text/html; charset=utf-8"),)
    with tempfile.TemporaryDirectory() as tmp:
        layout = DataLayout(Path(tmp))
        sizes, earlier = [], {}
        for run in ("run-1", "run-2"):
            captures = CaptureFile(layout, SITE, run, warcinfo(Settings(), SITE))
            for url, body, _ in jobs:
                request = RequestFacts(url, "GET", "/", (("Host", "congan.bench.gov.vn"),))
                response = ResponseFacts(url, 200, "HTTP/1.1", headers, body)
                capture = captures.write(request, response, earlier.get(url))
                if not capture.revisit:
                    earlier[url] = Earlier(capture.record_id, url, capture.date, capture.digest)
            final = captures.commit()
            assert final is not None
            sizes.append(final.stat().st_size / 1024 / len(jobs) * 1000)
        store = CaptureStore(capture_files(layout, SITE))
        ids = [capture.record_id for capture in earlier.values()]
        profiles = {url: profile for url, _, profile in jobs}

        def reparse_all() -> None:
            for record_id in ids:
                stored = store.response(record_id)
                assert stored is not None
                response = HtmlResponse(url=stored.url, body=stored.body, encoding="utf-8")
                extract_response(response, profiles[stored.url])

        rate = len(ids) / timed(reparse_all, repeat=2)
    return sizes[0], sizes[1], rate


def bench_pipelines() -> tuple[float, float]:
    """(µs per record to normalise, µs per record to validate) on every replica article's
    record, as the pipelines do each item."""
    from pipelines.normalize import normalize_record
    from pipelines.validate import schema_problems

    records = [
        extract_response(HtmlResponse(url=url, body=body, encoding="utf-8"), profile)
        for url, body, profile in _article_jobs()
    ]
    normalise = timed(lambda: [normalize_record(r) for r in records], repeat=3)
    validate = timed(lambda: [schema_problems(r, versioned=False) for r in records], repeat=3)
    return normalise / len(records) * 1e6, validate / len(records) * 1e6


def bench_dates() -> tuple[float, float]:
    """(fast-path parses/s, dateparser fallback parses/s)."""
    fast = ["Thứ tư - 20/11/2024 08:30", "Đăng ngày: 20/11/2024", "21 tháng 09 năm 2025"] * 300
    slow = ["2 giờ trước", "Hôm qua 08:16"] * 25
    parse_vietnamese_datetime(slow[0])  # import dateparser outside the timing
    return (
        len(fast) / timed(lambda: [parse_vietnamese_datetime(t) for t in fast]),
        len(slow) / timed(lambda: [parse_vietnamese_datetime(t) for t in slow], repeat=2),
    )


def main() -> int:
    rows: list[tuple[str, str, str, bool]] = []
    small = bench_index(1_000)
    large = bench_index(1_000_000)
    rows += [
        ("index start-up, 1k articles", f"{small[0] * 1000:.1f} ms", "< 200 ms", small[0] < 0.2),
        ("index start-up, 1M articles", f"{large[0] * 1000:.1f} ms", "< 200 ms", large[0] < 0.2),
        ("look-up by id, 1M articles", f"{large[1]:.1f} µs", "< 100 µs", large[1] < 100),
        ("look-up by URL, 1M articles", f"{large[2]:.1f} µs", "< 200 µs", large[2] < 200),
    ]
    pages, rate = bench_extraction()
    rows.append(
        (f"extraction, {pages} replica pages", f"{rate:.0f} pages/s", "> 50 pages/s", rate > 50)
    )
    full, revisit, reparse = bench_captures()
    rows += [
        ("captures, 1,000 articles in full", f"{full:.0f} KiB", "(reference)", True),
        (
            "captures, 1,000 unchanged (revisits)",
            f"{revisit:.0f} KiB",
            "< full / 5",
            revisit < full / 5,
        ),
        ("reparse from WARC", f"{reparse:.0f} pages/s", "> 40 pages/s", reparse > 40),
    ]
    normalise, validate = bench_pipelines()
    rows += [
        ("pipelines: normalize, per record", f"{normalise:.0f} µs", "(reference)", True),
        ("pipelines: validate, per record", f"{validate:.0f} µs", "(reference)", True),
    ]
    fast, slow = bench_dates()
    rows += [
        ("dates, numeric fast path", f"{fast:.0f} /s", "> 20000 /s", fast > 20_000),
        ("dates, dateparser fallback", f"{slow:.0f} /s", "(reference)", True),
    ]
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append(
        ("peak memory of this benchmark", f"{peak_mib:.0f} MiB", "< 1024 MiB", peak_mib < 1024)
    )
    width = max(len(row[0]) for row in rows)
    for name, value, target, ok in rows:
        print(f"{name:<{width}}  {value:>14}  {target:<12}  {'ok' if ok else 'MISSED'}")
    return 0 if all(row[3] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
