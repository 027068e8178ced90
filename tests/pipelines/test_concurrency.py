"""CONCURRENT_ITEMS = 1 (scraper/settings.py) holds only while no pipeline awaits."""

from __future__ import annotations

import inspect

from scrapy.utils.misc import load_object

from scraper import settings


def test_one_item_task_is_enough_because_no_pipeline_awaits() -> None:
    assert settings.CONCURRENT_ITEMS == 1
    for path in settings.ITEM_PIPELINES:
        pipeline = load_object(path)
        for name in ("process_item", "open_spider", "close_spider"):
            method = getattr(pipeline, name, None)
            if method is None:
                continue
            assert not inspect.iscoroutinefunction(method), (
                f"{path}.{name} awaits: raise CONCURRENT_ITEMS so items overlap"
            )
            assert not inspect.isasyncgenfunction(method), f"{path}.{name}"
