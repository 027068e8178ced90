import pytest

from scraper.extract.credits import parse_credit


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Phương Huyền – Công an tỉnh", "Phương Huyền"),
        ("Thuỳ Hương - Công an tỉnh", "Thuỳ Hương"),
        ("Tác giả: Nguyễn Văn An", "Nguyễn Văn An"),
        ("Tác giả: PV", "PV"),
        ("Nguyễn Văn An (Phòng Tham mưu)", "Nguyễn Văn An"),
        ("PV", "PV"),
        ("CTV", "CTV"),
        ("Ban biên tập", "Ban biên tập"),
        ("Bài và ảnh: Minh Đức", "Minh Đức"),
    ],
)
def test_credit_forms(line, author):
    credit = parse_credit(line)
    assert credit is not None
    assert credit.author == author
    assert credit.byline == line


@pytest.mark.parametrize(
    "line",
    [
        "Qua đó, phấn đấu hoàn thành xuất sắc các nhiệm vụ được giao.",
        "Đại tá Nguyễn Xuân Hồng – Phó Giám đốc Công an tỉnh dự và phát biểu chỉ đạo hội nghị, "
        "ghi nhận những kết quả đã đạt được trong năm",
        "Tin liên quan",
        "",
        None,
    ],
)
def test_ordinary_text_is_no_credit(line):
    assert parse_credit(line) is None
