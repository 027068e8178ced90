"""Crawl one site: its listing pages, their pagination, and the articles they list.

Incremental by default: an article already in the index is not fetched again, and a
category's listing is paged only until a page that brings nothing new, plus
POLICE_INCREMENTAL_OVERLAP more pages. That stop applies only once some run has walked
every listing to its end, so an interrupted first crawl resumes where it was.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from scraper.extract.urls import OriginMap, is_loopback
from scraper.items import COVERAGE_FIELDS, SCHEMA_VERSION, ArticleItem
from scraper.monitors import MonitorConfig
from scraper.platforms import ExtractionError, adapter_for
from scraper.platforms.detect import profile_for_url
from scraper.platforms.wordpress import (
    WordPressAdapter,
    is_rest_response,
    rest_has_more,
    rest_posts_url,
)
from scraper.profiles import load_profile
from scraper.state import ArticleIndex, DataLayout, utc_now

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
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


REST_CHAIN = "wp-json"


def _utc(text: str) -> datetime:
    """A REST API time without offset ("2025-03-05T07:20:00") is UTC."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _truthy(value: object) -> bool:
    # spider arguments arrive as strings from `scrapy crawl -a full=0`
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


class PoliceSpider(scrapy.Spider):
    name = "police"

    def __init__(
        self,
        site: str | None = None,
        base_url: str | None = None,
        max_articles: str | int | None = None,
        full: str | bool = False,
        refresh_days: str | int | None = None,
        url: str | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if bool(site) == bool(url):
            raise ValueError("the police spider needs a site or a URL: -a site=KEY or -a url=URL")
        # A site without a profile: generic until its first listing page tells the platform.
        self.start_url, self.site_name = url, name
        self.profile = load_profile(site) if site else profile_for_url(url or "", name)
        self.adapter = adapter_for(self.profile)
        self.origins = OriginMap(self.profile.base_url, base_url)
        self.allowed_domains = [urlsplit(self.origins.fetch).hostname or ""]
        self.max_articles = int(max_articles or 0)
        self.full = _truthy(full)
        self.refresh_days = int(refresh_days or 0)
        # how each category's listing ended: "end", "max_pages", "incremental", "error"
        self.chain_ends: dict[str, str] = {}

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
        settings.set(
            "POLICE_DATA_DIR_PATH", Path(settings["POLICE_DATA_DIR"]).resolve(), priority="spider"
        )
        if settings.getbool("SPIDERMON_ENABLED"):
            # a misconfigured monitor stops the crawl here, instead of switching itself off
            MonitorConfig.from_settings(settings, spider.profile)
        return spider

    @property
    def run_id(self) -> str:
        return self.settings["POLICE_RUN_ID"]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.settings.getbool("SPIDERMON_ENABLED"):  # their absence must not read as "ok"
            self.crawler.stats.set_value("monitors/expected", True)
        # The pipelines have opened the site state by now (lock, recovery, reconciliation).
        self.index = ArticleIndex(DataLayout(self.settings["POLICE_DATA_DIR_PATH"]))
        self.incremental = not self.full and bool(self.index.walk_completed_at(self.profile.key))
        self.overlap = self.settings.getint("POLICE_INCREMENTAL_OVERLAP")
        self.refresh_after = (
            datetime.now(UTC) - timedelta(days=self.refresh_days) if self.refresh_days else None
        )
        mode = "full" if self.full else "incremental" if self.incremental else "walk everything"
        logger.info("crawling %s (%s): %s", self.profile.key, self.origins.fetch, mode)
        if isinstance(self.adapter, WordPressAdapter):
            # The REST API lists every post with its last change; HTML listings if it is off.
            self.chains = {REST_CHAIN}
            url = rest_posts_url(self.profile.base_url, 1)
            yield self._request(
                url,
                self.parse_rest,
                kind="listing",
                chain=REST_CHAIN,
                page=1,
                handle_httpstatus_all=True,
            )
        else:
            for request in self._html_listings():
                yield request

    def _html_listings(self) -> Iterator[scrapy.Request]:
        self.chains = set(self.profile.start_paths)
        for path in self.profile.start_paths:
            url = self.profile.base_url + path
            yield self._request(url, self.parse_listing, kind="listing", chain=path, page=1)

    def closed(self, reason: str) -> None:
        if not hasattr(self, "index"):  # closed before it started
            return
        walked_to_end = all(end in ("end", "max_pages") for end in self.chain_ends.values())
        stopped_after_complete_walk = self.incremental and "error" not in self.chain_ends.values()
        if (
            reason == "finished"
            and set(self.chain_ends) == self.chains
            and (walked_to_end or stopped_after_complete_walk)
        ):
            self.index.mark_walk_complete(self.profile.key)
        self.index.close()

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
        if self.start_url and response.meta["page"] == 1:
            self._adopt_detected_platform(root)
        stats = self.crawler.stats
        stats.inc_value("pages/listing")
        article_urls = self.adapter.listing_article_urls(root, page_url)
        stats.inc_value("articles/listed", len(article_urls))
        if not article_urls:
            stats.inc_value("pages/listing_empty")
            logger.warning("listing page lists no articles: %s", page_url)
        wanted = [url for url in article_urls if self._wants(url)]
        for url in wanted:
            yield self._request(url, self.parse_article, kind="article")
        next_url = self.adapter.next_listing_url(root, page_url)
        yield from self._next_page(response, article_urls, wanted, next_url, self.parse_listing)

    def _adopt_detected_platform(self, root: Any) -> None:
        self.profile = profile_for_url(self.start_url or "", self.site_name, root)
        self.adapter = adapter_for(self.profile)
        self.crawler.stats.set_value("platform/detected", self.profile.platform)
        logger.info(
            "%s looks like %s (platform detected from %s)",
            self.profile.name,
            self.profile.platform,
            self.start_url,
        )

    def parse_rest(self, response: Response) -> Iterator[Any]:
        """A page of /wp-json/wp/v2/posts: post links and their last change."""
        content_type = response.headers.get("Content-Type", b"").decode(errors="replace")
        if response.status != 200 or not is_rest_response(content_type, response.body):
            if response.meta["page"] == 1:
                logger.info(
                    "no WordPress REST API (HTTP %d, %s): reading the HTML listings",
                    response.status,
                    content_type or "no Content-Type",
                )
                self.crawler.stats.set_value("rest/unavailable", response.status)
                yield from self._html_listings()
            else:
                self.chain_ends[REST_CHAIN] = "error"
                logger.warning(
                    "REST page %d answered HTTP %d", response.meta["page"], response.status
                )
            return
        self.crawler.stats.inc_value("pages/listing")
        posts = {
            self.adapter.canonical_url(post["link"]): post
            for post in json.loads(response.body)
            if isinstance(post, dict) and isinstance(post.get("link"), str)
        }
        self.crawler.stats.inc_value("articles/listed", len(posts))
        wanted = [url for url, post in posts.items() if self._wants(url, post.get("modified_gmt"))]
        for url in wanted:
            # The page gives the record as printed (date line, view counter, related links);
            # the post's JSON stands in if the page cannot be read.
            yield self._request(url, self.parse_article, kind="article", rest_post=posts[url])
        links = list(posts)
        page = response.meta["page"]
        has_more = rest_has_more(response.headers, page)
        next_url = rest_posts_url(self.profile.base_url, page + 1) if has_more else None
        yield from self._next_page(response, links, wanted, next_url, self.parse_rest)

    def _next_page(
        self,
        response: Response,
        listed: list[str],
        wanted: list[str],
        next_url: str | None,
        callback: Any,
    ) -> Iterator[scrapy.Request]:
        """Follow a listing to its next page, unless it ended or brings nothing new."""
        stats = self.crawler.stats
        chain, page = response.meta["chain"], response.meta["page"]
        nothing_new = bool(listed) and not wanted
        streak = response.meta.get("streak", 0) + 1 if nothing_new else 0
        if next_url is None:
            self.chain_ends[chain] = "end"
        elif page >= self.profile.max_listing_pages:
            self.chain_ends[chain] = "max_pages"
        elif self.incremental and streak > self.overlap:
            self.chain_ends[chain] = "incremental"
            stats.inc_value("pages/listing_stopped_incremental")
            logger.info("stopped %s at page %d: nothing new on %d pages", chain, page, streak)
        else:
            yield self._request(
                next_url,
                callback,
                kind="listing",
                chain=chain,
                page=page + 1,
                streak=streak,
                handle_httpstatus_all=callback == self.parse_rest,
            )

    def _wants(self, url: str, modified_gmt: str | None = None) -> bool:
        """Whether an article page must be fetched: unknown, changed since it was last
        seen (where the site says so), --full, or due for a refresh."""
        if self.full:
            return True
        known = self.index.lookup(self.adapter.article_id(url)) or self.index.lookup_url(url)
        if known is None:
            return True
        if modified_gmt and _utc(modified_gmt) > datetime.fromisoformat(known.last_seen):
            self.crawler.stats.inc_value("articles/modified")
            return True
        published = datetime.fromisoformat(known.published_at) if known.published_at else None
        if self.refresh_after and published and published >= self.refresh_after:
            self.crawler.stats.inc_value("articles/refreshed")
            return True
        self.crawler.stats.inc_value("articles/known_skipped")
        return False

    def parse_article(self, response: Response) -> Iterator[ArticleItem]:
        page_url = self.origins.to_canonical(response.url)
        self.crawler.stats.inc_value("pages/article")
        try:
            if not isinstance(response, TextResponse):
                content_type = response.headers.get("Content-Type", b"").decode(errors="replace")
                raise ExtractionError(f"not an HTML page ({content_type or 'no Content-Type'})")
            record = self.adapter.parse_article(response.selector.root, page_url)
        except ExtractionError as exc:
            wordpress = isinstance(self.adapter, WordPressAdapter)
            post = response.meta.get("rest_post") if wordpress else None
            if post is not None:
                logger.warning("%s: %s; the record comes from the REST API", page_url, exc)
                self.crawler.stats.inc_value("articles/from_rest")
                yield from self._item(self.adapter.record_from_rest(post))
                return
            self.crawler.stats.inc_value("pages/extraction_failed")
            self.crawler.stats.inc_value("coverage/pages")  # counts as a page with no field
            logger.warning("no article extracted from %s: %s", page_url, exc)
            return
        yield from self._item(record)

    def _item(self, record: dict[str, Any]) -> Iterator[ArticleItem]:
        self._count_coverage(record)
        record.update(
            version=1,
            scraped_at=utc_now(),
            run_id=self.run_id,
            schema_version=SCHEMA_VERSION,
        )
        yield ArticleItem(record)

    def _count_coverage(self, record: dict[str, Any]) -> None:
        stats = self.crawler.stats
        stats.inc_value("coverage/pages")
        for name in COVERAGE_FIELDS:
            if record.get(name) not in (None, "", []):
                stats.inc_value(f"coverage/{name}")

    def on_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        kind = request.meta.get("kind", "other")
        if kind == "listing":
            self.chain_ends[request.meta["chain"]] = "error"
        error = failure.value
        response = getattr(error, "response", None)
        reason = f"HTTP {response.status}" if response is not None else failure.type.__name__
        stats = self.crawler.stats
        stats.inc_value(f"errors/{kind}")
        stats.inc_value(f"errors/by_reason/{reason}")
        if not stats.get_value("errors/first"):
            stats.set_value("errors/first", f"{reason} at {request.url}")
        if not stats.get_value(f"errors/example/{reason}"):
            stats.set_value(f"errors/example/{reason}", request.url)
        logger.warning("%s page failed: %s (%s)", kind, request.url, reason)
