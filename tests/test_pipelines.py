import contextlib
import json
import unicodedata

import pytest

from pipelines.archive import ArchivePipeline
from pipelines.dedupe import DedupePipeline
from pipelines.drops import ArticleLimitReached, DuplicateInRun, InvalidRecord, UnchangedArticle
from pipelines.normalize import NormalizePipeline, normalize_record
from pipelines.validate import ValidatePipeline, schema_problems
from scraper.items import ArticleItem
from scraper.state import ArticleIndex, DataLayout
from tests.helpers import BASE_RECORD, FakeCrawler, make_record


def run_pipelines(crawler, records):
    """Push records through dedupe and archive as Scrapy would; return what passed."""
    dedupe, archive = DedupePipeline(crawler), ArchivePipeline(crawler)
    dedupe.open_spider()
    archive.open_spider()
    passed = []
    for record in records:
        with contextlib.suppress(DuplicateInRun, UnchangedArticle, ArticleLimitReached):
            passed.append(dict(archive.process_item(dedupe.process_item(ArticleItem(record)))))
    archive.close_spider()
    dedupe.close_spider()
    return passed


def archive_lines(data_dir):
    return [
        json.loads(line)
        for path in DataLayout(data_dir).archive_files()
        for line in path.read_text("utf-8").splitlines()
    ]


# -- normalise --------------------------------------------------------------------------
def test_normalize_makes_text_nfc_and_sets_the_hash():
    nfd = unicodedata.normalize("NFD", "Thuỳ Hương  - Công an tỉnh")
    record = normalize_record({**BASE_RECORD, "byline": nfd, "body": " A \n\n\n\n B  c "})
    assert record["byline"] == "Thuỳ Hương - Công an tỉnh"
    assert unicodedata.is_normalized("NFC", record["byline"])
    assert record["body"] == "A\n\nB c"
    assert record["content_hash"].startswith("sha256:")


def test_normalize_pipeline_updates_the_item_in_place():
    item = ArticleItem({**BASE_RECORD, "title": unicodedata.normalize("NFD", " Tiêu  đề ")})
    NormalizePipeline().process_item(item)
    assert item["title"] == "Tiêu đề"
    assert "content_hash" in item


# -- validate ---------------------------------------------------------------------------
def test_valid_record_has_no_problems():
    assert schema_problems(make_record()) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"body": ""}, "body"),
        ({"view_count": "66"}, "view_count"),
        ({"published_at": "2024-11-20T00:00:00Z"}, "published_at"),
        ({"images": [{"url": "/relative.jpg", "caption": None}]}, "images.0.url"),
        ({"version": 0}, "version"),
    ],
)
def test_invalid_records_are_dropped_and_counted(tmp_path, change, field):
    crawler = FakeCrawler(tmp_path, "run-1")
    with pytest.raises(InvalidRecord, match=rf"{BASE_RECORD['url']}: {field}"):
        ValidatePipeline(crawler).process_item(ArticleItem(make_record(**change)))
    assert crawler.stats.get_value("articles/invalid") == 1
    assert crawler.stats.get_value(f"articles/invalid/{field}") == 1


# -- dedupe and archive -----------------------------------------------------------------
def test_new_articles_are_archived_once_per_run(data_dir):
    crawler = FakeCrawler(data_dir, "run-1")
    first, other = make_record(), make_record(id="hungyen-230002", url=BASE_RECORD["url"] + "2")
    passed = run_pipelines(crawler, [first, other, first])
    assert [r["id"] for r in passed] == ["hungyen-230001", "hungyen-230002"]
    assert crawler.stats.get_value("articles/new") == 2
    assert crawler.stats.get_value("articles/duplicate_in_run") == 1
    lines = archive_lines(data_dir)
    assert [line["id"] for line in lines] == ["hungyen-230001", "hungyen-230002"]
    final = DataLayout(data_dir).archive_file("hungyen", "run-1")
    assert final.exists()
    assert not list(final.parent.glob(".*.part"))


def test_archive_lines_keep_vietnamese_letters_unescaped(data_dir):
    run_pipelines(FakeCrawler(data_dir, "run-1"), [make_record()])
    text = DataLayout(data_dir).archive_file("hungyen", "run-1").read_text("utf-8")
    assert "Bài viết thử nghiệm" in text and "\\u" not in text


def test_unchanged_article_adds_no_line_in_the_next_run(data_dir):
    run_pipelines(FakeCrawler(data_dir, "run-1"), [make_record()])
    crawler = FakeCrawler(data_dir, "run-2")
    same_text_other_form = make_record(title=unicodedata.normalize("NFD", "Bài  viết thử nghiệm"))
    assert run_pipelines(crawler, [same_text_other_form]) == []
    assert crawler.stats.get_value("articles/unchanged") == 1
    assert len(archive_lines(data_dir)) == 1
    assert not DataLayout(data_dir).archive_file("hungyen", "run-2").exists()


def test_changed_article_gets_the_next_version(data_dir):
    run_pipelines(FakeCrawler(data_dir, "run-1"), [make_record()])
    crawler = FakeCrawler(data_dir, "run-2")
    passed = run_pipelines(crawler, [make_record(body="Đoạn một đã sửa.\n\nĐoạn hai.")])
    assert [r["version"] for r in passed] == [2]
    assert crawler.stats.get_value("articles/updated") == 1
    assert [(r["id"], r["version"]) for r in archive_lines(data_dir)] == [
        ("hungyen-230001", 1),
        ("hungyen-230001", 2),
    ]
    index = ArticleIndex(DataLayout(data_dir))
    assert index.lookup("hungyen-230001").version == 2


def test_max_articles_stops_archiving(data_dir):
    crawler = FakeCrawler(data_dir, "run-1", POLICE_MAX_ARTICLES=1)
    records = [make_record(id=f"hungyen-{n}", url=f"{BASE_RECORD['url']}?n={n}") for n in (1, 2)]
    assert len(run_pipelines(crawler, records)) == 1
    assert len(archive_lines(data_dir)) == 1
