import unicodedata

from pipelines.normalize import NormalizePipeline, normalize_record
from scraper.items import ArticleItem
from tests.helpers import BASE_RECORD


def test_text_becomes_nfc_on_one_line_and_the_hash_is_set():
    nfd = unicodedata.normalize("NFD", "Thuỳ Hương  - Công an tỉnh")
    record = normalize_record({**BASE_RECORD, "byline": nfd, "body": " A \n\n\n\n B  c "})
    assert record["byline"] == "Thuỳ Hương - Công an tỉnh"
    assert unicodedata.is_normalized("NFC", record["byline"])
    assert record["body"] == "A\n\nB c"
    assert record["content_hash"].startswith("sha256:")


def test_the_hash_ignores_spelling_of_the_same_text():
    nfd_title = unicodedata.normalize("NFD", "Bài  viết thử nghiệm")
    assert (
        normalize_record({**BASE_RECORD, "title": nfd_title})["content_hash"]
        == normalize_record(BASE_RECORD)["content_hash"]
    )


def test_captions_related_titles_and_tags_are_tidied():
    record = normalize_record(
        {
            **BASE_RECORD,
            "images": [{"url": "https://x.vn/a.jpg", "caption": "  Ảnh:\n  CAT  "}],
            "related": [{"url": "https://x.vn/b", "title": " Tin  khác "}],
            "tags": [" an ninh ", "", "  "],
        }
    )
    assert record["images"][0]["caption"] == "Ảnh: CAT"
    assert record["related"][0]["title"] == "Tin khác"
    assert record["tags"] == ["an ninh"]


def test_the_pipeline_updates_the_item_in_place():
    item = ArticleItem({**BASE_RECORD, "title": unicodedata.normalize("NFD", " Tiêu  đề ")})
    NormalizePipeline().process_item(item)
    assert item["title"] == "Tiêu đề"
    assert "content_hash" in item
