"""Our downloader middlewares in process, on a crawler without a reactor and a fake
engine and clock: robots.txt that fails closed, Retry-After, redirects that go nowhere.
(tests/test_faults.py crawls replicas that answer the same way.)"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from scraper.middlewares.redirect import (
    OffsiteRedirect,
    RedirectLoop,
    SiteMetaRefreshMiddleware,
    SiteRedirectMiddleware,
    TooManyRedirects,
)
from scraper.middlewares.retry import BackoffRetryMiddleware, retry_after_seconds
from scraper.middlewares.robots import FailClosedRobotsTxtMiddleware, RobotsUnavailable
from scraper.middlewares.size import ResponseSizeMiddleware, ResponseTooLarge

SITE = "http://congan.example.gov.vn"
NOW = datetime(2026, 12, 1, 12, 0, 0, tzinfo=UTC)


def project_crawler(**overrides: Any) -> Crawler:
    """A crawler with the project's settings (plus `overrides`), stats and a spider of
    the site, as Scrapy has it once the spider opened (tests/helpers.py does the same)."""
    settings = Settings()
    settings.setmodule("scraper.settings", priority="project")
    settings.setdict(overrides, priority="cmdline")
    crawler = Crawler(Spider, settings)
    crawler.spider = Spider.from_crawler(
        crawler, name="police", allowed_domains=["congan.example.gov.vn"]
    )
    crawler.stats = MemoryStatsCollector(crawler)
    return crawler


# -- robots.txt -------------------------------------------------------------------------
class FakeEngine:
    """Answers every robots.txt download with `answer` (a Response, or an exception to
    raise, or a function of the request giving one), and counts the downloads."""

    def __init__(self, answer: Response | Exception | Callable[[Request], Any]) -> None:
        self.answer, self.downloads = answer, []

    async def download_async(self, request: Request) -> Response:
        self.downloads.append(request)
        answer = self.answer(request) if callable(self.answer) else self.answer
        if isinstance(answer, Exception):
            raise answer
        return answer


def robots_middleware(answer: Any, **settings: Any):
    crawler = project_crawler(**settings)
    crawler.engine = FakeEngine(answer)
    return FailClosedRobotsTxtMiddleware.from_crawler(crawler), crawler


def robots(status: int = 200, body: bytes = b"User-agent: *\nDisallow: /admin/\n"):
    return TextResponse(f"{SITE}/robots.txt", status=status, body=body, encoding="utf-8")


def fetch(middleware, url: str = f"{SITE}/tin-tuc/", **meta: Any) -> None:
    asyncio.run(middleware.process_request(Request(url, meta=meta)))


@pytest.mark.parametrize("status", [500, 502, 503, 504, 520, 301])
def test_robots_txt_answering_5xx_fails_closed(status):
    middleware, crawler = robots_middleware(robots(status, b"<h1>Unavailable</h1>"))
    with pytest.raises(RobotsUnavailable, match=rf"HTTP {status} at {SITE}/robots.txt"):
        fetch(middleware)
    with pytest.raises(RobotsUnavailable):  # every request of the site, not only the first
        fetch(middleware, f"{SITE}/bai-viet-c1.html")
    assert len(crawler.engine.downloads) == 1  # robots.txt is fetched once
    stats = crawler.stats.get_stats()
    assert stats["robots/unavailable"] == f"HTTP {status} at {SITE}/robots.txt"
    assert stats["robots/refused"] == 2
    assert "robots/unreachable" not in stats  # it answered
    assert issubclass(RobotsUnavailable, IgnoreRequest)  # the spider's errback counts it


@pytest.mark.parametrize(
    "error",
    [
        DownloadConnectionRefusedError("Connection was refused by other side"),
        CannotResolveHostError("DNS lookup failed"),
        DownloadTimeoutError("Getting http://... took longer than 30.0 seconds."),
        ConnectionResetError("Connection reset by peer"),
        RedirectLoop("redirect loop"),
    ],
)
def test_robots_txt_unreachable_fails_closed(error):
    middleware, crawler = robots_middleware(error)
    with pytest.raises(RobotsUnavailable):
        fetch(middleware)
    stats = crawler.stats.get_stats()
    assert stats["robots/unavailable"] == f"{type(error).__name__} at {SITE}/robots.txt"
    assert stats["robots/unreachable"] is True


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 451])
def test_robots_txt_answering_4xx_allows_everything(status):
    middleware, crawler = robots_middleware(robots(status, b"User-agent: *\nDisallow: /\n"))
    fetch(middleware)  # the 4xx page's body is no rule
    fetch(middleware, f"{SITE}/admin/")
    assert "robots/unavailable" not in crawler.stats.get_stats()


def test_robots_txt_rules_are_obeyed():
    middleware, crawler = robots_middleware(robots())
    fetch(middleware)
    with pytest.raises(IgnoreRequest, match=r"Forbidden by robots\.txt") as refused:
        fetch(middleware, f"{SITE}/admin/")
    assert not isinstance(refused.value, RobotsUnavailable)
    assert "robots/unavailable" not in crawler.stats.get_stats()


def test_robots_txt_over_the_size_cap_fails_closed():
    big = b"User-agent: *\n" + b"Disallow: /x\n" * (600 * 1024 // 13)
    middleware, crawler = robots_middleware(robots(body=big))
    with pytest.raises(RobotsUnavailable, match="larger than 512 KiB"):
        fetch(middleware)
    assert (
        crawler.stats.get_value("robots/unavailable") == f"larger than 512 KiB at {SITE}/robots.txt"
    )
    # the download itself is capped, so a huge file is not read to its end
    assert crawler.engine.downloads[0].meta["download_maxsize"] == 512 * 1024
    # a body cut off by the download handler (it cancels past download_maxsize)
    middleware, crawler = robots_middleware(DownloadCancelledError(""))
    with pytest.raises(RobotsUnavailable, match="larger than 512 KiB"):
        fetch(middleware)
    assert "robots/unreachable" not in crawler.stats.get_stats()


def test_a_cap_of_0_leaves_download_maxsize_the_only_one():
    big = b"User-agent: *\nDisallow: /admin/\n" + b"#" * (600 * 1024)
    middleware, crawler = robots_middleware(robots(body=big), POLICE_ROBOTSTXT_MAX_SIZE=0)
    fetch(middleware)
    assert "download_maxsize" not in crawler.engine.downloads[0].meta


def test_a_robots_txt_just_under_the_cap_is_read():
    body = b"User-agent: *\nDisallow: /admin/\n" + b"#" * (500 * 1024)
    middleware, _ = robots_middleware(robots(body=body))
    fetch(middleware)
    with pytest.raises(IgnoreRequest, match="Forbidden"):
        fetch(middleware, f"{SITE}/admin/")


def test_robots_txt_may_redirect_to_another_host_and_is_not_itself_checked():
    middleware, crawler = robots_middleware(robots())
    fetch(middleware)
    (download,) = crawler.engine.downloads
    assert download.meta["allow_offsite"] is True
    assert download.meta["dont_obey_robotstxt"] is True
    fetch(middleware, f"{SITE}/admin/", dont_obey_robotstxt=True)  # not refused


def test_each_host_has_its_own_robots_txt():
    def answer(request: Request) -> Response:
        status = 503 if "other" in request.url else 200
        return TextResponse(request.url, status=status, body=b"", encoding="utf-8")

    middleware, crawler = robots_middleware(answer)
    fetch(middleware)
    with pytest.raises(RobotsUnavailable):
        fetch(middleware, "http://other.example.gov.vn/tin-tuc/")
    fetch(middleware, f"{SITE}/bai-viet-c2.html")
    assert len(crawler.engine.downloads) == 2


# -- Retry-After ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (b"0", 0.0),
        (" 30 ", 30.0),
        (format_datetime(NOW + timedelta(seconds=90), usegmt=True), 90.0),
        ("Tue, 01 Dec 2026 12:05:00 GMT", 300.0),
        ("Tue, 01 Dec 2026 11:00:00 GMT", 0.0),  # a date past: at once
        ("Tuesday, 01-Dec-26 12:01:00 GMT", 60.0),  # RFC 850 form, still allowed
        ("soon", None),
        ("-5", None),
        ("1.5", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_is_seconds_or_an_http_date(value, seconds):
    assert retry_after_seconds(value, NOW) == seconds


class FakeSleep:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def retry_middleware(**settings: Any):
    crawler = project_crawler(**({"RETRY_TIMES": 3} | settings))
    middleware = BackoffRetryMiddleware.from_crawler(crawler)
    middleware.now = lambda: NOW
    middleware.sleep = FakeSleep()
    return middleware, crawler


def answer(status: int, retry_after: str | None = None) -> tuple[Request, Response]:
    request = Request(f"{SITE}/tin-tuc/")
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return request, HtmlResponse(request.url, status=status, headers=headers, request=request)


def waited(middleware, retry: Request) -> list[float]:
    asyncio.run(middleware.process_request(retry))
    return middleware.sleep.waits


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_waited(status):
    middleware, crawler = retry_middleware()
    retry = middleware.process_response(*answer(status, "60"))
    assert isinstance(retry, Request)
    assert waited(middleware, retry) == [60.0]  # more than the 5 s back-off
    assert crawler.stats.get_value("retry/retry_after") == 1
    assert "retry_backoff" not in retry.meta  # a redirect of the retry waits no more


def test_retry_after_as_a_date_is_waited():
    middleware, _ = retry_middleware()
    retry = middleware.process_response(*answer(503, "Tue, 01 Dec 2026 12:02:00 GMT"))
    assert waited(middleware, retry) == [120.0]


def test_a_shorter_retry_after_keeps_the_back_off():
    middleware, _ = retry_middleware()
    retry = middleware.process_response(*answer(503, "1"))
    assert waited(middleware, retry) == [5.0]  # RETRY_BACKOFF_BASE: at least what it asks


def test_retry_after_up_to_the_cap_is_waited_and_beyond_it_not_retried():
    middleware, crawler = retry_middleware()
    retry = middleware.process_response(*answer(429, "300"))
    assert waited(middleware, retry) == [300.0]
    request, response = answer(429, "301")
    assert middleware.process_response(request, response) is response  # given up
    assert crawler.stats.get_value("retry/retry_after_too_long") == 1
    assert crawler.stats.get_value("retry/count") == 1  # the first one only


def test_the_cap_is_a_setting():
    middleware, _ = retry_middleware(POLICE_RETRY_AFTER_MAX=30)
    request, response = answer(503, "60")
    assert middleware.process_response(request, response) is response


def test_retry_after_on_other_statuses_is_not_read():
    middleware, _ = retry_middleware()
    retry = middleware.process_response(*answer(500, "3600"))
    assert isinstance(retry, Request)
    assert waited(middleware, retry) == [5.0]


def test_without_retry_after_the_back_off_doubles():
    middleware, _ = retry_middleware()
    request, response = answer(503)
    first = middleware.process_response(request, response)
    second = middleware.process_response(first, response.replace(request=first))
    assert second.meta["retry_backoff"] == 10.0
    assert waited(middleware, first) == [5.0]


def test_retries_end_and_retry_after_does_not_add_any():
    middleware, _ = retry_middleware(RETRY_TIMES=1)
    request, response = answer(503, "10")
    retry = middleware.process_response(request, response)
    assert middleware.process_response(retry, response.replace(request=retry)).status == 503


def test_dont_retry_is_respected():
    middleware, _ = retry_middleware()
    request, response = answer(503, "10")
    request.meta["dont_retry"] = True
    assert middleware.process_response(request, response) is response


# -- redirects --------------------------------------------------------------------------
def redirect_middleware(cls=SiteRedirectMiddleware, **settings: Any):
    crawler = project_crawler(**settings)
    return cls.from_crawler(crawler), crawler


def redirected(middleware, url: str, location: str, **meta: Any) -> Request | Response:
    request = Request(url, meta=meta, dont_filter=True)
    response = Response(url, status=301, headers={"Location": location}, request=request)
    return middleware.process_response(request, response)


def test_a_page_redirecting_to_itself_is_a_loop_at_once():
    middleware, crawler = redirect_middleware()
    url = f"{SITE}/bai-viet-c1.html"
    with pytest.raises(RedirectLoop, match="redirect loop"):
        redirected(middleware, url, url)
    assert crawler.stats.get_value("redirect/loop") == 1


def test_a_redirect_back_to_an_earlier_hop_is_a_loop():
    middleware, _ = redirect_middleware()
    first = redirected(middleware, f"{SITE}/a.html", f"{SITE}/b.html")
    assert isinstance(first, Request)
    response = Response(first.url, status=302, headers={"Location": "/a.html#top"}, request=first)
    with pytest.raises(RedirectLoop):
        middleware.process_response(first, response)


def test_an_http_to_https_redirect_on_the_same_host_is_followed():
    middleware, _ = redirect_middleware()
    follow = redirected(middleware, f"{SITE}/a.html", "https://congan.example.gov.vn/a.html")
    assert isinstance(follow, Request)
    assert follow.url == "https://congan.example.gov.vn/a.html"
    sub = redirected(middleware, f"{SITE}/a.html", "http://www.congan.example.gov.vn/a.html")
    assert isinstance(sub, Request)  # a subdomain, as Scrapy's OffsiteMiddleware has it


def test_a_redirect_off_site_fails_even_when_the_request_is_not_filtered():
    middleware, crawler = redirect_middleware()
    with pytest.raises(OffsiteRedirect, match=r"-> http://elsewhere\.example\.com/x"):
        redirected(middleware, f"{SITE}/bai-viet-c1.html", "http://elsewhere.example.com/x")
    assert crawler.stats.get_value("redirect/offsite") == 1
    with pytest.raises(OffsiteRedirect):  # example.gov.vn is not congan.example.gov.vn
        redirected(middleware, f"{SITE}/a.html", "http://example.gov.vn/a.html")


def test_robots_txt_may_redirect_off_site():
    middleware, _ = redirect_middleware()
    follow = redirected(
        middleware, f"{SITE}/robots.txt", "http://cdn.example.com/robots.txt", allow_offsite=True
    )
    assert isinstance(follow, Request)


def test_too_many_redirects_are_named():
    middleware, crawler = redirect_middleware(REDIRECT_MAX_TIMES=2)
    request = Request(f"{SITE}/0.html")
    for n in (1, 2):  # two hops are allowed...
        response = Response(
            request.url, status=302, headers={"Location": f"/{n}.html"}, request=request
        )
        request = middleware.process_response(request, response)
    response = Response(request.url, status=302, headers={"Location": "/3.html"}, request=request)
    with pytest.raises(TooManyRedirects, match="more than 2 redirects"):  # ...a third is not
        middleware.process_response(request, response)
    assert crawler.stats.get_value("redirect/too_many") == 1


def test_a_page_handling_its_own_statuses_is_left_alone():
    middleware, _ = redirect_middleware()
    url = f"{SITE}/sitemap.xml"
    result = redirected(middleware, url, url, handle_httpstatus_all=True)
    assert isinstance(result, Response)


def refreshing(url: str, target: str) -> tuple[Request, HtmlResponse]:
    request = Request(url, dont_filter=True)
    body = f'<html><head><meta http-equiv="refresh" content="30; url={target}"></head></html>'
    return request, HtmlResponse(url, body=body.encode(), request=request)


def test_a_page_refreshing_itself_is_read_as_it_is():
    middleware, crawler = redirect_middleware(SiteMetaRefreshMiddleware)
    url = f"{SITE}/bai-viet-c1.html"
    request, response = refreshing(url, url)
    assert middleware.process_response(request, response) is response
    assert crawler.stats.get_value("redirect/meta_refresh_kept") == 1
    assert crawler.stats.get_value("redirect/loop") is None


def test_a_meta_refresh_off_site_fails():
    middleware, _ = redirect_middleware(SiteMetaRefreshMiddleware)
    request, response = refreshing(f"{SITE}/bai-viet-c1.html", "http://casino.example.com/")
    with pytest.raises(OffsiteRedirect):
        middleware.process_response(request, response)
    request, response = refreshing(f"{SITE}/a.html", f"{SITE}/b.html")
    assert middleware.process_response(request, response).url == f"{SITE}/b.html"


# -- responses over DOWNLOAD_MAXSIZE ------------------------------------------------------
def test_a_download_cancelled_at_the_size_limit_is_named_with_its_size():
    middleware = ResponseSizeMiddleware(project_crawler(DOWNLOAD_MAXSIZE=1000))
    request = Request(f"{SITE}/big.html")
    for _ in range(3):
        middleware.bytes_received(b"x" * 400, request)
    with pytest.raises(ResponseTooLarge, match=r"1200 bytes received, over DOWNLOAD_MAXSIZE"):
        middleware.process_exception(request, DownloadCancelledError(""))


def test_a_download_cancelled_for_another_reason_is_left_alone():
    middleware = ResponseSizeMiddleware(project_crawler(DOWNLOAD_MAXSIZE=1000))
    request = Request(f"{SITE}/small.html")
    middleware.bytes_received(b"x" * 10, request)
    assert middleware.process_exception(request, DownloadCancelledError("")) is None
    assert middleware.process_exception(request, DownloadTimeoutError("slow")) is None
