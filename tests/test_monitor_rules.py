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


# -- error ratio ------------------------------------------------------------------------
def test_errors_up_to_the_ratio_pass(crawler):
    stats = {"downloader/request_count": 100, "errors/by_reason/HTTP 503": 10}
    assert check(monitors.ErrorRatioMonitor, crawler, stats)[0] == OK


def test_errors_over_the_ratio_fail_naming_each_reason(crawler):
    stats = {
        "downloader/request_count": 100,
        "errors/by_reason/HTTP 503": 8,
        "errors/by_reason/TimeoutError": 4,
    }
    status, message = check(monitors.ErrorRatioMonitor, crawler, stats)
    assert status == FAILED
    assert message == "12 of 100 requests failed (12% > 10%): HTTP 503 ×8, TimeoutError ×4"


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
        "FinishReasonMonitor",
        "ErrorRatioMonitor",
        "UnwantedHTTPCodesMonitor",
        "FieldCoverageMonitor",
        "HistoryDropMonitor",
    }
