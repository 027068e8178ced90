"""The spider's configuration and callbacks, without a reactor."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response

from scraper.extract.urls import is_loopback
from scraper.middlewares.retry import BackoffRetryMiddleware
from scraper.profiles import ProfileError
from scraper.spiders.police import PoliceSpider
from scraper.state import Identities
from testbed.replica import build_replica
from tests.helpers import site_crawl


@pytest.fixture
def make_spider(tmp_path):
    with contextlib.ExitStack() as crawls:

        def make(**kwargs) -> tuple[Crawler, PoliceSpider]:
            crawler = crawls.enter_context(site_crawl(tmp_path / "data", spider=kwargs))
            return crawler, crawler.spider

        yield make


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://127.8.9.1", True),
        ("http://[::1]:8000", True),
        ("http://localhost:8000", True),
        ("https://congan.hungyen.gov.vn", False),
        ("http://10.0.0.1", False),
    ],
)
def test_is_loopback(url, expected):
    assert is_loopback(url) is expected


def test_real_site_keeps_polite_settings_and_the_profiles_own(make_spider):
    crawler, _ = make_spider(site="hungyen")
    settings = crawler.settings
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getfloat("DOWNLOAD_DELAY") == 2.0  # from hungyen.toml
    assert settings["DOWNLOADER_CLIENT_TLS_CIPHERS"] == "DEFAULT@SECLEVEL=1"
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert "police-archive" in settings["USER_AGENT"]
    assert settings.getint("DOWNLOAD_MAXSIZE") > 0
    assert settings.getint("DOWNLOAD_TIMEOUT") > 0


def test_a_mirror_elsewhere_is_crawled_politely_too(make_spider):
    crawler, spider = make_spider(site="hungyen", base_url="https://mirror.example.org")
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == 2.0
    assert spider.allowed_domains == ["mirror.example.org"]


def test_loopback_replica_may_go_fast(make_spider):
    crawler, spider = make_spider(site="laichau", base_url="http://127.0.0.1:8123")
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == 0
    assert not crawler.settings.getbool("AUTOTHROTTLE_ENABLED")
    assert crawler.settings.getbool("ROBOTSTXT_OBEY")  # still obeyed
    assert spider.allowed_domains == ["127.0.0.1"]


def test_max_articles_is_kept_by_the_article_limit_alone(make_spider):
    crawler, spider = make_spider(site="laichau", max_articles="7")
    assert spider.limit.limit == 7
    assert not crawler.settings.getint("CLOSESPIDER_ITEMCOUNT")


def test_unknown_site_is_refused(make_spider):
    with pytest.raises(ProfileError, match="unknown site"):
        make_spider(site="nowhere")


def test_start_requests_every_category_on_the_fetch_origin(make_spider):
    _, spider = make_spider(site="hungyen", base_url="http://127.0.0.1:8123")

    async def collect():
        return [request async for request in spider.start()]

    requests = asyncio.run(collect())
    assert [r.url for r in requests] == [
        "http://127.0.0.1:8123" + path for path in spider.profile.start_paths
    ]
    assert {r.meta["kind"] for r in requests} == {"listing"}


def test_listing_yields_articles_and_the_next_page(make_spider):
    _, spider = make_spider(site="hungyen", base_url="http://127.0.0.1:8123")
    replica = build_replica("hungyen")
    path = replica.start_paths[0]
    response = HtmlResponse(
        url="http://127.0.0.1:8123" + path,
        body=replica.pages[path].body,
        request=Request("http://127.0.0.1:8123" + path, meta={"page": 1, "chain": path}),
    )
    asyncio.run(anext(spider.start()))  # opens the index, as the crawl would
    requests = list(spider.parse_listing(response))
    kinds = [r.meta["kind"] for r in requests]
    assert kinds.count("listing") == 1
    assert kinds.count("article") >= 5
    assert all(r.url.startswith("http://127.0.0.1:8123/") for r in requests)


def test_non_html_article_response_is_counted_not_crashed(make_spider):
    crawler, spider = make_spider(site="hungyen")
    asyncio.run(anext(spider.start()))  # opens the index, as the crawl would
    response = Response(url="https://congan.hungyen.gov.vn/a-c1.pdf", body=b"%PDF-1.4")
    assert list(spider.parse_article(response)) == []
    assert crawler.stats.get_value("pages/extraction_failed") == 1
    # remembered, to be fetched again by the next run
    (failure,) = spider.index.failures("hungyen")
    assert failure[1] == "https://congan.hungyen.gov.vn/a-c1.pdf"
    assert "not an HTML page" in failure[2]


def test_retries_back_off_exponentially(make_spider, monkeypatch):
    crawler, spider = make_spider(site="hungyen")
    crawler.spider = spider
    middleware = BackoffRetryMiddleware.from_crawler(crawler)
    request = Request("https://congan.hungyen.gov.vn/a-c1.html")
    delays = []
    for _ in range(3):
        request = middleware._retry(request, "503 Service Unavailable")
        delays.append(request.meta["retry_backoff"])
    assert delays == [5.0, 10.0, 20.0]
    assert middleware._retry(request, "503") is None  # RETRY_TIMES = 3

    slept = []

    async def fake_sleep(seconds):
        slept.append(seconds)

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)
    asyncio.run(middleware.process_request(request))
    assert slept == [20.0]


def test_the_articles_requested_are_remembered_by_digest_not_by_url():
    seen = Identities()
    url = "https://congan.laichau.gov.vn/an-ninh-trat-tu/bai-viet-4521.html"
    seen.add(url)
    assert url in seen
    assert url + "?x" not in seen
    assert 42 not in seen
    assert len(seen) == 1
    assert all(len(d) == 16 for d in seen._digests)  # what is kept
