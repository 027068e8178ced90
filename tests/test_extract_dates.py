from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.extract import dates
from scraper.extract.dates import (
    VIETNAM_TZ,
    find_date_text,
    parse_vietnamese_datetime,
    strip_date_label,
    to_iso,
)

NOW = datetime(2025, 1, 10, 12, 0, tzinfo=VIETNAM_TZ)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20/11/2024", "2024-11-20T00:00:00+07:00"),
        ("Đăng ngày: 20/11/2024", "2024-11-20T00:00:00+07:00"),
        ("Ngày đăng: 05/03/2025 14:20", "2025-03-05T14:20:00+07:00"),
        ("Cập nhật: 21 tháng 09 năm 2025", "2025-09-21T00:00:00+07:00"),
        ("Thứ tư - 20/11/2024 08:30", "2024-11-20T08:30:00+07:00"),
        ("05/12/2023 10:15:00", "2023-12-05T10:15:00+07:00"),
        ("Thứ 6, 16.02.2024 | 23:46:40", "2024-02-16T23:46:40+07:00"),
        ("09/10/2025 17:55", "2025-10-09T17:55:00+07:00"),
        ("11:10 18/07/2022", "2022-07-18T11:10:00+07:00"),
        ("Cập nhật lúc 14:35 ngày 05/12/2023", "2023-12-05T14:35:00+07:00"),
        ("Chủ nhật, 1/6/2025", "2025-06-01T00:00:00+07:00"),
        ("05/12/2023 10:15:00 PM", "2023-12-05T22:15:00+07:00"),
    ],
)
def test_day_month_year_forms(text, expected):
    assert to_iso(parse_vietnamese_datetime(text)) == expected


def test_day_comes_before_month():
    parsed = parse_vietnamese_datetime("03/04/2024")
    assert (parsed.day, parsed.month) == (3, 4)


def test_relative_dates_count_from_the_crawl_time():
    assert to_iso(parse_vietnamese_datetime("2 giờ trước", now=NOW)) == "2025-01-10T10:00:00+07:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hôm qua 08:16", "2025-01-09T08:16:00+07:00"),  # a wall-clock time in Vietnam
        ("Hôm qua 08:16 UTC", "2025-01-09T15:16:00+07:00"),  # a zone named: converted
        ("hôm nay", "2025-01-10T12:00:00+07:00"),
        ("3 tuần trước", "2024-12-20T12:00:00+07:00"),
    ],
)
def test_relative_dates_read_in_vietnam_time_from_a_crawl_time_in_any_zone(text, expected):
    now_in_utc = NOW.astimezone(UTC)  # 05:00 UTC is noon in Vietnam
    assert to_iso(parse_vietnamese_datetime(text, now=now_in_utc)) == expected


@pytest.mark.parametrize("text", ["", None, "không có ngày", "31/02/2024"])
def test_unparseable_text_gives_none(text):
    assert parse_vietnamese_datetime(text) is None


def test_strip_date_label():
    assert strip_date_label("Đăng ngày: 20/11/2024") == "20/11/2024"
    assert strip_date_label("Ngày đăng : 20/11/2024") == "20/11/2024"
    assert strip_date_label("Thứ tư - 20/11/2024 08:30") == "Thứ tư - 20/11/2024 08:30"


@st.composite
def _date_lines(draw: st.DrawFn) -> str:
    day, month = draw(st.integers(0, 39)), draw(st.integers(0, 19))
    year = draw(st.sampled_from(["2024", "24", "1999", "0"]))
    space = st.sampled_from(["", " ", "\u00a0", "  ", "\t"])
    if draw(st.booleans()):  # "16.02.2024", "3 - 8 - 2011"
        sep, gap = draw(st.sampled_from("/.-")), draw(space)
        date = f"{day}{gap}{sep}{gap}{month}{gap}{sep}{gap}{year}"
    else:  # "ngày 5 tháng 12 năm 2023", "5 THÁNG 12, 2023"
        word = draw(st.sampled_from(["tháng", "THÁNG", "Tháng", "thang"]))
        after = draw(st.sampled_from(["năm", "Năm", ",", ""]))
        gaps = [draw(space) for _ in range(4)]
        date = f"{day}{gaps[0]}{word}{gaps[1]}{month}{gaps[2]}{after}{gaps[3]}{year}"
    return draw(st.text(max_size=6)) + date + draw(st.sampled_from(["", " 08:30", " lúc 8h30"]))


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_date_lines(), st.text(max_size=40)))
def test_the_date_hint_never_hides_a_date(text):
    """The quick check before the date forms passes every line one of them reads."""
    read = any(
        (m := p.search(text)) and dates._from_match(m) is not None for p in dates._FAST_FORMS
    )
    assert (find_date_text(text) is not None) == read
