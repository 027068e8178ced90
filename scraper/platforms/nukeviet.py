"""NukeViet 4.x news module (congan.laichau.gov.vn; also Thái Nguyên, Cần Thơ, Bắc Kạn).

Markup of the CMS's default theme (docs/cms/nukeviet.md): ``h1.title``, ``span.h5`` date,
``div.hometext``, ``figure.article``, ``div#news-bodyhtml``, the author block
``p.h5.text-right``, tags after a "Tags:" label, related lists in ``div.other-news`` /
``ul.related``. The article page prints no view counter: the listings print it
(``Đã xem: N``), and the crawl carries it over from the item that linked the article.
Listings come in several layouts by category setting (``viewcat_page`` items in
``.news_column``, ``viewcat_list`` items as ``a.show.h4``, grid and two-column variants).
"""

from __future__ import annotations

import re

from lxml import html

from scraper.extract.generic import PageContext
from scraper.platforms.base import PlatformAdapter, select, url_memo

_GENERATOR = re.compile(r"nukeviet", re.IGNORECASE)


class NukeVietAdapter(PlatformAdapter):
    platform = "nukeviet"
    # "/{cat-alias}/{alias}-{id}.html" (module "news" at the root or under a prefix)
    article_path = re.compile(r"^/(?:[a-z0-9-]+/)+[a-z0-9-]+-(?P<id>\d+)\.html$")
    listing_links_css = (
        ".news_column h3 a, .news_column h2 a, .list-group a.show.h4, "
        ".news_column .viewcat_list a, .viewcat .news_title a"
    )
    next_page_css = "ul.pagination a[rel~=next]"
    title_css = ".news_column h1.title, .news_column h1"
    breadcrumb_css = ".breadcrumbs li, .breadcrumb li"
    dateline_css = ".news_column span.h5"
    lead_css = ".news_column .hometext"
    lead_image_css = ".news_column figure.article"
    # the thumbnail's full image, shown by a click, in a hidden block (4.5 default theme)
    full_lead_image_css = "#imgpreview"
    body_css = "#news-bodyhtml"
    credit_css = ".news_column p.h5.text-right"
    related_css = ".other-news ul.related a, ul.detail-related a"
    tags_css = ".news_column .keywords a"
    body_noise_css = ".share, .social-share"

    @classmethod
    def signature(cls, ctx: PageContext) -> float:
        if _GENERATOR.search(ctx.meta_value("generator")):
            return 1.0
        scripts = ctx.scripts
        if "nv_base_siteurl" in scripts or "nv_siteroot" in scripts:
            return 0.9
        themes = any("/themes/" in v for v in ctx.resource_urls)
        if themes and ctx.root.xpath("//*[contains(@class, 'news_column')]"):
            return 0.6
        return 0.0

    def lead_image_nodes(self, ctx: PageContext) -> list[html.HtmlElement]:
        """The full lead image where the page shows a thumbnail of it, else the figure."""
        full = [n for n in select(ctx, self.full_lead_image_css) if n.find(".//img") is not None]
        return full or super().lead_image_nodes(ctx)

    @url_memo
    def canonical_url(self, url: str) -> str:
        # The "save page" copy lives under /savefile/ and is the same article.
        canonical = super().canonical_url(url)
        return re.sub(r"^(https?://[^/]+)/savefile/", r"\1/", canonical)

    @url_memo
    def clean_url(self, url: str) -> str:
        return re.sub(r"^(https?://[^/]+)/savefile/", r"\1/", super().clean_url(url))
