"""A crawl's components without a reactor: for the tests (tests/helpers.py) and the
pipeline benchmark (testbed/bench_pipelines.py), which drive pipelines and extensions
in process."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.extension import ExtensionManager
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from scraper.site_run import SiteRun
from scraper.spiders.police import PoliceSpider


@contextmanager
def site_crawler(
    data_dir: Path, run_id: str, *, spider: dict[str, Any], **settings: Any
) -> Iterator[Crawler]:
    """A crawler as Scrapy has it from spider_opened on, without a reactor: project
    settings (plus ``settings``), stats, the spider (made with the arguments ``spider``)
    and the site's SiteRun with the state open. On leaving, the run ends as when the
    engine stops: summary, log, lock."""
    project = Settings()
    project.setmodule("scraper.settings", priority="project")
    project.setdict(
        {"POLICE_DATA_DIR": str(data_dir), "POLICE_RUN_ID": run_id, **settings},
        priority="cmdline",
    )
    crawler = Crawler(PoliceSpider, project)
    crawler.spider = PoliceSpider.from_crawler(crawler, **spider)
    crawler.stats = MemoryStatsCollector(crawler)
    run = SiteRun.from_crawler(crawler)
    crawler.extensions = ExtensionManager(run, crawler=crawler)
    run.spider_opened()
    try:
        yield crawler
    finally:
        run.engine_stopped()
