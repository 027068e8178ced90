"""Pages whose bytes are not in their declared charset: detected, re-read, counted."""

from __future__ import annotations

import logging
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse
from scrapy.settings import Settings
from scrapy.utils.conf import build_component_list
from scrapy.utils.test import get_crawler
from w3lib.encoding import html_body_declared_encoding

from scraper.extract import encoding as enc
from scraper.extract.encoding import decode_page, looks_mojibake
from scraper.extract_page import extract_file
from scraper.middlewares.encoding import EncodingMiddleware
from testbed.replica import Page, build_replica
from tests.e2e import crawl, lines_of, served

TITLE = "Bắt giữ đối tượng trộm cắp tài sản liên huyện tại Văn Giang"
BODY = (
    "Ngày 12/3, Công an huyện Văn Giang phối hợp với Phòng Cảnh sát hình sự Công an tỉnh "
    "Hưng Yên bắt giữ đối tượng Nguyễn Văn Hùng về hành vi trộm cắp tài sản. Qua đấu tranh, "
    "đối tượng khai nhận đã thực hiện nhiều vụ trộm xe máy trên địa bàn các huyện lân cận; "
    "“tang vật” gồm 5 xe máy – đã được trả lại cho người bị hại."
)
URL = "https://congan.hungyen.gov.vn/bat-giu-doi-tuong-c230312.html"
TONES = "\u0300\u0301\u0303\u0309\u0323"  # the five marks Windows-1258 writes apart


def page(meta: str | None = "utf-8") -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    return (
        f"<!DOCTYPE html><html lang='vi'><head>{head}<title>{TITLE}</title></head>"
        f"<body><h1>{TITLE}</h1><p>{BODY}</p></body></html>"
    )


def windows_1258(text: str) -> bytes:
    """`text` as a Windows-1258 editor saves it: letters with circumflex, breve or horn
    precomposed, tone marks after them as combining characters."""
    out = []
    for cluster in re.findall(r".[\u0300-\u036f]*", text, re.S):
        decomposed = unicodedata.normalize("NFD", cluster)
        letter = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        tones = "".join(c for c in decomposed if c in TONES)
        try:
            out.append(cluster.encode("cp1258"))
        except UnicodeEncodeError:
            out.append((letter + tones).encode("cp1258"))
    return b"".join(out)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Bytes that no encoding reads: invalid UTF-8, and 0x81/0x8D/0x90 are holes of both
# Windows-1252 and Windows-1258.
UNDECODABLE = page().encode("utf-8").replace("đối".encode(), b"\x81\x8d\x90\xc3(")


def test_the_sample_needs_windows_1258_tone_marks():
    data = windows_1258(page())
    assert data.decode("cp1258") != page()  # decomposed tones, not NFC
    assert nfc(data.decode("cp1258")) == page()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


# -- the detection ----------------------------------------------------------------------


@pytest.mark.parametrize("declared", ["iso-8859-1", "windows-1252", "cp1252"])
def test_utf8_declared_latin1_is_read_as_utf8(declared):
    assert page().encode("utf-8").decode(declared, "replace") != page()  # mojibake as declared
    decoded = decode_page(page().encode("utf-8"), [declared])
    assert (decoded.encoding, decoded.text, decoded.clean) == ("utf-8", page(), True)


def test_windows_1258_declared_utf8_is_read_as_windows_1258():
    decoded = decode_page(windows_1258(page()), ["utf-8"])
    assert (decoded.encoding, decoded.clean) == ("cp1258", True)
    assert nfc(decoded.text) == page()


@pytest.mark.parametrize("declared", ["windows-1252", "iso-8859-1", "windows-1250"])
def test_windows_1258_declared_another_code_page_is_read_as_windows_1258(declared):
    data = windows_1258(page())
    assert data.decode(declared, "replace") != data.decode("cp1258")
    decoded = decode_page(data, [declared])
    assert (decoded.encoding, decoded.clean) == ("cp1258", True)
    assert nfc(decoded.text) == page()


def test_utf8_with_a_wrong_meta_charset_is_read_as_utf8():
    data = page(meta="windows-1252").encode("utf-8")
    assert html_body_declared_encoding(data) == "cp1252"  # what Scrapy would use
    decoded = decode_page(data, [html_body_declared_encoding(data)])
    assert (decoded.encoding, decoded.text, decoded.clean) == ("utf-8", page("windows-1252"), True)


@pytest.mark.parametrize(
    ("data", "declared", "encoding"),
    [
        (page().encode("utf-8"), "utf-8", "utf-8"),
        (windows_1258(page("windows-1258")), "windows-1258", "cp1258"),
        (page().encode("ascii", "xmlcharrefreplace"), "ascii", "ascii"),
    ],
)
def test_a_right_declaration_is_kept(data, declared, encoding):
    decoded = decode_page(data, [declared])
    assert (decoded.encoding, decoded.clean) == (encoding, True)
    assert decoded.text == data.decode(encoding)


def test_without_a_declaration_utf8_then_windows_1258():
    assert decode_page(page(None).encode("utf-8")).encoding == "utf-8"
    assert decode_page(windows_1258(page(None))).encoding == "cp1258"


def test_undecodable_bytes_are_not_clean_and_read_with_least_damage():
    decoded = decode_page(UNDECODABLE, ["utf-8"])
    assert (decoded.encoding, decoded.clean) == ("utf-8", False)
    # one replacement character per invalid byte or sequence, the rest intact
    assert decoded.text == page().replace("đối", "\ufffd" * 4 + "(")


def test_double_encoded_utf8_is_not_clean():
    """UTF-8 of text that was already mojibake: no reading repairs it; it must not pass."""
    misread = "".join(  # as browsers read Windows-1252: its five holes as C1 controls
        bytes([b]).decode("cp1252", "ignore") or chr(b) for b in page().encode("utf-8")
    )
    data = misread.encode("utf-8")
    decoded = decode_page(data, ["utf-8"])
    assert (decoded.encoding, decoded.clean) == ("utf-8", False)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (page(), "utf-8"),
        (unicodedata.normalize("NFD", page()), "utf-8"),  # decomposed, as some editors paste
        ("NGÃ BA HUẾ, NGÃ\u00a0TƯ SỞ: CÔNG AN TỈNH " * 3, "utf-8"),  # capitals, NBSP
        (windows_1258(page()).decode("cp1258"), "cp1258"),
        ("Police news, no Vietnamese at all", "cp1252"),
    ],
)
def test_right_readings_show_no_mojibake(text, encoding):
    assert not looks_mojibake(text, encoding)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (page().encode("utf-8"), "cp1252"),  # "CÃ´ng an", "Ä‘á»‘i"
        (page().encode("utf-8"), "cp1258"),
        (page().encode("utf-8"), "latin-1"),
        (windows_1258(page()), "cp1252"),  # "Viêòt": tone marks read as letters
    ],
)
def test_wrong_readings_show_mojibake(data, encoding):
    assert looks_mojibake(data.decode(encoding, "replace"), encoding)


# -- the middleware ---------------------------------------------------------------------


@pytest.fixture
def crawler():
    return get_crawler()


def fetched(data: bytes, content_type: str | None) -> HtmlResponse:
    headers = {"Content-Type": content_type} if content_type else {}
    return HtmlResponse(URL, body=data, headers=headers, request=Request(URL))


def run(crawler, response):
    middleware = EncodingMiddleware.from_crawler(crawler)
    return middleware.process_response(response.request, response)


def encoding_stats(crawler) -> dict[str, int]:
    return {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("encoding/")}


@pytest.mark.parametrize(
    ("data", "content_type", "scrapy_reads", "detected"),
    [
        (page().encode("utf-8"), "text/html; charset=ISO-8859-1", "cp1252", "utf-8"),
        (windows_1258(page()), "text/html; charset=utf-8", "utf-8", "cp1258"),
        (page(meta="windows-1252").encode("utf-8"), "text/html", "cp1252", "utf-8"),
    ],
    ids=["utf8-declared-latin1", "windows1258-declared-utf8", "utf8-wrong-meta"],
)
def test_middleware_rereads_a_misdeclared_page(
    crawler, caplog, data, content_type, scrapy_reads, detected
):
    response = fetched(data, content_type)
    assert response.encoding == scrapy_reads
    with caplog.at_level(logging.INFO, logger="scraper.middlewares.encoding"):
        result = run(crawler, response)
    assert isinstance(result, HtmlResponse)
    assert result.encoding == detected
    assert result.body == data  # the bytes as fetched
    assert result.headers == response.headers
    assert nfc(result.text) == nfc(data.decode(detected))
    assert nfc(result.css("h1::text").get()) == TITLE
    assert encoding_stats(crawler) == {f"encoding/redetected/{scrapy_reads}->{detected}": 1}
    assert [r.levelno for r in caplog.records] == [logging.INFO]
    assert URL in caplog.records[0].getMessage()


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (page().encode("utf-8"), "text/html; charset=utf-8"),
        (page().encode("utf-8"), None),  # no header: the <meta charset>
        (windows_1258(page("windows-1258")), "text/html"),
        (windows_1258(page()), "text/html; charset=windows-1258"),
        ("\ufeff".encode() + page().encode("utf-8"), "text/html; charset=iso-8859-1"),  # BOM
    ],
)
def test_middleware_leaves_a_rightly_declared_page_alone(crawler, caplog, data, content_type):
    response = fetched(data, content_type)
    with caplog.at_level(logging.INFO, logger="scraper.middlewares.encoding"):
        assert run(crawler, response) is response
    assert encoding_stats(crawler) == {}
    assert caplog.records == []


def test_middleware_lets_an_undecodable_page_through_loudly(crawler, caplog):
    response = fetched(UNDECODABLE, "text/html; charset=utf-8")
    with caplog.at_level(logging.INFO, logger="scraper.middlewares.encoding"):
        result = run(crawler, response)
    assert result is response  # UTF-8 with replacement characters is the least damage
    assert "\ufffd" in result.text
    assert encoding_stats(crawler) == {"encoding/undecodable": 1}
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert URL in caplog.records[0].getMessage()


def test_middleware_counts_an_undecodable_page_with_a_byte_order_mark(crawler):
    """The mark decides the reading (for Scrapy too), but bad bytes after it still count."""
    response = fetched(b"\xef\xbb\xbf" + UNDECODABLE, "text/html; charset=iso-8859-1")
    assert run(crawler, response) is response
    assert response.encoding == "utf-8"
    assert encoding_stats(crawler) == {"encoding/undecodable": 1}


def test_middleware_reads_only_html(crawler):
    data = page().encode("utf-8")
    response = TextResponse(URL, body=data, headers={"Content-Type": "text/plain; charset=latin-1"})
    assert run(crawler, response) is response
    assert encoding_stats(crawler) == {}


def test_middleware_runs_after_decompression_and_retry():
    """process_response is called in decreasing order: ours must come after (lower than)
    HttpCompressionMiddleware, which makes the body readable at all, and the retry one."""
    settings = Settings()
    settings.setmodule("scraper.settings", priority="project")
    order = build_component_list(settings.getwithbase("DOWNLOADER_MIDDLEWARES"))
    backwards = order[::-1]  # the order process_response sees them
    ours = backwards.index("scraper.middlewares.encoding.EncodingMiddleware")
    compression = "scraper.middlewares.size.SizeFencedCompressionMiddleware"
    assert backwards.index(compression) < ours
    assert backwards.index("scraper.middlewares.retry.BackoffRetryMiddleware") < ours


# -- saved pages (`police-archive extract FILE`) --------------------------------------------


def saved_article(tmp_path, encode):
    replica = build_replica("hungyen")
    path = replica.article_paths[0]
    text = replica.pages[path].body.decode("utf-8")
    file = tmp_path / "article.html"
    file.write_bytes(encode(text))
    return file, replica.truth[0]


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        windows_1258,  # meta says utf-8
        lambda text: text.replace('charset="utf-8"', 'charset="windows-1252"').encode("utf-8"),
    ],
    ids=["utf8", "windows1258-meta-utf8", "utf8-meta-windows1252"],
)
def test_extract_file_reads_a_misdeclared_saved_page(tmp_path, encode):
    file, truth = saved_article(tmp_path, encode)
    record = extract_file(file, site="hungyen")
    assert (record["title"], record["body"]) == (truth["title"], truth["body"])


# -- a crawl ----------------------------------------------------------------------------


@pytest.mark.e2e
def test_crawl_archives_a_windows_1258_page_served_as_utf8_as_the_truth_says(tmp_path):
    replica = build_replica("hungyen")
    index = 0
    path = replica.article_paths[index]
    truth = replica.truth[index]
    original = replica.pages[path]
    assert "charset=utf-8" in original.content_type
    override = Page(
        body=windows_1258(original.body.decode("utf-8")),
        content_type="text/html; charset=utf-8",
    )
    assert override.body != original.body
    with served("hungyen", overrides={path: override}) as url:
        summary = crawl("hungyen", url, tmp_path)
    record = next(r for r in lines_of(tmp_path, "archive", "hungyen") if r["id"] == truth["id"])
    assert record["title"] == truth["title"]
    assert record["body"] == truth["body"]
    assert {k: record[k] for k in truth} == truth
    stats = {k: v for k, v in summary["stats"].items() if k.startswith("encoding/")}
    assert stats == {"encoding/redetected/utf-8->cp1258": 1}
    log = next((tmp_path / "logs").glob("*.log")).read_text("utf-8")
    assert len(re.findall(rf"Encoding of \S+{re.escape(path)} re-detected", log)) == 1


_MOJIBAKE_SAMPLES = [
    "Công an tỉnh Hưng Yên điều tra vụ việc, ngày 20/11/2024 – “bài viết” …",
    "Tác giả: Thuỳ Hương\u00a0-\u00a0Công an tỉnh",
]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "cp1258", "latin-1", "cp1251"])
@given(st.text(alphabet=st.characters(max_codepoint=0x2200), max_size=60))
@settings(max_examples=150, deadline=None, derandomize=True)
def test_sign_pattern_counts_as_the_alternation_spelled_out(encoding: str, noise: str) -> None:
    plain = re.compile(
        "|".join(f"{enc._char_class(first)}{rest}" for first, rest in enc.sign_parts(encoding))
    )
    texts = [noise]
    for sample in _MOJIBAKE_SAMPLES:  # Vietnamese read with a wrong encoding, and read twice
        for wrong in ("cp1252", "cp1258", "latin-1"):
            once = sample.encode("utf-8").decode(wrong, errors="ignore")
            twice = once.encode("utf-8").decode(wrong, errors="ignore")
            texts += [once + noise, noise + twice, sample]
    for text in texts:
        assert enc.mojibake_signs(text, encoding) == len(plain.findall(text)) + len(
            enc._C1_CONTROLS.findall(text)
        )
