"""Provincial-portal CMS with "-c{id}.html" URLs (congan.hungyen.gov.vn).

SEEN on the real site: URL shape, the "Đăng ngày: … - Lượt xem: …" line, captions as
their own lines, the credit line last, "Tin liên quan". ASSUMED from the Hưng Yên
provincial portal: the class names below.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scraper.extract.generic import PageContext
from scraper.extract.urls import is_parsable_url
from scraper.platforms.base import PlatformAdapter

_LINK = re.compile(r"/(?!chuyen-muc-)[a-z0-9-]+-c\d+\.html$")


class ProvincialPortalAdapter(PlatformAdapter):
    platform = "portal"
    # "/{slug}-c{id}.html"; listings are "/chuyen-muc-{slug}-c{catid}-{page}.html"
    article_path = re.compile(r"^/(?!chuyen-muc-)[a-z0-9-]+-c(?P<id>\d+)\.html$")
    listing_links_css = ".list-news a.article-title"
    next_page_css = "ul.pagination a[rel~=next]"
    title_css = ".article-detail h1.article-title, h1.article-title"
    category_css = ".article-detail .category-title"
    breadcrumb_css = ".article-detail .breadcrumb li"
    dateline_css = ".article-detail .post-date"
    lead_css = ".article-detail .article-sapo"
    body_css = ".article-detail .article-content"
    related_css = ".article-detail .relate-news li a"
    body_noise_css = ".relate-news, .share, .social-share, .tags"

    @classmethod
    def signature(cls, ctx: PageContext) -> float:
        links = [
            v
            for v in ctx.root.xpath("//a/@href")
            if is_parsable_url(v) and _LINK.search(urlsplit(v).path)
        ]
        if len(links) < 3 and not _LINK.search(urlsplit(ctx.url).path):
            return 0.0
        markup = ctx.root.xpath(
            "//*[contains(concat(' ', @class, ' '), ' article-content ')"
            " or contains(concat(' ', @class, ' '), ' post-date ')"
            " or contains(concat(' ', @class, ' '), ' list-news ')]"
        )
        return 0.6 if markup else 0.3
