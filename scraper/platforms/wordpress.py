"""WordPress (congan.quangtri.gov.vn, congan.sonla.gov.vn): news themes in HTML, and the
site's REST API (/wp-json/wp/v2/posts) when it answers.

SEEN (docs/sites.md): WordPress on both sites; Quảng Trị's news theme lists posts as
``h3.entry-title a``. ASSUMED from WordPress core and its common news themes: the
``article#post-N`` / ``body.postid-N`` post id, ``h1.entry-title``, ``.entry-content``,
``time.entry-date[datetime]``, ``.posted-on``, ``.byline .author``, ``.cat-links``,
``.tags-links``, ``rel=next`` / ``.nav-links`` pagination; the tagDiv "Newspaper" classes
(``.td-post-content``, ``.td-post-views``); the view counter of a post-views plugin.

Records are keyed on the WordPress post id, so a post read through the REST API and the
same post read from its HTML page get the same id.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from typing import Any

from lxml import etree, html

from scraper.extract.credits import Credit, parse_credit
from scraper.extract.dates import parse_iso_datetime, to_iso
from scraper.extract.generic import ListedArticle, PageContext, credit_in_last_lines
from scraper.extract.generic.metadata import credit_from_markup
from scraper.extract.html import (
    clean_html,
    element_text,
    images_in,
    text_blocks,
    without_control_characters,
)
from scraper.extract.text import clean_line
from scraper.extract.views import bare_count
from scraper.platforms.base import (
    ADAPTER,
    API_PAGES,
    Fetched,
    PlatformAdapter,
    Source,
    SourceResult,
    select,
    select_first_text,
)
from scraper.site_profile import SiteProfile

logger = logging.getLogger(__name__)
REST = API_PAGES
REST_CHAIN = "wp-json"

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
        r"wp-includes)(?:/|$))(?:[^/?#]+/)*[^/?#]+/?$|[?&]p=(?P<id>\d+)"
    )
    identity_params = frozenset({"p", "page_id", "lang"})
    listing_links_css = (
        "h3.entry-title a, h2.entry-title a, .td-module-title a, article .post-title a"
    )
    next_page_css = (
        "a[rel~=next], .nav-links a.next, a.next.page-numbers, .page-nav a[aria-label=next-page]"
    )
    title_css = "h1.entry-title, .entry-header h1, .td-post-title h1"
    category_css = ".entry-meta .cat-links a, .cat-links a, .td-category a"
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
    sitemap_paths = ("/wp-sitemap.xml", "/sitemap.xml")

    @classmethod
    def signature(cls, ctx: PageContext) -> float:
        if "wordpress" in ctx.meta_value("generator").lower():
            return 1.0
        if ctx.meta.get("https://api.w.org/"):
            return 0.9
        values = ctx.resource_urls
        if any("/wp-content/" in v or "/wp-json" in v or "/wp-includes/" in v for v in values):
            return 0.8
        return 0.0

    # -- discovery: the REST API lists every post with its last change ------------------------
    def first_sources(self) -> list[Source]:
        return [Source(REST, rest_posts_url(self.profile.base_url, 1), REST_CHAIN)]

    def read(self, source: Source, fetched: Fetched) -> SourceResult:
        if source.kind != REST:
            return super().read(source, fetched)
        content_type = fetched.content_type
        if fetched.status != 200 or not is_rest_response(content_type, fetched.body):
            if source.page == 1:  # the API is off: the HTML listings instead
                logger.info(
                    "no WordPress REST API (HTTP %d, %s): reading the HTML listings",
                    fetched.status,
                    content_type or "no Content-Type",
                )
                return SourceResult(
                    [],
                    instead=tuple(self.listing_sources()),
                    stats={"rest/unavailable": fetched.status},
                )
            logger.warning("REST page %d answered HTTP %d", source.page, fetched.status)
            return SourceResult([], failed=True)
        try:
            posts = json.loads(fetched.body)
        except ValueError:
            return SourceResult([], failed=True)
        articles = [
            ListedArticle(
                self.clean_url(post["link"]),
                modified=post.get("modified_gmt")
                if isinstance(post.get("modified_gmt"), str)
                else None,
                stand_in=post,
            )
            for post in posts
            if isinstance(post, dict) and isinstance(post.get("link"), str)
        ]
        following = None
        if rest_has_more(fetched.headers, source.page):
            url = rest_posts_url(self.profile.base_url, source.page + 1)
            following = Source(REST, url, REST_CHAIN, source.page + 1)
        return SourceResult(articles, following, rules={"links": ADAPTER})

    def stand_in_record(self, data: Any) -> dict[str, Any] | None:
        """The record of a REST post object; None for one without a post id (the API's
        JSON is the site's: any field may be missing, null or of another type)."""
        if not isinstance(data, Mapping) or _post_id(data) is None:
            return None
        return self.record_from_rest(data)

    # -- ids and fields ---------------------------------------------------------------------
    def record_id(self, ctx: PageContext, url: str) -> str:
        """The post id WordPress prints (article#post-N, body.postid-N, the shortlink)."""
        candidates = [el.get("id", "") for el in select(ctx, "article[id^=post-]")]
        candidates += [el.get("class", "") for el in ctx.root.iter("body")]
        for value in candidates:
            match = _POST_ID.search(f" {value} ")
            if match:
                return f"{self.profile.key}-{int(match.group(1))}"
        shortlink = ctx.meta.get("shortlink", "")
        match = _SHORTLINK_ID.search(shortlink)
        if match:
            return f"{self.profile.key}-{int(match.group(1))}"
        return self.article_id(url)

    def _hinted_views(self, ctx: PageContext) -> int | None:
        views = super()._hinted_views(ctx)
        if views is None:  # tagDiv prints an eye icon and the bare number ("1.234")
            views = bare_count(select_first_text(ctx, self.views_css))
        return views

    def generic_credit(self, ctx: PageContext, blocks: list[str]) -> Credit | None:
        """The credit line ending the post, else the post's WordPress author when that is a
        person or a desk (an "admin" account is neither), else the generic rule."""
        credit = credit_in_last_lines(blocks)
        if credit is None:
            credit = account_credit(select_first_text(ctx, self.author_css))
        return credit or super().generic_credit(ctx, blocks)

    def records_from_rest(self, posts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [self.record_from_rest(post) for post in posts]

    def record_from_rest(self, post: Mapping[str, Any]) -> dict[str, Any]:
        """A record from one REST post object (with ``_embedded`` when ``_embed=1`` was used).

        Same fields as ``parse_article``; a post's JSON prints no date line and no related
        list, so ``published_text`` is None and ``related`` is empty.
        """
        url = self.clean_url(str(post.get("link", "")))
        content = _fragment(_rendered(post.get("content")))
        noise = self._noise_xpath()
        blocks = text_blocks([content], noise)
        credit = parse_credit(blocks[-1]) if blocks else None
        if credit is not None:
            blocks.pop()
        embedded = _mapping(post.get("_embedded"))
        if credit is None:
            authors = [a for a in _items(embedded.get("author")) if isinstance(a, Mapping)]
            credit = account_credit(str(authors[0].get("name") or "") if authors else "")
        terms = [
            t
            for group in _items(embedded.get("wp:term"))
            for t in _items(group)
            if isinstance(t, Mapping)
        ]
        categories = [_term(t) for t in terms if t.get("taxonomy") == "category"]
        tags = [_term(t) for t in terms if t.get("taxonomy") == "post_tag"]
        parsed = parse_iso_datetime(str(post.get("date", "")))
        post_id = _post_id(post)
        if post_id is None:
            raise ValueError(f"a REST post without a post id: {url or 'no link'}")
        return {
            "id": f"{self.profile.key}-{post_id}",
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
    return credit_from_markup(name) if name else None


def _rendered(field: Any) -> str:
    if isinstance(field, Mapping):
        return str(field.get("rendered") or "")
    return str(field or "")


def _fragment(markup: str) -> html.HtmlElement:
    """The markup of a REST field as one <div>; control characters (which lxml refuses)
    taken out, as from a fetched page."""
    markup = without_control_characters(markup)
    try:
        return html.fragment_fromstring(markup or "<p></p>", create_parent="div")
    except etree.ParserError:  # nothing lxml can read as markup
        return html.fragment_fromstring("<p></p>", create_parent="div")


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _term(term: Mapping[str, Any]) -> str:
    name = term.get("name")
    return clean_line(name if isinstance(name, str) else "")


def _post_id(post: Mapping[str, Any]) -> int | None:
    """The post's id: a whole number, or digits as text; None otherwise."""
    value = post.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value)
    return None


def _views(post: Mapping[str, Any]) -> int | None:
    sources = [post, post.get("meta") or {}]
    for source in sources:
        if not isinstance(source, Mapping):
            continue
        for name in _VIEW_FIELDS:
            value = source.get(name)
            if isinstance(value, list) and value:
                value = value[0]
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                return value
            if isinstance(value, str) and value.strip().replace(".", "").isdecimal():
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
        return text.strip().isdecimal() and page < int(text)
    return False


def is_rest_response(content_type: str, body: bytes) -> bool:
    """A JSON list answer: the REST API is on (a 404 page or a login wall is not)."""
    return "json" in content_type.lower() and body.lstrip()[:1] == b"["
