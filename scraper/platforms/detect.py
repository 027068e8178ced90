"""Which platform serves a site, verified on its pages, and a profile for a site given
by URL only.

Signatures (a generator tag, a CMS's file directories or scripts, URL shapes) only
nominate: every adapter is tried on the first listing page (and the first article page,
when there is one) and scored by what it actually reads there — article links found by
its own selectors, links it recognises as its articles with the site's own numbers, the
next page, article fields its selectors find — plus a little for its signature. The best
score wins; the generic adapter wins ties, so a CMS adapter is taken only where it does
better than the generic rules.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import unicodedata
from typing import NamedTuple
from urllib.parse import urlsplit

from lxml import html

from scraper.extract.generic import PageContext, main_text
from scraper.extract.text import clean_line
from scraper.extract.urls import origin_of
from scraper.platforms import PLATFORMS
from scraper.platforms.base import ADAPTER, ExtractionError, PlatformAdapter
from scraper.profiles import profile_from_mapping
from scraper.site_profile import SiteProfile

_SIGNATURE_WEIGHT = 2.0
_FIELD_WEIGHT = 2.0
# Article links a CMS's URL shape must recognise on a listing to nominate it without its
# signature (a portal CMS known by its "-c{id}.html" URLs alone).
_NOMINATING_LINKS = 3


class Candidate(NamedTuple):
    platform: str
    score: float


def _native(adapter: PlatformAdapter, url: str) -> bool:
    """The adapter reads the site's own article number from the URL (not a URL hash)."""
    return adapter.is_article_url(url) and not adapter.article_id(url).startswith(
        f"{adapter.profile.key}-u"
    )


def score_platform(
    adapter: PlatformAdapter,
    listing: PageContext | None,
    article: PageContext | None = None,
) -> float:
    """What the adapter reads on the pages, as one number (see the module docstring)."""
    pages = [ctx for ctx in (listing, article) if ctx is not None]
    signature = max((adapter.signature(ctx) for ctx in pages), default=0.0)
    score = _SIGNATURE_WEIGHT * signature
    native = 0
    if listing is not None:
        page = adapter.listing(listing)
        native = sum(1 for item in page.articles if _native(adapter, item.url))
        if not signature and native < _NOMINATING_LINKS and adapter.platform != "generic":
            return 0.0  # neither its signature nor its URLs: not a candidate
        if page.sources.get("links") == ADAPTER:
            score += len(page.articles)
        score += native
        score += 1 if page.sources.get("next") == ADAPTER else 0
    elif not signature and adapter.platform != "generic":
        return 0.0
    if article is not None:
        try:
            parsed = adapter.parse_page(article)
        except ExtractionError:
            return score
        score += _FIELD_WEIGHT * sum(1 for rule in parsed.sources.values() if rule == ADAPTER)
        score += 1 if _native(adapter, article.url) else 0
    return score


def rank_platforms(
    profile: SiteProfile, listing: PageContext | None, article: PageContext | None = None
) -> list[Candidate]:
    """Every platform with its score, best first (generic first among equals)."""
    ranked = []
    for order, (platform, cls) in enumerate(PLATFORMS.items()):
        candidate = cls(_with_platform(profile, platform))
        generic = platform == "generic"
        ranked.append((score_platform(candidate, listing, article), generic, -order, platform))
    ranked.sort(reverse=True)
    return [Candidate(platform, score) for score, _, _, platform in ranked]


def detect_platform(
    root: html.HtmlElement,
    url: str,
    article_root: html.HtmlElement | None = None,
    article_url: str | None = None,
) -> str:
    """A PLATFORMS key for the site of the page at `url` (a listing page, or an article
    page when it is the only page known), verified on an article page when given."""
    profile = _provisional_profile(url)
    listing = PageContext(root, url)
    article = PageContext(article_root, article_url or url) if article_root is not None else None
    if article is None and _looks_like_article(listing):
        article = listing
    return rank_platforms(profile, listing, article)[0].platform


def _looks_like_article(ctx: PageContext) -> bool:
    """A page with one long text: an article page, not a listing."""
    found = main_text(ctx)
    return found is not None and found.length >= 800


def _with_platform(profile: SiteProfile, platform: str) -> SiteProfile:
    return dataclasses.replace(profile, platform=platform)


def _provisional_profile(url: str) -> SiteProfile:
    address = urlsplit(url)
    start = (address.path or "/") + (f"?{address.query}" if address.query else "")
    return SiteProfile(
        key=site_key_for(url),
        name=address.hostname or url,
        base_url=origin_of(url),
        platform="generic",
        start_paths=(start,),
    )


def site_key_for(url: str) -> str:
    """A profile key from a host: congan.quangtri.gov.vn -> quangtri, conganbackan.vn -> backan.

    Always a valid site key (ASCII, lower case, a letter first, at most 64 characters):
    an internationalised host is spelt without its marks (công-an.hànội.vn -> cong_an),
    a punycode label is read as the name it spells, a long one is cut."""
    host = _ascii_host((urlsplit(url).hostname or "").lower()).removeprefix("www.")
    labels = host.split(".")
    if labels[0] == "congan" and len(labels) > 2:
        name = labels[1]
    elif labels[0].startswith("congan") and len(labels[0]) > len("congan"):
        name = labels[0].removeprefix("congan")
    else:
        name = labels[0]
    key = re.sub(r"[^a-z0-9_]+", "_", name).strip("_") or "site"
    key = key if key[0].isalpha() else f"site_{key}"
    return key[:_KEY_LENGTH].rstrip("_")


_KEY_LENGTH = 64


def _ascii_host(host: str) -> str:
    """The host in ASCII letters: punycode labels decoded, then Vietnamese (and other)
    marks dropped, đ read as d."""
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            with contextlib.suppress(UnicodeError):  # not punycode after all: as it is
                label = label.encode("ascii").decode("idna")
        labels.append(label)
    decomposed = unicodedata.normalize("NFKD", ".".join(labels).replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# The source_file of a profile built from `crawl --url` (its platform is still to be
# detected on the way), as opposed to one read from a file.
FROM_URL = "--url "


def profile_for_url(
    url: str,
    name: str | None,
    root: html.HtmlElement | None = None,
    *,
    article_root: html.HtmlElement | None = None,
    article_url: str | None = None,
) -> SiteProfile:
    """A profile for a site known only by one listing URL (validated like a profile file).

    key: `name` or from the host; name: og:site_name, else the site's part of <title>;
    base_url: the URL's origin; platform: verified on `root`, the listing page, and on an
    article page if given (generic until the listing is fetched); start_paths: the URL's
    path.
    """
    address = urlsplit(url)
    start = (address.path or "/") + (f"?{address.query}" if address.query else "")
    display = ""
    if root is not None:
        ctx = PageContext(root, url)
        display = ctx.site_name
        title = ctx.doc_title
        if not display and title:
            # "<page> - Công an tỉnh X": the part naming the police, else the last part
            parts = [clean_line(p) for p in re.split(r"\s+[-|–—:»]\s+", title) if p.strip()]
            police = [p for p in parts if "công an" in p.lower()]
            display = police[-1] if police else parts[-1] if parts else ""
    platform = "generic"
    shows_views = True
    if root is not None:
        platform = detect_platform(root, url, article_root, article_url)
    data = {
        "key": name or site_key_for(url),
        "name": display or address.hostname or url,
        "base_url": origin_of(url),
        "platform": platform,
        "start_paths": [start],
        "notes": f"built from --url {url}",
    }
    profile = profile_from_mapping(data, f"{FROM_URL}{url}")
    if root is not None and article_root is not None:
        shows_views = _shows_views(profile, root, url, article_root, article_url or url)
    return dataclasses.replace(profile, shows_views=shows_views)


def _shows_views(
    profile: SiteProfile,
    root: html.HtmlElement,
    url: str,
    article_root: html.HtmlElement,
    article_url: str,
) -> bool:
    """Whether the site prints view counters: on its listing items or its article page.
    (The coverage monitor then expects them; a site that prints none is not faulted.)"""
    adapter = PLATFORMS[profile.platform](profile)
    if any(
        item.view_count is not None for item in adapter.listing(PageContext(root, url)).articles
    ):
        return True
    try:
        parsed = adapter.parse_page(PageContext(article_root, article_url))
    except ExtractionError:
        return True
    return parsed.record["view_count"] is not None
