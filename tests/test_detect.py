"""Platform detection on every replica page kind, and profiles built from a URL alone."""

from __future__ import annotations

import pytest
from lxml import html

from scraper.extract.generic import PageContext
from scraper.platforms.detect import (
    _provisional_profile,
    detect_platform,
    profile_for_url,
    rank_platforms,
    site_key_for,
)
from scraper.profiles import ProfileError, load_profile
from testbed.evaluate.replicas import unseen_profile
from testbed.replica import CANONICAL_BASE, SITE_KEYS, UNSEEN_KEYS, build_replica


def _root(body: bytes) -> html.HtmlElement:
    return html.document_fromstring(body.decode("utf-8"))


@pytest.mark.parametrize("key", SITE_KEYS)
def test_every_replica_page_kind_detects_its_platform(key):
    replica = build_replica(key)
    expected = load_profile(key).platform
    for path in (replica.start_paths[0], replica.article_paths[0], replica.article_paths[-1]):
        url = CANONICAL_BASE[key] + path
        assert detect_platform(_root(replica.pages[path].body), url) == expected, path


# The CMS family each unseen layout was built from; custom layouts are read generically.
UNSEEN_FAMILY = {
    "unseen1": "joomla",  # Joomla's search-engine-friendly "/{cat}/{id}-{alias}.html" URLs
    "unseen2": "generic",
    "unseen3": "generic",
    "unseen_nukeviet": "nukeviet",
    "unseen_dnn": "dotnetnuke",
    "unseen_liferay": "liferay",
    "unseen_joomla": "joomla",
    "unseen_modern": "generic",
    "unseen_wp": "wordpress",
    # DNN's skin files, but a news module with "-c{id}.html" article URLs: the portal
    # adapter reads its articles' own numbers, DNN's reads none
    "unseen_dnn_portal": "portal",
}


@pytest.mark.parametrize("key", UNSEEN_KEYS)
def test_unseen_layouts_are_read_by_the_adapter_that_does_best(key):
    assert unseen_profile(key).platform == UNSEEN_FAMILY[key]


@pytest.mark.parametrize(
    ("markup", "platform"),
    [
        ('<meta name="generator" content="NukeViet v4.5">', "nukeviet"),
        ('<meta name="generator" content="WordPress 6.4.3">', "wordpress"),
        ('<link rel="stylesheet" href="/wp-content/themes/x/style.css">', "wordpress"),
        ('<link rel="https://api.w.org/" href="https://a.vn/wp-json/">', "wordpress"),
        ('<img src="/Portals/0/Images/2024/anh.jpg">', "dotnetnuke"),
        ('<img src="/documents/10181/20001/anh.jpg/uuid">', "liferay"),
        ('<img src="/image/journal/article?img_id=12">', "liferay"),
        ("<script>var themeDisplay = Liferay.ThemeDisplay = {};</script>", "liferay"),
        (
            '<link href="/themes/default/css/style.css"><div class="news_column"></div>',
            "nukeviet",
        ),
        (
            '<div class="list-news"><a href="/a-b-c1.html">x</a><a href="/c-d-c2.html">y</a>'
            '<a href="/e-f-c3.html">z</a></div>',
            "portal",
        ),
        ('<a href="/tin-tuc/bai-viet-12345/">Bài viết</a>', "generic"),
        ("<p>Không có dấu hiệu nào</p>", "generic"),
    ],
)
def test_signatures(markup, platform):
    root = html.document_fromstring(f"<html><head></head><body>{markup}</body></html>")
    assert detect_platform(root, "https://congan.vidu.gov.vn/tin-tuc/") == platform


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://congan.quangtri.gov.vn/category/x/", "quangtri"),
        ("https://conganbackan.vn/tin-hoat-dong/", "backan"),
        ("https://www.conganthanhhoa.gov.vn/", "thanhhoa"),
        ("http://127.0.0.1:8800/tin-tuc/", "site_127"),
    ],
)
def test_site_key_from_host(url, key):
    assert site_key_for(url) == key


def test_profile_for_url_from_a_listing_page():
    replica = build_replica("sonla")
    start = replica.start_paths[0]
    root = _root(replica.pages[start].body)
    profile = profile_for_url("https://congan.sonla.gov.vn" + start + "?utm_source=x", None, root)
    assert profile.key == "sonla"
    assert profile.name == "Công an tỉnh Sơn La"
    assert profile.base_url == "https://congan.sonla.gov.vn"
    assert profile.platform == "wordpress"
    assert profile.start_paths == (start + "?utm_source=x",)


def test_profile_for_url_takes_the_name_and_the_title_when_no_site_name():
    root = html.document_fromstring(
        "<html><head><title>Tin tức - Công an tỉnh Ví Dụ</title></head><body></body></html>"
    )
    profile = profile_for_url("https://congan.vidu.gov.vn/tin-tuc", "vidu_test", root)
    assert profile.key == "vidu_test"
    assert profile.name == "Công an tỉnh Ví Dụ"
    assert profile.platform == "generic"


def test_profile_for_url_validates_like_a_profile_file():
    root = html.document_fromstring("<html><body></body></html>")
    with pytest.raises(ProfileError, match="key 'key'"):
        profile_for_url("https://congan.vidu.gov.vn/tin-tuc", "Not A Key", root)


# -- verified detection -----------------------------------------------------------------------
def _listing(links: str, head: str = "") -> html.HtmlElement:
    return html.document_fromstring(
        f"<html><head><title>Tin tức</title>{head}</head><body>"
        f'<div class="main"><h1>Tin tức</h1>{links}</div></body></html>'
    )


PORTAL_LINKS = "".join(
    f'<h3><a href="/bai-viet-so-{n}-ve-an-ninh-trat-tu-c2300{n}.html">Bài viết số {n} về công '
    "tác bảo đảm an ninh trật tự</a></h3>"
    for n in range(1, 6)
)


def test_dnn_assets_but_portal_urls_are_read_by_the_portal_adapter():
    root = _listing(
        PORTAL_LINKS,
        '<link href="/Portals/_default/Skins/CongAn/skin.css" rel="stylesheet">'
        "<script>dnn.setVar('x', 1);</script>",
    )
    assert detect_platform(root, "https://congan.vidu.gov.vn/tin-tuc-p12.html") == "portal"


def test_a_selector_that_happens_to_match_nominates_no_adapter():
    # portal-like class names on a site without the portal's URLs or anything else of it
    links = PORTAL_LINKS.replace("-c2300", "-").replace(".html", "")
    root = _listing('<h1 class="article-title">x</h1>' + links)
    assert detect_platform(root, "https://congan.vidu.gov.vn/tin-tuc") == "generic"


def test_generic_wins_ties():
    url = "https://congan.vidu.gov.vn/tin-tuc"
    ranked = rank_platforms(_provisional_profile(url), PageContext(_listing(""), url))
    assert ranked[0].platform == "generic"
    assert all(c.score == 0 for c in ranked)
