"""Captures: WARC bytes per 1,000 articles fetched in full and fetched unchanged, and
reparse (responses read back from the WARC file and extracted)."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Sequence
from pathlib import Path

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
from scraper.extract_page import extract_response
from scraper.platforms import ExtractionError
from scraper.state import DataLayout
from testbed.bench.extraction import Page
from testbed.bench.report import Figure, Peer, Section, Target
from testbed.bench.rounds import interleaved, seconds

SITE = "bench"


def _capture_runs(layout: DataLayout, pages: Sequence[Page]) -> tuple[list[float], list[str]]:
    """Two runs fetching every page: the first stores each in full, the second finds each
    unchanged (a revisit record). (KiB per 1,000 articles of each run's file, the record
    ids of the full captures.)"""
    sizes, earlier = [], {}
    for run in ("run-1", "run-2"):
        captures = CaptureFile(layout, SITE, run, warcinfo(Settings(), SITE))
        for page in pages:
            request = RequestFacts(page.url, "GET", "/", (("Host", "congan.bench.gov.vn"),))
            headers = (("Content-Type", page.content_type),)
            response = ResponseFacts(page.url, 200, "HTTP/1.1", headers, page.body)
            capture = captures.write(request, response, earlier.get(page.url))
            if not capture.revisit:
                earlier[page.url] = Earlier(
                    capture.record_id, page.url, capture.date, capture.digest
                )
        final = captures.commit()
        assert final is not None
        sizes.append(final.stat().st_size / 1024 / len(pages) * 1000)
    return sizes, [capture.record_id for capture in earlier.values()]


def _extract(response: HtmlResponse, page: Page) -> None:
    # the extraction section counts the pages we make no record of
    with contextlib.suppress(ExtractionError):
        extract_response(response, page.profile)


def section(rounds: int, pages: Sequence[Page]) -> Section:
    by_url = {page.url: page for page in pages}
    with tempfile.TemporaryDirectory() as tmp:
        layout = DataLayout(Path(tmp))
        (full, revisit), ids = _capture_runs(layout, pages)
        store = CaptureStore(capture_files(layout, SITE))

        def reparse() -> None:
            for record_id in ids:
                stored = store.response(record_id)
                assert stored is not None
                response = HtmlResponse(url=stored.url, headers=stored.headers, body=stored.body)
                _extract(response, by_url[stored.url])

        def in_memory() -> None:
            for page in pages:
                _extract(page.response(), page)

        rates = interleaved(
            {
                "reparse": lambda: len(ids) / seconds(reparse),
                "memory": lambda: len(pages) / seconds(in_memory),
            },
            rounds,
        )
    served = sum(len(page.body) for page in pages) / 1024 / len(pages) * 1000
    figures = [
        Figure(
            "captures, 1,000 articles in full", "KiB", [full], (Peer("the pages' bytes", [served]),)
        ),
        Figure(
            "captures, 1,000 unchanged (revisits)",
            "KiB",
            [revisit],
            (Peer("captures in full", [full], Target(0.2, False, "< full / 5")),),
        ),
        Figure(
            f"reparse from WARC, {len(ids)} pages",
            "pages/s",
            rates["reparse"],
            (Peer("the same pages from memory", rates["memory"]),),
            Target(40, True, "> 40 pages/s"),
        ),
    ]
    return Section("Captures and reparse", CAPTURES_ABOUT.format(pages=len(pages)), figures)


CAPTURES_ABOUT = (
    "The {pages} article pages of the bundled sites written by `CaptureFile` as two runs "
    "would: every page stored in full (a WARC response record, gzip per record), then every "
    "page fetched again unchanged (a revisit record naming the first); KiB of each run's "
    "file per 1,000 articles (counted, not timed), the first beside the pages' own bytes. "
    "*Reparse*: every full capture read back by record id through `CaptureStore` and "
    "extracted to a full record, pages per second, interleaved in the same rounds with the "
    "same pages extracted from memory."
)
