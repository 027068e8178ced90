"""Each monitor's rule in process, on a stats dict: thresholds, rounding, medians, history.
(tests/test_monitors.py crawls broken replicas to see the same monitors end to end.)"""

from __future__ import annotations

import dataclasses
import json

import pytest
from spidermon import MonitorSuite
from spidermon.contrib.scrapy import monitors as spidermon_monitors
from spidermon.settings import MONITOR

from scraper import monitors  # not its Monitor classes: pytest would collect them as tests
from scraper.site_run import SiteRun
from tests.helpers import site_crawl

OK, FAILED, SKIPPED = MONITOR.STATUS.SUCCESS, MONITOR.STATUS.FAILURE, MONITOR.STATUS.SKIPPED
# Spidermon 1.27 logs through the deprecated Spider.log(); the warning is its, not ours
pytestmark = pytest.mark.filterwarnings("ignore:Spider.log.. is deprecated")


@pytest.fixture
def crawler(data_dir):
    with site_crawl(data_dir, "20261201T000000Z-000000") as crawler:
        yield crawler


def check(monitor, crawler, stats: dict) -> tuple[str, str]:
    """Run one monitor on `stats` as Spidermon does when a crawl closes."""
    suite = MonitorSuite(
        monitors=[monitor], monitors_finished_actions=[monitors.RecordMonitorResults]
    )
    monitors._Runner(spider=crawler.spider).run(
        suite, stats=stats, stats_history=[], crawler=crawler, spider=crawler.spider, job=None
    )
    (result,) = (
        value
        for key, value in crawler.stats.get_stats().items()
        if key.startswith("monitors/") and isinstance(value, dict)
    )
    return result["status"], result["message"]


def pages(count: int, **filled: int) -> dict[str, int]:
    """Coverage counters of `count` article pages, each field on all of them unless told."""
    fields = ("title", "body", "published_at", "view_count", "author", "category", "images")
    return {"coverage/pages": count} | {
        f"coverage/{name}": filled.get(name, count) for name in fields
    }


# -- articles found ---------------------------------------------------------------------
def test_listings_with_articles_pass(crawler):
    assert (
        check(monitors.ArticlesFoundMonitor, crawler, {"articles/listed": 30, "pages/listing": 3})[
            0
        ]
        == OK
    )


def test_no_listing_page_reads_as_unreachable_with_the_first_error(crawler):
    stats = {"errors/first": "ConnectionRefusedError at http://127.0.0.1:9/"}
    status, message = check(monitors.ArticlesFoundMonitor, crawler, stats)
    assert status == FAILED
    assert message == "site unreachable: ConnectionRefusedError at http://127.0.0.1:9/"


def test_listings_without_articles_read_as_a_layout_change(crawler):
    status, message = check(monitors.ArticlesFoundMonitor, crawler, {"pages/listing": 3})
    assert status == FAILED
    assert message.startswith("no articles found: no article links on 3 listing pages")


def test_robots_txt_answering_5xx_names_it_in_one_line(crawler):
    stats = {
        "robots/unavailable": "HTTP 503 at http://127.0.0.1:9/robots.txt",
        "robots/refused": 3,
        "errors/by_reason/RobotsUnavailable": 3,
        "errors/first": "RobotsUnavailable at http://127.0.0.1:9/tin-tuc/",
    }
    status, message = check(monitors.ArticlesFoundMonitor, crawler, stats)
    assert status == FAILED
    assert message == (
        "robots.txt unavailable (HTTP 503 at http://127.0.0.1:9/robots.txt): nothing fetched"
    )


def test_robots_txt_not_answering_reads_as_unreachable(crawler):
    stats = {
        "robots/unavailable": "DownloadConnectionRefusedError at http://127.0.0.1:9/robots.txt",
        "robots/unreachable": True,
    }
    status, message = check(monitors.ArticlesFoundMonitor, crawler, stats)
    assert (status, message) == (
        FAILED,
        "site unreachable: DownloadConnectionRefusedError at http://127.0.0.1:9/robots.txt "
        "(robots.txt: nothing fetched)",
    )


def test_robots_txt_unavailable_is_named_even_when_some_listing_was_read(crawler):
    stats = {
        "robots/unavailable": "larger than 512 KiB at http://cdn.example.org/robots.txt",
        "robots/refused": 7,
        "pages/listing": 2,
        "articles/listed": 20,
    }
    status, message = check(monitors.ArticlesFoundMonitor, crawler, stats)
    assert status == FAILED
    assert message.endswith("): 7 requests refused")


# -- error ratio ------------------------------------------------------------------------
def requests(listing: int = 0, article: int = 0, discovery: int = 0) -> dict[str, int]:
    """The distinct requests the spider made, by kind (it counts each as it sends it)."""
    return {
        "requests/listing": listing,
        "requests/article": article,
        "requests/discovery": discovery,
    }


def test_errors_up_to_the_ratio_pass(crawler):
    stats = requests(10, 88, 2) | {"errors/by_reason/HTTP 503": 10}
    assert check(monitors.ErrorRatioMonitor, crawler, stats)[0] == OK


def test_errors_over_the_ratio_fail_naming_each_reason(crawler):
    stats = requests(10, 88, 2) | {
        "errors/by_reason/HTTP 503": 8,
        "errors/by_reason/TimeoutError": 4,
    }
    status, message = check(monitors.ErrorRatioMonitor, crawler, stats)
    assert status == FAILED
    assert message == "12 of 100 requests failed (12% > 10%): HTTP 503 ×8, TimeoutError ×4"


def test_retries_are_not_requests_of_their_own(crawler):
    # 3 listing pages answering 503, each fetched 4 times (3 retries): the downloader
    # made 12 requests (plus robots.txt), the spider 3, and all 3 failed in the end
    stats = requests(listing=3) | {
        "downloader/request_count": 13,
        "retry/count": 9,
        "robotstxt/request_count": 1,
        "errors/by_reason/HTTP 503": 3,
    }
    status, message = check(monitors.ErrorRatioMonitor, crawler, stats)
    assert (status, message) == (FAILED, "3 of 3 requests failed (100% > 10%): HTTP 503 ×3")


def test_requests_refused_before_the_downloader_are_requests_too(crawler):
    # 7 of 10 article pages refused by a middleware before any download (robots.txt
    # rules, a redirect loop found at once): the downloader counted 6 requests (the
    # 3 pages that went out, 2 retries, robots.txt); "7 of 6 requests failed (117%)" was
    # the old reading
    stats = requests(listing=1, article=9) | {
        "downloader/request_count": 6,
        "retry/count": 2,
        "errors/by_reason/IgnoreRequest": 7,
    }
    status, message = check(monitors.ErrorRatioMonitor, crawler, stats)
    assert (status, message) == (
        FAILED,
        "7 of 10 requests failed (70% > 10%): IgnoreRequest ×7",
    )


def test_the_error_ratio_never_exceeds_all_requests(crawler):
    stats = requests(listing=1) | {"errors/by_reason/HTTP 503": 2}
    assert check(monitors.ErrorRatioMonitor, crawler, stats)[1].startswith("2 of 2 requests")


def test_requests_refused_by_robots_txt_are_left_to_articles_found(crawler):
    stats = requests(listing=3) | {
        "robots/unavailable": "HTTP 503 at http://127.0.0.1:9/robots.txt",
        "errors/by_reason/RobotsUnavailable": 3,
    }
    assert check(monitors.ErrorRatioMonitor, crawler, stats)[0] == SKIPPED


# -- articles archived -----------------------------------------------------------------
def test_no_article_requested_skips_the_archived_share(crawler):
    stats = {"pages/listing": 2, "articles/listed": 40, "articles/known_skipped": 40}
    assert check(monitors.ArticlesArchivedMonitor, crawler, stats)[0] == SKIPPED


def test_archived_and_unchanged_articles_count_as_kept(crawler):
    stats = {
        "requests/article": 10,
        "articles/archived": 2,
        "articles/unchanged": 2,
        "articles/duplicate_in_run": 1,
        "item_dropped_reasons_count/InvalidRecord": 5,
    }
    assert check(monitors.ArticlesArchivedMonitor, crawler, stats)[0] == OK  # 5 of 10


def test_every_record_dropped_as_invalid_fails_naming_field_and_example(crawler):
    stats = {
        "requests/article": 48,
        "pages/article": 48,
        "item_dropped_reasons_count/InvalidRecord": 48,
        "articles/invalid": 48,
        "articles/invalid/images.0.url": 48,
        "dropped/example/InvalidRecord": "https://congan.hungyen.gov.vn/a-c1.html",
    }
    status, message = check(monitors.ArticlesArchivedMonitor, crawler, stats)
    assert status == FAILED
    assert message == (
        "0 of 48 article pages archived (0% < 50%): dropped InvalidRecord ×48 "
        "(images.0.url, e.g. https://congan.hungyen.gov.vn/a-c1.html)"
    )


def test_too_few_archived_fail_naming_the_main_reasons_first(crawler):
    stats = {
        "requests/article": 20,
        "articles/archived": 3,
        "articles/unchanged": 1,
        "item_dropped_reasons_count/UnchangedArticle": 1,  # no loss
        "item_dropped_reasons_count/InvalidRecord": 2,
        "articles/invalid/body": 2,
        "pages/extraction_failed": 4,
        "errors/by_reason/RedirectLoop": 9,
        "errors/example/RedirectLoop": "http://127.0.0.1:8800/b-c2.html",
        "errors/by_reason/HTTP 404": 1,
        "errors/example/HTTP 404": "http://127.0.0.1:8800/c-c3.html",
    }
    status, message = check(monitors.ArticlesArchivedMonitor, crawler, stats)
    assert status == FAILED
    assert message == (
        "4 of 20 article pages archived (20% < 50%): "
        "failed RedirectLoop ×9 (e.g. http://127.0.0.1:8800/b-c2.html), "
        "no article on the page ×4, dropped InvalidRecord ×2 (body), "
        "failed HTTP 404 ×1 (e.g. http://127.0.0.1:8800/c-c3.html)"
    )


def test_half_archived_is_enough_by_default(crawler):
    half = {"requests/article": 10, "articles/archived": 5, "errors/by_reason/HTTP 503": 5}
    assert check(monitors.ArticlesArchivedMonitor, crawler, half)[0] == OK


def test_none_archived_fails_whatever_the_threshold(data_dir):
    stats = {"requests/article": 3, "errors/by_reason/OffsiteRedirect": 3}
    with site_crawl(data_dir, "20261201T000000Z-000001", POLICE_MIN_ARCHIVED_RATIO=0) as crawler:
        status, message = check(monitors.ArticlesArchivedMonitor, crawler, stats)
    assert (status, message) == (FAILED, "0 of 3 article pages archived: failed OffsiteRedirect ×3")


def test_a_lower_threshold_lets_a_run_with_few_archived_pass(data_dir):
    stats = {"requests/article": 10, "articles/archived": 2}
    with site_crawl(data_dir, "20261201T000000Z-000002", POLICE_MIN_ARCHIVED_RATIO=0.2) as crawler:
        assert check(monitors.ArticlesArchivedMonitor, crawler, stats)[0] == OK


# -- field coverage ---------------------------------------------------------------------
def test_no_article_page_skips_coverage(crawler):
    assert check(monitors.FieldCoverageMonitor, crawler, {})[0] == SKIPPED


def test_one_page_without_views_in_twelve_is_within_ninety_percent(crawler):
    assert check(monitors.FieldCoverageMonitor, crawler, pages(12, view_count=11))[0] == OK


def test_coverage_below_a_threshold_fails_naming_the_field(crawler):
    status, message = check(monitors.FieldCoverageMonitor, crawler, pages(10, title=9, author=7))
    assert status == FAILED
    assert message == (
        "field coverage below threshold on 10 article pages: title 90% < 100%, author 70% < 80%"
    )


def test_a_site_without_view_counter_is_not_asked_for_one(crawler):
    crawler.spider.profile = dataclasses.replace(crawler.spider.profile, shows_views=False)
    assert check(monitors.FieldCoverageMonitor, crawler, pages(10, view_count=0))[0] == OK


def test_a_profiles_own_threshold_wins(crawler):
    profile = crawler.spider.profile
    crawler.spider.profile = dataclasses.replace(profile, coverage={"author": 0.5})
    assert check(monitors.FieldCoverageMonitor, crawler, pages(10, author=6))[0] == OK


# -- history ----------------------------------------------------------------------------
def write_past_runs(
    crawler, per_page: list[float], ok: bool = True, author: float = 1.0, day: int = 10
):
    run = SiteRun.of(crawler)
    run.layout.runs_dir().mkdir(parents=True, exist_ok=True)
    for n, value in enumerate(per_page):
        entry = {
            "site": run.site,
            "ok": ok,
            "listing_pages": 3,
            "articles_per_listing_page": value,
            "coverage": {"title": 1.0, "author": author},
        }
        path = run.layout.runs_dir() / f"202611{day}T00000{n}Z-00000{n}.json"
        path.write_text(json.dumps({"sites": [entry]}), "utf-8")


def listing(per_page: float, **coverage: int) -> dict[str, float]:
    return {"pages/listing": 3, "articles/listed": per_page * 3} | pages(10, **coverage)


def test_history_is_skipped_until_there_are_enough_healthy_runs(crawler):
    write_past_runs(crawler, [10, 10])
    # newer, but unhealthy runs are no yardstick
    write_past_runs(crawler, [10, 10, 10, 10], ok=False, day=20)
    status, message = check(monitors.HistoryDropMonitor, crawler, listing(2))
    assert (status, message) == (SKIPPED, "2 previous runs, 3 needed")


def test_half_the_usual_articles_per_listing_page_fails_against_the_median(crawler):
    write_past_runs(crawler, [10, 12, 30])
    status, message = check(monitors.HistoryDropMonitor, crawler, listing(5))
    assert status == FAILED
    assert message == "far below the last 3 runs: articles per listing page 5.0 (median 12.0)"
    assert check(monitors.HistoryDropMonitor, crawler, listing(6))[0] == OK


def test_a_field_whose_coverage_halves_fails(crawler):
    write_past_runs(crawler, [10, 10, 10], author=0.9)
    status, message = check(monitors.HistoryDropMonitor, crawler, listing(10, author=4))
    assert status == FAILED
    assert message == "far below the last 3 runs: author coverage 40% (median 90%)"


def test_the_current_run_is_not_its_own_history(crawler):
    write_past_runs(crawler, [10, 10])
    run = SiteRun.of(crawler)
    current = {
        "sites": [
            {
                "site": run.site,
                "ok": True,
                "listing_pages": 3,
                "articles_per_listing_page": 1,
                "coverage": {},
            }
        ]
    }
    (run.layout.runs_dir() / f"{run.run_id}.json").write_text(json.dumps(current), "utf-8")
    assert check(monitors.HistoryDropMonitor, crawler, listing(1))[0] == SKIPPED


# -- Spidermon's own two, with our settings ------------------------------------------------
@pytest.mark.parametrize(
    ("reason", "status"),
    [("finished", OK), ("closespider_itemcount", OK), ("shutdown", FAILED)],
)
def test_a_crawl_stopped_by_max_articles_finished_as_it_should(crawler, reason, status):
    assert (
        check(spidermon_monitors.FinishReasonMonitor, crawler, {"finish_reason": reason})[0]
        == status
    )


def test_more_unwanted_http_codes_than_allowed_fail(crawler):
    unwanted = spidermon_monitors.UnwantedHTTPCodesMonitor
    allowed = {"downloader/response_status_count/503": 10}
    assert check(unwanted, crawler, allowed)[0] == OK
    over = {"downloader/response_status_count/503": 11}
    status, message = check(unwanted, crawler, over)
    assert status == FAILED
    assert "503" in message


def test_the_suite_runs_every_monitor_named_in_the_readme():
    names = {m.__name__ for m in monitors.PoliceMonitorSuite.monitors}
    assert names == {
        "ArticlesFoundMonitor",
        "ArticlesArchivedMonitor",
        "FinishReasonMonitor",
        "ErrorRatioMonitor",
        "UnwantedHTTPCodesMonitor",
        "FieldCoverageMonitor",
        "HistoryDropMonitor",
    }


def test_a_monitor_that_passes_says_what_it_checked(crawler):
    found = {"articles/listed": 30, "pages/listing": 3}
    assert check(monitors.ArticlesFoundMonitor, crawler, found) == (
        OK,
        "30 articles listed on 3 listing pages",
    )


def test_the_error_ratio_says_how_many_requests_failed_when_it_passes(crawler):
    stats = {"requests/listing": 4, "requests/article": 92, "errors/by_reason/HTTP 503": 1}
    assert check(monitors.ErrorRatioMonitor, crawler, stats) == (OK, "1 of 96 requests failed")
