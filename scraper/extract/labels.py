r"""The labels pages print before a date or around a view counter, written once.

Each label is a regular-expression fragment (white space as ``\s+``, matched without
regard to case). The date parser strips the date labels, the generic rules rank a date
by its label and recognise a line that prints only a date, a counter and their labels,
the counter finder reads the number beside a view label and a listing table's column of
counters is headed by one: all of them build their patterns from the tuples below.
"""

from __future__ import annotations

# Before the publication date: "Đăng ngày:", "Ngày đăng", "Đăng lúc", "Xuất bản".
PUBLISHED_LABELS: tuple[str, ...] = (
    r"đăng\s+ngày",
    r"ngày\s+đăng",
    r"đăng\s+lúc",
    r"ngày\s+xuất\s+bản",
    r"xuất\s+bản",
    r"thời\s+gian\s+đăng",
    r"đăng\s+tải",
    r"posted(?:\s+on)?",
    r"published(?:\s+on)?",
)
# Before the date of the last change: "Cập nhật:", "Cập nhật lần cuối lúc".
MODIFIED_LABELS: tuple[str, ...] = (
    r"cập\s+nhật(?:\s+lần\s+cuối)?",
    r"sửa\s+lúc",
    r"chỉnh\s+sửa",
    r"updated",
    r"modified",
)
# Before a date of either kind, saying only that it is one: "Ngày:", "Thời gian:".
DAY_LABELS: tuple[str, ...] = (r"thời\s+gian", r"ngày")
DATE_LABELS: tuple[str, ...] = PUBLISHED_LABELS + MODIFIED_LABELS + DAY_LABELS
# What may follow a date label before the date: "lúc" (at) and a colon.
DATE_LABEL_TAIL = r"(?:\s*lúc)?\s*[:：]?\s*"

# What a view counter is called, printed after its number too ("1.234 lượt xem").
VIEW_SUFFIXES: tuple[str, ...] = (r"(?:lượt|lần)\s+(?:xem|đọc)", r"views?")
# ... and before it: "Lượt xem: 1.234", "Số lần xem: 169", "Đã xem: 2407", "Hits: 12".
VIEW_LABELS: tuple[str, ...] = tuple(
    rf"(?:số\s+)?{label}"
    for label in (*VIEW_SUFFIXES, r"đã\s+xem", r"lượt\s+truy\s+cập", r"lượt\s+view", r"hits")
)


def any_of(labels: tuple[str, ...]) -> str:
    """One non-capturing group matching any label, longer ones first ("ngày xuất bản"
    before "ngày"), to put in a larger pattern."""
    return "(?:" + "|".join(sorted(labels, key=len, reverse=True)) + ")"
