"""Measured extraction quality: every replica page against its truth, field by field.

Columns: each site's own platform adapter on its replica; the generic adapter on every
platform replica; the generic adapter on the unseen layouts (``UNSEEN_KEYS``: no adapter
was written for them and they were kept out of tuning); trafilatura, a benchmark-only
dependency, on the same pages. ``python -m scraper.evaluate`` (``make eval``) prints it.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from lxml import html

from scraper.extract.text import clean_line
from scraper.platforms import ExtractionError, adapter_for
from scraper.platforms.base import PlatformAdapter
from scraper.platforms.detect import profile_for_url
from scraper.platforms.generic import GenericAdapter
from scraper.profiles import SiteProfile, load_profile
from scraper.replica import SITE_KEYS, UNSEEN_KEYS, Replica, build_replica

# What the generic adapter must reach on the unseen layouts (the targets).
TARGETS = {
    "title": 0.98,
    "published_at": 0.95,
    "view_count": 0.90,
    "author": 0.85,
    "body_f1": 0.95,
}
ROWS = (
    ("title", "title"),
    ("published_at", "published_at"),
    ("view_count", "view_count (where shown)"),
    ("author", "author"),
    ("body_f1", "body token F1"),
    ("images", "images"),
    ("related", "related"),
    ("listing_recall", "listing recall"),
    ("duplicates", "duplicates"),
)
_MAX_LISTING_PAGES = 30


@dataclass
class Score:
    """Per-field tallies over a set of pages."""

    hits: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    f1: list[float] = field(default_factory=list)
    duplicates: int | None = None
    listed: int = 0
    expected: int = 0

    def add(self, name: str, ok: bool) -> None:
        self.hits[name] = self.hits.get(name, 0) + int(ok)
        self.totals[name] = self.totals.get(name, 0) + 1

    def rate(self, name: str) -> float | None:
        if name == "body_f1":
            return sum(self.f1) / len(self.f1) if self.f1 else None
        if name == "listing_recall":
            return self.listed / self.expected if self.expected else None
        total = self.totals.get(name)
        return self.hits.get(name, 0) / total if total else None

    def merge(self, other: Score) -> None:
        for name, total in other.totals.items():
            self.totals[name] = self.totals.get(name, 0) + total
            self.hits[name] = self.hits.get(name, 0) + other.hits.get(name, 0)
        self.f1 += other.f1
        if other.duplicates is not None:
            self.duplicates = (self.duplicates or 0) + other.duplicates
        self.listed += other.listed
        self.expected += other.expected


def tokens(text: str | None) -> list[str]:
    return re.findall(r"\w+", clean_line(text).casefold())


def token_f1(got: str | None, want: str | None) -> float:
    """F1 of the word multisets; 1.0 when both are empty."""
    a, b = tokens(got), tokens(want)
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    counts: dict[str, int] = {}
    for t in b:
        counts[t] = counts.get(t, 0) + 1
    common = 0
    for t in a:
        if counts.get(t, 0) > 0:
            counts[t] -= 1
            common += 1
    if not common:
        return 0.0
    precision, recall = common / len(a), common / len(b)
    return 2 * precision * recall / (precision + recall)


def _same_text(a: Any, b: Any) -> bool:
    return clean_line(a) == clean_line(b) if a is not None and b is not None else a == b


def score_record(score: Score, record: dict[str, Any] | None, truth: dict[str, Any]) -> None:
    """Compare one extracted record (None: extraction failed) with its truth."""
    rec = record or {}
    score.add("title", _same_text(rec.get("title"), truth["title"]))
    score.add("published_at", rec.get("published_at") == truth["published_at"])
    if truth["view_count"] is not None:
        score.add("view_count", rec.get("view_count") == truth["view_count"])
    score.add("author", _same_text(rec.get("author"), truth["author"]))
    score.f1.append(token_f1(rec.get("body"), truth["body"]))
    if "images" in rec:
        got = [(i["url"], clean_line(i.get("caption")) or None) for i in rec["images"]]
        want = [(i["url"], i["caption"]) for i in truth["images"]]
        score.add("images", got == want)
    if "related" in rec:
        got_rel = [r["url"] for r in rec["related"]]
        score.add("related", got_rel == [r["url"] for r in truth["related"]])


def _root(body: bytes) -> html.HtmlElement:
    return html.document_fromstring(body.decode("utf-8"))


def _page(replica: Replica, url: str) -> bytes | None:
    """The body served for a canonical URL (following the trailing-slash redirect)."""
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    for path in (parts.path + query, parts.path + "/" + query, parts.path or "/"):
        page = replica.pages.get(path)
        if page is not None and page.status == 200:
            return page.body
    return None


def score_adapter(replica: Replica, adapter: PlatformAdapter) -> Score:
    """Article pages field by field, then a listing crawl for recall and duplicates."""
    score = Score()
    for path, truth in zip(replica.article_paths, replica.truth, strict=True):
        try:
            record = adapter.parse_article(_root(replica.pages[path].body), truth["url"])
        except ExtractionError:
            record = None
        score_record(score, record, truth)
    by_url = {t["url"]: t for t in replica.truth}
    listed: list[str] = []
    for start in replica.start_paths:
        url: str | None = adapter.profile.base_url + start
        for _ in range(_MAX_LISTING_PAGES):
            body = _page(replica, url) if url else None
            if body is None:
                break
            root = _root(body)
            listed += adapter.listing_article_urls(root, url)
            url = adapter.next_listing_url(root, url)
    seen_ids: dict[str, str] = {}
    duplicates = 0
    found: set[str] = set()
    for url in dict.fromkeys(listed):
        body = _page(replica, url)
        if body is None:
            duplicates += 1  # a listed URL that is no article page
            continue
        try:
            record = adapter.parse_article(_root(body), url)
        except ExtractionError:
            continue
        truth = by_url.get(record["url"])
        key = truth["url"] if truth else record["url"]
        if key in found or (record["id"] in seen_ids and seen_ids[record["id"]] != key):
            duplicates += 1  # the same article twice, or two articles under one id
        found.add(key)
        seen_ids[record["id"]] = key
    score.duplicates = duplicates
    score.listed = len(found & set(by_url))
    score.expected = len(by_url)
    return score


def unseen_profile(key: str) -> SiteProfile:
    """What ``crawl --url`` would build from the first listing page, and nothing more."""
    replica = build_replica(key)
    base = re.match(r"https?://[^/]+", replica.truth[0]["url"]).group(0)  # type: ignore[union-attr]
    start = replica.start_paths[0]
    profile = profile_for_url(base + start, key, _root(replica.pages[start].body))
    return profile


def score_trafilatura(replica: Replica) -> Score | None:
    try:
        import trafilatura
    except ImportError:
        return None
    score = Score()
    for path, truth in zip(replica.article_paths, replica.truth, strict=True):
        extracted = trafilatura.bare_extraction(
            replica.pages[path].body.decode("utf-8"),
            url=truth["url"],
            with_metadata=True,
            include_comments=False,
        )
        doc = extracted.as_dict() if extracted is not None else {}
        published = doc.get("date")
        score.add("title", _same_text(doc.get("title"), truth["title"]))
        # trafilatura gives a day, no time: it scores when the day is right
        score.add("published_at", bool(published) and truth["published_at"][:10] == published)
        score.add("author", _same_text(doc.get("author"), truth["author"]))
        score.f1.append(token_f1(doc.get("text"), truth["body"]))
    return score


def _columns() -> list[tuple[str, Callable[[], Score | None]]]:
    def platform() -> Score:
        total = Score()
        for key in SITE_KEYS:
            total.merge(score_adapter(build_replica(key), adapter_for(load_profile(key))))
        return total

    def generic_all() -> Score:
        total = Score()
        for key in SITE_KEYS:
            total.merge(score_adapter(build_replica(key), GenericAdapter(load_profile(key))))
        return total

    def traf(keys: Iterable[str]) -> Callable[[], Score | None]:
        def run() -> Score | None:
            total = Score()
            for key in keys:
                one = score_trafilatura(build_replica(key))
                if one is None:
                    return None
                total.merge(one)
            return total

        return run

    return [
        ("platform adapters", platform),
        ("generic, all replicas", generic_all),
        ("generic, unseen", generic_unseen),
        ("trafilatura, replicas", traf(SITE_KEYS)),
        ("trafilatura, unseen", traf(UNSEEN_KEYS)),
    ]


def generic_unseen() -> Score:
    total = Score()
    for key in UNSEEN_KEYS:
        profile = unseen_profile(key)
        total.merge(score_adapter(build_replica(key), GenericAdapter(profile)))
    return total


def _cell(score: Score | None, name: str) -> str:
    if score is None:
        return "not installed"
    if name == "duplicates":
        return "n/a" if score.duplicates is None else str(score.duplicates)
    value = score.rate(name)
    if value is None:
        return "n/a"
    return f"{value:.3f}" if name == "body_f1" else f"{100 * value:.1f}%"


def table() -> str:
    """The whole table as text (a few seconds: every replica page is parsed)."""
    columns = [(title, run()) for title, run in _columns()]
    rows = [("field", *(title for title, _ in columns))]
    for name, label in ROWS:
        rows.append((label, *(_cell(score, name) for _, score in columns)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    pages = sum(len(build_replica(k).truth) for k in SITE_KEYS)
    unseen = sum(len(build_replica(k).truth) for k in UNSEEN_KEYS)
    lines.insert(1, "-" * len(lines[0]))
    lines.append("")
    lines.append(
        f"{pages} article pages on {len(SITE_KEYS)} platform replicas; {unseen} on "
        f"{len(UNSEEN_KEYS)} unseen layouts. published_at: exact ISO time for our adapters, "
        "the day only for trafilatura (it gives no time). view_count: pages that show one."
    )
    return "\n".join(lines)


def unmet_targets(score: Score) -> dict[str, float]:
    """Targets the generic adapter misses on a score (field -> measured value)."""
    missed = {}
    for name, target in TARGETS.items():
        value = score.rate(name)
        if value is None or value < target:
            missed[name] = value if value is not None else 0.0
    if score.duplicates:
        missed["duplicates"] = float(score.duplicates)
    return missed


@functools.cache
def verified_on_replica(key: str) -> bool:
    """Whether the site's adapter reproduces its replica's truth exactly, every field of
    every article page (False for a site without a replica). About 0.1-0.5 s per site."""
    if key not in SITE_KEYS:
        return False
    replica = build_replica(key)
    adapter = adapter_for(load_profile(key))
    for path, truth in zip(replica.article_paths, replica.truth, strict=True):
        try:
            record = adapter.parse_article(_root(replica.pages[path].body), truth["url"])
        except ExtractionError:
            return False
        if any(record.get(name) != value for name, value in truth.items()):
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    print(table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
