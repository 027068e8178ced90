import re

import pytest

from scraper.extract.urls import OriginMap, article_id, canonicalize_url, is_web_url

BASE = "https://congan.hungyen.gov.vn/tin-c232375.html"


@pytest.mark.parametrize(
    "variant",
    [
        "HTTPS://Congan.HungYen.gov.vn/tin-c232375.html",
        "https://congan.hungyen.gov.vn:443/tin-c232375.html",
        "https://congan.hungyen.gov.vn/tin-c232375.html/",
        "https://congan.hungyen.gov.vn/tin-c232375.html#binh-luan",
        "https://congan.hungyen.gov.vn/tin-c232375.html?utm_source=facebook&utm_medium=social",
        "https://congan.hungyen.gov.vn/tin-c232375.html?fbclid=IwAR0abc",
        "https://congan.hungyen.gov.vn/tin-c232375.html?zarsrc=31",
        "https://congan.hungyen.gov.vn//tin-c232375.html",
    ],
)
def test_url_variants_share_one_canonical_form(variant):
    assert canonicalize_url(variant) == BASE


def test_meaningful_query_parameters_stay():
    assert canonicalize_url("http://a.vn/list?page=2&utm_source=x") == "http://a.vn/list?page=2"


def test_article_id_uses_the_sites_own_number():
    pattern = re.compile(r"-c(?P<id>\d+)\.html$")
    assert article_id("hungyen", BASE, pattern) == "hungyen-232375"
    # the slug is lossy and may change; the number does not
    other_slug = "https://congan.hungyen.gov.vn/khac-han-c232375.html"
    assert article_id("hungyen", other_slug, pattern) == "hungyen-232375"


def test_article_id_falls_back_to_the_url_hash():
    first = article_id("x", "https://a.vn/bai-viet", None)
    assert re.fullmatch(r"x-u[0-9a-f]{16}", first)
    assert first == article_id("x", "https://a.vn/bai-viet", None)
    assert first != article_id("x", "https://a.vn/bai-khac", None)


def test_origin_map_swaps_only_its_own_origins():
    origins = OriginMap("https://congan.hungyen.gov.vn", "http://127.0.0.1:8123")
    assert origins.to_fetch("https://congan.hungyen.gov.vn/a-c1.html?x=1") == (
        "http://127.0.0.1:8123/a-c1.html?x=1"
    )
    assert origins.to_canonical("http://127.0.0.1:8123/a-c1.html") == (
        "https://congan.hungyen.gov.vn/a-c1.html"
    )
    assert origins.to_canonical("http://127.0.0.1:9999/a.html") == "http://127.0.0.1:9999/a.html"
    assert origins.to_fetch("https://example.org/a.html") == "https://example.org/a.html"


def test_origin_map_without_mirror_is_identity():
    origins = OriginMap("https://congan.laichau.gov.vn")
    url = "https://congan.laichau.gov.vn/tin-tuc/a-1.html"
    assert origins.to_fetch(url) == url
    assert origins.to_canonical(url) == url


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://congan.hungyen.gov.vn/a.html", True),
        ("http://127.0.0.1:8080/", True),
        ("file:///C:/Users/a/anh.jpg", False),  # pasted from Word
        ("javascript:void(0)", False),
        ("https://", False),  # no host
        ("//congan.hungyen.gov.vn/a.jpg", False),  # not joined to its page yet
        ("http://congan.hungyen.gov.vn:80000/", False),  # a port out of range
    ],
)
def test_a_web_url_is_http_or_https_with_a_host(url, web):
    assert is_web_url(url) is web
