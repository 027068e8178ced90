"""The crawl benchmark's yardstick: a bare Scrapy spider over a bench site (testbed/bench_site.py).

It fetches what police-archive's crawl of the site fetches (robots.txt, each category's
listing pages by their "next" links, every article they link) with the same download
settings as police-archive on loopback (``scraper.settings`` with the spider's
``LOOPBACK_SETTINGS``), and does one ``lxml.html.fromstring`` per page, nothing else: no
extraction, no archive, no index, no capture. Run as

    python -m testbed.bare_spider SITE BASE_URL STATS_FILE

and it writes Scrapy's stats (start and finish time, responses) to STATS_FILE as JSON.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import lxml.html
import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response

from scraper import settings as project
from scraper.profiles import load_profile
from scraper.spiders.police import LOOPBACK_SETTINGS

# what decides how fast pages come on loopback, as police-archive sets it
_DOWNLOAD_SETTINGS = (
    "USER_AGENT",
    "ROBOTSTXT_OBEY",
    "CONCURRENT_REQUESTS",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "DOWNLOAD_DELAY",
    "AUTOTHROTTLE_ENABLED",
    "COOKIES_ENABLED",
    "TELNETCONSOLE_ENABLED",
    "DOWNLOAD_TIMEOUT",
    "DOWNLOAD_MAXSIZE",
    "DOWNLOAD_WARNSIZE",
    "RETRY_ENABLED",
    "RETRY_TIMES",
    "RETRY_HTTP_CODES",
)
# NukeViet's article URLs: /{category}/{alias}-{id}.html (scraper/platforms/nukeviet.py)
_ARTICLE = re.compile(r"^/[^/]+/[^/]+-\d+\.html$")


def bare_settings() -> dict[str, Any]:
    """police-archive's download settings on loopback, and nothing of its own."""
    values = {name: getattr(project, name) for name in _DOWNLOAD_SETTINGS}
    return {**values, **LOOPBACK_SETTINGS, "LOG_LEVEL": "WARNING"}


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, site: str, base_url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.profile = load_profile(site)
        self.real, self.base = self.profile.base_url.rstrip("/"), base_url.rstrip("/")

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for path in self.profile.start_paths:
            yield scrapy.Request(self.base + path, callback=self.parse_listing)

    def _local(self, href: str) -> str | None:
        """A link of the site, on the loopback origin; None for any other."""
        for origin in (self.real, self.base):
            if href.startswith(origin + "/"):
                return self.base + href[len(origin) :]
        return self.base + href if href.startswith("/") else None

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        root = lxml.html.fromstring(response.body, base_url=response.url)
        for href in root.xpath("//link[@rel='next']/@href | //a[@rel='next']/@href"):
            url = self._local(str(href))
            if url:
                yield scrapy.Request(url, callback=self.parse_listing)
        for href in root.xpath("//a/@href"):
            url = self._local(str(href))
            if url and _ARTICLE.match(url[len(self.base) :]):
                yield scrapy.Request(url, callback=self.parse_article)

    def parse_article(self, response: Response) -> None:
        lxml.html.fromstring(response.body, base_url=response.url)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def main(argv: list[str]) -> int:
    site, base_url, stats_file = argv
    process = CrawlerProcess(settings=bare_settings())
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, site=site, base_url=base_url)
    process.start()
    assert crawler.stats is not None
    stats = {key: _jsonable(value) for key, value in crawler.stats.get_stats().items()}
    Path(stats_file).write_text(json.dumps(stats, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
