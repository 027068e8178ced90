"""The CMS-family held-out replicas (testbed/replica/unseen_*.py): complete, consistent with
their truth, served as the real CMSs would serve them. Nothing here touches an extractor."""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html as lxml_html

from testbed.replica import TRUTH_FIELDS, UNSEEN_KEYS, Page, Replica, build_replica, write_replica
from testbed.replica.server import ReplicaServer

CMS_KEYS = (
    "unseen_dnn",
    "unseen_liferay",
    "unseen_joomla",
    "unseen_modern",
    "unseen_wp",
    "unseen_dnn_portal",
)
NUMBERED = {"unseen_dnn", "unseen_joomla", "unseen_wp", "unseen_dnn_portal"}


def _base(r: Replica) -> str:
    return "/".join(r.truth[0]["url"].split("/")[:3])


def _lookup(r: Replica, path: str) -> Page | None:
    server = ReplicaServer.__new__(ReplicaServer)  # lookup only: no socket
    server.pages = r.pages
    server.not_found = None
    return server.lookup(path)


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _text(body: bytes) -> str:
    doc = lxml_html.document_fromstring(body.decode("utf-8"))
    for el in doc.xpath("//script|//style|//head|//noscript"):
        el.getparent().remove(el)
    return " ".join(unicodedata.normalize("NFC", doc.text_content()).split())


@pytest.fixture(params=CMS_KEYS)
def site(request: pytest.FixtureRequest) -> tuple[str, Replica]:
    return request.param, build_replica(request.param)


def test_registered_after_the_first_unseen_layouts() -> None:
    assert UNSEEN_KEYS[:3] == ("unseen1", "unseen2", "unseen3")
    assert set(CMS_KEYS) <= set(UNSEEN_KEYS)


def test_truth_records(site: tuple[str, Replica]) -> None:
    key, r = site
    assert len(r.truth) == len(r.article_paths) >= 16
    ids = [t["id"] for t in r.truth]
    if key in NUMBERED:
        assert len(set(ids)) == len(ids)
        assert all(i.startswith(f"{key}-") and i.rsplit("-", 1)[1].isdigit() for i in ids)
    else:
        assert ids == [None] * len(ids)
    for t in r.truth:
        assert set(t) == set(TRUTH_FIELDS)
        assert t["site"] == key
        assert datetime.fromisoformat(t["published_at"]).utcoffset().total_seconds() == 7 * 3600
        for value in (t["title"], t["body"], t["byline"] or "", t["summary"] or ""):
            assert unicodedata.is_normalized("NFC", value)
        if t["summary"]:
            assert t["body"].startswith(t["summary"])
    assert sum(t["view_count"] is None for t in r.truth) >= 2
    assert sum(t["byline"] is None for t in r.truth) >= 2
    assert 1 <= sum(not t["related"] for t in r.truth) <= 4
    captions = [im["caption"] for t in r.truth for im in t["images"]]
    assert any(captions)
    assert captions.count(None) >= 2


def test_pages_agree_with_truth(site: tuple[str, Replica]) -> None:
    key, r = site
    nfd = 0
    for path, t in zip(r.article_paths, r.truth, strict=True):
        page = r.pages[path]
        raw = page.body.decode("utf-8")
        text = _text(page.body)
        for line in [t["title"], t["published_text"], t["category"], *t["body"].split("\n\n")]:
            assert line in text, (path, line)
        for value in [t["byline"], *(im["caption"] for im in t["images"])]:
            assert value is None or value in text
        for rel in t["related"]:
            assert rel["title"] in text
            assert rel["url"] != t["url"]
            assert _lookup(r, _local(rel["url"])).status == 200
        for im in t["images"]:  # the real URL is printed (lazy images: in data-*)
            full = im["url"].replace("&", "&amp;")
            rel = full[len(_base(r)) :]
            assert full in raw or f'"{rel}"' in raw or f'"{rel[1:]}"' in raw
        nfd += t["title"] not in raw
        canonical = lxml_html.document_fromstring(raw).xpath('//link[@rel="canonical"]/@href')
        if key == "unseen_joomla":
            assert canonical == []
            assert "charset" not in raw.lower()
            assert page.content_type == "text/html"
        else:
            assert canonical == [t["url"]]
        assert _lookup(r, _local(t["url"])).status == 200
    assert nfd >= 2


def test_every_article_is_reachable_from_the_listings(site: tuple[str, Replica]) -> None:
    _, r = site
    base = _base(r)
    seen: set[str] = set()
    queue = list(r.start_paths)
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        page = _lookup(r, path)
        if page is None or page.status != 200 or not page.content_type.startswith("text/html"):
            continue
        for href in lxml_html.document_fromstring(page.body.decode()).xpath("//a/@href"):
            url = urljoin(base + path, href)
            if url.startswith(base + "/"):
                queue.append(_local(url))
    reached = seen | {p.split("?", 1)[0] for p in seen}
    assert set(r.article_paths) <= reached


def test_view_counts_are_printed(site: tuple[str, Replica]) -> None:
    _, r = site
    listings = "".join(
        p.body.decode() for k, p in r.pages.items() if k not in r.article_paths and p.status == 200
    )
    for path, t in zip(r.article_paths, r.truth, strict=True):
        if t["view_count"] is not None:
            forms = {str(t["view_count"]), f"{t['view_count']:,}".replace(",", ".")}
            assert any(f in r.pages[path].body.decode() + listings for f in forms)


def test_write_replica(tmp_path: Path, site: tuple[str, Replica]) -> None:
    key, r = site
    root = write_replica(key, tmp_path)
    mapping = json.loads((root / "pages.json").read_text("utf-8"))
    assert sorted(mapping.values()) == sorted(r.pages)


def test_dnn_serves_both_url_forms() -> None:
    r = build_replica("unseen_dnn")
    for path, t in zip(r.article_paths, r.truth, strict=True):
        tab, article = path.split("/")[2], path.split("/")[4]
        assert r.pages[f"/Default.aspx?tabid={tab}&ArticleID={article}"].body == r.pages[path].body
        assert t["url"].endswith(f"/tabid/{tab}/ArticleID/{article}/Default.aspx")
    assert b'td class="image_desc"' in b"".join(r.pages[p].body for p in r.article_paths)


def test_liferay_links_one_article_with_different_redirects() -> None:
    r = build_replica("unseen_liferay")
    path = r.article_paths[0]
    hrefs = {
        h
        for p in r.pages.values()
        if p.content_type.startswith("text/html")
        for h in lxml_html.document_fromstring(p.body.decode()).xpath("//a/@href")
        if h.startswith(path + "?")
    }
    assert len(hrefs) >= 3
    assert all("inheritRedirect=true&redirect=" in h for h in hrefs)


def test_joomla_itemid_varies_and_the_record_url_keeps_option_view_id() -> None:
    r = build_replica("unseen_joomla")
    t = r.truth[0]
    native = t["id"].rsplit("-", 1)[1]
    assert t["url"].endswith(f"/index.php?option=com_content&view=article&id={native}")
    forms = [p for p in r.pages if f"&id={native}:" in p or f"&id={native}&" in p]
    assert len({p.rsplit("Itemid=", 1)[1] for p in forms}) >= 3
    assert b"Vi\xe1\xba\xbft b\xe1\xbb\x9fi Administrator" in r.pages[r.article_paths[0]].body


def test_wordpress_shortlink_and_rest() -> None:
    r = build_replica("unseen_wp")
    path, t = r.article_paths[0], r.truth[0]
    assert t["url"].endswith("/")
    post = t["id"].rsplit("-", 1)[1]
    assert _lookup(r, f"/?p={post}").status == 301
    assert _lookup(r, "/wp-json/wp/v2/posts") is None  # served as the 404 page
    raw = r.pages[path].body.decode()
    assert f"postid-{post}" in raw
    assert f'id="post-{post}"' in raw
    assert "entry-content" not in raw


def test_modern_dates_live_in_json_ld() -> None:
    r = build_replica("unseen_modern")
    relative = 0
    for path, t in zip(r.article_paths, r.truth, strict=True):
        doc = lxml_html.document_fromstring(r.pages[path].body.decode())
        [ld] = doc.xpath('//script[@type="application/ld+json"]/text()')
        assert json.loads(ld)["datePublished"] == t["published_at"]
        relative += t["published_text"].endswith("trước")
    assert relative >= 2
    listing = r.pages[r.start_paths[0]].body.decode()
    assert "Xem thêm" in listing
    assert "page-numbers" not in listing
    assert "pagination" not in listing
