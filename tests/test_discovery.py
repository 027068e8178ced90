"""Sitemaps and feeds find what the listings skip, on a full walk only."""

from __future__ import annotations

import pytest
from lxml import html

from testbed.replica import Page, build_replica
from tests.e2e import crawl, lines_of, served

pytestmark = pytest.mark.e2e

SITE = "hungyen"
REPLICA = build_replica(SITE)


def listings_without(path: str) -> dict[str, Page]:
    """Every listing page with the item linking `path` taken out."""
    changed = {}
    for key, page in REPLICA.pages.items():
        if "chuyen-muc-" not in key or path.encode() not in page.body:
            continue
        root = html.document_fromstring(page.body.decode("utf-8"))
        for item in root.xpath(f"//div[@class='article-item'][.//a[@href='{path}']]"):
            item.drop_tree()
        changed[key] = Page(body=html.tostring(root, encoding="utf-8"))
    assert changed
    return changed


def test_an_article_only_the_sitemap_lists_is_archived_on_the_first_walk(tmp_path):
    hidden = REPLICA.article_paths[5]
    with served(SITE, overrides=listings_without(hidden)) as url:
        first = crawl(SITE, url, tmp_path)
        again = crawl(SITE, url, tmp_path)
    assert first["new"] == len(REPLICA.truth)
    assert first["discovery"]["sitemap"] == 1
    assert first["requests"]["discovery"] >= 2  # robots.txt and /sitemap.xml
    assert any(r["url"].endswith(hidden) for r in lines_of(tmp_path))
    # an incremental rerun reads the listings' first pages and nothing else
    assert again["requests"]["discovery"] == 0
    assert again["requests"]["article"] == 0
