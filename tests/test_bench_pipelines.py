"""The pipelines' benchmark drives them as a crawl does (no timing is checked here)."""

import json

from scraper.items import ArticleItem
from testbed.bench_pipelines import pipeline_rounds, replica_records


def test_the_records_are_the_items_the_spider_yields():
    records = replica_records(["backan"])
    assert len(records) == 16
    assert {r["site"] for r in records} == {"backan"}
    assert all("content_hash" not in r and "version" not in r for r in records)  # not normalised
    assert all(set(r) <= set(ArticleItem.fields) for r in records)


def test_every_pipeline_is_measured_once_per_round():
    records = replica_records(["backan"])
    before = json.dumps(records)
    figures = pipeline_rounds(records, 2)
    assert list(figures) == [
        "normalize",
        "validate",
        "views",
        "dedupe",
        "archive",
        "close_spider",
        "total",
        "json_lines",
    ]
    assert all(len(values) == 2 and all(v > 0 for v in values) for values in figures.values())
    assert json.dumps(records) == before  # each round gets its own copies
