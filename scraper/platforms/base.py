"""What every platform adapter shares: hints first, the generic rule after them.

An adapter knows a CMS family: its signature (how a page shows the CMS), its URL
identity (which parameters name an article), its discovery sources, and CSS selectors for
the fields. Selectors are hints: every step runs the adapter's selector first and then
the generic rule for that field (``scraper.extract.generic``), so a theme that renamed a
class, or a page the adapter never saw, is still read. Which of the two produced each
field is reported (``ParsedArticle.sources``) and counted in the run's stats, so a
selector that stopped matching shows up before the data suffers.

Adapters hold no per-page state: every page is a ``PageContext`` passed to the steps.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, TypeVar
from urllib.parse import urlsplit, urlunsplit

from cssselect import GenericTranslator
from lxml import html

from scraper.extract import feeds as feeds_
from scraper.extract import generic as rules
from scraper.extract.credits import Credit, parse_credit
from scraper.extract.css import PageIndex, compile_css
from scraper.extract.dates import (
    has_time_of_day,
    parse_iso_datetime,
    parse_vietnamese_datetime,
    strip_date_label,
    to_iso,
)
from scraper.extract.generic import ListedArticle, PageContext
from scraper.extract.html import (
    MAX_NESTING,
    PARSER_NESTING_LIMIT,
    clean_html,
    collapse_wrappers,
    has_control_characters,
    images_in,
    links_in,
    nesting_depth,
    nests_deeper_than,
    parse_html,
    text_blocks,
    without_control_characters,
)
from scraper.extract.urls import (
    article_id,
    canonicalize_url,
    is_parsable_url,
    join_url,
    origin_of,
    same_site,
    strip_noise_params,
)
from scraper.extract.views import find_view_count, remove_view_counter
from scraper.site_profile import SiteProfile

if TYPE_CHECKING:  # a type only: `sites` must not load Scrapy
    from scrapy.http import TextResponse

ADAPTER = "adapter"
GENERIC = "generic"
LISTING = "listing"
# Kinds of discovery source: where article links come from.
LISTING_PAGES = "listing"
API_PAGES = "api"  # a CMS's JSON API (WordPress REST)
SITEMAP = "sitemap"
FEED = "feed"
ROBOTS = "robots"


class ExtractionError(ValueError):
    """A page that should be an article lacks something every article has."""


def select(ctx: PageContext, css: str | None) -> list[html.HtmlElement]:
    """Elements of the page matching a CSS selector (``scraper.extract.css``: compiled
    once per selector, matched from the page's class and id index), run once per page
    (the date line's hint serves the date and the counter)."""
    if not css:
        return []
    index = ctx.memo("css index", lambda: PageIndex(ctx.root, ctx.order, ctx.attributes))
    return list(ctx.memo(f"css {css}", lambda: compile_css(css)(index)))


def select_first_text(ctx: PageContext, css: str | None) -> str:
    """Text of the first matching element that has any."""
    for element in select(ctx, css):
        text = ctx.text(element)
        if text:
            return text
    return ""


class ListingPage(NamedTuple):
    articles: list[ListedArticle]  # in page order, fetchable URLs on the canonical origin
    next_url: str | None
    sources: dict[str, str]  # "links" / "next" -> "adapter" | "generic"


class Source(NamedTuple):
    """A page that lists articles: a listing page, a sitemap, a feed, an API page."""

    kind: str
    url: str  # on the site's canonical origin
    chain: str  # the walk it belongs to (a start path, "sitemap", "wp-json"...)
    page: int = 1
    probe: bool = False  # a section page that may or may not list articles


class Fetched(NamedTuple):
    """A response as the adapters read it."""

    url: str  # on the site's canonical origin
    status: int
    content_type: str
    body: bytes
    headers: Mapping[str, str]  # lower-case names, first value
    root: html.HtmlElement | None  # the parsed page when it is HTML


class SourceResult(NamedTuple):
    articles: list[ListedArticle]
    next: Source | None = None  # the next page of the same walk
    instead: tuple[Source, ...] = ()  # walk these because this source is not there
    found: tuple[Source, ...] = ()  # further sources it names (sitemaps, feeds)
    rules: Mapping[str, str] = {}  # "links"/"next" -> adapter|generic
    trusted: bool = True  # False: links that must look like the listings' article links
    failed: bool = False  # the walk broke off here (an error page mid-walk)
    stats: Mapping[str, Any] = {}  # facts for the run's stats ("rest/unavailable": 404)
    sections: tuple[str, ...] = ()  # the site's section pages its navigation links


@dataclass
class ParsedArticle:
    record: dict[str, Any]
    sources: dict[str, str] = field(default_factory=dict)  # field -> adapter|generic|listing


# The hint attributes behind each field (and listing step) an adapter may read itself.
HINTS: dict[str, tuple[str, ...]] = {
    "title": ("title_css",),
    "summary": ("lead_css",),
    "body": ("body_css",),
    "published_at": ("dateline_css",),
    "view_count": ("views_css", "dateline_css"),
    "author": ("credit_css",),
    "category": ("category_css", "breadcrumb_css"),
    "related": ("related_css",),
    "tags": ("tags_css",),
    "listing_links": ("listing_links_css",),
    "listing_next": ("next_page_css",),
}


def _found(value: Any) -> bool:
    return value not in (None, "", [], ())


_Adapter = TypeVar("_Adapter", bound="PlatformAdapter")
# URLs remembered per method and adapter: a site's menu and related links are the same
# on every page, and each is cleaned and made canonical on every page that prints it
URL_MEMO_SIZE = 4096


def url_memo(method: Callable[[_Adapter, str], str]) -> Callable[[_Adapter, str], str]:
    """A URL method of an adapter (``clean_url``, ``page_url``, ``canonical_url``: pure
    functions of its profile and the URL) worked out once per URL: its answers are kept
    per adapter, method and profile, up to URL_MEMO_SIZE (then forgotten all at once, so
    memory stays flat however long the crawl). An override and the ``super()`` method
    it calls each keep their own."""
    name = method.__qualname__

    @wraps(method)
    def remembered(self: _Adapter, url: str) -> str:
        memo = self._url_memo.get(name)
        if memo is None or memo[0] is not self.profile or len(memo[1]) >= URL_MEMO_SIZE:
            memo = self._url_memo[name] = (self.profile, {})
        answers = memo[1]
        found = answers.get(url)
        if found is None:
            found = answers[url] = method(self, url)
        return found

    return remembered


class PlatformAdapter:
    """Reads listing and article pages of one CMS family.

    Subclasses set the class attributes below (CSS hints and URL rules) and override a
    method only where their CMS really differs. An attribute left None has no hint: the
    generic rule alone reads that field.
    """

    platform: ClassVar[str]
    # Path (and query) of an article URL; group "id" is the site's own article number.
    article_path: ClassVar[re.Pattern[str]] = re.compile(
        r"[-_/](?P<id>\d{5,})(?:\.html?|\.aspx|\.php)?/?$"
    )
    # Query parameters that name an article; None: every parameter but noise is kept.
    identity_params: ClassVar[frozenset[str] | None] = None
    listing_links_css: ClassVar[str | None] = None
    next_page_css: ClassVar[str | None] = None
    title_css: ClassVar[str | None] = None
    category_css: ClassVar[str | None] = None
    breadcrumb_css: ClassVar[str | None] = None
    dateline_css: ClassVar[str | None] = None
    views_css: ClassVar[str | None] = None  # None: the counter is on the date line
    lead_css: ClassVar[str | None] = None
    lead_image_css: ClassVar[str | None] = None
    body_css: ClassVar[str | None] = None
    credit_css: ClassVar[str | None] = None
    related_css: ClassVar[str | None] = None
    tags_css: ClassVar[str | None] = None
    # Inside the body: elements that are not article text (share bars, widgets...).
    body_noise_css: ClassVar[str | None] = None
    # Feeds and sitemaps the CMS publishes at fixed places, tried on a full walk.
    sitemap_paths: ClassVar[tuple[str, ...]] = ("/sitemap.xml",)

    def __init__(self, profile: SiteProfile) -> None:
        self.profile = profile
        # url_memo's answers: method -> (the profile they hold for, url -> answer)
        self._url_memo: dict[str, tuple[SiteProfile, dict[str, str]]] = {}
        # (origin, listing paths) -> their identities (a profile may be replaced mid-crawl)
        self._listings: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}

    def hinted_fields(self) -> list[str]:
        """The fields (and listing steps) this adapter has a selector for."""
        return [name for name, attrs in HINTS.items() if any(getattr(self, a) for a in attrs)]

    # -- signature -----------------------------------------------------------------------
    @classmethod
    def signature(cls, ctx: PageContext) -> float:  # noqa: ARG003 (adapters read the page)
        """How strongly a page shows this CMS, 0 (not at all) to 1 (its generator tag)."""
        return 0.0

    # -- URLs ------------------------------------------------------------------------------
    @url_memo
    def clean_url(self, url: str) -> str:
        """The URL as the site writes it, on the profile's origin (scheme and host
        spelling), without fragment, tracking and navigation parameters; the path,
        trailing slash included, is left as it is. A URL that cannot be split (see
        ``join_url``) is returned stripped: it names no page of the site."""
        if not is_parsable_url(url.strip()):
            return url.strip()
        parts = urlsplit(strip_noise_params(url.strip(), self.identity_params))
        if same_site(url, self.profile.base_url):
            origin = urlsplit(origin_of(self.profile.base_url))
            parts = parts._replace(scheme=origin.scheme, netloc=origin.netloc)
        return urlunsplit(parts._replace(fragment=""))

    @url_memo
    def page_url(self, url: str) -> str:
        """A listing page's URL on the profile's origin, without fragment and tracking;
        its navigation parameters stay (they may carry the page number)."""
        if not is_parsable_url(url.strip()):
            return url.strip()
        parts = urlsplit(strip_noise_params(url.strip(), navigation=False))
        if same_site(url, self.profile.base_url):
            origin = urlsplit(origin_of(self.profile.base_url))
            parts = parts._replace(scheme=origin.scheme, netloc=origin.netloc)
        return urlunsplit(parts._replace(fragment=""))

    @url_memo
    def canonical_url(self, url: str) -> str:
        """The article's identity: one string for every variant that links it (any slug
        case, trailing slash, ``index.php/`` segment, noise parameter)."""
        canonical = canonicalize_url(self.clean_url(url))
        if not is_parsable_url(canonical):
            return canonical
        parts = urlsplit(canonical)
        path = re.sub(r"^/index\.php(?=/)", "", parts.path)
        return urlunsplit(parts._replace(path=path))

    def is_article_url(self, url: str) -> bool:
        if not is_parsable_url(url):
            return False
        parts = urlsplit(url)
        path = re.sub(r"^/index\.php(?=/)", "", parts.path or "/")
        target = path + (f"?{parts.query}" if parts.query else "")
        return same_site(url, self.profile.base_url) and bool(self.article_path.search(target))

    def article_id(self, url: str) -> str:
        """``<site>-<article number>`` from the URL, else a hash of its identity."""
        canonical = self.canonical_url(url)
        if not is_parsable_url(canonical):
            return article_id(self.profile.key, canonical, None)
        parts = urlsplit(canonical)
        match = self.article_path.search(parts.path + (f"?{parts.query}" if parts.query else ""))
        if match and match.groupdict().get("id"):
            return f"{self.profile.key}-{int(match.group('id'))}"
        return article_id(self.profile.key, canonical, None)

    def is_listing_url(self, url: str) -> bool:
        """One of the profile's own listing pages (never an article)."""
        key = (self.profile.base_url, self.starts)
        listings = self._listings.get(key)
        if listings is None:  # asked of every link of every page: worked out once
            listings = frozenset(self.canonical_url(key[0] + path) for path in key[1])
            self._listings[key] = listings
        return self.canonical_url(url) in listings

    @property
    def starts(self) -> tuple[str, ...]:
        return self.profile.start_paths

    # -- discovery -------------------------------------------------------------------------
    def first_sources(self) -> list[Source]:
        """Where a crawl starts: the profile's listing pages."""
        return self.listing_sources()

    def listing_sources(self) -> list[Source]:
        base = self.profile.base_url
        return [Source(LISTING_PAGES, base + path, path) for path in self.profile.start_paths]

    def more_sources(self) -> list[Source]:
        """Sources read on a full walk besides the listings: robots.txt's sitemaps and the
        sitemaps the CMS keeps at fixed places."""
        base = self.profile.base_url
        found = [Source(ROBOTS, base + "/robots.txt", ROBOTS)]
        return found + [Source(SITEMAP, base + path, SITEMAP) for path in self.sitemap_paths]

    def read(self, source: Source, fetched: Fetched) -> SourceResult:
        """The articles (and further pages) a fetched source lists."""
        if source.kind == LISTING_PAGES:
            if fetched.root is None:
                return SourceResult([], failed=True)
            ctx = PageContext(fetched.root, fetched.url)
            page = self.listing(ctx)
            following = None
            if page.next_url:
                following = Source(LISTING_PAGES, page.next_url, source.chain, source.page + 1)
            feeds = tuple(
                Source(FEED, url, FEED) for url in feeds_.feed_links(fetched.root, fetched.url)
            )
            sections: tuple[str, ...] = ()
            if source.page == 1:
                sections = tuple(self.page_url(u) for u in rules.find_section_links(ctx))
            return SourceResult(
                page.articles, following, found=feeds, rules=page.sources, sections=sections
            )
        if fetched.status != 200:
            return SourceResult([])  # a site without sitemap or feed: nothing to say
        if source.kind == ROBOTS:
            sitemaps = feeds_.robots_sitemaps(fetched.body, fetched.url)
            return SourceResult([], found=tuple(Source(SITEMAP, u, SITEMAP) for u in sitemaps))
        if source.kind in (SITEMAP, FEED):
            reader = feeds_.read_sitemap if source.kind == SITEMAP else feeds_.read_feed
            listed = reader(fetched.body, fetched.url)
            articles = [
                ListedArticle(self.clean_url(e.url), modified=e.modified) for e in listed.entries
            ]
            documents = tuple(Source(SITEMAP, u, SITEMAP) for u in listed.documents)
            return SourceResult(articles, found=documents, trusted=False)
        return SourceResult([])

    # -- listings --------------------------------------------------------------------------
    def listing(self, ctx: PageContext) -> ListingPage:
        """Article links of the listing's main list (adapter hint, else the generic rule),
        what each item prints beside its link, and the next page."""
        sources: dict[str, str] = {}
        hinted = self._hinted_links(ctx)
        found = [u for u in rules.find_article_links(ctx) if not self.is_listing_url(u)]
        if hinted:
            # the hint may cover one layout of the list only (a featured item, a grid):
            # the generic rule adds the links of the same shape it finds beside them
            sources["links"] = ADAPTER
            shapes = {rules.url_shape(canonicalize_url(u)) for u in hinted}
            known = {canonicalize_url(u) for u in hinted}
            extra = [
                u
                for u in found
                if self.is_article_url(u)
                and rules.url_shape(canonicalize_url(u)) in shapes
                and canonicalize_url(u) not in known
            ]
            urls = hinted + extra
        else:
            urls = [u for u in found if self.is_article_url(u)] or found
            if urls:
                sources["links"] = GENERIC
        identities = list(dict.fromkeys(canonicalize_url(u) for u in urls))
        listed = rules.listed_articles(ctx, identities)
        articles = [
            ListedArticle(self.clean_url(url), item.view_count)
            for url, item in zip(urls_by_identity(urls), listed, strict=True)
        ]
        next_url = self._hinted_next(ctx)
        if next_url:
            sources["next"] = ADAPTER
        else:
            next_url = rules.find_next_page(ctx, set(identities))
            if next_url:
                sources["next"] = GENERIC
        return ListingPage(articles, next_url and self.page_url(next_url), sources)

    def _hinted_links(self, ctx: PageContext) -> list[str]:
        urls: list[str] = []
        for anchor in select(ctx, self.listing_links_css):
            href = (anchor.get("href") or "").strip()
            if not href or href.startswith(("#", "javascript:")):
                continue
            url = join_url(ctx.url, href)
            if url and self.is_article_url(url) and not self.is_listing_url(url):
                urls.append(url)
        return urls

    def _hinted_next(self, ctx: PageContext) -> str | None:
        here = canonicalize_url(ctx.url)
        for anchor in select(ctx, self.next_page_css):
            href = (anchor.get("href") or "").strip()
            if href and not href.startswith(("#", "javascript:")):
                url = join_url(ctx.url, href)
                if url and canonicalize_url(url) != here:
                    return url
        return None

    # convenience for tests and the evaluation: the listing's article URLs and next page
    def listing_article_urls(self, root: html.HtmlElement, page_url: str) -> list[str]:
        return [a.url for a in self.listing(PageContext(root, page_url)).articles]

    def next_listing_url(self, root: html.HtmlElement, page_url: str) -> str | None:
        return self.listing(PageContext(root, page_url)).next_url

    # -- articles --------------------------------------------------------------------------
    def article_url(self, ctx: PageContext) -> str:
        """The page's own canonical link (``rel=canonical``, ``og:url``) when it names an
        article of this site, as the site writes it; else the fetched URL, cleaned."""
        for name in ("canonical", "og:url"):
            declared = ctx.meta.get(name)
            if not declared:
                continue
            declared = join_url(ctx.url, declared)
            if declared is None:
                continue
            ours = same_site(declared, self.profile.base_url) and self.is_article_url(declared)
            if ours and not self.is_listing_url(declared):
                return self.clean_url(declared)
        return self.clean_url(ctx.url)

    def parse_article(
        self, root: html.HtmlElement, fetched_url: str, listed: ListedArticle | None = None
    ) -> dict[str, Any]:
        """The record fields a page yields (see ``parse_page``)."""
        return self.parse_page(PageContext(root, fetched_url), listed).record

    def parse_page(self, ctx: PageContext, listed: ListedArticle | None = None) -> ParsedArticle:
        """The record fields of an article page, and which rule found each; raises
        ExtractionError if the page has neither a title nor any text.

        A page with a title but no text still yields its record (with an empty body,
        which validation refuses): the fields that were found count in the field
        coverage, so a vanished body shows as "body 0%", not as "no page". `listed` is
        what the listing printed beside the article's link (a view counter NukeViet
        prints only there).
        """
        sources: dict[str, str] = {}

        def pick(name: str, hinted: Callable[[], Any], generic: Callable[[], Any]) -> Any:
            value = hinted()
            if _found(value):
                sources[name] = ADAPTER
                return value
            value = generic()
            if _found(value):
                sources[name] = GENERIC
            return value

        url = self.article_url(ctx)
        # the body hint, when it matches, is the main text every generic rule places the
        # headline, date line and chrome by: the page is not searched for it
        containers = self._body_containers(ctx)
        if containers:
            rules.adopt_main_text(ctx, containers)
        title_node = self._first(ctx, self.title_css)
        if title_node is not None:
            sources["title"] = ADAPTER
            rules.adopt_headline(ctx, title_node)
        else:
            title_node = rules.headline(ctx)
        title = ctx.text(title_node) if title_node is not None else rules.find_title(ctx)
        if title:
            sources.setdefault("title", GENERIC)
        summary_node = self._first(ctx, self.lead_css)
        if summary_node is not None:
            sources["summary"] = ADAPTER
        else:
            summary_node = rules.find_summary(ctx)
        summary = (ctx.text(summary_node) or None) if summary_node is not None else None
        if summary:
            sources.setdefault("summary", GENERIC)
        drop = [n for n in (summary_node, title_node) if n is not None]
        body_nodes = pick(
            "body",
            lambda: self._hinted_body(ctx, title, drop, title_node),
            lambda: rules.article_nodes(
                ctx, title=title, drop=drop, headline=title_node, searched=bool(containers)
            ),
        )
        blocks = text_blocks(body_nodes, self._noise_xpath())
        if not blocks and not title:
            raise ExtractionError("neither a title nor any article text")
        published_text, published_at = pick(
            "published_at", lambda: self._hinted_date(ctx), lambda: self._generic_date(ctx)
        ) or (None, None)
        view_count = pick(
            "view_count", lambda: self._hinted_views(ctx), lambda: rules.find_views(ctx)
        )
        if view_count is None and listed is not None and listed.view_count is not None:
            view_count = listed.view_count
            sources["view_count"] = LISTING
        credit = pick(
            "author",
            lambda: self._hinted_credit(ctx),
            lambda: self.generic_credit(ctx, blocks),
        )
        if summary and (not blocks or blocks[0] != summary):
            blocks.insert(0, summary)
        lead_images = pick(
            "lead_images", lambda: self.lead_image_nodes(ctx), lambda: rules.find_lead_images(ctx)
        )
        sources.pop("lead_images", None)
        images = images_in(list(lead_images or []) + list(body_nodes or []), url)
        related = pick(
            "related",
            lambda: self._links(self._hinted_related(ctx), url),
            lambda: self._links(rules.find_related_anchors(ctx), url),
        )
        record = {
            "id": self.record_id(ctx, url),
            "site": self.profile.key,
            "source": self.profile.name,
            "url": url,
            "title": title,
            "category": pick(
                "category",
                lambda: self._hinted_category(ctx),
                lambda: rules.find_category(ctx, title),
            ),
            "published_at": published_at,
            "published_text": published_text,
            "view_count": view_count,
            "author": credit.author if credit else None,
            "byline": credit.byline if credit else None,
            "summary": summary,
            "body": "\n\n".join(blocks),
            "body_html": clean_html(
                ([summary_node] if summary_node is not None else []) + list(body_nodes or []),
                url,
                self._noise_xpath(),
            ),
            "images": [img._asdict() for img in images],
            "related": related or [],
            "tags": pick("tags", lambda: self._hinted_tags(ctx), lambda: rules.find_tags(ctx)),
            "language": "vi",
        }
        return ParsedArticle(record, sources)

    # -- the steps: hints --------------------------------------------------------------------
    @staticmethod
    def _first(ctx: PageContext, css: str | None) -> html.HtmlElement | None:
        for element in select(ctx, css):
            if ctx.text(element):
                return element
        return None

    def _hinted_body(
        self,
        ctx: PageContext,
        title: str,
        drop: list[html.HtmlElement],
        headline: html.HtmlElement | None,
    ) -> list[html.HtmlElement]:
        containers = self._body_containers(ctx)
        if not containers:
            return []
        return rules.article_nodes(ctx, containers, title=title, drop=drop, headline=headline)

    def _body_containers(self, ctx: PageContext) -> list[html.HtmlElement]:
        """The body hint's elements that hold text, the outermost of nested ones."""
        containers = [c for c in select(ctx, self.body_css) if ctx.text_len.get(c, 0)]
        # a selector matching nested elements: the outermost ones
        return [c for c in containers if not any(o in c.iterancestors() for o in containers)]

    def _hinted_date(self, ctx: PageContext) -> tuple[str | None, str | None] | None:
        """(date as printed without label or counter, ISO time) from the date line hint;
        a time the CMS prints for machines completes a printed day."""
        elements = select(ctx, self.dateline_css)
        line = next(filter(None, map(ctx.text, elements)), "")
        printed = strip_date_label(remove_view_counter(line)) if line else ""
        moment = parse_vietnamese_datetime(printed) if printed else None
        exact = self.machine_date(elements)
        if exact is not None:  # <time datetime> on the date line itself
            moment = exact
        elif moment is not None and not has_time_of_day(printed):
            machine = rules.machine_published(ctx)
            if machine is not None and machine[1] and machine[0].date() == moment.date():
                moment = machine[0]
        if moment is None:
            return None
        return printed or None, to_iso(moment)

    def machine_date(self, elements: Iterable[html.HtmlElement]) -> Any:
        """A machine-readable time on the date line (``<time datetime>``), if the CMS
        prints one."""
        for el in elements:
            for node in el.iter():
                parsed = parse_iso_datetime(node.get("datetime") or node.get("content") or "")
                if parsed:
                    return parsed[0]
        return None

    def _generic_date(self, ctx: PageContext) -> tuple[str | None, str | None] | None:
        published = rules.find_published(ctx)
        return (published.text, published.iso) if published.iso or published.text else None

    def lead_image_nodes(self, ctx: PageContext) -> list[html.HtmlElement]:
        """Image blocks outside the body (a lead photo above it)."""
        return select(ctx, self.lead_image_css)

    def _hinted_views(self, ctx: PageContext) -> int | None:
        for css in (self.views_css, self.dateline_css):
            if css:
                count = find_view_count(select_first_text(ctx, css))
                if count is not None:
                    return count
        return None

    def _hinted_credit(self, ctx: PageContext) -> Credit | None:
        byline = select_first_text(ctx, self.credit_css) if self.credit_css else ""
        return parse_credit(byline) if byline else None

    def generic_credit(self, ctx: PageContext, blocks: list[str]) -> Credit | None:
        """The credit closing the text (taken out of `blocks`), author markup or meta."""
        return rules.find_credit(ctx, blocks, site=self.profile.name)

    def _hinted_category(self, ctx: PageContext) -> str | None:
        category = select_first_text(ctx, self.category_css)
        if not category and self.breadcrumb_css:
            crumbs = [ctx.text(el) for el in select(ctx, self.breadcrumb_css)]
            crumbs = [c for c in crumbs if c and c.lower() not in ("trang chủ", "home")]
            category = crumbs[-1] if crumbs else ""
        return category or None

    def _hinted_related(self, ctx: PageContext) -> list[html.HtmlElement]:
        return select(ctx, self.related_css)

    def _hinted_tags(self, ctx: PageContext) -> list[str]:
        tags: list[str] = []
        for element in select(ctx, self.tags_css):
            tag = ctx.text(element).lstrip("#").strip()
            if tag and tag not in tags:
                tags.append(tag)
        return tags

    def _links(self, anchors: list[html.HtmlElement], page_url: str) -> list[dict[str, str]]:
        here = self.canonical_url(page_url)

        def keep(url: str) -> bool:
            return self.is_article_url(url) and self.canonical_url(url) != here

        seen: set[str] = set()
        related = []
        for link in links_in(anchors, page_url, keep):
            identity = self.canonical_url(link.url)
            if identity not in seen:
                seen.add(identity)
                related.append({"url": self.clean_url(link.url), "title": link.title})
        return related

    def record_id(self, ctx: PageContext, url: str) -> str:  # noqa: ARG002 (WordPress reads ctx)
        """The record's id: from the URL here; an adapter may read the page's own."""
        return self.article_id(url)

    def _noise_xpath(self) -> str:
        if not self.body_noise_css:
            return ""
        return _noise_xpath(self.body_noise_css)

    # -- stand-ins ---------------------------------------------------------------------------
    def stand_in_record(self, data: Any) -> dict[str, Any] | None:  # noqa: ARG002 (WordPress)
        """A record from what a discovery source gave for an article (WordPress: its REST
        post), used when the article page itself cannot be read; none by default."""
        return None


@lru_cache(maxsize=64)
def _noise_xpath(css: str) -> str:
    return GenericTranslator().css_to_xpath(css)


def urls_by_identity(urls: list[str]) -> list[str]:
    """The first URL of each identity (``canonicalize_url``), in order."""
    seen: dict[str, str] = {}
    for url in urls:
        seen.setdefault(canonicalize_url(url), url)
    return list(seen.values())


def page_root(response: TextResponse) -> html.HtmlElement:
    """The response's parsed tree (``page_tree`` of its text)."""
    return page_tree(response.text)


def page_tree(text: str) -> html.HtmlElement:
    """A page's parsed tree; control characters (never meant in HTML) taken out first,
    since lxml cannot read back an attribute that holds one. A page nested deeper than
    MAX_NESTING has its bare wrappers unwrapped, and is refused (ExtractionError) if it
    is still that deep."""
    if has_control_characters(text):
        text = without_control_characters(text)
    root = parse_html(text)  # always an HtmlElement (<html/> for markup with none)
    if not nests_deeper_than(root, MAX_NESTING):  # every real page: no walk needed
        return root
    depth = nesting_depth(root)
    if depth >= PARSER_NESTING_LIMIT:
        raise ExtractionError(f"markup nested {depth}+ elements deep: the parser lost the rest")
    if depth > MAX_NESTING:
        collapse_wrappers(root)
        if (depth := nesting_depth(root)) > MAX_NESTING:
            raise ExtractionError(f"markup nested {depth} elements deep (at most {MAX_NESTING})")
    return root
