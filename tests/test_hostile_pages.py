"""Every page fails alone: hostile or broken markup is read or refused in one counted line,
and no exception leaves a callback (no reactor: the spider's callbacks on saved pages)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from testbed.replica import build_replica
from tests.e2e import assert_one_line_error, police_archive
from tests.helpers import site_crawl

SITE = "laichau"
URL = "https://congan.laichau.gov.vn/tin-tuc/bai-viet-123.html"
TEXT = "<p>Đoạn văn của bài viết, đủ dài để là một đoạn văn thật sự trong bài này.</p>" * 4


@pytest.fixture
def spider(tmp_path):
    with site_crawl(tmp_path / "data", spider={"site": SITE}) as crawler:
        asyncio.run(anext(crawler.spider.start()))  # the index, as a crawl opens it
        yield crawler.spider


def page(body: str, url: str = URL) -> HtmlResponse:
    return HtmlResponse(url=url, body=body.encode("utf-8"), encoding="utf-8", request=Request(url))


def article(title: str, inner: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
        f'<div class="content">{inner}</div></body></html>'
    )


def records(spider, response):
    return [dict(item) for item in spider.parse_article(response)]


def test_control_characters_in_attribute_names_and_links_are_read_past(spider):
    body = article(
        "Tiêu đề bài viết",
        f'<p \x01bad="1">Mở đầu.</p>{TEXT}<a href="/a\x02b">liên kết</a>'
        '<img src="/anh\x07.jpg"><a href="java\x00script:alert(1)">x</a>',
    )
    (record,) = records(spider, page(body))
    assert record["title"] == "Tiêu đề bài viết"
    assert "Đoạn văn của bài viết" in record["body"]
    assert [image["url"] for image in record["images"]] == ["https://congan.laichau.gov.vn/anh.jpg"]
    assert "javascript" not in record["body_html"]


def test_an_image_pasted_from_word_is_no_image_of_the_record(spider):
    body = article("Tiêu đề bài viết", f'{TEXT}<img src="file:///C:/Users/x/anh.jpg">')
    (record,) = records(spider, page(body))
    assert record["images"] == []


def test_a_thousand_bare_wrappers_read_like_one(spider):
    inner = "<div>" * 1_500 + TEXT + "</div>" * 1_500
    (record,) = records(spider, page(article("Tiêu đề bài viết", inner)))
    assert record["body"].count("Đoạn văn của bài viết") == 4


@pytest.mark.parametrize(
    ("inner", "message"),
    [
        # deeper than libxml2 keeps: what lay below is gone, so the page is refused
        ("<div>" * 10_000 + TEXT + "</div>" * 10_000, "the parser lost the rest"),
        # deep and no bare wrapper to unwrap
        (
            '<div class="x">lời<span class="y">' * 400 + TEXT + "</span></div>" * 400,
            "(at most 512)",
        ),
    ],
)
def test_nesting_too_deep_is_refused_in_one_counted_line(spider, caplog, inner, message):
    with caplog.at_level(logging.WARNING):
        assert records(spider, page(article("Tiêu đề bài viết", inner))) == []
    assert spider.crawler.stats.get_value("pages/extraction_failed") == 1
    (line,) = [r.getMessage() for r in caplog.records if URL in r.getMessage()]
    assert message in line


def test_an_exception_in_a_rule_fails_that_page_alone(spider, monkeypatch, caplog):
    def broken(*_args, **_kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(spider.adapter, "parse_page", broken)
    with caplog.at_level(logging.WARNING):
        assert records(spider, page(article("Tiêu đề", TEXT))) == []
    stats = spider.crawler.stats
    assert stats.get_value("pages/parse_error/RecursionError") == 1
    assert stats.get_value("pages/extraction_failed") == 1
    (line,) = [r for r in caplog.records if "could not be read" in r.getMessage()]
    assert URL in line.getMessage()
    assert line.exc_info is None  # one line; the traceback only at DEBUG


def test_an_exception_while_reading_a_listing_ends_that_walk_alone(spider, monkeypatch):
    replica = build_replica(SITE)
    path = replica.start_paths[0]
    url = spider.profile.base_url + path

    def broken(*_args, **_kwargs):
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr(spider.adapter, "read", broken)
    response = HtmlResponse(
        url=url,
        body=replica.pages[path].body,
        request=Request(url, meta={"page": 1, "chain": path, "kind": "listing"}),
    )
    with contextlib.suppress(StopIteration):
        assert list(spider.parse_listing(response)) == []
    assert spider.crawler.stats.get_value("pages/parse_error/ValueError") == 1
    assert spider.chain_ends[path] == "error"  # the walk is not complete


def test_extract_reads_a_saved_page_with_control_characters(tmp_path):
    saved = tmp_path / "page.html"
    saved.write_text(
        article("Tiêu đề bài viết", f'<p \x01bad="1">x</p>{TEXT}<a href="/a\x02b">l</a>'), "utf-8"
    )
    result = police_archive("extract", str(saved), "--site", SITE, "--url", URL)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Tiêu đề bài viết"


def test_extract_refuses_a_page_nested_too_deep_in_one_line(tmp_path):
    saved = tmp_path / "page.html"
    saved.write_text(article("Tiêu đề", "<div>" * 10_000 + TEXT + "</div>" * 10_000), "utf-8")
    result = police_archive("extract", str(saved), "--site", SITE, "--url", URL)
    assert_one_line_error(result, 1, "the parser lost the rest")
