"""Canonical URLs and stable article ids."""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import re
from urllib.parse import parse_qsl, unquote_plus, urlencode, urljoin, urlsplit, urlunsplit

_TRACKING_PARAMS = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|zarsrc|zalo_?\w*|_ga|_gl|mc_cid|mc_eid|ref|share)$",
    re.IGNORECASE,
)
# The URL caches: a site's menus and sidebars repeat the same links on every page, and a
# page asks for its own links several times while it is read; a bigger cache keeps only
# links no page will ask for again (RSS that grows with the crawl, not the hit rate).
URL_CACHE_SIZE = 1024
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Navigation state a CMS appends to links ("back to the listing", portlet state): the same
# article carries many of them (Liferay's redirect=/inheritRedirect=, ASP.NET ReturnUrl).
_NAVIGATION_PARAMS = re.compile(
    r"^(?:redirect|inheritredirect|returnurl|return_url|backurl|back_url|referer|referrer|"
    r"p_p_\w+|p_r_p_\w+|_com_liferay\w*|p_l_id|p_v_l_s_g_id)$",
    re.IGNORECASE,
)
# white space and C0 controls at either end: what a URL parser strips (WHATWG), and more
_EDGES = re.compile(r"^[\s\x00-\x20]+|[\s\x00-\x20]+$")
_URL_VALUE = re.compile(r"^(?:https?:|https?%3a|%2f|/)", re.IGNORECASE)


def strip_noise_params(
    url: str, keep: frozenset[str] | None = None, *, navigation: bool = True
) -> str:
    """The URL without query parameters that do not name the page: tracking, navigation
    state (unless `navigation` is False: a listing's page number may live in a portlet
    parameter) and parameters carrying another URL; with `keep` (lower-case names), only
    those.

    The parameters kept are left exactly as written (no re-encoding), in their order.
    """
    if not is_parsable_url(url):
        return url
    parts = urlsplit(url)
    if not parts.query:
        return url
    kept = []
    for pair in parts.query.split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        name = unquote_plus(name)
        if keep is not None:
            if name.lower() in keep:
                kept.append(pair)
            continue
        if _TRACKING_PARAMS.match(name):
            continue
        if navigation and (_NAVIGATION_PARAMS.match(name) or _URL_VALUE.match(value)):
            continue
        kept.append(pair)
    return urlunsplit(parts._replace(query="&".join(kept)))


def join_url(base: str, href: str) -> str | None:
    """`href` made absolute against `base`, or None when the result is no URL a parser can
    split: an unclosed "[" ("http://[::1"), a host in brackets that is no IP address, a
    port that is no number from 0 to 65535 (":99999", ":8o8o"). Pages link such URLs by
    mistake; they name no page, and one of them must not fail the page that links it."""
    try:
        joined = urljoin(base, href)
        urlsplit(joined).port  # noqa: B018 -- the port is checked when read
    except ValueError:
        return None
    return joined


@functools.lru_cache(maxsize=URL_CACHE_SIZE)  # pure, asked of the same links by many rules
def is_parsable_url(url: str) -> bool:
    """True when `url` splits into its parts, its port included (see join_url)."""
    try:
        urlsplit(url).port  # noqa: B018 -- the port is checked when read
    except ValueError:
        return False
    return True


def is_web_url(url: str) -> bool:
    """An http(s) URL with a host: what a record may point to, a crawl may start from,
    an alert may be posted to."""
    if not is_parsable_url(url):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


@functools.lru_cache(maxsize=URL_CACHE_SIZE)  # pure, asked of each link by several rules
def canonicalize_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, fragment,
    tracking parameters or trailing slash (except the root). A URL that cannot be split
    (see join_url) is returned stripped and otherwise as it is: it names no page."""
    url = _EDGES.sub("", url)
    if not is_parsable_url(url):
        return url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    # white space around the path ("x/ #top") is no part of the page's name
    path = re.sub(r"/{2,}", "/", _EDGES.sub("", parts.path)) or "/"
    if len(path) > 1:
        path = re.sub(r"[\s\x00-\x20/]+$", "", path) or "/"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAMS.match(k)
        ]
    )
    return urlunsplit((scheme, host, path, query, ""))


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, canonicalised ("" for one that cannot be split)."""
    canonical = canonicalize_url(url)
    if not is_parsable_url(canonical):
        return ""
    parts = urlsplit(canonical)
    return f"{parts.scheme}://{parts.netloc}"


def is_loopback(url_or_host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1, given a URL or a bare host."""
    if "://" in url_or_host:
        host = urlsplit(url_or_host).hostname if is_parsable_url(url_or_host) else None
    else:
        host = url_or_host
    host = (host or "").strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def same_site(url: str, other: str) -> bool:
    """Same host, ignoring scheme, port and a leading "www."."""
    host = _site_host(url)
    return bool(host) and host == _site_host(other)


@functools.lru_cache(maxsize=URL_CACHE_SIZE)
def _site_host(url: str) -> str:
    if not is_parsable_url(url):
        return ""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def article_id(site: str, canonical_url: str, native_id_pattern: re.Pattern[str] | None) -> str:
    """Built on the site's own article number when its URLs carry one, else on the URL."""
    if native_id_pattern is not None and is_parsable_url(canonical_url):
        match = native_id_pattern.search(urlsplit(canonical_url).path)
        if match:
            return f"{site}-{int(match.group('id'))}"
    # a name, not a secret: sha1 keeps the ids of archived articles as they are
    digest = hashlib.sha1(canonical_url.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
    return f"{site}-u{digest}"


class OriginMap:
    """Maps between a site's canonical origin and the origin it is fetched from.

    A replica or mirror serves the same paths under another origin; records always
    carry canonical URLs so ids and URLs do not depend on where a page was fetched.
    """

    def __init__(self, canonical_base: str, fetch_base: str | None = None) -> None:
        self.canonical = origin_of(canonical_base)
        self.fetch = origin_of(fetch_base) if fetch_base else self.canonical

    def to_canonical(self, url: str) -> str:
        return self._swap(url, self.fetch, self.canonical)

    def to_fetch(self, url: str) -> str:
        return self._swap(url, self.canonical, self.fetch)

    @staticmethod
    def _swap(url: str, source: str, target: str) -> str:
        if source == target:
            return url
        if origin_of(url) == source or (same_site(url, source) and urlsplit(source).port is None):
            path = urlsplit(url)
            rest = urlunsplit(("", "", path.path or "/", path.query, path.fragment))
            return target + rest
        return url
