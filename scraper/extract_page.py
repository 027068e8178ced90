"""Extract one saved page without crawling: the `extract` command and parse tests."""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lxml import html
from scrapy.http import HtmlResponse
from w3lib.encoding import html_body_declared_encoding

from pipelines.normalize import normalize_record
from scraper.extract.encoding import decode_page
from scraper.extract.generic import ListedArticle
from scraper.extract.html import meta_content
from scraper.extract.urls import is_web_url, same_site
from scraper.platforms import ExtractionError, adapter_for
from scraper.platforms.base import page_tree
from scraper.platforms.detect import profile_for_url
from scraper.profiles import ProfileError, load_profile, load_profiles
from scraper.record import SCHEMA_VERSION
from scraper.site_profile import SiteProfile
from scraper.state import utc_now

logger = logging.getLogger(__name__)


def declared_url(root: html.HtmlElement) -> str | None:
    """The page's own canonical link or og:url, if it has one."""
    return meta_content(root, "canonical", "og:url", links=True) or None


def profile_for(url: str | None, site: str | None, root: html.HtmlElement) -> SiteProfile:
    """--site's profile, the bundled one for the URL's host, or one detected from the page
    (on a copy of `root`: detection reads the page through a PageContext, which regroups
    paragraphs in the tree it is given, and the extraction must see the page as parsed)."""
    if site:
        return load_profile(site)
    if not url or not is_web_url(url):
        raise ProfileError("cannot tell which site the page is from: pass --site KEY or --url URL")
    for profile in load_profiles().values():
        if same_site(url, profile.base_url):
            return profile
    return profile_for_url(url, None, copy.deepcopy(root))


def extract_response(
    response: HtmlResponse, profile: SiteProfile, listed: ListedArticle | None = None
) -> dict[str, Any]:
    """The normalised record of an article page, as the pipelines would first see it;
    `listed` is what the listing printed beside its link. A page with no article text
    raises ExtractionError (a crawl archives nothing for it either)."""
    return extract_root(_parsed(response.text), response.url, profile, listed)


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """As in a crawl, a page that breaks a rule fails alone and says why in one line."""
    try:
        yield
    except ExtractionError:
        raise
    except Exception as exc:
        raise ExtractionError(f"{type(exc).__name__}: {exc}") from exc


def _parsed(text: str) -> html.HtmlElement:
    with _one_line_errors():
        return page_tree(text)


def extract_root(
    root: html.HtmlElement, url: str, profile: SiteProfile, listed: ListedArticle | None = None
) -> dict[str, Any]:
    """``extract_response`` of a page already parsed (``page_root``) and fetched from `url`."""
    with _one_line_errors():
        record = adapter_for(profile).parse_article(root, url, listed)
    if not record["body"]:
        raise ExtractionError("no article text on the page")
    record.update(
        version=1,
        scraped_at=utc_now(),
        run_id="extract",
        schema_version=SCHEMA_VERSION,
        warc_file=None,  # a saved page: no capture of it
        warc_record_id=None,
    )
    return normalize_record(record)


def extract_file(path: Path, *, url: str | None = None, site: str | None = None) -> dict[str, Any]:
    # A saved file has no Content-Type header, and its <meta charset> may be as wrong as a
    # server's: the crawl's detection decides (scraper/extract/encoding.py).
    raw = path.read_bytes()
    decoded = decode_page(raw, [html_body_declared_encoding(raw)])
    if not decoded.clean:
        logger.warning(
            "No encoding reads %s cleanly; extracted as read in %s, with replacement "
            "characters or mojibake",
            path,
            decoded.encoding,
        )
    # one parse serves the page's own URL, the site and the record
    root = _parsed(decoded.text)
    page_url = url or declared_url(root)
    profile = profile_for(page_url, site, root)
    return extract_root(root, page_url or profile.base_url + "/" + path.name, profile)
