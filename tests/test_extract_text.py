import unicodedata

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
