"""View counters: "Lượt xem: 1.234", "Đã xem: 2407", "Số lần xem: 169", "1.234 lượt xem"."""

from __future__ import annotations

import re

from scraper.extract.labels import VIEW_LABELS, VIEW_SUFFIXES, any_of

# A counter is its own number: never the tail of a date or another number before it
# ("… 09/08/2024 106 lượt xem" is 106 views, not 24106).
_NUMBER = r"(?<![\d/.,:])(\d{1,3}(?:[.,]\d{3})+|\d+)(?![\d/])"
_LABELLED = re.compile(rf"{any_of(VIEW_LABELS)}\s*[:：]?\s*\(?{_NUMBER}", re.IGNORECASE)
_SUFFIXED = re.compile(rf"{_NUMBER}\s+{any_of(VIEW_SUFFIXES)}\b", re.IGNORECASE)
# A number printed alone (beside an eye icon, in a table cell): dots between thousands.
_BARE = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_DIGIT = re.compile(r"\d")
# Every view label and suffix ends in one of these words, so a line without one (nearly
# every line) skips the two patterns above, whose IGNORECASE search is slow. Matched in
# the lower-cased line: "i" and "s" also as the letters IGNORECASE takes for them (dotless
# ı; İ, lower-cased to i and a combining dot; long ſ), so the check passes wherever the
# patterns could match.
_VIEW_WORD = re.compile(r"xem|đọc|v(?:i\u0307?|ı)ew|cập|h(?:i\u0307?|ı)t[sſ]")


# The largest count a record holds: a 64-bit integer's, what analysts' tools (pandas,
# DuckDB, polars) and the archive's JSON writer hold. A longer run of digits beside a view
# word is no counter.
MAX_COUNT = 2**63 - 1


def parse_count(text: str) -> int | None:
    """Vietnamese writes thousands with a dot: "1.234" is 1234, never 1.234; None beyond
    MAX_COUNT."""
    count = int(re.sub(r"[.,\s]", "", text))
    return count if count <= MAX_COUNT else None


def bare_count(text: str) -> int | None:
    """The count when `text` is a number and nothing else ("1.234" -> 1234), else None."""
    return parse_count(text) if _BARE.fullmatch(text) else None


def find_view_count(text: str | None) -> int | None:
    """The first view counter printed in `text`, or None if there is none."""
    if not text or not _DIGIT.search(text):  # most lines have no number at all
        return None
    if not _VIEW_WORD.search(text.lower()):
        return None
    match = _LABELLED.search(text) or _SUFFIXED.search(text)
    if not match:
        return None
    return parse_count(next(group for group in match.groups() if group))


def remove_view_counter(text: str) -> str:
    """The text with any view counter (and the separator before it) taken out."""
    for pattern in (_LABELLED, _SUFFIXED):
        text = pattern.sub("", text)
    return re.sub(r"[\s\-–|/•]+$", "", text).strip()
