"""Scheduled reruns: only what is new is fetched; edits add versions; views accumulate."""

from __future__ import annotations

import unicodedata

import pytest

from scraper.extract.text import fold_tone_placement
from scraper.profiles import load_profile
from testbed.replica import Page, build_replica
from tests.e2e import crawl, lines_of, served

pytestmark = pytest.mark.e2e

SITE = "hungyen"
TRUTH = build_replica(SITE).truth
CATEGORIES = len(load_profile(SITE).start_paths)


def page_of(record: dict) -> str:
    return record["url"].removeprefix(load_profile(SITE).base_url)


def raw_page(record: dict) -> str:
    return build_replica(SITE).pages[page_of(record)].body.decode("utf-8")


def edited(record: dict, old: str, new: str) -> Page:
    body = raw_page(record)
    assert old in body
    return Page(body=body.replace(old, new).encode("utf-8"))


def test_rerun_of_an_unchanged_site_fetches_no_article_page(tmp_path):
    with served(SITE) as url:
        first = crawl(SITE, url, tmp_path)
        second = crawl(SITE, url, tmp_path)
    assert first["new"] == len(TRUTH)
    assert first["requests"]["article"] == len(TRUTH)
    assert second["requests"]["article"] == 0
    # the first page has nothing new, one more page of overlap, then stop
    assert second["requests"]["listing"] == 2 * CATEGORIES
    assert second["new"] == second["updated"] == 0
    assert len(lines_of(tmp_path)) == len(TRUTH)
    assert len(lines_of(tmp_path, "views")) == len(TRUTH)  # one observation per page fetched


def test_full_walks_and_fetches_everything_again(tmp_path):
    with served(SITE) as url:
        crawl(SITE, url, tmp_path)
        again = crawl(SITE, url, tmp_path, "--full")
    assert again["requests"]["article"] == len(TRUTH)
    assert again["unchanged"] == len(TRUTH)
    assert again["new"] == 0
    assert len(lines_of(tmp_path)) == len(TRUTH)
    views = lines_of(tmp_path, "views")
    assert len(views) == 2 * len(TRUTH)
    assert all(set(v) == {"id", "url", "view_count", "observed_at", "run_id"} for v in views)
    assert all(isinstance(v["view_count"], int | None) for v in views)


def test_refresh_days_refetches_only_recent_articles(tmp_path):
    with served(SITE) as url:
        crawl(SITE, url, tmp_path)
        none_recent = crawl(SITE, url, tmp_path, "--refresh-days", "1")
        all_recent = crawl(SITE, url, tmp_path, "--refresh-days", "36500")
    assert none_recent["requests"]["article"] == 0
    # listings are walked while they hold articles due for a refresh
    assert all_recent["requests"]["article"] == len(TRUTH)
    assert all_recent["unchanged"] == len(TRUTH)


def test_new_article_is_found_without_walking_the_whole_site(tmp_path):
    newest = max(TRUTH, key=lambda r: int(r["id"].split("-")[1]))
    missing = {page_of(newest): Page(body=b"<h1>503</h1>", status=503)}
    with served(SITE, overrides=missing) as url:
        first = crawl(SITE, url, tmp_path)
    assert first["new"] == len(TRUTH) - 1
    with served(SITE) as url:
        second = crawl(SITE, url, tmp_path)
    assert second["new"] == 1
    # the page that failed is fetched again first, as remembered; no other article page
    assert (second["requests"]["article"], second["requests"]["article_retry"]) == (0, 1)
    assert [
        r["id"] for r in lines_of(tmp_path) if r["run_id"] != lines_of(tmp_path)[0]["run_id"]
    ] == [newest["id"]]


def test_edits_add_a_version_and_cosmetic_changes_do_not(tmp_path):
    # pages printed in NFC, so that their text can be found in the HTML
    plain = [r for r in TRUTH if r["title"] in raw_page(r) and r["body"][-50:] in raw_page(r)]
    text_edit, cosmetic = plain[0], plain[1]
    fragment = text_edit["body"][-50:]  # the end of the last paragraph
    # the same title in decomposed form, new-style tone marks and doubled spaces
    new_title = unicodedata.normalize("NFD", fold_tone_placement(cosmetic["title"]))
    changes = {
        page_of(text_edit): edited(text_edit, fragment, fragment + " (đã sửa)"),
        page_of(cosmetic): edited(cosmetic, cosmetic["title"], new_title.replace(" ", "  ")),
    }
    with served(SITE) as url:
        crawl(SITE, url, tmp_path)
    with served(SITE, overrides=changes) as url:
        rerun = crawl(SITE, url, tmp_path, "--full")
    assert (rerun["updated"], rerun["unchanged"]) == (1, len(TRUTH) - 1)
    versions = [(r["id"], r["version"]) for r in lines_of(tmp_path) if r["id"] == text_edit["id"]]
    assert versions == [(text_edit["id"], 1), (text_edit["id"], 2)]
    assert len(lines_of(tmp_path)) == len(TRUTH) + 1
