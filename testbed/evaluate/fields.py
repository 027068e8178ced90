"""Per-field scores of extracted records against their truth."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from scraper.extract.text import clean_line


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
    return _f1(Counter(tokens(got)), Counter(tokens(want)))[2]


def shingles(text: str | None, size: int = 4) -> Counter[tuple[str, ...]]:
    """Word n-grams of a text (the whole text as one, when shorter than n)."""
    words = tokens(text)
    if len(words) < size:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def shingle_prf(got: str | None, want: str | None, size: int = 4) -> tuple[float, float, float]:
    """Precision, recall and F1 of the 4-word shingles (multisets) of two texts."""
    return _f1(shingles(got, size), shingles(want, size))


def _f1(got: Counter, want: Counter) -> tuple[float, float, float]:
    if not got and not want:
        return 1.0, 1.0, 1.0
    if not got or not want:
        return 0.0, 0.0, 0.0
    common = sum((got & want).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def same_text(a: Any, b: Any) -> bool:
    return clean_line(a) == clean_line(b) if a is not None and b is not None else a == b


def score_record(score: Score, record: dict[str, Any] | None, truth: dict[str, Any]) -> None:
    """Compare one extracted record (None: extraction failed) with its truth."""
    rec = record or {}
    score.add("title", same_text(rec.get("title"), truth["title"]))
    score.add("published_at", rec.get("published_at") == truth["published_at"])
    if truth["view_count"] is not None:
        score.add("view_count", rec.get("view_count") == truth["view_count"])
    score.add("author", same_text(rec.get("author"), truth["author"]))
    score.f1.append(token_f1(rec.get("body"), truth["body"]))
    score.add("url", rec.get("url") == truth["url"])
    if "images" in rec:
        got = [(i["url"], clean_line(i.get("caption")) or None) for i in rec["images"]]
        want = [(i["url"], i["caption"]) for i in truth["images"]]
        score.add("images", got == want)
    if "related" in rec:
        got_rel = [r["url"] for r in rec["related"]]
        score.add("related", got_rel == [r["url"] for r in truth["related"]])
