import errno
import json
from types import SimpleNamespace

import pytest

from pipelines.archive import ArchivePipeline
from pipelines.drops import WriteFailed
from scraper import site_run
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


def test_a_full_disk_stops_the_crawl_in_one_line_and_loses_nothing_written(
    data_dir, caplog, monkeypatch
):
    layout = DataLayout(data_dir)
    closing = []
    monkeypatch.setattr(site_run, "deferred_from_coro", lambda call: call)  # no reactor here
    with site_crawl(data_dir) as crawler:
        crawler.engine = SimpleNamespace(close_spider_async=lambda reason: closing.append(reason))
        archive = ArchivePipeline(crawler)
        archive.process_item(ArticleItem(make_record()))

        def full(*_args):
            raise OSError(errno.ENOSPC, "No space left on device")

        archive.file._handle.write = full
        for n in (2, 3):
            with pytest.raises(WriteFailed):
                archive.process_item(ArticleItem(make_record(id=f"hungyen-23000{n}")))
        archive.close_spider()
        assert closing == ["write_failed"]  # asked once
        assert "No space left on device" in crawler.stats.get_value("site_run/write_error")
    assert [r.getMessage().count("cannot write the run's files") for r in caplog.records].count(
        1
    ) == 1
    assert not layout.archive_file("hungyen", "run-1").exists()  # never a final torn file
    assert layout.partial_archive_file("hungyen", "run-1").exists()
    summary = json.loads(next(layout.runs_dir().glob("*.json")).read_text("utf-8"))
    assert summary["sites"][0]["problems"][0].startswith("cannot write the run's files")
    with site_crawl(data_dir, "run-2"):  # the next run recovers the line written
        pass
    assert [line["id"] for line in archive_lines(data_dir)] == ["hungyen-230001"]


def test_the_record_read_from_an_item_is_what_itemadapter_gives():
    """item_record is ItemAdapter.asdict, quicker: nested items become dicts too."""
    import dataclasses

    import scrapy
    from itemadapter import ItemAdapter

    from scraper.items import item_record

    class Caption(scrapy.Item):
        url = scrapy.Field()
        caption = scrapy.Field()

    @dataclasses.dataclass
    class Link:
        url: str
        title: str

    record = dict(
        BASE_RECORD,
        images=[Caption(url="https://x.vn/a.jpg", caption="Ảnh"), {"url": "https://x.vn/b"}],
        related=(Link("https://x.vn/c", "Tin"),),
        tags={"an ninh"},
        view_count=1.5,
    )
    for item in (ArticleItem(record), record, Link("https://x.vn/d", "Tin")):
        plain = item_record(item)
        assert plain == ItemAdapter(item).asdict()
        assert [type(v) for v in plain.values()] == [
            type(v) for v in ItemAdapter(item).asdict().values()
        ]
    assert type(item_record(ArticleItem(record))["images"][0]) is dict
