from pipelines.archive import ArchivePipeline
from scraper.items import ArticleItem
from scraper.state import ArticleIndex, DataLayout
from tests.helpers import BASE_RECORD, make_record, site_crawl
from tests.pipelines.conftest import archive_lines, dedupe_and_archive


def test_new_articles_are_archived_once_per_run(data_dir):
    first, other = make_record(), make_record(id="hungyen-230002", url=BASE_RECORD["url"] + "2")
    with site_crawl(data_dir) as crawler:
        passed = dedupe_and_archive(crawler, [first, other, first])
        assert crawler.stats.get_value("articles/new") == 2
        assert crawler.stats.get_value("articles/archived") == 2
    assert [r["id"] for r in passed] == ["hungyen-230001", "hungyen-230002"]
    assert [line["id"] for line in archive_lines(data_dir)] == ["hungyen-230001", "hungyen-230002"]
    final = DataLayout(data_dir).archive_file("hungyen", "run-1")
    assert final.exists()
    assert not list(final.parent.glob(".*.part"))


def test_lines_keep_vietnamese_letters_unescaped(data_dir):
    with site_crawl(data_dir) as crawler:
        dedupe_and_archive(crawler, [make_record()])
    text = DataLayout(data_dir).archive_file("hungyen", "run-1").read_text("utf-8")
    assert "Bài viết thử nghiệm" in text
    assert "\\u" not in text


def test_the_file_is_final_and_indexed_only_when_the_run_closes(data_dir):
    layout = DataLayout(data_dir)
    with site_crawl(data_dir) as crawler:
        archive = ArchivePipeline(crawler)
        archive.process_item(ArticleItem(make_record()))
        assert layout.partial_archive_file("hungyen", "run-1").exists()
        assert not layout.archive_file("hungyen", "run-1").exists()
        assert crawler.get_extension(type(archive.run)).state.index.lookup("hungyen-230001") is None
        archive.close_spider()
        final = layout.archive_file("hungyen", "run-1")
        assert crawler.stats.get_value("archive/file") == str(final)
    assert ArticleIndex(layout).lookup("hungyen-230001").version == 1


def test_a_new_version_counts_as_updated(data_dir):
    with site_crawl(data_dir) as crawler:
        archive = ArchivePipeline(crawler)
        archive.process_item(ArticleItem(make_record(version=2)))
        archive.close_spider()
        assert crawler.stats.get_value("articles/updated") == 1
        assert crawler.stats.get_value("articles/new") is None


def test_a_run_that_archived_nothing_leaves_no_file(data_dir):
    with site_crawl(data_dir) as crawler:
        ArchivePipeline(crawler).close_spider()
        assert crawler.stats.get_value("archive/file") is None
    assert DataLayout(data_dir).archive_files() == []
