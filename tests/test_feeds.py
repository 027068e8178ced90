"""Sitemaps, feeds and robots.txt read as further lists of a site's articles."""

from __future__ import annotations

import gzip

from lxml import html

from scraper.extract.feeds import Entry, feed_links, read_feed, read_sitemap, robots_sitemaps

BASE = "https://congan.vidu.gov.vn/"
URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://congan.vidu.gov.vn/tin-tuc/bai-mot-101.html</loc><lastmod>2024-11-20T08:30:00+07:00</lastmod></url>
  <url><loc>https://congan.vidu.gov.vn/tin-tuc/bai-hai-102.html</loc></url>
</urlset>"""


def test_a_sitemap_lists_its_urls_with_their_last_change():
    listed = read_sitemap(URLSET, BASE)
    assert listed.entries == [
        Entry("https://congan.vidu.gov.vn/tin-tuc/bai-mot-101.html", "2024-11-20T08:30:00+07:00"),
        Entry("https://congan.vidu.gov.vn/tin-tuc/bai-hai-102.html", None),
    ]
    assert listed.documents == []


def test_a_sitemap_index_and_a_gzipped_sitemap():
    index = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
        b"<loc>/sitemap-vi.news.xml</loc></sitemap></sitemapindex>"
    )
    assert read_sitemap(index, BASE).documents == ["https://congan.vidu.gov.vn/sitemap-vi.news.xml"]
    assert len(read_sitemap(gzip.compress(URLSET), BASE).entries) == 2


def test_rss_and_atom_feeds():
    rss = (
        b"<rss version='2.0'><channel><item><title>Bai</title>"
        b"<link>https://congan.vidu.gov.vn/tin-tuc/bai-mot-101.html</link>"
        b"<pubDate>Wed, 20 Nov 2024 01:30:00 GMT</pubDate></item></channel></rss>"
    )
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" '
        b'href="/tin-tuc/bai-hai-102.html"/><updated>2024-11-21T00:00:00Z</updated></entry></feed>'
    )
    assert [e.url for e in read_feed(rss, BASE).entries] == [
        "https://congan.vidu.gov.vn/tin-tuc/bai-mot-101.html"
    ]
    assert read_feed(atom, BASE).entries == [
        Entry("https://congan.vidu.gov.vn/tin-tuc/bai-hai-102.html", "2024-11-21T00:00:00Z")
    ]


def test_hostile_or_broken_xml_gives_nothing():
    entity = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&e;</loc></url></urlset>'
    )
    assert all("root:" not in e.url for e in read_sitemap(entity, BASE).entries)
    assert read_sitemap(b"<html><body>404</body></html>", BASE).entries == []
    assert read_sitemap(b"not xml", BASE) == read_feed(b"", BASE)


def test_robots_txt_sitemaps_and_page_feeds():
    robots = b"User-agent: *\nDisallow: /admin/\nSitemap: https://congan.vidu.gov.vn/sitemap.xml\n"
    assert robots_sitemaps(robots, BASE) == ["https://congan.vidu.gov.vn/sitemap.xml"]
    page = html.document_fromstring(
        '<html><head><link rel="alternate" type="application/rss+xml" href="/rss/"></head></html>'
    )
    assert feed_links(page, BASE) == ["https://congan.vidu.gov.vn/rss/"]
