"""The strictly held-out replicas (testbed/replica/holdout_*.py): deterministic, complete,
consistent with their truth, served as the real CMSs would serve them. Nothing here touches
an extractor; pages are only parsed to check that what the truth expects is printed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html as lxml_html

from testbed.replica import (
    HOLDOUT_KEYS,
    SITE_KEYS,
    TRUTH_FIELDS,
    UNSEEN_KEYS,
    Page,
    Replica,
    build_replica,
    fingerprint,
    write_replica,
)
from testbed.replica.server import ReplicaServer, start_server

KEYS = ("holdout_portal", "holdout_tagdiv", "holdout_drupal", "holdout_legacy")
LEGACY_CHARSET = "windows-1258"


def _base(r: Replica) -> str:
    return "/".join(r.truth[0]["url"].split("/")[:3])


def _lookup(r: Replica, path: str) -> Page:
    server = ReplicaServer.__new__(ReplicaServer)  # lookup only: no socket
    server.pages = r.pages
    server.not_found = Page(body=b"", status=404)
    return server.lookup(path)


def _follow(r: Replica, path: str) -> tuple[str, Page]:
    """Follow the site's own redirects (root-relative Location headers)."""
    page = _lookup(r, path)
    for _ in range(5):
        if page.status not in (301, 302):
            break
        path = urljoin(_base(r) + path, dict(page.headers)["Location"])[len(_base(r)) :]
        page = _lookup(r, path)
    return path, page


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _decode(key: str, page: Page) -> str:
    if key == "holdout_legacy" and page.content_type.startswith("text/html"):
        return page.body.decode("cp1258")
    return page.body.decode("utf-8")


def _doc(key: str, page: Page) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(_decode(key, page))


def _text(key: str, page: Page) -> str:
    doc = _doc(key, page)
    for el in doc.xpath("//script|//style|//head|//noscript"):
        el.drop_tree()  # keeps the tail text (old pages put text right after a script)
    return " ".join(unicodedata.normalize("NFC", doc.text_content()).split())


@pytest.fixture(params=KEYS)
def site(request: pytest.FixtureRequest) -> tuple[str, Replica]:
    return request.param, build_replica(request.param)


def test_registered_apart_from_the_other_sets() -> None:
    assert HOLDOUT_KEYS == KEYS
    assert not set(HOLDOUT_KEYS) & (set(SITE_KEYS) | set(UNSEEN_KEYS))


def test_deterministic_across_processes() -> None:
    code = (
        "from testbed.replica import fingerprint as f, HOLDOUT_KEYS as K; "
        "print(' '.join(f(k) for k in K))"
    )
    outs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    assert outs[0] == outs[1] == [fingerprint(k) for k in KEYS]


def test_truth_records(site: tuple[str, Replica]) -> None:
    key, r = site
    assert len(r.truth) == len(r.article_paths) >= 16
    assert r.article_paths == tuple(sorted(r.article_paths))
    urls = [t["url"] for t in r.truth]
    assert len(set(urls)) == len(urls)
    for t in r.truth:
        assert set(t) == set(TRUTH_FIELDS)
        assert t["site"] == key
        assert t["language"] == "vi"
        assert datetime.fromisoformat(t["published_at"]).utcoffset().total_seconds() == 7 * 3600
        for value in (t["title"], t["body"], t["byline"] or "", t["summary"] or ""):
            assert unicodedata.is_normalized("NFC", value)
        if t["summary"]:
            assert t["body"].startswith(t["summary"])
        if t["id"] is not None:  # only where the cited URL carries the article number
            assert t["id"].startswith(f"{key}-")
            assert re.search(rf"(?<![0-9]){t['id'].rsplit('-', 1)[1]}(?![0-9])", t["url"])
        assert not re.search(r"[?&](utm_|fbclid|cm=|Source=)", t["url"])
    assert sum(t["view_count"] is None for t in r.truth) >= 2
    assert sum(t["view_count"] is not None for t in r.truth) >= 6
    assert sum(t["byline"] is None for t in r.truth) >= 2
    assert 1 <= sum(not t["related"] for t in r.truth) <= 4
    captions = [im["caption"] for t in r.truth for im in t["images"]]
    assert any(captions)
    assert captions.count(None) >= 2
    assert sum(not t["images"] for t in r.truth) >= 1


def test_ids_follow_the_cited_url() -> None:
    ids = {k: [t["id"] for t in build_replica(k).truth] for k in KEYS}
    assert ids["holdout_portal"] == [None] * len(ids["holdout_portal"])  # random page names
    assert ids["holdout_tagdiv"] == [None] * len(ids["holdout_tagdiv"])  # /%postname%/
    assert all(ids["holdout_legacy"])
    assert len(set(ids["holdout_legacy"])) == 16
    drupal = build_replica("holdout_drupal").truth
    assert 2 <= sum(t["id"] is not None for t in drupal) <= 4  # nodes without an alias
    for t in drupal:
        assert (t["id"] is not None) == ("/node/" in t["url"])


def test_pages_agree_with_truth(site: tuple[str, Replica]) -> None:
    key, r = site
    base = _base(r)
    nfd = 0
    for path, t in zip(r.article_paths, r.truth, strict=True):
        page = r.pages[path]
        assert page.status == 200
        raw = _decode(key, page)
        text = _text(key, page)
        for line in [t["title"], t["published_text"], t["category"], *t["body"].split("\n\n")]:
            assert line in text, (path, line)
        for value in [t["byline"], *(im["caption"] for im in t["images"])]:
            assert value is None or value in text, (path, value)
        for tag in t["tags"]:
            assert tag in text
        for rel in t["related"]:
            assert rel["title"] in text
            assert rel["url"] != t["url"]
            assert _follow(r, _local(rel["url"]))[1].status == 200
        for im in t["images"]:  # the real URL is printed (lazy images: in data-*)
            full = im["url"].replace("&", "&amp;")
            rel = full[len(base) :]
            assert full in raw or f'"{rel}"' in raw or f'"{rel[1:]}"' in raw, (path, im)
        if key != "holdout_legacy":
            nfd += unicodedata.normalize("NFC", t["title"]) not in raw
        canonical = _doc(key, page).xpath('//link[@rel="canonical"]/@href')
        if key in ("holdout_tagdiv", "holdout_drupal"):
            assert canonical == [t["url"]]
        else:
            assert canonical == []
        _, cited = _follow(r, _local(t["url"]))
        assert cited.status == 200
        assert cited.body == page.body
    if key != "holdout_legacy":
        assert nfd >= 2


def test_every_article_is_reachable_from_the_listings(site: tuple[str, Replica]) -> None:
    key, r = site
    base = _base(r)
    seen: set[str] = set()
    queue = list(r.start_paths)
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        path, page = _follow(r, path)
        seen.add(path)
        if page.status != 200 or not page.content_type.startswith("text/html"):
            continue
        for href in _doc(key, page).xpath("//a/@href"):
            url = urljoin(base + path, href)
            if url.startswith(base + "/"):
                queue.append(_local(url).split("#", 1)[0])
    assert set(r.article_paths) <= seen
    assert len([p for p in seen if p in r.pages and p not in r.article_paths]) >= 4


def test_view_counts_are_printed(site: tuple[str, Replica]) -> None:
    key, r = site
    listings = "".join(
        _decode(key, p)
        for k, p in r.pages.items()
        if k not in r.article_paths and p.status == 200 and p.content_type.startswith("text/html")
    )
    for path, t in zip(r.article_paths, r.truth, strict=True):
        if t["view_count"] is not None:
            forms = {str(t["view_count"]), f"{t['view_count']:,}".replace(",", ".")}
            assert any(f in _decode(key, r.pages[path]) + listings for f in forms)


def test_chrome_has_dated_items_and_a_most_read_box(site: tuple[str, Replica]) -> None:
    key, r = site
    text = _text(key, r.pages[r.article_paths[0]])
    assert "Tin xem nhiều" in text or "Nội dung phổ biến" in text
    assert len(re.findall(r"\d{2}/\d{2}/\d{4}", text)) >= 4


def test_robots_and_sitemap(site: tuple[str, Replica]) -> None:
    _, r = site
    base = _base(r)
    assert f"Sitemap: {base}/sitemap.xml" in r.pages["/robots.txt"].body.decode()
    locs = re.findall(r"<loc>([^<]+)</loc>", r.pages["/sitemap.xml"].body.decode())
    assert {t["url"].replace("&", "&amp;") for t in r.truth} <= set(locs)


def test_write_replica(tmp_path: Path, site: tuple[str, Replica]) -> None:
    key, r = site
    root = write_replica(key, tmp_path)
    mapping = json.loads((root / "pages.json").read_text("utf-8"))
    assert sorted(mapping.values()) == sorted(r.pages)


def test_served_over_http(site: tuple[str, Replica]) -> None:
    key, r = site
    server, origin = start_server(key)
    try:
        for path in (r.article_paths[0], r.start_paths[-1]):
            with urllib.request.urlopen(origin + path) as resp:
                assert resp.status == 200
                if key == "holdout_legacy":
                    assert resp.headers["Content-Type"] == "text/html"
                body = resp.read()
            assert body == r.pages[path].body
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(origin + "/wp-json/wp/v2/posts")
        assert err.value.code == 404
        err.value.close()
    finally:
        server.shutdown()
        server.server_close()


def test_legacy_bytes_are_windows_1258_declared_only_in_the_page() -> None:
    r = build_replica("holdout_legacy")
    for path in r.article_paths:
        page = r.pages[path]
        assert page.content_type == "text/html"  # no charset in the header
        head = page.body[:1024].decode("ascii", "replace").lower()
        assert f"charset={LEGACY_CHARSET}" in head
        with pytest.raises(UnicodeDecodeError):
            page.body.decode("utf-8")
        assert unicodedata.normalize("NFC", page.body.decode("cp1252", "replace")) != (
            unicodedata.normalize("NFC", page.body.decode("cp1258"))
        )
    text = _text("holdout_legacy", r.pages[r.article_paths[0]])
    assert r.truth[0]["title"] in text
    raw = r.pages[r.article_paths[0]].body
    assert b"<p>" not in raw.lower()
    assert b"<br><br>" in raw.lower()
    assert b"<font" in raw.lower()


def test_legacy_listing_counts_stand_in_for_the_page() -> None:
    r = build_replica("holdout_legacy")
    listed_only = [
        t
        for path, t in zip(r.article_paths, r.truth, strict=True)
        if t["view_count"] is not None
        and not re.search(r"Lượt xem|Đã xem", _text("holdout_legacy", r.pages[path]))
    ]
    assert len(listed_only) >= 3


def test_wordpress_rest_is_off_and_pages_are_slash_paged() -> None:
    r = build_replica("holdout_tagdiv")
    assert _lookup(r, "/wp-json/").status == 404
    assert _lookup(r, "/wp-json/wp/v2/posts").status == 404
    assert any(p.endswith("/page/2/") for p in r.pages)
    relative = sum(t["published_text"].endswith("trước") for t in r.truth)
    assert relative >= 2


def test_drupal_pager_is_zero_based_and_shortlinks_resolve() -> None:
    r = build_replica("holdout_drupal")
    assert any(p.endswith("?page=1") for p in r.pages)
    assert any(p.endswith("?page=0") for p in r.pages)
    for path in r.article_paths:
        doc = _doc("holdout_drupal", r.pages[path])
        [short] = doc.xpath('//link[@rel="shortlink"]/@href')
        cited, page = _follow(r, _local(short))
        assert cited == path
        assert page.status == 200


def test_portal_root_redirects_and_listings_page_by_query() -> None:
    r = build_replica("holdout_portal")
    assert _lookup(r, "/").status == 302
    assert any("?PageIndex=2" in p for p in r.pages)
