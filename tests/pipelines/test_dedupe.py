import unicodedata

import pytest

from pipelines.dedupe import DedupePipeline
from pipelines.drops import DuplicateInRun, UnchangedArticle
from scraper.items import ArticleItem
from scraper.state import ArticleIndex, DataLayout
from tests.helpers import BASE_RECORD, make_record, site_crawl
from tests.pipelines.conftest import archive_lines, dedupe_and_archive


def unversioned(**changes):
    record = make_record(**changes)
    del record["version"]
    return record


def test_a_new_article_gets_version_1(data_dir):
    with site_crawl(data_dir) as crawler:
        item = DedupePipeline(crawler).process_item(ArticleItem(unversioned()))
    assert item["version"] == 1


def test_the_same_article_twice_in_a_run_is_dropped_and_counted(data_dir):
    with site_crawl(data_dir) as crawler:
        dedupe = DedupePipeline(crawler)
        dedupe.process_item(ArticleItem(unversioned()))
        with pytest.raises(DuplicateInRun):
            dedupe.process_item(ArticleItem(unversioned()))
        assert crawler.stats.get_value("articles/duplicate_in_run") == 1


def test_an_unchanged_article_is_dropped_counted_and_marked_seen(data_dir):
    with site_crawl(data_dir, "run-1") as crawler:
        dedupe_and_archive(crawler, [make_record()])
    before = ArticleIndex(DataLayout(data_dir)).lookup("hungyen-230001")
    same_text_other_form = unversioned(title=unicodedata.normalize("NFD", "Bài  viết thử nghiệm"))
    with site_crawl(data_dir, "run-2") as crawler:
        dedupe = DedupePipeline(crawler)
        with pytest.raises(UnchangedArticle, match="unchanged since version 1"):
            dedupe.process_item(ArticleItem(same_text_other_form))
        assert crawler.stats.get_value("articles/unchanged") == 1
        dedupe.close_spider()
    after = ArticleIndex(DataLayout(data_dir)).lookup("hungyen-230001")
    assert after.last_seen >= before.last_seen
    assert len(archive_lines(data_dir)) == 1


def test_a_changed_article_gets_the_next_version(data_dir):
    with site_crawl(data_dir, "run-1") as crawler:
        dedupe_and_archive(crawler, [make_record()])
    with site_crawl(data_dir, "run-2") as crawler:
        item = DedupePipeline(crawler).process_item(
            ArticleItem(unversioned(body="Đoạn một đã sửa.\n\nĐoạn hai."))
        )
    assert item["version"] == 2
    assert item["url"] == BASE_RECORD["url"]
