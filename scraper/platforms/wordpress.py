"""WordPress (congan.quangtri.gov.vn, congan.sonla.gov.vn): news themes in HTML, and the
site's REST API (/wp-json/wp/v2/posts) when it answers.

SEEN (SITES.md): WordPress on both sites; Quảng Trị's news theme lists posts as
``h3.entry-title a``. ASSUMED from WordPress core and its common news themes: the
``article#post-N`` / ``body.postid-N`` post id, ``h1.entry-title``, ``.entry-content``,
``time.entry-date[datetime]``, ``.posted-on``, ``.byline .author``, ``.cat-links``,
``.tags-links``, ``rel=next`` / ``.nav-links`` pagination; the tagDiv "Newspaper" classes
(``.td-post-content``, ``.td-post-views``); the view counter of a post-views plugin.

Records are keyed on the WordPress post id, so a post read through the REST API and the
same post read from its HTML page get the same id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from lxml import html

from scraper.extract.credits import Credit, parse_credit
from scraper.extract.dates import parse_iso_datetime, parse_vietnamese_datetime, to_iso
from scraper.extract.html import clean_html, element_text, images_in, text_blocks
from scraper.extract.text import clean_line
from scraper.extract.urls import article_id
from scraper.extract.views import parse_count
from scraper.platforms.base import PlatformAdapter, select, select_first_text
from scraper.profiles import SiteProfile

REST_POSTS_PATH = "/wp-json/wp/v2/posts"
# Fields that post-views plugins add to the REST post object (none is in WordPress core).
_VIEW_FIELDS = ("post_views_count", "post_views", "views", "view_count")
_POST_ID = re.compile(r"(?:^|\s)(?:post-|postid-)(\d+)(?:\s|$)")
_SHORTLINK_ID = re.compile(r"[?&]p=(\d+)")


class WordPressAdapter(PlatformAdapter):
    platform = "wordpress"
    # Any permalink that is not an archive, feed or WordPress' own directories.
    article_path = re.compile(
        r"^/(?!(?:category|tag|author|page|search|feed|comments|wp-content|wp-json|wp-admin|"
        r"wp-includes)(?:/|$))(?:[^/?#]+/)*[^/?#]+/?$"
    )
    listing_links_css = "h3.entry-title a, h2.entry-title a, .td-module-title a"
    next_page_css = (
        "a[rel~=next], .nav-links a.next, a.next.page-numbers, .page-nav a[aria-label=next-page]"
    )
    title_css = "h1.entry-title, .entry-header h1, .td-post-title h1"
    category_css = ".entry-meta .cat-links a, .cat-links a, .td-category a"
    breadcrumb_css = None
    dateline_css = ".posted-on time.published, .posted-on time.entry-date, time.entry-date"
    views_css = ".post-views, .td-post-views"
    body_css = ".entry-content, .td-post-content"
    author_css = ".byline .author, .author.vcard, .td-post-author-name a"
    related_css = ".related-posts .entry-title a, .td-related-row .entry-title a"
    tags_css = ".tags-links a, .td-tags a"
    body_noise_css = (
        ".sharedaddy, .jp-relatedposts, .post-views, .addtoany_share_save_container, "
        ".heateor_sss_sharing_container, .td-post-sharing"
    )

    def article_id(self, canonical_url: str) -> str:
        """From a URL alone: the post id of a "?p=N" link, else a hash of the URL (pretty
        permalinks carry no id; ``record_id`` reads the post id from the page)."""
        match = _SHORTLINK_ID.search(canonical_url)
        if match:
            return f"{self.profile.key}-{int(match.group(1))}"
        return article_id(self.profile.key, canonical_url, None)

    def record_id(self, root: html.HtmlElement, canonical_url: str) -> str:
        """The post id WordPress prints (article#post-N, body.postid-N, the shortlink)."""
        candidates = [el.get("id", "") for el in select(root, "article[id^=post-]")]
        candidates += [el.get("class", "") for el in root.xpath("//body")]
        for value in candidates:
            match = _POST_ID.search(f" {value} ")
            if match:
                return f"{self.profile.key}-{int(match.group(1))}"
        for href in root.xpath("//link[@rel='shortlink']/@href"):
            match = _SHORTLINK_ID.search(href)
            if match:
                return f"{self.profile.key}-{int(match.group(1))}"
        return self.article_id(canonical_url)

    def extract_dateline(self, root: html.HtmlElement) -> tuple[str | None, int | None]:
        published_text, views = super().extract_dateline(root)
        if views is None:  # tagDiv prints an eye icon and the bare number ("1.234")
            number = select_first_text(root, self.views_css)
            if re.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d+", number):
                views = parse_count(number)
        return published_text, views

    def extract_published_at(
        self, root: html.HtmlElement, published_text: str | None
    ) -> str | None:
        # The theme prints a date; <time datetime> and article:published_time hold the time.
        values = [el.get("datetime", "") for el in select(root, self.dateline_css)]
        values += root.xpath("//meta[@property='article:published_time']/@content")
        for value in values:
            parsed = parse_iso_datetime(value)
            if parsed:
                return to_iso(parsed[0])
        return to_iso(parse_vietnamese_datetime(published_text))

    def extract_credit(self, root: html.HtmlElement, blocks: list[str]) -> Credit | None:
        """The credit line ending the post, else the post's WordPress author when that is a
        person or a desk (an "admin" account is neither)."""
        credit = super().extract_credit(root, blocks)
        if credit is None:
            credit = account_credit(select_first_text(root, self.author_css))
        return credit

    def records_from_rest(self, posts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [self.record_from_rest(post) for post in posts]

    def record_from_rest(self, post: Mapping[str, Any]) -> dict[str, Any]:
        """A record from one REST post object (with ``_embedded`` when ``_embed=1`` was used).

        Same fields as ``parse_article``; a post's JSON prints no date line and no related
        list, so ``published_text`` is None and ``related`` is empty.
        """
        url = self.canonical_url(str(post.get("link", "")))
        content = _fragment(_rendered(post.get("content")))
        noise = self._noise_xpath()
        blocks = text_blocks([content], noise)
        credit = parse_credit(blocks[-1]) if blocks else None
        if credit is not None:
            blocks.pop()
        embedded = post.get("_embedded") or {}
        if credit is None:
            authors = embedded.get("author") or []
            credit = account_credit(authors[0].get("name", "") if authors else "")
        terms = [t for group in embedded.get("wp:term") or [] for t in group]
        categories = [clean_line(t.get("name")) for t in terms if t.get("taxonomy") == "category"]
        tags = [clean_line(t.get("name")) for t in terms if t.get("taxonomy") == "post_tag"]
        parsed = parse_iso_datetime(str(post.get("date", "")))
        return {
            "id": f"{self.profile.key}-{int(post['id'])}",
            "site": self.profile.key,
            "source": self.profile.name,
            "url": url,
            "title": element_text(_fragment(_rendered(post.get("title")))),
            "category": categories[0] if categories else None,
            "published_at": to_iso(parsed[0]) if parsed else None,
            "published_text": None,
            "view_count": _views(post),
            "author": credit.author if credit else None,
            "byline": credit.byline if credit else None,
            "summary": None,
            "body": "\n\n".join(blocks),
            "body_html": clean_html([content], url, noise),
            "images": [img._asdict() for img in images_in([content], url)],
            "related": [],
            "tags": [t for t in dict.fromkeys(tags) if t],
            "language": "vi",
        }


def account_credit(name: str | None) -> Credit | None:
    """A WordPress account's display name as a credit, if it names a person or a desk."""
    return parse_credit(name) if name else None


def _rendered(field: Any) -> str:
    if isinstance(field, Mapping):
        return str(field.get("rendered") or "")
    return str(field or "")


def _fragment(markup: str) -> html.HtmlElement:
    return html.fragment_fromstring(markup or "<p></p>", create_parent="div")


def _views(post: Mapping[str, Any]) -> int | None:
    sources = [post, post.get("meta") or {}]
    for source in sources:
        if not isinstance(source, Mapping):
            continue
        for name in _VIEW_FIELDS:
            value = source.get(name)
            if isinstance(value, list) and value:
                value = value[0]
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().replace(".", "").isdigit():
                return int(value.replace(".", ""))
    return None


def rest_posts_url(base_url: str, page: int, per_page: int = 20) -> str:
    """URL of one page of the posts collection, newest first, authors and terms embedded."""
    return (
        f"{base_url.rstrip('/')}{REST_POSTS_PATH}"
        f"?per_page={per_page}&page={page}&orderby=date&order=desc&_embed=1"
    )


def records_from_rest(posts: list[dict[str, Any]], profile: SiteProfile) -> list[dict[str, Any]]:
    """Records (as ``PlatformAdapter.parse_article`` returns them) for REST post objects."""
    return WordPressAdapter(profile).records_from_rest(posts)


def rest_has_more(headers: Mapping[Any, Any], page: int) -> bool:
    """Whether a page after `page` exists, from the X-WP-TotalPages response header.

    Accepts plain dicts and Scrapy's Headers (bytes keys and values, lists of values).
    """
    for key, value in headers.items():
        name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if name.lower() != "x-wp-totalpages":
            continue
        if isinstance(value, list | tuple):
            value = value[0] if value else b""
        text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
        return text.strip().isdigit() and page < int(text)
    return False


def is_rest_response(content_type: str, body: bytes) -> bool:
    """A JSON list answer: the REST API is on (a 404 page or a login wall is not)."""
    return "json" in content_type.lower() and body.lstrip()[:1] == b"["
