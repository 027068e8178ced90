"""View counters: "Lượt xem: 1.234", "Đã xem: 2407", "Số lần xem: 169", "1.234 lượt xem"."""

from __future__ import annotations

import re

# A counter is its own number: never the tail of a date or another number before it
# ("… 09/08/2024 106 lượt xem" is 106 views, not 24106).
_NUMBER = r"(?<![\d/.,:])(\d{1,3}(?:[.,]\d{3})+|\d+)(?![\d/])"
_LABELLED = re.compile(
    rf"(?:số\s+)?(?:lượt\s+xem|lần\s+xem|đã\s+xem|lượt\s+đọc|lần\s+đọc|lượt\s+truy\s+cập|"
    rf"views?|hits|lượt\s+view)\s*[:：]?\s*\(?{_NUMBER}",
    re.IGNORECASE,
)
_SUFFIXED = re.compile(rf"{_NUMBER}\s+(?:lượt|lần)\s+(?:xem|đọc)|{_NUMBER}\s+views?\b", re.I)


def parse_count(text: str) -> int:
    """Vietnamese writes thousands with a dot: "1.234" is 1234, never 1.234."""
    return int(re.sub(r"[.,\s]", "", text))


def find_view_count(text: str | None) -> int | None:
    """The first view counter printed in `text`, or None if there is none."""
    if not text:
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
