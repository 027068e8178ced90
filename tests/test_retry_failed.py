"""No article left behind: a page that failed is fetched again by the next runs, whatever
the incremental stop, until it is archived or has failed POLICE_MAX_ATTEMPTS times."""

from __future__ import annotations

import pytest

from testbed.replica import Page, build_replica
from tests.e2e import crawl, latest_run, lines_of, police_archive, served

SITE = "hungyen"
REPLICA = build_replica(SITE)


def deepest_article() -> str:
    """The path of an article listed on the last page of the first category's listing."""
    return REPLICA.article_paths[-1]


@pytest.mark.e2e
def test_an_article_that_failed_once_is_fetched_again_by_the_next_run(tmp_path):
    path = deepest_article()
    broken = {path: Page(body=b"<h1>Service Unavailable</h1>", status=503)}
    with served(SITE, overrides=broken) as url:
        first = crawl(SITE, url, tmp_path)
    assert first["articles"]["archived"] == len(REPLICA.truth) - 1
    with served(SITE) as url:  # healed
        second = crawl(SITE, url, tmp_path)
        assert second["stats"]["articles/retried"] == 1
        assert second["new"] == 1
        third = crawl(SITE, url, tmp_path)  # nothing left to retry: an incremental rerun
    assert "articles/retried" not in third["stats"]
    assert third["new"] == 0
    assert len({line["id"] for line in lines_of(tmp_path)}) == len(REPLICA.truth)


@pytest.mark.e2e
def test_an_article_that_keeps_failing_is_given_up_and_said(tmp_path):
    path = deepest_article()
    broken = {path: Page(body=b"<h1>Service Unavailable</h1>", status=503)}
    options = ("--set", "POLICE_MAX_ATTEMPTS=2", "--set", "RETRY_TIMES=0")
    runs = []
    with served(SITE, overrides=broken) as url:
        for _ in range(3):
            police_archive("crawl", SITE, "--base-url", url, "--data-dir", str(tmp_path), *options)
            runs.append(latest_run(tmp_path)["sites"][0])
    assert [r["stats"].get("articles/retried", 0) for r in runs] == [0, 1, 0]
    assert [r["stats"].get("articles/given_up", 0) for r in runs] == [0, 1, 1]
    assert [r["articles"]["given_up"] for r in runs] == [0, 1, 1]
    assert [r["articles"]["to_retry"] for r in runs] == [1, 0, 0]
    # a page fetched again that fails again is not this run's failure: the run is ok
    assert runs[1]["ok"]
