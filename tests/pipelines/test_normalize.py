import copy
import json
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.normalize import SINGLE_LINE_FIELDS, NormalizePipeline, normalize_record
from scraper.extract.text import clean_line, content_hash, nfc
from scraper.items import ArticleItem, Record, item_record
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


def test_the_pipeline_passes_on_one_plain_record_that_later_pipelines_do_not_copy():
    item = ArticleItem({**BASE_RECORD, "title": unicodedata.normalize("NFD", " Tiêu  đề ")})
    record = NormalizePipeline().process_item(item)
    assert type(record) is Record
    assert record["title"] == "Tiêu đề"
    assert "content_hash" in record
    assert item_record(record) is record  # validate and archive read this very dict
    assert item["title"] != "Tiêu đề"  # the spider's item is not what goes on


def _normalize_slowly(record):
    """normalize_record's rule spelled out on a deep copy: every string in NFC, then each
    field tidied in turn, tags and content_hash always set."""
    out = copy.deepcopy(record)

    def nfc_deep(value):
        if isinstance(value, str):
            return nfc(value)
        if isinstance(value, list):
            return [nfc_deep(v) for v in value]
        if isinstance(value, dict):
            return {k: nfc_deep(v) for k, v in value.items()}
        return value

    out = nfc_deep(out)
    for field in SINGLE_LINE_FIELDS:
        if isinstance(out.get(field), str):
            out[field] = clean_line(out[field]) or None
    if isinstance(out.get("body"), str):
        out["body"] = "\n\n".join(p for p in map(clean_line, out["body"].split("\n\n")) if p)
    for image in out.get("images") or []:
        image["caption"] = clean_line(image.get("caption")) or None
    for link in out.get("related") or []:
        link["title"] = clean_line(link.get("title"))
    out["tags"] = [t for t in (clean_line(t) for t in out.get("tags") or []) if t]
    out["content_hash"] = content_hash(out.get("title") or "", out.get("body") or "")
    return out


_TEXT = st.text(alphabet="aà a\u0300 o\u00a0\n\t.", max_size=12)
_MAYBE_TEXT = st.none() | _TEXT
_RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "title": _MAYBE_TEXT,
        "body": _MAYBE_TEXT,
        "body_html": _TEXT,
        "author": _MAYBE_TEXT,
        "summary": _MAYBE_TEXT,
        "view_count": st.none() | st.integers(0, 9),
        "images": st.none()
        | st.lists(
            st.fixed_dictionaries({"url": _TEXT}, optional={"caption": _MAYBE_TEXT}), max_size=2
        ),
        "related": st.lists(
            st.fixed_dictionaries({"url": _TEXT}, optional={"title": _MAYBE_TEXT}), max_size=2
        ),
        "tags": st.none() | st.lists(_MAYBE_TEXT, max_size=3),
        "content_hash": st.just("sha256:old"),
    },
)


@given(_RECORDS)
@settings(max_examples=1500, derandomize=True, deadline=None)
def test_only_what_changes_is_set_and_the_record_is_the_rule_spelled_out(record):
    before = copy.deepcopy(record)
    expected = _normalize_slowly(record)
    assert json.dumps(normalize_record(record)) == json.dumps(expected)  # order too
    assert record == before  # the input is left as it was
    item = ArticleItem(copy.deepcopy(record))
    assert json.dumps(NormalizePipeline().process_item(item)) == json.dumps(expected)
