"""Every URL variant of an article gets one canonical URL and one id."""

from __future__ import annotations

import pytest
from lxml import html

from scraper.extract.generic import PageContext
from scraper.platforms import adapter_for
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
