import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.extract.text import clean_line, content_hash, fold_tone_placement, nfc


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


# Vietnamese letters, precomposed and decomposed, the marks alone, and what sits beside them
_ALPHABET = (
    "oOuUaAeEyYiI âăêôơư ÂĂÊÔƠƯ àáãảạèéẽẻẹỳýỹỷỵ ÀÁÃẢẠÈÉẼẺẸỲÝỸỶỴ ầắềốờừ"
    "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\u00a0\n.,-"
)


@given(st.text(alphabet=_ALPHABET, max_size=40))
@settings(max_examples=3000, derandomize=True, deadline=None)
def test_the_fast_fold_is_the_rule_on_any_text(text):
    assert fold_tone_placement(text) == _fold_slowly(text)
    assert nfc(text) == __import__("unicodedata").normalize("NFC", text)
