"""What every platform adapter shares: selectors are data, extraction is the field extractors."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit, urlunsplit

from cssselect import GenericTranslator
from lxml import etree, html

from scraper.extract.credits import Credit, parse_credit
from scraper.extract.dates import parse_vietnamese_datetime, strip_date_label, to_iso
from scraper.extract.html import (
    clean_html,
    element_text,
    images_in,
    links_in,
    meta_content,
    text_blocks,
)
from scraper.extract.text import clean_line
from scraper.extract.urls import article_id, canonicalize_url, origin_of, same_site
from scraper.extract.views import find_view_count, remove_view_counter
from scraper.profiles import SiteProfile


class ExtractionError(ValueError):
    """A page that should be an article lacks something every article has."""


@lru_cache(maxsize=256)
def _xpath(css: str) -> etree.XPath:
    return etree.XPath(GenericTranslator().css_to_xpath(css))


def select(root: html.HtmlElement, css: str | None) -> list[html.HtmlElement]:
    """Elements matching a CSS selector (compiled once per selector)."""
    return list(_xpath(css)(root)) if css else []


def select_first_text(root: html.HtmlElement, css: str | None) -> str:
    """Text of the first matching element that has any."""
    for element in select(root, css):
        text = element_text(element)
        if text:
            return text
    return ""


class PlatformAdapter:
    """Reads listing and article pages of one CMS family.

    Subclasses set the class attributes below (CSS selectors and the article URL shape)
    and override a method only where their CMS really differs.
    """

    platform: ClassVar[str]
    # Path of an article URL; group "id" is the site's own article number, if any.
    article_path: ClassVar[re.Pattern[str]]
    listing_links_css: ClassVar[str]
    next_page_css: ClassVar[str] = "a[rel~=next]"
    title_css: ClassVar[str] = "h1"
    category_css: ClassVar[str | None] = None
    breadcrumb_css: ClassVar[str | None] = ".breadcrumb li"
    dateline_css: ClassVar[str | None] = None
    views_css: ClassVar[str | None] = None  # None: the counter is on the date line
    lead_css: ClassVar[str | None] = None
    lead_image_css: ClassVar[str | None] = None
    body_css: ClassVar[str]
    credit_css: ClassVar[str | None] = None
    related_css: ClassVar[str | None] = None
    tags_css: ClassVar[str | None] = None
    # Inside the body: elements that are not article text (share bars, widgets...).
    body_noise_css: ClassVar[str | None] = None

    def __init__(self, profile: SiteProfile) -> None:
        self.profile = profile

    # -- URLs ---------------------------------------------------------------------------
    def canonical_url(self, url: str) -> str:
        """One URL per article, whatever variant was linked: on the site's own host, with
        the profile's scheme and spelling (http/https, "www.", a default port)."""
        canonical = canonicalize_url(url)
        if same_site(canonical, self.profile.base_url):
            parts = urlsplit(canonical)
            rest = urlunsplit(("", "", parts.path, parts.query, ""))
            return origin_of(self.profile.base_url) + rest
        return canonical

    def is_article_url(self, url: str) -> bool:
        path = urlsplit(url).path or "/"
        return same_site(url, self.profile.base_url) and bool(self.article_path.search(path))

    def article_id(self, canonical_url: str) -> str:
        return article_id(self.profile.key, canonical_url, self.article_path)

    # -- listings -----------------------------------------------------------------------
    def listing_article_urls(self, root: html.HtmlElement, page_url: str) -> list[str]:
        """Article links of the listing's main list, canonical, in page order."""
        urls: list[str] = []
        for anchor in select(root, self.listing_links_css):
            href = (anchor.get("href") or "").strip()
            if not href:
                continue
            url = self.canonical_url(urljoin(page_url, href))
            if self.is_article_url(url) and url not in urls:
                urls.append(url)
        return urls

    def next_listing_url(self, root: html.HtmlElement, page_url: str) -> str | None:
        for anchor in select(root, self.next_page_css):
            href = (anchor.get("href") or "").strip()
            if href and not href.startswith(("#", "javascript:")):
                url = canonicalize_url(urljoin(page_url, href))
                if url != canonicalize_url(page_url):
                    return url
        return None

    # -- articles -----------------------------------------------------------------------
    def article_url(self, root: html.HtmlElement, fetched_url: str) -> str:
        """The page's own canonical link when it stays on the site, else the fetched URL."""
        declared = meta_content(root, "canonical", "og:url", links=True)
        if declared:
            declared = urljoin(fetched_url, declared)
            if same_site(declared, self.profile.base_url) and self.is_article_url(declared):
                return self.canonical_url(declared)
        return self.canonical_url(fetched_url)

    def parse_article(self, root: html.HtmlElement, fetched_url: str) -> dict[str, Any]:
        """The record fields a page yields; raises ExtractionError if it is no article.

        A page with a title but no body container still yields its record (with an empty
        body, which validation refuses): the fields that were found count in the field
        coverage, so a renamed body container shows as "body 0%", not as "no page".
        """
        url = self.article_url(root, fetched_url)
        body_nodes = self.body_nodes(root)
        title = self.extract_title(root)
        if not body_nodes and not title:
            raise ExtractionError(f"neither a title nor an article body ({self.body_css})")

        published_text, view_count = self.extract_dateline(root)
        summary_nodes = self.summary_nodes(root)
        summary = next(filter(None, map(element_text, summary_nodes)), "") or None
        blocks = text_blocks(body_nodes, self._noise_xpath())
        credit = self.extract_credit(root, blocks)
        if summary and (not blocks or blocks[0] != summary):
            blocks.insert(0, summary)
        image_nodes = self.image_nodes(root) + body_nodes
        return {
            "id": self.record_id(root, url),
            "site": self.profile.key,
            "source": self.profile.name,
            "url": url,
            "title": title,
            "category": self.extract_category(root),
            "published_at": self.extract_published_at(root, published_text),
            "published_text": published_text,
            "view_count": view_count,
            "author": credit.author if credit else None,
            "byline": credit.byline if credit else None,
            "summary": summary,
            "body": "\n\n".join(blocks),
            "body_html": clean_html(summary_nodes + body_nodes, url, self._noise_xpath()),
            "images": [img._asdict() for img in images_in(image_nodes, url)],
            "related": [
                {"url": self.canonical_url(link.url), "title": link.title}
                for link in links_in(self.related_anchors(root), url, self.is_related_url(url))
            ],
            "tags": self.extract_tags(root),
            "language": "vi",
        }

    # -- the steps of parse_article; a platform overrides only those its CMS does differently
    def body_nodes(self, root: html.HtmlElement) -> list[html.HtmlElement]:
        return select(root, self.body_css)

    def summary_nodes(self, root: html.HtmlElement) -> list[html.HtmlElement]:
        return select(root, self.lead_css)

    def image_nodes(self, root: html.HtmlElement) -> list[html.HtmlElement]:
        """Image containers outside the body (a lead figure); the body's images come after."""
        return select(root, self.lead_image_css)

    def related_anchors(self, root: html.HtmlElement) -> list[html.HtmlElement]:
        return select(root, self.related_css)

    def is_related_url(self, page_url: str) -> Callable[[str], bool]:
        return self.is_article_url

    def record_id(self, root: html.HtmlElement, canonical_url: str) -> str:
        return self.article_id(canonical_url)

    def extract_credit(self, root: html.HtmlElement, blocks: list[str]) -> Credit | None:
        """The credit block if the platform has one, else the body's last line (then removed)."""
        byline = select_first_text(root, self.credit_css) if self.credit_css else ""
        credit = parse_credit(byline) if byline else None
        if credit is None and blocks:
            credit = parse_credit(blocks[-1])
            if credit is not None:
                blocks.pop()
        return credit

    def extract_published_at(
        self, root: html.HtmlElement, published_text: str | None
    ) -> str | None:
        return to_iso(parse_vietnamese_datetime(published_text))

    def extract_title(self, root: html.HtmlElement) -> str:
        title = select_first_text(root, self.title_css) or meta_content(root, "og:title")
        if not title:
            # "<Title> - Công an tỉnh X": keep the part before the site name
            title = clean_line(root.findtext(".//title") or "").rsplit(" - ", 1)[0]
        return title

    def extract_category(self, root: html.HtmlElement) -> str | None:
        category = select_first_text(root, self.category_css)
        if not category and self.breadcrumb_css:
            crumbs = [element_text(el) for el in select(root, self.breadcrumb_css)]
            crumbs = [c for c in crumbs if c and c.lower() not in ("trang chủ", "home")]
            category = crumbs[-1] if crumbs else ""
        return category or None

    def extract_dateline(self, root: html.HtmlElement) -> tuple[str | None, int | None]:
        """(date text as printed without label or counter, view count)."""
        line = select_first_text(root, self.dateline_css)
        if self.views_css:
            view_count = find_view_count(select_first_text(root, self.views_css))
        else:
            view_count = find_view_count(line)
        published_text = strip_date_label(remove_view_counter(line)) if line else ""
        return published_text or None, view_count

    def extract_tags(self, root: html.HtmlElement) -> list[str]:
        tags: list[str] = []
        for element in select(root, self.tags_css):
            tag = element_text(element)
            if tag and tag not in tags:
                tags.append(tag)
        return tags

    def _noise_xpath(self) -> str:
        if not self.body_noise_css:
            return ""
        return GenericTranslator().css_to_xpath(self.body_noise_css)
