import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.extract import views
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
        # the largest count a record holds (int64), and one digit more: no counter
        ("Lượt xem: 9223372036854775807", 2**63 - 1),
        ("Lượt xem: 9223372036854775808", None),
        ("Lượt xem: 123.456.789.012.345.678.901", None),
    ],
)
def test_find_view_count(text, expected):
    assert find_view_count(text) == expected


def test_dot_is_the_thousands_separator():
    assert parse_count("1.234") == 1234
    assert parse_count("1.234.567") == 1234567


def test_a_number_beyond_64_bits_is_no_count():
    assert views.bare_count("9.223.372.036.854.775.807") == 2**63 - 1
    assert views.bare_count("99999999999999999999") is None


def test_remove_view_counter_keeps_the_date():
    assert remove_view_counter("Đăng ngày: 20/11/2024 - Lượt xem: 66") == "Đăng ngày: 20/11/2024"
    assert remove_view_counter("20/11/2024 | Đã xem: 1.002") == "20/11/2024"


# Case variants the counter patterns' IGNORECASE accepts, including the letters it takes
# for "i" and "s" beyond plain upper case (dotless ı, İ, long ſ).
_VARIANTS = {"i": "iIıİ", "s": "sSſ"}
_PHRASES = [
    "lượt xem",
    "lần đọc",
    "views",
    "view",
    "hits",
    "số lượt truy cập",
    "đã xem",
    "lượt view",
]


@st.composite
def _counter_lines(draw: st.DrawFn) -> str:
    phrase = draw(st.sampled_from(_PHRASES))
    letters = [
        draw(st.sampled_from(_VARIANTS.get(c, c + c.upper()))) if c.strip() else c for c in phrase
    ]
    number = str(draw(st.integers(0, 99999)))
    before = draw(st.text(max_size=8))
    written = "".join(letters)
    line = f"{written}: {number}" if draw(st.booleans()) else f"{number} {written}"
    return before + line


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_counter_lines(), st.text(max_size=40)))
def test_the_view_word_check_never_hides_a_counter(text):
    """The quick word check before the counter patterns passes every line they read."""
    spelled_out = views._LABELLED.search(text) or views._SUFFIXED.search(text)
    assert find_view_count(text) == (
        parse_count(next(g for g in spelled_out.groups() if g)) if spelled_out else None
    )
