import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.extract.text import (
    clean_line,
    clean_paragraphs,
    content_hash,
    fold_tone_placement,
    nfc,
)


def test_nfc_composes_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Công an tỉnh Hưng Yên")
    assert decomposed != "Công an tỉnh Hưng Yên"
    assert nfc(decomposed) == "Công an tỉnh Hưng Yên"


def test_clean_line_folds_white_space_and_nbsp():
    assert clean_line("  Phương\u00a0Huyền \n – Công an\ttỉnh ") == "Phương Huyền – Công an tỉnh"
    assert clean_line(None) == ""


def test_fold_tone_placement_moves_old_style_marks():
    assert fold_tone_placement("Thuỳ hoà khoẻ") == "Thùy hòa khỏe"
    assert fold_tone_placement("HOÀ") == "HÒA"
    assert fold_tone_placement("Thùy hòa") == "Thùy hòa"


def test_content_hash_ignores_white_space_nfd_and_tone_placement():
    base = content_hash("Thuỳ Hương", "Đoạn một.\n\nĐoạn hai.")
    assert base.startswith("sha256:")
    assert content_hash("Thùy  Hương", "Đoạn một. \n\n Đoạn hai.") == base
    decomposed = unicodedata.normalize("NFD", "Thuỳ Hương")
    assert content_hash(decomposed, "Đoạn một.\n\nĐoạn hai.") == base


def test_content_hash_changes_with_the_text():
    assert content_hash("A", "Đoạn một.") != content_hash("A", "Đoạn hai.")
    assert content_hash("A", "x") != content_hash("B", "x")


def _fold_slowly(text: str) -> str:
    """The rule spelled out: decompose, move every old-style mark, compose."""
    import re
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    pattern = re.compile(rf"([oO])([aAeE])([{tones}])|([uU])([yY])([{tones}])")

    def move(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1) + match.group(3) + match.group(2)
        return match.group(4) + match.group(6) + match.group(5)

    return unicodedata.normalize("NFC", pattern.sub(move, unicodedata.normalize("NFD", text)))


def _clean_slowly(text: str | None) -> str:
    """clean_line's rule spelled out: NFC, NBSP and every run of white space one space."""
    import re

    if not text:
        return ""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).replace("\u00a0", " ")).strip()


def _paragraphs_slowly(text: str) -> str:
    """The body's rule spelled out: each paragraph a clean line, empty ones dropped."""
    return "\n\n".join(p for p in (_clean_slowly(p) for p in text.split("\n\n")) if p)


def _hash_slowly(title: str, body: str) -> str:
    import hashlib

    canonical = "\n".join(_fold_slowly(_clean_slowly(part)) for part in (title, body))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# Vietnamese letters, precomposed and decomposed, the marks alone, marks that canonical
# ordering moves before a tone (U+0316 grave below, U+0334 tilde overlay, U+0345
# ypogegrammeni after it), white space of every kind, and what sits beside them
_ALPHABET = (
    "oOuUaAeEyYiI âăêôơư ÂĂÊÔƠƯ àáãảạèéẽẻẹỳýỹỷỵ ÀÁÃẢẠÈÉẼẺẸỲÝỸỶỴ ầắềốờừặậệ"
    "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\u0316\u0334\u0345"
    "\u00a0\n\n\n\t\r\x0b\x0c\x1c\x85\u2000\u2028\u3000\u200b\u00ad.,-"
)
_TEXT = st.text(alphabet=_ALPHABET, max_size=40) | st.text(max_size=20)


@given(_TEXT)
@settings(max_examples=3000, derandomize=True, deadline=None)
def test_the_fast_fold_is_the_rule_on_any_text(text):
    assert fold_tone_placement(text) == _fold_slowly(text)
    assert nfc(text) == unicodedata.normalize("NFC", text)


@given(_TEXT)
@settings(max_examples=3000, derandomize=True, deadline=None)
def test_the_quick_clean_is_the_rule_on_any_text(text):
    assert clean_line(text) == _clean_slowly(text)
    assert clean_paragraphs(text) == _paragraphs_slowly(text)


@given(_TEXT, _TEXT)
@settings(max_examples=1500, derandomize=True, deadline=None)
def test_the_quick_hash_is_the_rule_on_any_text(title, body):
    assert content_hash(title, body) == _hash_slowly(title, body)
    tidy = clean_paragraphs(body)  # as the normalize pipeline hands it
    assert content_hash(clean_line(title), tidy) == _hash_slowly(title, body)


def test_what_the_quick_clean_takes_for_white_space_is_unicodes():
    """clean_line's quick check counts on every white space character but the space being
    unprintable, and its long way on str.split() splitting where re's \\s matches."""
    import re
    import sys

    chars = [chr(n) for n in range(sys.maxunicode + 1)]
    spaces = [c for c in chars if c.isspace()]
    assert [c for c in spaces if c.isprintable()] == [" "]
    assert [c for c in chars if re.fullmatch(r"\s", c)] == spaces
