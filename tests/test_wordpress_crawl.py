"""WordPress sites: the REST API lists posts and their changes; HTML when it is off."""

from __future__ import annotations

import json

import pytest

from scraper.platforms.wordpress import rest_posts_url
from testbed.replica import Page, build_replica
from tests.e2e import crawl, lines_of, served

pytestmark = pytest.mark.e2e

FIRST_PAGE = rest_posts_url("", 1)


def test_rest_api_lists_the_posts(tmp_path):
    with served("sonla") as url:
        summary = crawl("sonla", url, tmp_path)
    assert summary["requests"]["listing"] == 1  # one REST page instead of the HTML listings
    assert "rest/unavailable" not in summary["stats"]
    assert summary["new"] == len(build_replica("sonla").truth)


def test_html_listings_when_the_rest_api_is_off(tmp_path):
    with served("quangtri") as url:
        summary = crawl("quangtri", url, tmp_path)
    assert summary["stats"]["rest/unavailable"] == 404
    assert summary["new"] == len(build_replica("quangtri").truth)
    assert summary["errors"] == 0  # a missing API is no error


def test_a_post_modified_since_the_last_run_is_fetched_again(tmp_path):
    page = build_replica("sonla").pages[FIRST_PAGE]
    posts = json.loads(page.body)
    posts[2]["modified_gmt"] = "2099-01-01T00:00:00"
    changed = {
        FIRST_PAGE: Page(
            body=json.dumps(posts).encode(), content_type=page.content_type, headers=page.headers
        )
    }
    with served("sonla") as url:
        crawl("sonla", url, tmp_path)
    with served("sonla", overrides=changed) as url:
        again = crawl("sonla", url, tmp_path)
    assert again["requests"]["article"] == 1
    assert again["stats"]["articles/modified"] == 1
    assert len(lines_of(tmp_path)) == len(build_replica("sonla").truth)  # same text: no line


def test_the_rest_post_stands_in_for_an_unreadable_page(tmp_path):
    truth = build_replica("sonla").truth[0]
    path = truth["url"].removeprefix("https://congan.sonla.gov.vn")
    unreadable = {path: Page(body=b"<html><body><p>Maintenance</p></body></html>")}
    with served("sonla", overrides=unreadable) as url:
        summary = crawl("sonla", url, tmp_path)
    assert summary["stats"]["articles/stand_in"] == 1
    [record] = [r for r in lines_of(tmp_path) if r["url"] == truth["url"]]
    assert (record["title"], record["published_at"]) == (truth["title"], truth["published_at"])
