"""Every URL variant of an article gets one canonical URL and one id."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import html

from scraper.extract.generic import PageContext
from scraper.platforms import adapter_for, base
from scraper.profiles import load_profile

LAICHAU = adapter_for(load_profile("laichau"))
HUNGYEN = adapter_for(load_profile("hungyen"))
ARTICLE = "https://congan.laichau.gov.vn/tin-tuc-su-kien/hop-bao-quy-iii-4521.html"


@pytest.mark.parametrize(
    "variant",
    [
        ARTICLE,
        "https://congan.laichau.gov.vn/savefile/tin-tuc-su-kien/hop-bao-quy-iii-4521.html",
        "HTTP://CONGAN.LAICHAU.GOV.VN:80/tin-tuc-su-kien/hop-bao-quy-iii-4521.html",
        "https://www.congan.laichau.gov.vn/tin-tuc-su-kien/hop-bao-quy-iii-4521.html/",
        ARTICLE + "?utm_source=zalo&zarsrc=10#comment",
    ],
)
def test_nukeviet_variants_share_url_and_id(variant):
    canonical = LAICHAU.canonical_url(variant)
    assert canonical == ARTICLE
    assert LAICHAU.article_id(canonical) == "laichau-4521"


def page_declaring(canonical: str) -> html.HtmlElement:
    return html.fromstring(
        f'<html><head><link rel="canonical" href="{canonical}"></head><body></body></html>'
    )


def test_declared_canonical_on_the_same_site_wins():
    fetched = "https://congan.laichau.gov.vn/savefile/tin-tuc-su-kien/hop-bao-quy-iii-4521.html"
    assert LAICHAU.article_url(PageContext(page_declaring(ARTICLE), fetched)) == ARTICLE


def test_declared_canonical_elsewhere_is_ignored():
    fetched = "https://congan.hungyen.gov.vn/bai-viet-c230001.html"
    elsewhere = "https://baomoi.com/bai-viet-c230001.html"
    assert HUNGYEN.article_url(PageContext(page_declaring(elsewhere), fetched)) == fetched


def test_og_url_counts_like_a_canonical_link():
    root = html.fromstring(
        f'<html><head><meta property="og:url" content="{ARTICLE}?utm_medium=social">'
        "</head><body></body></html>"
    )
    assert LAICHAU.article_url(PageContext(root, ARTICLE + "?fbclid=x")) == ARTICLE


def test_slug_changes_keep_the_id():
    first = HUNGYEN.article_id("https://congan.hungyen.gov.vn/nghi-dinh-2822025nd-cp-c232375.html")
    renamed = HUNGYEN.article_id("https://congan.hungyen.gov.vn/nghi-dinh-282-c232375.html")
    assert first == renamed == "hungyen-232375"


def test_listing_pages_are_not_articles():
    assert not HUNGYEN.is_article_url(
        "https://congan.hungyen.gov.vn/chuyen-muc-an-ninh-trat-tu-c102-2.html"
    )
    assert HUNGYEN.is_article_url("https://congan.hungyen.gov.vn/bai-viet-c230001.html")
    assert not HUNGYEN.is_article_url("https://example.org/bai-viet-c230001.html")


# URL methods remember their answers (scraper.platforms.base.url_memo): one adapter
# asked the same URLs again, in any order, says what a fresh adapter says of each.
_PATHS = [
    "/tin-tuc/hop-bao-4521.html",
    "/savefile/tin-tuc/hop-bao-4521.html",
    "/index.php/tin-tuc/hop-bao-4521.html?utm_source=zalo#top",
    "/Default.aspx?tabid=57&ArticleID=3159",
    "/tabid/57/ArticleID/3159/Default.aspx",
    "/web/guest/-/content/hop-bao?p_p_id=abc&_abc_redirect=x",
    "/index.php?option=com_content&view=article&id=12:hop-bao&catid=3",
    "/2024/11/20/hop-bao/?amp=1",
    "/tin-tuc/page-2/",
    "/ ",
    "not a url at all",
]


@pytest.mark.parametrize(
    "key", ["cantho", "quangnam", "daklak", "hungyen", "quangtri", "nghean", "joomla"]
)
def test_remembered_url_answers_are_a_fresh_adapters(key):
    if key == "joomla":  # no bundled profile is Joomla: a NukeViet one read as Joomla
        profile = replace(load_profile("cantho"), platform="joomla")
    else:
        profile = load_profile(key)
    urls = [profile.base_url + path for path in _PATHS] + ["https://elsewhere.example/a.html"]
    kept = adapter_for(profile)
    asked = [*urls, *reversed(urls), *urls]
    for url in asked:
        fresh = adapter_for(profile)
        for method in ("clean_url", "page_url", "canonical_url", "article_id"):
            assert getattr(kept, method)(url) == getattr(fresh, method)(url), (method, url)


def test_a_replaced_profile_is_not_answered_from_the_old_ones_memo():
    adapter = adapter_for(load_profile("laichau"))
    path = "/tin-tuc-su-kien/hop-bao-quy-iii-4521.html"
    assert adapter.clean_url(ARTICLE) == ARTICLE
    adapter.profile = replace(adapter.profile, base_url="http://congan.laichau.gov.vn:8080")
    assert adapter.clean_url(ARTICLE) == "http://congan.laichau.gov.vn:8080" + path


def test_the_url_memo_is_bounded(monkeypatch):
    monkeypatch.setattr(base, "URL_MEMO_SIZE", 8)
    adapter = adapter_for(load_profile("laichau"))
    for n in range(50):
        url = f"https://congan.laichau.gov.vn/tin/a-{n}.html"
        assert adapter.canonical_url(url) == url
        assert all(len(answers) <= 8 for _, answers in adapter._url_memo.values())
