import pytest

from scraper.extract.views import find_view_count, parse_count, remove_view_counter


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lượt xem: 66", 66),
        ("Đăng ngày: 20/11/2024 - Lượt xem: 1.234", 1234),
        ("Đã xem: 2407", 2407),
        ("Lượt đọc: 12.408", 12408),
        ("12.408 lượt xem", 12408),
        ("05/12/2023 10:15:00 / Đã xem: 2407 / Phản hồi: 0", 2407),
        ("Đăng ngày: 20/11/2024", None),
        (None, None),
    ],
)
def test_find_view_count(text, expected):
    assert find_view_count(text) == expected


def test_dot_is_the_thousands_separator():
    assert parse_count("1.234") == 1234
    assert parse_count("1.234.567") == 1234567


def test_remove_view_counter_keeps_the_date():
    assert remove_view_counter("Đăng ngày: 20/11/2024 - Lượt xem: 66") == "Đăng ngày: 20/11/2024"
    assert remove_view_counter("20/11/2024 | Đã xem: 1.002") == "20/11/2024"
