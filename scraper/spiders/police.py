"""Crawl one site: its listing pages, their pagination, and every article they list."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any, Self
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from scraper.extract.urls import OriginMap, is_loopback
from scraper.items import SCHEMA_VERSION, ArticleItem
from scraper.platforms import ExtractionError, adapter_for
from scraper.profiles import load_profile
from scraper.state import utc_now

logger = logging.getLogger(__name__)

# Politeness is turned down only for replicas on this machine (tests, demo).
LOOPBACK_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "DOWNLOAD_DELAY_JITTER": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "RETRY_TIMES": 1,
    "RETRY_BACKOFF_BASE": 0,
    "DOWNLOAD_TIMEOUT": 15,
}


def new_run_id() -> str:
    import secrets

    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


class PoliceSpider(scrapy.Spider):
    name = "police"

    def __init__(
        self,
        site: str | None = None,
        base_url: str | None = None,
        max_articles: str | int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not site:
            raise ValueError("the police spider needs a site: -a site=KEY")
        self.profile = load_profile(site)
        self.adapter = adapter_for(self.profile)
        self.origins = OriginMap(self.profile.base_url, base_url)
        self.allowed_domains = [urlsplit(self.origins.fetch).hostname or ""]
        self.max_articles = int(max_articles or 0)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        settings.setdict(spider.profile.settings, priority="spider")
        if is_loopback(spider.origins.fetch) and settings.getbool("POLICE_LOOPBACK_FAST"):
            settings.setdict(LOOPBACK_SETTINGS, priority="spider")
        if not settings.get("POLICE_RUN_ID"):
            settings.set("POLICE_RUN_ID", new_run_id(), priority="spider")
        if spider.max_articles:
            settings.set("POLICE_MAX_ARTICLES", spider.max_articles, priority="spider")
            settings.set("CLOSESPIDER_ITEMCOUNT", spider.max_articles, priority="spider")
        from pathlib import Path

        settings.set(
            "POLICE_DATA_DIR_PATH", Path(settings["POLICE_DATA_DIR"]).resolve(), priority="spider"
        )
        return spider

    @property
    def run_id(self) -> str:
        return self.settings["POLICE_RUN_ID"]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for path in self.profile.start_paths:
            url = self.profile.base_url + path
            yield self._request(url, self.parse_listing, kind="listing", page=1)

    def _request(self, canonical_url: str, callback: Any, kind: str, **meta: Any) -> Any:
        self.crawler.stats.inc_value(f"requests/{kind}")
        return scrapy.Request(
            self.origins.to_fetch(canonical_url),
            callback=callback,
            errback=self.on_error,
            meta={"kind": kind, **meta},
        )

    def parse_listing(self, response: Response) -> Iterator[Any]:
        page_url = self.origins.to_canonical(response.url)
        root = response.selector.root
        self.crawler.stats.inc_value("pages/listing")
        article_urls = self.adapter.listing_article_urls(root, page_url)
        if not article_urls:
            self.crawler.stats.inc_value("pages/listing_empty")
            logger.warning("listing page lists no articles: %s", page_url)
        for url in article_urls:
            yield self._request(url, self.parse_article, kind="article")
        page = response.meta.get("page", 1)
        next_url = self.adapter.next_listing_url(root, page_url)
        if next_url and page < self.profile.max_listing_pages:
            yield self._request(next_url, self.parse_listing, kind="listing", page=page + 1)

    def parse_article(self, response: Response) -> Iterator[ArticleItem]:
        page_url = self.origins.to_canonical(response.url)
        self.crawler.stats.inc_value("pages/article")
        try:
            if not isinstance(response, TextResponse):
                content_type = response.headers.get("Content-Type", b"").decode(errors="replace")
                raise ExtractionError(f"not an HTML page ({content_type or 'no Content-Type'})")
            record = self.adapter.parse_article(response.selector.root, page_url)
        except ExtractionError as exc:
            self.crawler.stats.inc_value("pages/extraction_failed")
            logger.warning("no article extracted from %s: %s", page_url, exc)
            return
        record.update(
            version=1,
            scraped_at=utc_now(),
            run_id=self.run_id,
            schema_version=SCHEMA_VERSION,
        )
        yield ArticleItem(record)

    def on_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        kind = request.meta.get("kind", "other")
        error = failure.value
        response = getattr(error, "response", None)
        reason = f"HTTP {response.status}" if response is not None else failure.type.__name__
        stats = self.crawler.stats
        stats.inc_value(f"errors/{kind}")
        stats.inc_value(f"errors/by_reason/{reason}")
        if not stats.get_value("errors/first"):
            stats.set_value("errors/first", f"{reason} at {request.url}")
        logger.warning("%s page failed: %s (%s)", kind, request.url, reason)
