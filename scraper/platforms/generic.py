"""Any site no adapter was written for: every field found by the rules in extract/generic.py.

CMS families (Liferay, DotNetNuke) subclass this with the few selectors and the URL shape
they are known by; a selector that is set is tried first and the rule fills in after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml import html

from scraper.extract import generic as rules
from scraper.extract.credits import Credit
from scraper.extract.dates import parse_vietnamese_datetime, to_iso
from scraper.extract.html import element_text
from scraper.extract.urls import article_id, canonicalize_url, same_site
from scraper.platforms.base import ExtractionError, PlatformAdapter, select

# Query parameters that carry a site's own article number (DNN, ASP.NET and PHP portals).
_ID_PARAMS = ("articleid", "newsid", "news_id", "itemid", "postid", "id")


@dataclass
class _Page:
    """What one article page's rules share, worked out once per page."""

    title_node: html.HtmlElement | None
    container: html.HtmlElement | None
    summary: html.HtmlElement | None
    published: rules.Published | None = None


class GenericAdapter(PlatformAdapter):
    platform = "generic"
    # A trailing number of five or more digits is an article number ("...-12345/",
    # "...-12345.html"); shorter ones are too often years or counts inside slugs.
    article_path = re.compile(r"[-_/](?P<id>\d{5,})(?:\.html?|\.aspx|\.php)?/?$")
    listing_links_css = ""
    next_page_css = "a[rel~=next]"
    title_css = ""
    breadcrumb_css = None
    body_css = ""

    _page: _Page | None = None

    # -- URLs ---------------------------------------------------------------------------
    def is_article_url(self, url: str) -> bool:
        path = urlsplit(url).path or "/"
        if not same_site(url, self.profile.base_url) or path == "/":
            return False
        if re.search(r"\.(?:jpe?g|png|gif|webp|css|js|pdf|docx?|xlsx?|zip)$", path, re.I):
            return False
        # a listing page itself is no article; compare with its query ("/Pages/x.aspx" lists
        # what "/Pages/x.aspx?ItemID=12" shows)
        query = urlsplit(url).query
        here = path.rstrip("/") + (f"?{query}" if query else "")
        return here not in {p.rstrip("/") if "?" not in p else p for p in self.profile.start_paths}

    def canonical_url(self, url: str) -> str:
        """Also without parameters that carry another URL (a CMS's "back to the listing")."""
        parts = urlsplit(super().canonical_url(url))
        query = [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not re.match(r"^(?:https?:|%2f|/)", v, re.IGNORECASE)
            and k.lower() not in ("inheritredirect", "returnurl", "backurl")
        ]
        return urlunsplit(parts._replace(query=urlencode(query)))

    def article_id(self, canonical_url: str) -> str:
        for name, value in parse_qsl(urlsplit(canonical_url).query):
            if name.lower() in _ID_PARAMS and value.isdigit():
                return f"{self.profile.key}-{int(value)}"
        return article_id(self.profile.key, canonical_url, self.article_path)

    # -- listings -----------------------------------------------------------------------
    def listing_article_urls(self, root: html.HtmlElement, page_url: str) -> list[str]:
        urls = super().listing_article_urls(root, page_url) if self.listing_links_css else []
        if not urls:
            urls = [u for u in rules.find_article_links(root, page_url) if self.is_article_url(u)]
        return [self.canonical_url(u) for u in urls]

    def next_listing_url(self, root: html.HtmlElement, page_url: str) -> str | None:
        return super().next_listing_url(root, page_url) or rules.find_next_page(root, page_url)

    # -- articles -----------------------------------------------------------------------
    def parse_article(self, root: html.HtmlElement, fetched_url: str) -> dict[str, Any]:
        title = self._hinted(root, self.title_css)
        if title is None:
            title = rules.title_node(root)
        container = self._hinted(root, self.body_css)
        if container is None:
            container = rules.find_main_content(root)
        summary = self._hinted(root, self.lead_css)
        if summary is None:
            summary = rules.find_summary(root, container, title)
        self._page = _Page(title, container, summary)
        try:
            return super().parse_article(root, fetched_url)
        finally:
            self._page = None

    @staticmethod
    def _hinted(root: html.HtmlElement, css: str | None) -> html.HtmlElement | None:
        found = select(root, css) if css else []
        return found[0] if found else None

    @property
    def page(self) -> _Page:
        if self._page is None:
            raise RuntimeError("GenericAdapter steps run inside parse_article only")
        return self._page

    def body_nodes(self, root: html.HtmlElement) -> list[html.HtmlElement]:
        page = self.page
        if page.container is None:
            raise ExtractionError("no article text found")
        title = element_text(page.title_node) if page.title_node is not None else ""
        drop = [page.summary] if page.summary is not None else []
        if page.title_node is not None:
            drop.append(page.title_node)
        drop = [
            el
            for el in drop
            if el is page.container
            or page.container in el.iterancestors()
            or el in page.container.iter()
        ]
        return [rules.prune_body(page.container, title=title, drop=drop)]

    def image_nodes(self, root: html.HtmlElement) -> list[html.HtmlElement]:
        if self.lead_image_css:
            return super().image_nodes(root)
        page = self.page
        return rules.find_lead_images(root, page.container, page.title_node)

    def summary_nodes(self, root: html.HtmlElement) -> list[html.HtmlElement]:
        return [self.page.summary] if self.page.summary is not None else []

    def extract_title(self, root: html.HtmlElement) -> str:
        node = self.page.title_node
        return element_text(node) if node is not None else rules.find_title(root)

    def extract_dateline(self, root: html.HtmlElement) -> tuple[str | None, int | None]:
        if self.dateline_css:
            return super().extract_dateline(root)
        page = self.page
        page.published = rules.find_published(root, page.title_node)
        views = rules.find_views(root, page.title_node)
        return page.published.text, views

    def extract_published_at(
        self, root: html.HtmlElement, published_text: str | None
    ) -> str | None:
        published = self.page.published
        if published is not None:
            return published.iso
        return to_iso(parse_vietnamese_datetime(published_text))

    def extract_credit(self, root: html.HtmlElement, blocks: list[str]) -> Credit | None:
        if self.credit_css:
            return super().extract_credit(root, blocks)
        return rules.find_credit(root, blocks, site=self.profile.name)

    def extract_category(self, root: html.HtmlElement) -> str | None:
        if self.category_css:
            return super().extract_category(root)
        title = self.extract_title(root)
        return rules.find_category(root, title)

    def related_anchors(self, root: html.HtmlElement) -> list[html.HtmlElement]:
        if self.related_css:
            return super().related_anchors(root)
        return rules.find_related_anchors(root)

    def is_related_url(self, page_url: str) -> Callable[[str], bool]:
        here = canonicalize_url(page_url)
        return lambda url: self.is_article_url(url) and self.canonical_url(url) != here

    def extract_tags(self, root: html.HtmlElement) -> list[str]:
        if self.tags_css:
            return super().extract_tags(root)
        return rules.find_tags(root)
