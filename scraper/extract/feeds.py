"""Sitemaps, feeds and robots.txt: further lists of a site's articles.

A listing may cap how far back it goes or skip articles (pinned items, a broken page);
where a site publishes them, its sitemaps (``Sitemap:`` lines of robots.txt,
``/sitemap.xml``, a CMS's own sitemap) and RSS/Atom feeds name articles too. These are
pure functions over the bytes received; XML is parsed without entities or network access.
"""

from __future__ import annotations

import re
import zlib
from typing import NamedTuple

from lxml import etree, html

from scraper.extract.urls import join_url

# Sitemaps may be gzip files; a decompressed sitemap holds at most 50,000 URLs (the
# protocol's limit), about 10 MB: anything much larger is refused.
MAX_XML_BYTES = 64 * 1024 * 1024
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, recover=True, remove_comments=True
)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


class Entry(NamedTuple):
    url: str
    modified: str | None = None  # <lastmod> / <updated> as written


class Listed(NamedTuple):
    entries: list[Entry]  # article candidates
    documents: list[str]  # further sitemaps (a sitemap index)


def gunzip(data: bytes, limit: int = MAX_XML_BYTES) -> bytes:
    """A gzip file's content, at most `limit` bytes (ValueError past it); a truncated
    file gives what it holds, a corrupt one zlib.error."""
    content = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(data, limit + 1)
    if len(content) > limit:
        raise ValueError(f"more than {limit} bytes once decompressed")
    return content


def _xml_root(body: bytes) -> etree._Element | None:
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body)
        except (zlib.error, ValueError):
            return None
    body = body.lstrip()
    if not body.startswith(b"<"):
        return None
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError:
        return None
    return root


def _local(tag: object) -> str:
    """An element's name without its namespace ("{http://...}url", "sm:url" -> "url"); the
    recovering parser keeps names lxml's QName refuses (":", "https:"), so it is cut here."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2].rpartition(":")[2].lower()


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if _local(c.tag) == name]


def _text(el: etree._Element, name: str) -> str | None:
    for child in _children(el, name):
        if child.text and child.text.strip():
            return child.text.strip()
    return None


def read_sitemap(body: bytes, base_url: str) -> Listed:
    """A sitemap (``<urlset>``) or sitemap index (``<sitemapindex>``): its URLs."""
    root = _xml_root(body)
    if root is None:
        return Listed([], [])
    kind = _local(root.tag)
    if kind == "sitemapindex":
        documents = [
            url
            for s in _children(root, "sitemap")
            if (loc := _text(s, "loc")) and (url := join_url(base_url, loc))
        ]
        return Listed([], documents)
    if kind != "urlset":
        return read_feed(body, base_url)
    entries = [
        Entry(url, _text(u, "lastmod"))
        for u in _children(root, "url")
        if (loc := _text(u, "loc")) and (url := join_url(base_url, loc))
    ]
    return Listed(entries, [])


def read_feed(body: bytes, base_url: str) -> Listed:
    """An RSS 2.0 or Atom feed: the link of every item."""
    root = _xml_root(body)
    if root is None:
        return Listed([], [])
    entries: list[Entry] = []
    for el in root.iter():
        name = _local(el.tag)
        if name == "item":  # RSS
            link = _text(el, "link") or _text(el, "guid")
            url = join_url(base_url, link) if link and re.match(r"^(?:https?:)?/", link) else None
            if url:
                entries.append(Entry(url, _text(el, "pubdate")))
        elif name == "entry":  # Atom
            for child in _children(el, "link"):
                href = child.get("href")
                url = join_url(base_url, href) if href else None
                if child.get("rel", "alternate") == "alternate" and url:
                    entries.append(Entry(url, _text(el, "updated")))
                    break
    return Listed(entries, [])


def robots_sitemaps(body: bytes, base_url: str) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt."""
    text = body.decode("utf-8", errors="replace")
    found = []
    for line in text.splitlines():
        name, _, value = line.partition(":")
        url = join_url(base_url, value.strip()) if value.strip() else None
        if name.strip().lower() == "sitemap" and url:
            found.append(url)
    return list(dict.fromkeys(found))


def feed_links(root: html.HtmlElement, page_url: str) -> list[str]:
    """Feeds a page announces (``<link rel="alternate" type="application/rss+xml">``)."""
    found = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and (link.get("type") or "").lower() in _FEED_TYPES:
            href = (link.get("href") or "").strip()
            url = join_url(page_url, href) if href else None
            if url:
                found.append(url)
    return list(dict.fromkeys(found))
