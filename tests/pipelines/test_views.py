import json

from pipelines.views import ViewsPipeline
from scraper.items import ArticleItem
from scraper.state import DataLayout
from tests.helpers import make_record, site_crawl


def observations(data_dir, run_id="run-1"):
    path = DataLayout(data_dir).run_file("views", "hungyen", run_id)
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_every_article_page_gives_one_observation(data_dir):
    with site_crawl(data_dir) as crawler:
        views = ViewsPipeline(crawler)
        for n, count in ((1, 1234), (2, None)):
            record = make_record(id=f"hungyen-{n}", view_count=count)
            assert views.process_item(ArticleItem(record))["id"] == f"hungyen-{n}"
        views.close_spider()
        assert crawler.stats.get_value("views/observed") == 2
    assert observations(data_dir) == [
        {
            "id": "hungyen-1",
            "url": make_record()["url"],
            "view_count": 1234,
            "observed_at": "2026-11-26T10:00:00Z",
            "run_id": "run-1",
        },
        {
            "id": "hungyen-2",
            "url": make_record()["url"],
            "view_count": None,
            "observed_at": "2026-11-26T10:00:00Z",
            "run_id": "run-1",
        },
    ]


def test_the_same_article_is_observed_again_in_the_next_run(data_dir):
    for run_id, count in (("run-1", 10), ("run-2", 25)):
        with site_crawl(data_dir, run_id) as crawler:
            views = ViewsPipeline(crawler)
            views.process_item(ArticleItem(make_record(view_count=count)))
            views.close_spider()
    assert [o["view_count"] for o in observations(data_dir, "run-1")] == [10]
    assert [o["view_count"] for o in observations(data_dir, "run-2")] == [25]


def test_the_file_has_its_name_only_when_complete(data_dir):
    layout = DataLayout(data_dir)
    with site_crawl(data_dir) as crawler:
        views = ViewsPipeline(crawler)
        views.process_item(ArticleItem(make_record()))
        assert layout.partial_run_file("views", "hungyen", "run-1").exists()
        assert not layout.run_file("views", "hungyen", "run-1").exists()
        views.close_spider()
        assert crawler.stats.get_value("views/file") == str(
            layout.run_file("views", "hungyen", "run-1")
        )
    assert not layout.partial_run_file("views", "hungyen", "run-1").exists()


def test_no_article_no_file(data_dir):
    with site_crawl(data_dir) as crawler:
        ViewsPipeline(crawler).close_spider()
        assert crawler.stats.get_value("views/file") is None
    assert DataLayout(data_dir).run_files("views") == []
