"""Measured extraction quality, on material the rules were and were not written for.

``python -m testbed.evaluate`` (``make eval``) prints three tables:

1. The replicas, field by field: each site's own adapter on its replica; the generic
   adapter on every platform replica; on the unseen layouts (``UNSEEN_KEYS``: built from
   public facts of CMS families, kept out of adapter tuning) the adapter that detection
   picks, as ``crawl --url`` would; trafilatura on the same pages.
2. Real crawls of every unseen layout from its first listing URL alone (``crawls.py``),
   and the held-out layouts (``HOLDOUT_KEYS``) in aggregate only, page by page and crawled.
3. Body extraction on Mozilla Readability's public test corpus beside trafilatura
   (``corpus.py``).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable

from scraper.platforms import adapter_for
from scraper.platforms.generic import GenericAdapter
from scraper.profiles import load_profile
from testbed.evaluate.corpus import CorpusScore, ours, score_corpus, trafilatura_reader
from testbed.evaluate.crawls import CrawlResult, crawl_layout
from testbed.evaluate.fields import Score, same_text, score_record, token_f1
from testbed.evaluate.replicas import (
    parse_all,
    score_adapter,
    unseen_profile,
    walk_listings,
)
from testbed.replica import HOLDOUT_KEYS, SITE_KEYS, UNSEEN_KEYS, Replica, build_replica
from testbed.replica.registry import SITE_BUILDERS

__all__ = [
    "CORPUS_TARGETS",
    "CRAWL_TARGETS",
    "TARGETS",
    "Score",
    "crawl_layout",
    "detected_unseen",
    "main",
    "parse_all",
    "score_adapter",
    "score_corpus",
    "score_record",
    "token_f1",
    "unmet_targets",
    "verified_on_replica",
    "walk_listings",
]

# What the adapters must reach on the unseen layouts, page by page and crawled.
TARGETS = {
    "title": 0.98,
    "published_at": 0.98,
    "view_count": 0.95,
    "author": 0.90,
    "body_f1": 0.98,
    "url": 1.0,
    "listing_recall": 1.0,
}
CRAWL_TARGETS = dict(TARGETS)
# Readability's corpus: body F1 of 4-word shingles, and no empty body where the gold has text.
CORPUS_TARGETS = {"f1": 0.94, "empty": 0}
ROWS = (
    ("title", "title"),
    ("published_at", "published_at"),
    ("view_count", "view_count (where shown)"),
    ("author", "author"),
    ("body_f1", "body token F1"),
    ("url", "url (exact canonical)"),
    ("images", "images"),
    ("related", "related"),
    ("listing_recall", "listing recall"),
    ("duplicates", "duplicates"),
)


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
        score.add("title", same_text(doc.get("title"), truth["title"]))
        # trafilatura gives a day, no time: it scores when the day is right
        score.add("published_at", bool(published) and truth["published_at"][:10] == published)
        score.add("author", same_text(doc.get("author"), truth["author"]))
        score.f1.append(token_f1(doc.get("text"), truth["body"]))
    return score


def detected_unseen(keys: Iterable[str] = UNSEEN_KEYS) -> Score:
    """The unseen layouts, each read by the adapter detection picks from its pages."""
    total = Score()
    for key in keys:
        total.merge(score_adapter(build_replica(key), adapter_for(unseen_profile(key))))
    return total


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
        ("detected, unseen", detected_unseen),
        ("trafilatura, replicas", traf(SITE_KEYS)),
        ("trafilatura, unseen", traf(UNSEEN_KEYS)),
    ]


def _cell(score: Score | None, name: str) -> str:
    if score is None:
        return "not installed"
    if name == "duplicates":
        return "n/a" if score.duplicates is None else str(score.duplicates)
    value = score.rate(name)
    if value is None:
        return "n/a"
    return f"{value:.3f}" if name == "body_f1" else f"{100 * value:.1f}%"


def _grid(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    lines.insert(1, "-" * max(len(line) for line in lines))
    return lines


def table() -> str:
    """The replica table as text (every replica page is parsed)."""
    columns = [(title, run()) for title, run in _columns()]
    rows = [("field", *(title for title, _ in columns))]
    for name, label in ROWS:
        rows.append((label, *(_cell(score, name) for _, score in columns)))
    pages = sum(len(build_replica(k).truth) for k in SITE_KEYS)
    unseen = sum(len(build_replica(k).truth) for k in UNSEEN_KEYS)
    lines = _grid(rows)
    lines += [
        "",
        f"{pages} article pages on {len(SITE_KEYS)} platform replicas; {unseen} on "
        f"{len(UNSEEN_KEYS)} unseen layouts. published_at: exact ISO time for ours, the day "
        "only for trafilatura (it gives no time). view_count: pages that show one, on the "
        "page or in the listing item linking it.",
    ]
    return "\n".join(lines)


def crawl_table(results: list[CrawlResult]) -> str:
    rows = [("layout", "platform", "exit", "found", "dup", "extra", "title", "date", "body F1",
             "views", "author", "url")]  # fmt: skip
    for r in results:
        s = r.score
        rows.append(
            (
                r.key, r.platform, str(r.exit_code), f"{s.listed}/{s.expected}",
                str(s.duplicates or 0), str(r.extra), _cell(s, "title"), _cell(s, "published_at"),
                _cell(s, "body_f1"), _cell(s, "view_count"), _cell(s, "author"), _cell(s, "url"),
            )
        )  # fmt: skip
    lines = _grid(rows)
    lines.append("")
    lines.append(
        "Each layout served on 127.0.0.1 and crawled with `police-archive crawl --url <its first "
        "listing page> --name KEY --base-url <the loopback origin>` into an empty data directory."
    )
    return "\n".join(lines)


def holdout_table(page: Score, crawled: Score, extra: int, layouts: int) -> str:
    """The held-out layouts in aggregate only: their markup stays unseen, so no rule is
    tuned to them, and the table says nothing of any one of them."""
    names = ("title", "published_at", "view_count", "author", "body_f1", "url", "listing_recall")
    rows = [("held-out, aggregate", *names, "duplicates", "extra")]
    for label, score, more in (("pages", page, "n/a"), ("crawls", crawled, str(extra))):
        rows.append((label, *(_cell(score, n) for n in names), _cell(score, "duplicates"), more))
    lines = _grid(rows)
    lines += ["", f"{layouts} held-out layouts ({crawled.expected} articles), scored together."]
    return "\n".join(lines)


def corpus_table(mine: CorpusScore, theirs: CorpusScore | None) -> str:
    rows = [("readability corpus", "body F1", "precision", "recall", "empty bodies", "title")]
    for name, s in (("police-archive", mine), ("trafilatura", theirs)):
        if s is None:
            rows.append((name, "not installed", "", "", "", ""))
            continue
        rows.append(
            (
                name,
                f"{s.mean(s.f1):.3f}",
                f"{s.mean(s.precision):.3f}",
                f"{s.mean(s.recall):.3f}",
                str(s.empty),
                f"{100 * s.titles / max(s.pages, 1):.1f}%",
            )
        )
    lines = _grid(rows)
    lines += [
        "",
        f"{mine.pages} pages of Mozilla Readability's test corpus; 4-word shingle precision, "
        "recall and F1 against the text of each expected.html, averaged over pages; title: "
        "equal to the expected metadata title.",
    ]
    return "\n".join(lines)


def unmet_targets(score: Score, targets: dict[str, float] = TARGETS) -> dict[str, float]:
    """Targets a score misses (field -> measured value)."""
    missed = {}
    for name, target in targets.items():
        value = score.rate(name)
        if value is None:
            if name in ("view_count", "listing_recall", "url") and name not in score.totals:
                continue  # nothing to measure (no page shows a counter, no listing walked)
            missed[name] = 0.0
        elif value < target:
            missed[name] = value
    if score.duplicates:
        missed["duplicates"] = float(score.duplicates)
    return missed


@functools.cache
def verified_on_replica(key: str) -> bool:
    """Whether the site's adapter reproduces its replica's truth exactly, every field of
    every article page, given what its listings print (False for a site without a
    replica). About 0.1-0.5 s per site; `police-archive sites --verify` records it."""
    if key not in SITE_KEYS or key not in SITE_BUILDERS:
        return False
    pairs = parse_all(build_replica(key), adapter_for(load_profile(key)))
    return all(
        record is not None and all(record.get(name) == value for name, value in truth.items())
        for truth, record in pairs
    )


def main() -> int:
    print(table())
    print()
    print(crawl_table([crawl_layout(key) for key in UNSEEN_KEYS]))
    print()
    crawled, extra = Score(), 0
    for key in HOLDOUT_KEYS:
        result = crawl_layout(key)
        crawled.merge(result.score)
        extra += result.extra
    print(holdout_table(detected_unseen(HOLDOUT_KEYS), crawled, extra, len(HOLDOUT_KEYS)))
    print()
    mine = score_corpus(ours)
    if mine is None:
        print("readability corpus: not found (set POLICE_READABILITY_CORPUS)")
    else:
        reader = trafilatura_reader()
        print(corpus_table(mine, score_corpus(reader) if reader else None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
