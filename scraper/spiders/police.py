"""Crawl one site: its listing pages, their pagination, and the articles they list.

Incremental by default: an article already in the index is not fetched again, and a
category's listing is paged only until a page that brings nothing new, plus
POLICE_INCREMENTAL_OVERLAP more pages. That stop applies only once some run has walked
every listing to its end, so an interrupted first crawl resumes where it was.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import HtmlResponse, Response, TextResponse
from twisted.python.failure import Failure

from pipelines.drops import InvalidRecord
from scraper.capture import CAPTURE_META, Capture
from scraper.extract.generic import ListedArticle, PageContext, same_listing, url_shape
from scraper.extract.urls import OriginMap, is_loopback, same_site
from scraper.items import ArticleItem
from scraper.platforms import ExtractionError, adapter_for
from scraper.platforms.base import (
    API_PAGES,
    LISTING_PAGES,
    SITEMAP,
    Fetched,
    Source,
    SourceResult,
    page_root,
)
from scraper.platforms.detect import profile_for_url
from scraper.profiles import load_profile
from scraper.record import COVERAGE_FIELDS, SCHEMA_VERSION
from scraper.site_profile import SiteProfile
from scraper.site_run import SiteRun
from scraper.spiders.article_limit import ArticleLimit
from scraper.state import Identities, utc_now

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


def _utc(text: str) -> datetime | None:
    """A source's change time; without an offset (the REST API's ``modified_gmt``) it is
    UTC. None when it cannot be read."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _truthy(value: object) -> bool:
    # spider arguments arrive as strings from `scrapy crawl -a full=0`
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


# Sitemap documents read per run at most (an index may name hundreds).
MAX_SITEMAP_DOCUMENTS = 50
# Source kinds whose pages form the walks the incremental stop relies on.
_WALKS = (LISTING_PAGES, API_PAGES)


class PoliceSpider(scrapy.Spider):
    name = "police"
    reparsing = False  # scraper/spiders/reparse.py: records read again from captures
    limit: ArticleLimit  # made in from_crawler: it needs the crawler

    def __init__(
        self,
        site: str | None = None,
        base_url: str | None = None,
        max_articles: str | int | None = None,
        full: str | bool = False,
        refresh_days: str | int | None = None,
        url: str | None = None,
        name: str | None = None,
        profile: SiteProfile | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if sum(1 for given in (site, url, profile) if given) != 1:
            raise ValueError("the police spider needs a site or a URL: -a site=KEY or -a url=URL")
        # A site without a profile: generic until its first pages tell the platform.
        self.start_url, self.site_name = url, name
        self.detecting = bool(url)
        # a site remembered in DATA (scraper/remembered.py) comes as its profile
        self.profile = profile or (load_profile(site) if site else profile_for_url(url or "", name))
        self.adapter = adapter_for(self.profile)
        self.origins = OriginMap(self.profile.base_url, base_url)
        self.allowed_domains = [urlsplit(self.origins.fetch).hostname or ""]
        self.max_articles = int(max_articles or 0)
        self.full = _truthy(full)
        self.refresh_days = int(refresh_days or 0)
        # how each walk (a category's listing, the REST API) ended:
        # "end", "max_pages", "incremental", "error"
        self.chain_ends: dict[str, str] = {}
        self._streaks: dict[str, int] = {}
        self.chains: set[str] = set()
        self.requested = Identities()  # article identities requested in this run
        self.passed_over = Identities()  # known articles not fetched (counted once)
        self.article_shapes: set[str] = set()  # URL shapes of the listings' article links
        self.strict_shapes: set[str] = set()  # the same, the section segment kept
        self.navigation: set[str] = set()  # identities of the pages the menus link
        self.sources_seen: set[str] = set()  # sitemaps, feeds and robots.txt requested
        self.more_sources_started = False
        # sitemaps and feeds wait until the listings are read: an article is requested
        # from its listing item first, which may print its view counter
        self.deferred: list[scrapy.Request] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._read_deferred_sources, signal=signals.spider_idle)
        spider.limit = ArticleLimit(crawler, spider.max_articles)
        # every outcome of an article page settles it (see article_limit)
        for signal, archived in (
            (signals.item_scraped, True),
            (signals.item_dropped, False),
            (signals.item_error, False),
        ):
            crawler.signals.connect(spider._settle_item(archived), signal=signal, weak=False)
        crawler.signals.connect(spider._settle_spider_error, signal=signals.spider_error)
        crawler.signals.connect(spider._invalid_record, signal=signals.item_dropped)
        settings = crawler.settings
        settings.setdict(spider.profile.settings, priority="spider")
        if is_loopback(spider.origins.fetch) and settings.getbool("POLICE_LOOPBACK_FAST"):
            settings.setdict(LOOPBACK_SETTINGS, priority="spider")
        if not settings.get("POLICE_RUN_ID"):
            settings.set("POLICE_RUN_ID", new_run_id(), priority="spider")
        settings.set(
            "POLICE_DATA_DIR_PATH", Path(settings["POLICE_DATA_DIR"]).resolve(), priority="spider"
        )
        return spider

    @property
    def run_id(self) -> str:
        return str(self.settings["POLICE_RUN_ID"])

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.settings.getbool("SPIDERMON_ENABLED"):  # their absence must not read as "ok"
            self.crawler.stats.set_value("monitors/expected", True)
        # opened by the run's owner when the spider opened: lock, recovery, reconciliation
        self.index = SiteRun.of(self.crawler).state.index
        self.incremental = not self.full and bool(self.index.walk_completed_at(self.profile.key))
        self.overlap = self.settings.getint("POLICE_INCREMENTAL_OVERLAP")
        self.refresh_after = (
            datetime.now(UTC) - timedelta(days=self.refresh_days) if self.refresh_days else None
        )
        self.crawler.stats.set_value("platform/name", self.profile.platform)
        mode = "full" if self.full else "incremental" if self.incremental else "walk everything"
        logger.info("crawling %s (%s): %s", self.profile.key, self.origins.fetch, mode)
        self.max_attempts = self.settings.getint("POLICE_MAX_ATTEMPTS")
        failures = self.index.failures(self.profile.key)
        # article ids that failed max_attempts times: not fetched again but by --full
        self.given_up = {f[0] for f in failures if f[3] >= self.max_attempts}
        self.crawler.stats.set_value("articles/given_up", len(self.given_up))
        for source in self.adapter.first_sources():
            yield self._source_request(source)
        for request in self._retries(failures):
            yield request

    def _retries(self, failures: list[tuple[str, str, str, int]]) -> Iterator[scrapy.Request]:
        """The articles whose page failed in earlier runs, fetched again whatever the
        listings say (the incremental stop may never reach them), until they have failed
        POLICE_MAX_ATTEMPTS times; then they are reported as given up."""
        stats = self.crawler.stats
        for article_id, url, reason, attempts in failures:
            if article_id in self.given_up:
                continue
            # counted whichever asks first: Scrapy may read a listing that links the
            # article before this generator is resumed, and that request is the retry
            stats.inc_value("articles/retried")
            logger.info("fetching again %s (failed %d times: %s)", url, attempts, reason)
            identity = self.adapter.canonical_url(url)
            if identity not in self.requested:
                self.requested.add(identity)
                yield from self._article_request(url, self.parse_article, retry=True)

    def _remember_failure(self, url: str, reason: str) -> None:
        """An article whose page failed: the next runs fetch it again (see _retries)."""
        site = self.profile.key
        article_id = self.adapter.article_id(url)
        attempts = self.index.record_failure(site, article_id, url, reason)
        if attempts >= self.max_attempts:
            self.given_up.add(article_id)
            self.crawler.stats.inc_value("articles/given_up")
            logger.warning("gave up on %s after %d failed attempts: %s", url, attempts, reason)
        else:
            self.crawler.stats.inc_value("articles/failed_to_retry")

    def closed(self, reason: str) -> None:
        if not hasattr(self, "index"):  # closed before it started
            return
        self._warn_about_unused_selectors()
        walked_to_end = all(end in ("end", "max_pages") for end in self.chain_ends.values())
        stopped_after_complete_walk = self.incremental and "error" not in self.chain_ends.values()
        to_retry = [f for f in self.index.failures(self.profile.key) if f[3] < self.max_attempts]
        if to_retry:  # complete once every listed article is archived or given up
            logger.info("%d articles failed and are fetched again next run", len(to_retry))
        if (
            reason == "finished"
            and set(self.chain_ends) == self.chains
            and (walked_to_end or stopped_after_complete_walk)
            and not to_retry
        ):
            self.index.mark_walk_complete(self.profile.key)

    def _warn_about_unused_selectors(self) -> None:
        """One line per field the adapter has a selector for that matched on no page while
        the generic rule read it: the site's layout has likely changed."""
        stats = self.crawler.stats
        for name in self.adapter.hinted_fields():
            generic = stats.get_value(f"field_source/{name}/generic", 0)
            if generic and not stats.get_value(f"field_source/{name}/adapter", 0):
                logger.warning(
                    "%s: the %s adapter's selector for %s matched on no page; the generic rule "
                    "read it on %d: has the layout changed?",
                    self.profile.key,
                    self.profile.platform,
                    name.replace("_", " "),
                    generic,
                )

    def _request(self, canonical_url: str, callback: Any, kind: str, **meta: Any) -> scrapy.Request:
        self.crawler.stats.inc_value(f"requests/{kind}")
        return self._unsent(canonical_url, callback, kind, **meta)

    def _unsent(
        self, canonical_url: str, callback: Any, kind: str, dont_filter: bool = False, **meta: Any
    ) -> scrapy.Request:
        request: scrapy.Request = scrapy.Request(
            self.origins.to_fetch(canonical_url),
            callback=callback,
            errback=self.on_error,
            meta={"kind": kind, **meta},
            dont_filter=dont_filter,
        )
        return request

    def _article_request(
        self, url: str, callback: Any, *, retry: bool = False, **meta: Any
    ) -> Iterator[Any]:
        """An article page, fetched now or when the article limit lets it go. Articles
        are told apart by identity (``self.requested``), not by Scrapy's URL filter,
        which would drop a page silently and leave the limit waiting for it. A page that
        failed in an earlier run is counted apart (requests/article_retry): the share of
        this run's pages archived is about the pages the listings gave."""
        request = self._unsent(url, callback, "article", dont_filter=True, **meta)
        counter = "requests/article_retry" if retry else "requests/article"
        count = lambda: self.crawler.stats.inc_value(counter)  # noqa: E731
        if self.limit.admit(request, count):
            yield request

    def _settle_item(self, archived: bool) -> Any:
        def settle(*_: Any, **__: Any) -> None:
            self.limit.settled(archived)

        return settle

    def _invalid_record(self, item: Any, exception: BaseException) -> None:
        if isinstance(exception, InvalidRecord):  # the page's record is no archive line
            self._remember_failure(str(item["url"]), str(exception))

    def _settle_spider_error(self, response: Response) -> None:
        if response.meta.get("kind") == "article":
            self.limit.settled(False)

    def _source_request(self, source: Source, **meta: Any) -> scrapy.Request:
        walk = source.kind in _WALKS
        if walk:
            self.chains.add(source.chain)
        return self._request(
            source.url,
            self.parse_listing,
            kind="listing" if walk else "discovery",
            source=source,
            chain=source.chain,
            page=source.page,
            # a missing sitemap, API or section page is an answer, not an error
            handle_httpstatus_all=source.kind != LISTING_PAGES or source.probe,
            **meta,
        )

    # -- listings, feeds, sitemaps, API pages ------------------------------------------------
    def parse_listing(self, response: Response) -> Iterator[Any]:
        meta = response.meta
        page_url = self.origins.to_canonical(response.url)
        source = meta.get("source") or Source(LISTING_PAGES, page_url, meta["chain"], meta["page"])
        try:
            fetched = self._fetched(response, page_url)
            if self.detecting and source.kind == LISTING_PAGES and fetched.root is not None:
                yield from self._detect(source, fetched)
            else:
                yield from self._read_source(source, fetched)
        except Exception as exc:  # one page fails alone: counted, one line, the crawl goes on
            self._page_failed(source.kind, page_url, exc)
            if source.kind in _WALKS:
                self.chain_ends[source.chain] = "error"

    def _read_source(self, source: Source, fetched: Fetched) -> Iterator[Any]:
        result = self.adapter.read(source, fetched)
        self._record_reading(result)
        if result.instead:
            self.chains.discard(source.chain)
            for other in result.instead:
                yield self._source_request(other)
            return
        listed = self._listed(source, fetched, result)
        if listed is None:
            return
        self._count_page(source, fetched, result, listed)
        wanted = self._wanted(listed)
        for item in wanted:
            self.crawler.stats.inc_value(f"discovery/{source.kind}")
            yield from self._article_request(item.url, self.parse_article, listed=item)
        if source.kind in _WALKS:
            if result.failed:
                self.chain_ends[source.chain] = "error"
            else:
                yield from self._next_page(source, [i.url for i in listed], wanted, result.next)
        yield from self._sources_found(source, result)

    def _record_reading(self, result: SourceResult) -> None:
        stats = self.crawler.stats
        for name, value in result.stats.items():
            stats.set_value(name, value)
        for step, rule in result.rules.items():
            stats.inc_value(f"field_source/listing_{step}/{rule}")

    def _listed(
        self, source: Source, fetched: Fetched, result: SourceResult
    ) -> list[ListedArticle] | None:
        """The page's acceptable article links; None for a probed section page that lists
        none ("Giới thiệu", "Liên hệ"): it is no walk."""
        if not source.probe:
            return [item for item in result.articles if self._acceptable(item, result.trusted)]
        listed = [i for i in result.articles if self._acceptable(i, trusted=False)]
        if fetched.status != 200 or not listed:
            self.chains.discard(source.chain)
            self.crawler.stats.inc_value("pages/section_skipped")
            return None
        self.crawler.stats.inc_value("pages/section_listing")
        return listed

    def _count_page(
        self, source: Source, fetched: Fetched, result: SourceResult, listed: list[ListedArticle]
    ) -> None:
        stats = self.crawler.stats
        if source.kind not in _WALKS:
            stats.inc_value(f"pages/{source.kind}")
        else:
            stats.inc_value("pages/listing")
            stats.inc_value("articles/listed", len(result.articles))
            if not result.articles and not result.failed:
                stats.inc_value("pages/listing_empty")
                logger.warning("listing page lists no articles: %s", fetched.url)
        if source.kind == LISTING_PAGES and not source.probe:
            self.article_shapes.update(self._shape(item.url) for item in listed)
            self.strict_shapes.update(url_shape(self.adapter.canonical_url(i.url)) for i in listed)
        self.navigation.update(self.adapter.canonical_url(u) for u in result.sections)

    def _wanted(self, listed: list[ListedArticle]) -> list[ListedArticle]:
        """The listed articles to fetch: not requested in this run, and wanted (_wants)."""
        wanted = []
        for item in listed:
            identity = self.adapter.canonical_url(item.url)
            if identity in self.requested:
                continue
            if not self._wants(item.url, item.modified):
                if identity not in self.passed_over:  # counted once, whatever lists it
                    self.passed_over.add(identity)
                    self.crawler.stats.inc_value("articles/known_skipped")
                continue
            self.requested.add(identity)
            wanted.append(item)
        return wanted

    def _sources_found(self, source: Source, result: SourceResult) -> Iterator[scrapy.Request]:
        """What the page told of other sources: feeds and sitemaps (deferred), the sections
        of a crawl --url, the adapter's further sources once a walk has begun."""
        for found in result.found:
            self._defer_discovery(found)
        first_listing = source.kind == LISTING_PAGES and source.page == 1 and not source.probe
        if self.start_url and first_listing:
            yield from self._probe_sections(result.sections)
        if source.kind in _WALKS and not self.more_sources_started:
            self.more_sources_started = True
            for extra in self.adapter.more_sources():
                self._defer_discovery(extra)

    def _probe_sections(self, sections: tuple[str, ...]) -> Iterator[scrapy.Request]:
        """Crawl --url: the other sections its navigation links, each walked like the start
        listing if it lists articles shaped like the start listing's."""
        listings = [self.profile.base_url + p for p in self.profile.start_paths]
        for url in sections:
            parts = urlsplit(url)
            chain = parts.path + (f"?{parts.query}" if parts.query else "")
            if chain in self.chains or self.adapter.is_listing_url(url):
                continue
            if any(same_listing(url, listing) for listing in listings):
                continue  # another page of a listing already walked
            if url_shape(self.adapter.canonical_url(url)) in self.strict_shapes:
                continue  # an article linked from a menu
            yield self._source_request(Source(LISTING_PAGES, url, chain, probe=True))

    def _defer_discovery(self, source: Source) -> None:
        """Sitemaps, feeds and robots.txt: read on a full walk only (a rerun of an
        unchanged site costs the listings' first pages and nothing more)."""
        if self.incremental or source.url in self.sources_seen:
            return
        if source.kind == SITEMAP and len(self.sources_seen) >= MAX_SITEMAP_DOCUMENTS:
            return
        self.sources_seen.add(source.url)
        self.deferred.append(self._source_request(source))

    def _read_deferred_sources(self) -> None:
        """When nothing else is left to fetch: the sitemaps and feeds found so far."""
        if not self.deferred:
            return
        waiting, self.deferred = self.deferred, []
        for request in waiting:
            self.crawler.engine.crawl(request)
        raise DontCloseSpider

    def _acceptable(self, item: ListedArticle, trusted: bool) -> bool:
        """An article link of this site; from a sitemap or feed, one shaped like the
        listings' article links (sitemaps also list categories, tags and pages)."""
        if not same_site(item.url, self.profile.base_url):
            return False
        if trusted:
            return True
        if self.adapter.canonical_url(item.url) in self.navigation:
            return False  # a section page the menus link ("/chuyen-muc/an-ninh-trat-tu")
        return (
            self.adapter.is_article_url(item.url) and self._shape(item.url) in self.article_shapes
        )

    def _shape(self, url: str) -> str:
        """The shape of an article's identity (navigation parameters left out), its first
        path segment abstracted when more follow: that segment is often the section
        ("/tin-tuc/2024/11/slug", "/antt/2024/11/slug"), and an article of another section
        is still an article."""
        shape = url_shape(self.adapter.canonical_url(url))
        return re.sub(r"^(/)[^/?]+(?=/[^?])", r"\1{s}", shape)

    def _fetched(self, response: Response, page_url: str) -> Fetched:
        headers = {
            key.decode("latin-1").lower(): (values[0] if values else b"").decode("latin-1")
            for key, values in response.headers.items()
        }
        root = None
        if isinstance(response, HtmlResponse) or (
            isinstance(response, TextResponse) and b"<html" in response.body[:2048].lower()
        ):
            root = page_root(response)
        return Fetched(
            url=page_url,
            status=response.status,
            content_type=headers.get("content-type", ""),
            body=response.body,
            headers=headers,
            root=root,
        )

    def _detect(self, source: Source, fetched: Fetched) -> Iterator[Any]:
        """Crawl --url: the platform is decided on the first listing page and, if it lists
        one, on its first article page (see ``platforms.detect``)."""
        self._adopt(profile_for_url(self.start_url or "", self.site_name, fetched.root))
        first = next(iter(self.adapter.read(source, fetched).articles), None)
        if first is None:
            self.detecting = False
            yield from self._read_source(source, fetched)
            return
        self.crawler.stats.inc_value("discovery/detection")
        yield from self._article_request(
            first.url, self.parse_detection, listed=first, pending=(source, fetched)
        )

    def parse_detection(self, response: Response) -> Iterator[Any]:
        source, fetched = response.meta["pending"]
        page_url = self.origins.to_canonical(response.url)
        if isinstance(response, TextResponse):
            self._adopt(
                profile_for_url(
                    self.start_url or "",
                    self.site_name,
                    fetched.root,
                    article_root=page_root(response),
                    article_url=page_url,
                )
            )
        self.detecting = False
        self.requested.add(self.adapter.canonical_url(page_url))
        yield from self.parse_article(response)
        yield from self._read_source(source, fetched)

    def _adopt(self, profile: Any) -> None:
        self.profile = profile
        self.adapter = adapter_for(profile)
        self.crawler.stats.set_value("platform/detected", profile.platform)
        self.crawler.stats.set_value("platform/name", profile.platform)
        logger.info(
            "%s looks like %s (platform detected from %s)",
            profile.name,
            profile.platform,
            self.start_url,
        )

    def _next_page(
        self,
        source: Source,
        listed: list[str],
        wanted: list[ListedArticle],
        following: Source | None,
    ) -> Iterator[scrapy.Request]:
        """Follow a walk to its next page, unless it ended or brings nothing new."""
        stats = self.crawler.stats
        chain, page = source.chain, source.page
        streak_key = f"streak/{chain}"
        nothing_new = bool(listed) and not wanted
        streak = self._streaks.get(streak_key, 0) + 1 if nothing_new else 0
        self._streaks[streak_key] = streak
        if following is None:
            self.chain_ends[chain] = "end"
        elif page >= self.profile.max_listing_pages:
            self.chain_ends[chain] = "max_pages"
        elif self.incremental and streak > self.overlap:
            self.chain_ends[chain] = "incremental"
            stats.inc_value("pages/listing_stopped_incremental")
            logger.info("stopped %s at page %d: nothing new on %d pages", chain, page, streak)
        else:
            yield self._source_request(following)

    def _wants(self, url: str, modified: str | None = None) -> bool:
        """Whether an article page must be fetched: unknown, changed since it was last
        seen (where the source says so), --full, or due for a refresh."""
        if self.full:
            return True
        if self.adapter.article_id(url) in self.given_up:
            return False
        known = self.index.lookup(self.adapter.article_id(url)) or self.index.lookup_url(url)
        if known is None:
            return True
        changed = _utc(modified) if modified else None
        if changed and changed > datetime.fromisoformat(known.last_seen):
            self.crawler.stats.inc_value("articles/modified")
            return True
        published = datetime.fromisoformat(known.published_at) if known.published_at else None
        if self.refresh_after and published and published >= self.refresh_after:
            self.crawler.stats.inc_value("articles/refreshed")
            return True
        return False

    # -- articles ----------------------------------------------------------------------------
    def parse_article(self, response: Response) -> Iterator[ArticleItem]:
        page_url = self.origins.to_canonical(response.url)
        meta = response.meta if response.request is not None else {}
        listed: ListedArticle | None = meta.get("listed")
        stats = self.crawler.stats
        stats.inc_value("pages/article")
        record = self._article_record(response, page_url, listed)
        if record is None:
            self.limit.settled(False)  # no item: nothing else will settle the page
            return
        yield from self._item(record)

    def _article_record(
        self, response: Response, page_url: str, listed: ListedArticle | None
    ) -> dict[str, Any] | None:
        """The page's record, its listing source's stand-in, or None (logged, counted)."""
        stats = self.crawler.stats
        try:
            if not isinstance(response, TextResponse):
                content_type = (response.headers.get("Content-Type") or b"").decode(
                    errors="replace"
                )
                raise ExtractionError(f"not an HTML page ({content_type or 'no Content-Type'})")
            parsed = self.adapter.parse_page(PageContext(page_root(response), page_url), listed)
            if (
                not (parsed.record["title"] and parsed.record["body"])
                and listed
                and listed.stand_in
            ):
                missing = "title" if not parsed.record["title"] else "text"
                raise ExtractionError(f"the page shows no {missing}")
        except ExtractionError as exc:
            stand_in = self.adapter.stand_in_record(listed.stand_in) if listed else None
            if stand_in is not None:
                logger.warning("%s: %s; the record comes from its listing source", page_url, exc)
                stats.inc_value("articles/stand_in")
                return stand_in
            stats.inc_value("pages/extraction_failed")
            stats.inc_value("coverage/pages")  # counts as a page with no field
            logger.warning("no article extracted from %s: %s", page_url, exc)
            self._remember_failure(page_url, f"no article extracted: {exc}")
            return None
        except Exception as exc:  # one page fails alone: counted, one line, the crawl goes on
            self._page_failed("article", page_url, exc)
            stats.inc_value("pages/extraction_failed")
            stats.inc_value("coverage/pages")
            self._remember_failure(page_url, f"{type(exc).__name__}: {exc}")
            return None
        for name, rule in parsed.sources.items():
            stats.inc_value(f"field_source/{name}/{rule}")
        capture: Capture | None = response.meta.get(CAPTURE_META) if response.request else None
        return {  # the response it came from, in DATA/warc (a stand-in has none)
            **parsed.record,
            "warc_file": capture.warc_file if capture else None,
            "warc_record_id": capture.record_id if capture else None,
        }

    def _item(self, record: dict[str, Any]) -> Iterator[ArticleItem]:
        self._count_coverage(record)
        record.setdefault("warc_file", None)
        record.setdefault("warc_record_id", None)
        record.update(  # the version is the index's to decide (pipelines/dedupe.py)
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

    def _page_failed(self, kind: str, url: str, exc: Exception) -> None:
        """A page whose reading raised: its type counted, one line (the traceback only at
        DEBUG, for whoever fixes the rule)."""
        name = type(exc).__name__
        self.crawler.stats.inc_value(f"pages/parse_error/{name}")
        logger.warning("%s page could not be read: %s (%s: %s)", kind, url, name, exc)
        logger.debug("the %s page %s raised", kind, url, exc_info=True)

    def on_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        kind = request.meta.get("kind", "other")
        source = request.meta.get("source")
        if source is not None and source.probe:
            self.chains.discard(source.chain)  # a section page that is not there: no walk
        elif kind == "listing":
            self.chain_ends[request.meta["chain"]] = "error"
        elif kind == "article":
            self.limit.settled(False)
        error = failure.value
        response = getattr(error, "response", None)
        error_type = failure.type.__name__ if failure.type else "error"
        reason = f"HTTP {response.status}" if response is not None else error_type
        stats = self.crawler.stats
        stats.inc_value(f"errors/{kind}")
        stats.inc_value(f"errors/by_reason/{reason}")
        if not stats.get_value("errors/first"):
            stats.set_value("errors/first", f"{reason} at {request.url}")
        if not stats.get_value(f"errors/example/{reason}"):
            stats.set_value(f"errors/example/{reason}", request.url)
        detail = str(error) if response is None else ""
        # the why of a download error, when it says more than its name (sizes, timeouts)
        logger.warning(
            "%s page failed: %s (%s%s)", kind, request.url, reason, f": {detail}" if detail else ""
        )
        if kind == "article":
            self._remember_failure(self.origins.to_canonical(request.url), reason)
