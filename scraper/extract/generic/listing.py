"""Listing pages: which links are the articles of the main list, and where the next page is.

Article links are same-site links with headline-like text outside chrome and sidebar
boxes; of those, the URL shape most of them share is the site's article shape (menus,
category links and pagination have other shapes). The next page is announced by
``rel=next`` (on ``<a>`` or ``<link>``), by its text ("Trang sau", "»", "Xem thêm"), by the
number after the current one in a pager (a list, a table or bare links), or, failing all
of them, by the same listing URL with the next value of its page parameter (``page-N``,
``?page=``, ``?cur=``, ``limitstart=``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple
from urllib.parse import SplitResult, parse_qsl, urlsplit

from lxml import html

from scraper.extract.generic import vocabulary as vocab
from scraper.extract.generic.chrome import far_chrome_marked
from scraper.extract.generic.context import PageContext
from scraper.extract.generic.metadata import in_box_headed, in_sidebar
from scraper.extract.text import clean_line
from scraper.extract.urls import canonicalize_url, is_parsable_url, join_url, same_site
from scraper.extract.views import bare_count, find_view_count

_MIN_TITLE_WORDS = 4
_STATIC = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|css|js|pdf|docx?|xlsx?|pptx?|zip|rar|mp4|mp3|xml|rss)$",
    re.IGNORECASE,
)
# "/page/2/", "/page-2", "-trang-2", "-p2", and a bare "/2" or "-2.html" (up to 3 digits:
# longer numbers at the end of a path are article ids or years).
_PAGE_IN_PATH = re.compile(
    r"(?:[/-](?:page|trang|p)[/-]?(\d{1,5})|[/-](\d{1,3}))(?:\.html?|\.aspx|/)?$", re.I
)
_EXTENSION = re.compile(r"\.(?:html?|aspx|php)$", re.I)
_ACTIVE = vocab.words_pattern("active", "current", "selected", "on", "curent", "cur")
_MAX_ITEM_TEXT = 800


class ListedArticle(NamedTuple):
    """An article link as a discovery source gave it."""

    url: str
    view_count: int | None = None  # the counter printed in the listing item, if any
    modified: str | None = None  # when the source says it last changed (UTC ISO)
    stand_in: Any = None  # what the source knows of it (a WordPress REST post)


def url_shape(url: str) -> str:
    """The URL with slugs and numbers abstracted: article links of one site share a shape
    ("/{s}/{s}-9.html"), menus and pagination have others."""
    parts = urlsplit(url)
    segments = []
    for seg in parts.path.lower().split("/"):
        seg = re.sub(r"[a-z0-9%_.]*[a-z%][a-z0-9%_]*(?:-[a-z0-9%_]+)+", "{s}", seg)
        segments.append(re.sub(r"\d+", "9", seg))
    keys = sorted(k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True))
    return "/".join(segments) + ("?" + "&".join(keys) if keys else "")


def _skippable(href: str) -> bool:
    return not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:"))


def _site_links(ctx: PageContext) -> Iterator[tuple[str, str, html.HtmlElement]]:
    """(identity, URL as linked, anchor) of every link to another page of the site that is
    not its home page or a file."""
    here = canonicalize_url(ctx.url)
    for a in ctx.root.iter("a"):
        href = (a.get("href") or "").strip()
        if _skippable(href):
            continue
        joined = join_url(ctx.url, href)
        if joined is None:
            continue
        linked = joined.split("#", 1)[0]
        url = canonicalize_url(linked)
        path = urlsplit(url).path
        if url == here or path in ("", "/") or not same_site(url, ctx.url) or _STATIC.search(path):
            continue
        yield url, linked, a


def article_anchors(ctx: PageContext) -> list[tuple[str, str, html.HtmlElement]]:
    """(identity, URL as linked, anchor) of the main list's article links, in page order
    (memoised). The identity (``canonicalize_url``) compares; the linked URL is fetched."""

    def find() -> list[tuple[str, str, html.HtmlElement]]:
        headlines: list[tuple[str, str, html.HtmlElement]] = []
        for url, linked, a in _site_links(ctx):
            text = ctx.text(a) or clean_line(a.get("title"))
            if len(text.split()) >= _MIN_TITLE_WORDS and ctx.is_visible(a):
                headlines.append((url, linked, a))
        # how many headline links each element holds: a chrome-named wrapper holding most
        # of them ("sidebar-grid" around the list and the sidebar) is the page's frame
        held: dict[html.HtmlElement, int] = {}
        for _, _, a in headlines:
            for node in a.iterancestors():
                held[node] = held.get(node, 0) + 1
        half = len(headlines) / 2
        found: list[tuple[str, str, str, html.HtmlElement]] = []
        for url, linked, a in headlines:
            if _in_small_chrome(ctx, a, held, half) or in_box_headed(ctx, a):
                continue
            found.append((url, linked, url_shape(url), a))
        if not found:
            return []
        counts: dict[str, set[str]] = {}
        for url, _, shape, _ in found:
            counts.setdefault(shape, set()).add(url)
        best = max(counts, key=lambda s: (len(counts[s]), -len(s)))
        return [(url, linked, a) for url, linked, shape, a in found if shape == best]

    return ctx.memo("article_anchors", find)


def _in_small_chrome(
    ctx: PageContext, a: html.HtmlElement, held: dict[html.HtmlElement, int], half: float
) -> bool:
    """Inside a menu, sidebar, footer or box holding at most half the page's headlines."""
    for node in a.iterancestors():
        if node.tag in ("body", "html"):
            return False
        chrome = far_chrome_marked(ctx, node) or bool(vocab.SIDEBAR_WORDS.search(ctx.words(node)))
        if chrome and held.get(node, 0) <= half:
            return True
    return False


def find_article_links(ctx: PageContext) -> list[str]:
    """Article links of a listing's main list, absolute as linked, one per article, in
    page order."""
    first: dict[str, str] = {}
    for identity, linked, _ in article_anchors(ctx):
        first.setdefault(identity, linked)
    return list(first.values())


def listed_articles(ctx: PageContext, urls: list[str] | None = None) -> list[ListedArticle]:
    """Each article link with what its listing item prints beside it (a view counter).

    `urls` (``canonicalize_url`` forms) are the article links an adapter found; by default
    the generic ones.
    The item is the largest ancestor of the link that links no other article.
    """
    if urls is None:
        urls = [canonicalize_url(u) for u in find_article_links(ctx)]
    wanted = list(dict.fromkeys(urls))
    anchors: dict[str, list[html.HtmlElement]] = {url: [] for url in wanted}
    for a in ctx.root.iter("a"):
        href = (a.get("href") or "").strip()
        if _skippable(href):
            continue
        joined = join_url(ctx.url, href)
        url = canonicalize_url(joined) if joined is not None else None
        if url in anchors:
            anchors[url].append(a)
    owner: dict[html.HtmlElement, str] = {a: url for url, found in anchors.items() for a in found}
    items = []
    for url in wanted:
        views = None
        for a in anchors[url]:
            item = _item_of(ctx, a, url, owner)
            if item is not None and ctx.text_len.get(item, 0) <= _MAX_ITEM_TEXT:
                views = find_view_count(ctx.text(item))
                if views is None:
                    views = _views_column(ctx, item)
                if views is not None:
                    break
        items.append(ListedArticle(url, views))
    return items


def _views_column(ctx: PageContext, item: html.HtmlElement) -> int | None:
    """The cell under a "Lượt xem"/"Hits" column head, for an item that is a table row."""
    row = item if item.tag == "tr" else next(item.iterancestors("tr"), None)
    table = next(row.iterancestors("table"), None) if row is not None else None
    if row is None or table is None:
        return None
    for head in table.iter("tr"):
        if head is row:
            return None
        cells = [c for c in head if c.tag in ("th", "td")]
        names = [ctx.text(c) for c in cells]
        if any(vocab.VIEWS_COLUMN.match(n) for n in names):
            column = next(i for i, n in enumerate(names) if vocab.VIEWS_COLUMN.match(n))
            values = [c for c in row if c.tag in ("th", "td")]
            if column < len(values):
                return bare_count(ctx.text(values[column]))
            return None
    return None


def _item_of(
    ctx: PageContext, a: html.HtmlElement, url: str, owner: dict[html.HtmlElement, str]
) -> html.HtmlElement | None:
    """The largest ancestor of an article link that links no other article (a known one,
    or any link with a headline-like text)."""
    item = None
    for ancestor in a.iterancestors():
        if ancestor.tag in ("body", "html") or ctx.text_len.get(ancestor, 0) > _MAX_ITEM_TEXT:
            break
        if any(_links_elsewhere(ctx, other, url, owner) for other in ancestor.iter("a")):
            break
        item = ancestor
    return item


def _links_elsewhere(
    ctx: PageContext, a: html.HtmlElement, url: str, owner: dict[html.HtmlElement, str]
) -> bool:
    if a in owner:
        return owner[a] != url
    href = (a.get("href") or "").strip()
    if _skippable(href) or len((ctx.text(a) or a.get("title") or "").split()) < _MIN_TITLE_WORDS:
        return False
    joined = join_url(ctx.url, href)
    return joined is not None and canonicalize_url(joined) != url


def find_section_links(ctx: PageContext, limit: int = 40) -> list[str]:
    """Links of the site's navigation (menus, breadcrumbs): the pages of its sections,
    absolute as linked, one per page, the home page and the page itself left out."""
    found: dict[str, str] = {}
    for url, linked, a in _site_links(ctx):
        if not any(_navigation(ctx, node) for node in (a, *a.iterancestors())):
            continue
        found.setdefault(url, linked)
        if len(found) >= limit:
            break
    return list(found.values())


def _navigation(ctx: PageContext, el: html.HtmlElement) -> bool:
    if el.tag == "nav" or (el.get("role") or "").lower() in ("navigation", "menubar", "menu"):
        return True
    return el.tag not in ("html", "body") and bool(vocab.NAVIGATION_WORDS.search(ctx.words(el)))


# --------------------------------------------------------------------------- next page


def current_page_number(url: str) -> int:
    """The page number a listing URL names (1 when it names none)."""
    if not is_parsable_url(url):
        return 1
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query):
        if is_page_param(key) and value.isdecimal():
            return int(value)
    match = _PAGE_IN_PATH.search(parts.path)
    return int(match.group(1) or match.group(2)) if match else 1


def is_page_param(name: str) -> bool:
    """A query parameter naming a listing's page ("page", "cur", Liferay's "_..._cur")."""
    name = name.lower()
    return name in vocab.PAGE_PARAMS or name.endswith(("_cur", "_page", "_pageindex"))


def find_next_page(
    ctx: PageContext, exclude: set[str] | frozenset[str] = frozenset()
) -> str | None:
    """The next listing page (absolute, as linked), or None on the last page; `exclude`
    are ``canonicalize_url`` forms of URLs that are no page of the listing (its articles)."""
    here = canonicalize_url(ctx.url)
    articles = set(exclude) | {url for url, _, _ in article_anchors(ctx)}

    def usable(href: str | None) -> str | None:
        """The link as written (absolute), if it leads to another page of this listing."""
        href = (href or "").strip()
        if _skippable(href):
            return None
        joined = join_url(ctx.url, href)
        if joined is None:
            return None
        linked = joined.split("#", 1)[0]
        url = canonicalize_url(linked)
        if url == here or url in articles or not same_site(url, ctx.url):
            return None
        return None if _STATIC.search(urlsplit(url).path) else linked

    for el in ctx.root.iter("link", "a"):
        if "next" in (el.get("rel") or "").lower().split() and (url := usable(el.get("href"))):
            return url
    anchors = [a for a in ctx.root.iter("a") if not in_sidebar(ctx, a, nav_ok=True)]
    for a in anchors:
        text = ctx.text(a) or clean_line(a.get("title")) or clean_line(a.get("aria-label"))
        marked = "next" in (a.get("class") or "").lower().split() or "next" in ctx.words(a)
        if (vocab.NEXT_TEXT.match(text) or marked) and (url := usable(a.get("href"))):
            return url
    number = _active_number(ctx) or current_page_number(ctx.url)
    for a in anchors:
        if ctx.text(a) == str(number + 1) and (url := usable(a.get("href"))):
            return url
    return _next_by_parameter(ctx, anchors, usable)


def _active_number(ctx: PageContext) -> int | None:
    """The current page's number as the pager marks it: an active/current item, a number
    that is not a link among numbered links, or a number linking nowhere (NukeViet's
    ``javascript:void(0)``)."""
    for el in ctx.order:
        if ctx.text_len.get(el, 0) > 4 or el.tag in ("html", "body"):
            continue
        text = ctx.text(el)
        if not text.isdecimal():  # "²" is a digit int() cannot read
            continue
        if el.tag == "a":
            nowhere = (el.get("href") or "javascript:").strip().startswith(("javascript:", "#"))
            if nowhere and _beside_numbered_links(ctx, el):
                return int(text)
            continue
        if el.find(".//a") is not None:
            continue  # an item holding the page's link is no current page
        if _ACTIVE.search(ctx.words(el)) or any(
            _ACTIVE.search(ctx.words(p)) for p in list(el.iterancestors())[:2]
        ):
            return int(text)
        if not any(p.tag == "a" for p in el.iterancestors()) and _beside_numbered_links(ctx, el):
            return int(text)
    return None


def _beside_numbered_links(ctx: PageContext, el: html.HtmlElement) -> bool:
    for box in list(el.iterancestors())[:3]:
        numbered = [
            a
            for a in box.iter("a")
            if a is not el and ctx.text(a).isdecimal() and (a.get("href") or "").strip()
        ]
        if numbered:
            return True
    return False


def _next_by_parameter(
    ctx: PageContext,
    anchors: list[html.HtmlElement],
    usable: Callable[[str | None], str | None],
) -> str | None:
    """The link to the same listing with the smallest page value above the current one."""
    here = urlsplit(canonicalize_url(ctx.url))
    current = _page_value(here)
    best: tuple[int, str] | None = None
    for a in anchors:
        url = usable(a.get("href"))
        if url is None:
            continue
        parts = urlsplit(url)
        value = _page_value(parts)
        if value is None or not _same_listing(here, parts):
            continue
        floor = current if current is not None else 1 if "=" not in parts.query else 0
        if value > floor and (best is None or value < best[0]):
            best = (value, url)
    return best[1] if best else None


def _page_value(parts: SplitResult) -> int | None:
    for key, value in parse_qsl(parts.query):
        if is_page_param(key) and value.isdecimal():
            return int(value)
    match = _PAGE_IN_PATH.search(parts.path)
    return int(match.group(1) or match.group(2)) if match else None


def _same_listing(a: SplitResult, b: SplitResult) -> bool:
    """The same path and query but for the page number."""

    def key(parts: SplitResult) -> tuple[str, tuple[tuple[str, str], ...]]:
        path = _EXTENSION.sub("", _PAGE_IN_PATH.sub("", parts.path)).rstrip("/")
        query = sorted((k.lower(), v) for k, v in parse_qsl(parts.query) if not is_page_param(k))
        return path, tuple(query)

    return key(a) == key(b)


def same_listing(url: str, other: str) -> bool:
    """Two URLs of one listing: the same path and query but for the page number."""
    return _same_listing(urlsplit(canonicalize_url(url)), urlsplit(canonicalize_url(other)))
