"""NukeViet 4.x news module (congan.laichau.gov.vn; also Thái Nguyên, Cần Thơ, Bắc Kạn).

Markup from the CMS's public theme (SITES.md): h1.title, span.h5 date, div.hometext,
figure.article, div#news-bodyhtml, p.h5.text-right author, div.other-news ul.related.
ASSUMED: the detail page's view counter line (.news-stats), seen only on listings.
"""

from __future__ import annotations

import re

from scraper.platforms.base import PlatformAdapter


class NukeVietAdapter(PlatformAdapter):
    platform = "nukeviet"
    # "/{cat-alias}/{alias}-{id}.html" (module "news" at the root, rewrite on)
    article_path = re.compile(r"^/(?:[a-z0-9-]+/)+[a-z0-9-]+-(?P<id>\d+)\.html$")
    listing_links_css = ".news_column h3 a, .news_column h2 a"
    next_page_css = "ul.pagination a[rel~=next]"
    title_css = ".news_column h1.title, .news_column h1"
    category_css = None
    breadcrumb_css = ".breadcrumbs li, .breadcrumb li"
    dateline_css = ".news_column span.h5"
    views_css = ".news_column .news-stats"
    lead_css = ".news_column .hometext"
    lead_image_css = ".news_column figure.article"
    body_css = "#news-bodyhtml"
    credit_css = ".news_column p.h5.text-right"
    related_css = ".other-news ul.related a"
    tags_css = ".keywords a"
    body_noise_css = ".share, .social-share"

    def canonical_url(self, url: str) -> str:
        # The "save page" copy lives under /savefile/ and is the same article.
        canonical = super().canonical_url(url)
        return re.sub(r"^(https?://[^/]+)/savefile/", r"\1/", canonical)
