"""`police-archive reparse`: the archived pages read again from their captures, with
today's rules, and not a single network request.

The spider yields no request: its ``start`` reads the latest version of each article of
the site, finds the response it came from in DATA/warc (``warc_record_id``; a revisit is
read with its original's payload), decodes it the way a crawl does (the body as received,
decompressed by its Content-Encoding, its charset re-detected when it lies) and extracts
the record with the site's adapter. Where any field differs from the archived version the
record goes down the crawl's pipelines (normalize, validate, dedupe, archive): a new
version with the reparse run's ``run_id``, the capture's fetch time as ``scraped_at`` and
the same capture. A record that reads the same is counted, not written; so is a version
without a capture (written under schema 1, or a CMS API's stand-in). ``--dry-run``
prints what would change, field by field, and writes nothing.
"""

from __future__ import annotations

import gzip
import json
import logging
import sys
import zlib
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

from scrapy.http import HtmlResponse, Response

from pipelines.normalize import normalize_record
from scraper.capture import CaptureStore, StoredResponse, capture_files
from scraper.export import Selection, latest_records
from scraper.items import ArticleItem
from scraper.middlewares.encoding import EncodingMiddleware
from scraper.record import SCHEMA_VERSION
from scraper.site_run import SiteRun
from scraper.spiders.police import PoliceSpider

logger = logging.getLogger(__name__)

# what a reparse may change: everything extracted from the page
NOT_EXTRACTED = frozenset(
    {"version", "scraped_at", "run_id", "schema_version", "warc_file", "warc_record_id"}
)


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return sorted(
        name
        for name in set(old) | set(new)
        if name not in NOT_EXTRACTED and old.get(name) != new.get(name)
    )


def _decoded_body(stored: StoredResponse) -> bytes | None:
    """The body as a crawl reads it: undone from its Content-Encoding; None for a coding
    this reader does not know."""
    codings = [
        value.strip().lower()
        for name, header in stored.headers
        if name.lower() == "content-encoding"
        for value in header.split(",")
        if value.strip() and value.strip().lower() != "identity"
    ]
    body = stored.body
    for coding in reversed(codings):
        if coding in ("gzip", "x-gzip"):
            body = gzip.decompress(body)
        elif coding == "deflate":
            try:
                body = zlib.decompress(body)
            except zlib.error:  # raw deflate, as some servers send it
                body = zlib.decompress(body, -zlib.MAX_WBITS)
        else:
            return None
    return body


class ReparseSpider(PoliceSpider):
    name = "police_reparse"
    reparsing = True  # the pipelines keep no view observation, version on any change
    custom_settings = {"SPIDERMON_ENABLED": False}  # noqa: RUF012 (Scrapy's own attribute)

    def __init__(
        self, *args: Any, since: str | None = None, dry_run: str | bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.since = since or ""
        self.dry_run = dry_run in (True, "1", "true", "True", "yes")

    async def start(self) -> AsyncIterator[Any]:
        run = SiteRun.of(self.crawler)
        self.index = run.state.index
        stats = self.crawler.stats
        stats.set_value("reparse/read", 0)  # a reparse run, even of nothing (summary.py)
        store = CaptureStore(capture_files(run.layout, run.site))
        decoder = EncodingMiddleware(stats)
        for old in latest_records(run.layout, Selection((run.site,))):
            if self.since and str(old.get("scraped_at", "")) < self.since:
                continue
            for item in self._reparsed(old, store, decoder):
                yield item

    def _reparsed(
        self, old: dict[str, Any], store: CaptureStore, decoder: EncodingMiddleware
    ) -> Iterator[ArticleItem]:
        stats = self.crawler.stats
        record_id = old.get("warc_record_id")
        stored = store.response(record_id) if record_id else None
        if stored is None:
            stats.inc_value("reparse/no_capture")
            return
        response = self._response(stored, decoder)
        if response is None:
            stats.inc_value("reparse/unreadable")
            logger.warning("%s: the capture %s cannot be decoded", old["url"], record_id)
            return
        stats.inc_value("reparse/read")
        record = self._article_record(response, old["url"], None)
        if record is None:
            stats.inc_value("reparse/no_record")
            return
        new = normalize_record(  # as the pipelines will have it: NFC, content_hash set
            {
                **record,
                "scraped_at": old["scraped_at"],  # when the page was fetched, not now
                "run_id": self.run_id,
                "schema_version": SCHEMA_VERSION,
                "warc_file": old["warc_file"],
                "warc_record_id": record_id,
            }
        )
        changed = changed_fields(old, new)
        if not changed:
            stats.inc_value("reparse/unchanged")
            stats.inc_value("articles/unchanged")  # the summary's column
            return
        stats.inc_value("reparse/changed")
        if self.dry_run:
            self._print_changes(old, new, changed)
            return
        self._count_coverage(new)
        yield ArticleItem(new)

    def _response(self, stored: StoredResponse, decoder: EncodingMiddleware) -> Response | None:
        try:
            body = _decoded_body(stored)
        except (OSError, EOFError, zlib.error):
            return None
        if body is None:
            return None
        headers = [(k, v) for k, v in stored.headers if k.lower() != "content-encoding"]
        response = HtmlResponse(
            url=stored.url, status=stored.status, headers=headers, body=body, request=None
        )
        return decoder.process_response(None, response)  # type: ignore[arg-type]

    def _print_changes(self, old: dict[str, Any], new: dict[str, Any], changed: list[str]) -> None:
        for name in changed:
            print(
                f"{old['id']} v{old['version']} {name}: {_short(old.get(name))} -> "
                f"{_short(new.get(name))}",
                file=sys.stdout,
            )

    def _remember_failure(self, url: str, reason: str) -> None:
        # a capture that no longer gives a record is counted; the page is not fetched again
        self.crawler.stats.inc_value("reparse/failed")
        logger.warning("reparse: %s gives no record: %s", url, reason)

    def closed(self, reason: str) -> None:  # noqa: ARG002 (no walk, no listing to mark)
        return


def _short(value: Any, width: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def parse_since(text: str) -> str:
    """--since DATE (YYYY-MM-DD, or an ISO time with its offset) as a prefix that compares
    with the records' UTC ``scraped_at``; ValueError when it is neither."""
    moment = datetime.fromisoformat(text)
    if len(text) == 10:  # a date
        return moment.date().isoformat()
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no UTC offset")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
