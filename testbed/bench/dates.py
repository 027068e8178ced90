"""Dates as printed on the pages: our fast path and dateparser on the same strings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

import dateparser

from scraper.extract.dates import parse_vietnamese_datetime
from testbed.bench.report import Figure, Peer, Section, Target
from testbed.bench.rounds import interleaved, seconds

FAST = ["Thứ tư - 20/11/2024 08:30", "Đăng ngày: 20/11/2024", "21 tháng 09 năm 2025"] * 100
SLOW = ["2 giờ trước", "Hôm qua 08:16"] * 25


def _dateparser(text: str) -> datetime | None:
    return dateparser.parse(text, languages=["vi"], settings={"DATE_ORDER": "DMY"})


def _rate(parse: Callable[[str], object], texts: Sequence[str]) -> Callable[[], float]:
    return lambda: len(texts) / seconds(lambda: [parse(t) for t in texts])


def section(rounds: int) -> Section:
    _dateparser(SLOW[0])  # imports and language data outside the rounds
    parse_vietnamese_datetime(SLOW[0])
    rates = interleaved(
        {
            "fast": _rate(parse_vietnamese_datetime, FAST * 10),
            "fast, dateparser": _rate(_dateparser, FAST),
            "slow": _rate(parse_vietnamese_datetime, SLOW),
            "slow, dateparser": _rate(_dateparser, SLOW),
        },
        rounds,
    )
    figures = [
        Figure(
            "dates, numeric and 'tháng' forms",
            "parses/s",
            rates["fast"],
            (Peer("dateparser.parse", rates["fast, dateparser"]),),
            Target(20_000, True, "> 20,000 /s"),
        ),
        Figure(
            "dates, relative forms (our dateparser fallback)",
            "parses/s",
            rates["slow"],
            (Peer("dateparser.parse", rates["slow, dateparser"]),),
        ),
    ]
    return Section("Dates", DATES_ABOUT, figures)


DATES_ABOUT = (
    "`parse_vietnamese_datetime` on dates as the pages print them: numeric and 'tháng' "
    f"forms (`{FAST[0]}`, `{FAST[1]}`, `{FAST[2]}`), which take our fast path, and relative "
    f"ones (`{SLOW[0]}`, `{SLOW[1]}`), which fall back to dateparser; the peer is "
    "`dateparser.parse(text, languages=['vi'], settings={'DATE_ORDER': 'DMY'})` on the same "
    "strings. Parses per second, interleaved in rounds (our fast path over the strings ten "
    "times, to be timed over more than a few milliseconds)."
)
