"""The adapters on the replicas: every article page against its truth, and a listing walk
for recall and duplicates, as a crawl would see them (with what the listings print)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import html
from scrapy.http import HtmlResponse

from scraper.extract.generic import ListedArticle, PageContext
from scraper.platforms import ExtractionError, adapter_for
from scraper.platforms.base import PlatformAdapter
from scraper.platforms.detect import profile_for_url
from scraper.site_profile import SiteProfile
from testbed.evaluate.fields import Score, score_record
from testbed.replica import Page, Replica, build_replica

_MAX_LISTING_PAGES = 30


def root_of(page: Page, url: str = "http://replica.invalid/") -> html.HtmlElement:
    """The page's tree, decoded as a crawl decodes it (the Content-Type header, else the
    page's own charset declaration, else a guess)."""
    headers = {"Content-Type": page.content_type}
    return HtmlResponse(url=url, body=page.body, headers=headers).selector.root


def served_page(replica: Replica, url: str) -> Page | None:
    """The page served for a URL of the site (following the trailing-slash redirect)."""
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    for path in (parts.path + query, parts.path.rstrip("/") + "/" + query, parts.path or "/"):
        page = replica.pages.get(path)
        if page is not None and page.status == 200:
            return page
    return None


def walk_listings(
    replica: Replica, adapter: PlatformAdapter, starts: tuple[str, ...] | None = None
) -> list[ListedArticle]:
    """Every article link of the listings (each category from its first page, following
    the next page), first occurrence of each article, with what its item prints."""
    found: dict[str, ListedArticle] = {}
    for start in starts or replica.start_paths:
        url: str | None = adapter.profile.base_url + start
        for _ in range(_MAX_LISTING_PAGES):
            served = served_page(replica, url) if url else None
            if served is None:
                break
            page = adapter.listing(PageContext(root_of(served, url or ""), url or ""))
            for item in page.articles:
                found.setdefault(adapter.canonical_url(item.url), item)
            url = page.next_url
    return list(found.values())


def listed_by_identity(replica: Replica, adapter: PlatformAdapter) -> dict[str, ListedArticle]:
    return {adapter.canonical_url(i.url): i for i in walk_listings(replica, adapter)}


def parse_all(replica: Replica, adapter: PlatformAdapter) -> list[tuple[dict, dict | None]]:
    """(truth, record or None) for every article page, given what the listings print."""
    listed = listed_by_identity(replica, adapter)
    pairs = []
    for path, truth in zip(replica.article_paths, replica.truth, strict=True):
        hint = listed.get(adapter.canonical_url(truth["url"]))
        try:
            root = root_of(replica.pages[path], truth["url"])
            record = adapter.parse_article(root, truth["url"], hint)
        except ExtractionError:
            record = None
        pairs.append((truth, record))
    return pairs


def score_adapter(replica: Replica, adapter: PlatformAdapter) -> Score:
    """Article pages field by field, then the listing walk for recall and duplicates."""
    score = Score()
    for truth, record in parse_all(replica, adapter):
        score_record(score, record, truth)
    by_url = {t["url"]: t for t in replica.truth}
    by_identity = {adapter.canonical_url(t["url"]): t for t in replica.truth}
    seen_ids: dict[str, str] = {}
    duplicates = 0
    found: set[str] = set()
    for item in walk_listings(replica, adapter):
        served = served_page(replica, item.url)
        if served is None:
            duplicates += 1  # a listed URL that is no article page
            continue
        try:
            record = adapter.parse_article(root_of(served, item.url), item.url, item)
        except ExtractionError:
            continue
        truth = by_url.get(record["url"]) or by_identity.get(adapter.canonical_url(record["url"]))
        key = truth["url"] if truth else record["url"]
        if key in found or (record["id"] in seen_ids and seen_ids[record["id"]] != key):
            duplicates += 1  # the same article twice, or two articles under one id
        found.add(key)
        seen_ids[record["id"]] = key
    score.duplicates = duplicates
    score.listed = len(found & set(by_url))
    score.expected = len(by_url)
    return score


def unseen_profile(key: str) -> SiteProfile:
    """What ``crawl --url`` builds from the first listing page and its first article."""
    replica = build_replica(key)
    base = re.match(r"https?://[^/]+", replica.truth[0]["url"]).group(0)  # type: ignore[union-attr]
    start = replica.start_paths[0]
    listing = root_of(replica.pages[start], base + start)
    provisional = profile_for_url(base + start, key, listing)
    first = next(iter(walk_listings(replica, adapter_for(provisional), (start,))), None)
    article = served_page(replica, first.url) if first else None
    return profile_for_url(
        base + start,
        key,
        listing,
        article_root=root_of(article, first.url) if article and first else None,
        article_url=first.url if first else None,
    )
