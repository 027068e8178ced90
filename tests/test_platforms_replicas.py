"""Every platform replica: complete listings read by its own adapter, consistent truth, and
the adapter reproducing the truth ("verified on the replica")."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from lxml import html

from scraper.extract.urls import canonicalize_url
from scraper.platforms import adapter_for
from scraper.profiles import load_profile, load_profiles
from testbed.evaluate import verified_on_replica
from testbed.replica import CANONICAL_BASE, SITE_KEYS, TRUTH_FIELDS, UNSEEN_KEYS, build_replica
from testbed.replica.registry import SITE_BUILDERS
from testbed.replica.server import ReplicaServer


def _root(body: bytes) -> html.HtmlElement:
    return html.document_fromstring(body.decode("utf-8"))


def _served(key: str, url: str) -> bytes:
    """The page body the replica server answers for a URL, following its one redirect."""
    server = ReplicaServer.__new__(ReplicaServer)  # lookup only: no socket
    replica = build_replica(key)
    server.pages = replica.pages
    server.not_found = None
    parts = urlsplit(url)
    page = server.lookup(parts.path + (f"?{parts.query}" if parts.query else ""))
    if page is not None and page.status == 301:
        page = server.lookup(dict(page.headers)["Location"])
    assert page is not None, url
    assert page.status == 200, url
    return page.body


def test_every_site_has_a_profile_and_a_replica():
    assert set(load_profiles()) == set(SITE_KEYS) == set(SITE_BUILDERS)
    assert len(SITE_KEYS) >= 10
    assert not set(UNSEEN_KEYS) & set(load_profiles())
    for key in SITE_KEYS:
        assert load_profile(key).base_url == CANONICAL_BASE[key]


@pytest.mark.parametrize("key", SITE_KEYS)
def test_listings_read_by_the_adapter_cover_every_article_once(key):
    replica = build_replica(key)
    adapter = adapter_for(load_profile(key))
    listed: list[str] = []
    for start in replica.start_paths:
        url: str | None = CANONICAL_BASE[key] + start
        pages = 0
        while url:
            root = _root(_served(key, url))
            found = adapter.listing_article_urls(root, url)
            assert found, url
            listed += found
            url = adapter.next_listing_url(root, url)
            pages += 1
            assert pages < 10
        assert pages >= 2, start
    assert sorted(listed) == sorted(t["url"] for t in replica.truth)
    # the spider asks for an id before fetching; it must never fail on a listed URL
    assert all(adapter.article_id(url).startswith(f"{key}-") for url in listed)


@pytest.mark.parametrize("key", SITE_KEYS)
def test_truth_records_are_consistent(key):
    replica = build_replica(key)
    ids = [t["id"] for t in replica.truth]
    assert len(set(ids)) == len(ids) == len(replica.article_paths) >= 16
    for t in replica.truth:
        assert set(t) == set(TRUTH_FIELDS)
        # one spelling (trailing slash as the site writes its canonical link)
        assert canonicalize_url(t["url"]) == t["url"].rstrip("/")
        assert t["url"].startswith(CANONICAL_BASE[key])
        assert re.fullmatch(rf"{key}-(\d+|u[0-9a-f]{{16}})", t["id"])
        assert datetime.fromisoformat(t["published_at"]).utcoffset().total_seconds() == 7 * 3600
        for text in (t["title"], t["body"], t["byline"] or ""):
            assert unicodedata.is_normalized("NFC", text)
        assert (t["author"] is None) == (t["byline"] is None)


@pytest.mark.parametrize("key", SITE_KEYS)
def test_replica_has_the_vietnamese_traps(key):
    replica = build_replica(key)
    raw = {p: replica.pages[p].body.decode() for p in replica.article_paths}
    nfd = [
        t
        for p, t in zip(replica.article_paths, replica.truth, strict=True)
        if t["title"] not in raw[p]
    ]
    assert nfd, "some articles are stored in decomposed Unicode"
    assert any(t["view_count"] and t["view_count"] >= 1000 for t in replica.truth)
    assert {"PV", "CTV", "Ban biên tập"} & {t["author"] for t in replica.truth}
    assert any(im["caption"] for t in replica.truth for im in t["images"])
    assert any(t["related"] for t in replica.truth)


@pytest.mark.parametrize("key", SITE_KEYS)
def test_adapter_is_verified_on_its_replica(key):
    assert verified_on_replica(key)


def test_unknown_sites_are_not_verified():
    assert not verified_on_replica("hanoi")


def test_hungyen_and_laichau_replicas_are_unchanged():
    from testbed.replica import fingerprint

    assert fingerprint("hungyen").startswith("599d2f6c6672e92d")
    assert fingerprint("laichau").startswith("a388f1f1c4f191d6")


def test_dnn_replica_uses_nested_layout_tables():
    replica = build_replica("quangnam")
    root = _root(replica.pages[replica.article_paths[0]].body)
    assert root.xpath("//table//table//table")
    assert root.xpath("//form[@id='Form']//h1")
