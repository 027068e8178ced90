"""Liferay replicas: Công an tỉnh Đắk Lắk and Công an tỉnh Quảng Ngãi.

SEEN (docs/sites.md): Liferay, recognised by ``/documents/...`` and ``/image/journal/...`` file
URLs. ASSUMED (from Liferay 6.2's stock Asset Publisher and Web Content display, written
from its public documentation, no code copied): asset-publisher article URLs
``/{page}/-/asset_publisher/{instance}/content/{urlTitle}`` carrying
``inheritRedirect``/``redirect`` parameters, listings with ``.asset-abstract`` items and a
"Tiếp theo" pager on ``?p_p_id=...&_..._cur=N``, ``.journal-content-article`` text, portlet
boxes "Tin mới"/"Tin xem nhiều", italic caption lines under images, "N lượt xem" counters,
the domains, the date formats per site and all text. URLs carry no article number, so ids
are URL hashes.
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import functools
import random
from datetime import datetime
from urllib.parse import quote

from .assemble import assemble_replica, newest_first
from .kit import Spec, credit_forms, plan, render_body, rewrite_images
from .markup import attr, esc, html_page, share_links
from .model import Article, Category, Image, Page, Replica, dotted

INSTANCE = {"daklak": "Xk3bQp9LmZ2a", "quangngai": "Qn7rTs1VwY4c"}


def _date_dl(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    return f"{m:%d/%m/%Y} | {m:%H:%M}", True


def _date_qn(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    if i % 4 == 3:  # some pages print only the date
        return m.strftime("%d/%m/%Y"), False
    return f"{m:%H:%M} ngày {m:%d/%m/%Y}", True


SPECS = {
    "daklak": Spec(
        key="daklak",
        base="https://congan.daklak.gov.vn",
        source="Công an tỉnh Đắk Lắk",
        seed=6601,
        categories=(
            Category("Tin tức - Sự kiện", "tin-tuc-su-kien", 0, ("force", "honours", "admin")),
            Category(
                "Phòng chống tội phạm", "phong-chong-toi-pham", 0, ("crime", "drugs", "fraud")
            ),
        ),
        path_for=lambda cat, slug, n, m: (
            f"/{cat.slug}/-/asset_publisher/{INSTANCE['daklak']}/content/{slug}"
        ),
        dates=_date_dl,
        credit_forms=credit_forms(16),
        hashed_ids=True,
        leads=5,
    ),
    "quangngai": Spec(
        key="quangngai",
        base="https://congan.quangngai.gov.vn",
        source="Công an tỉnh Quảng Ngãi",
        seed=5101,
        categories=(
            Category("Hoạt động lực lượng", "hoat-dong-luc-luong", 0, ("force", "youth", "patrol")),
            Category("An toàn giao thông", "an-toan-giao-thong", 0, ("traffic", "fire")),
        ),
        path_for=lambda cat, slug, n, m: (
            f"/{cat.slug}/-/asset_publisher/{INSTANCE['quangngai']}/content/{slug}"
        ),
        dates=_date_qn,
        credit_forms=credit_forms(16),
        hashed_ids=True,
        leads=8,
        tags=True,
    ),
}
LABEL = {"daklak": "Ngày đăng:", "quangngai": "Cập nhật lúc"}


def listing_path(key: str, cat: Category, page: int) -> str:
    if page == 1:
        return f"/{cat.slug}"
    inst = f"101_INSTANCE_{INSTANCE[key]}"
    return f"/{cat.slug}?p_p_id={inst}&p_p_lifecycle=0&_{inst}_cur={page}"


def _documents(a: Article, src: str) -> str:
    name = src.rsplit("/", 1)[1]
    return f"/documents/10181/{20000 + a.published.month}/{name}/{a.native_id:08x}-0000-4a6b"


def _image(a: Article, im: Image) -> str:
    # CKEditor in Liferay: the photo in a centred paragraph, the caption an italic line under it.
    img = f'<p style="text-align: center;"><img alt="{attr(a.shown(im.alt))}" src="{attr(im.src)}" style="width: 700px;"></p>'
    if not im.caption:
        return img
    return img + f'\n<p style="text-align: center;"><em>{esc(a.shown(im.caption))}</em></p>'


class Site:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.articles = plan(spec)
        rewrite_images(self.articles, _documents)
        self.by_id = {a.native_id: a for a in self.articles}

    def link(self, a: Article) -> str:
        """Asset Publisher links carry the listing to go back to (stripped by the adapter)."""
        back = quote(self.spec.base + "/" + a.category.slug, safe="")
        return f"{a.url}?inheritRedirect=false&redirect={back}"

    def portlet(self, title: str, body: str, cls: str = "portlet-asset-publisher") -> str:
        return (
            f'<div class="portlet-boundary portlet-boundary_101_ {cls}"><section class="portlet">'
            f'<header class="portlet-topper"><h2 class="portlet-title"><span class="portlet-title-text">'
            f"{esc(title)}</span></h2></header>"
            f'<div class="portlet-content"><div class="portlet-body">{body}</div></div></section></div>'
        )

    def layout(
        self,
        *,
        title: str,
        canonical: str,
        main: str,
        crumbs: list[tuple[str, str]],
        head: str = "",
    ) -> str:
        s = self.spec
        menu = "".join(
            f'<li><a href="/{c.slug}"><span>{esc(c.name)}</span></a></li>' for c in s.categories
        )
        crumb = "".join(
            f'<li><a href="{attr(u)}">{esc(t)}</a><span class="divider">/</span></li>'
            if u
            else f'<li class="active last">{esc(t)}</li>'
            for t, u in [("Trang chủ", "/"), *crumbs]
        )

        def box(heading: str, items: list[Article]) -> str:
            lis = "".join(
                f'<li><a href="{attr(self.link(a))}">{esc(a.shown(a.title))}</a></li>'
                for a in items
            )
            return self.portlet(heading, f'<ul class="list-news">{lis}</ul>')

        latest = newest_first(self.articles)[:5]
        popular = sorted(self.articles, key=lambda a: (-(a.view_count or 0), -a.native_id))[:5]
        return f"""<!DOCTYPE html>
<html class="ltr" dir="ltr" lang="vi-VN">
<head>
<meta content="text/html; charset=UTF-8" http-equiv="content-type">
<title>{esc(title)}</title>
<meta property="og:site_name" content="{attr(s.source)}">
<meta property="og:url" content="{attr(canonical)}">
<link href="{attr(canonical)}" rel="canonical">
{head}<link href="/o/congan-theme/css/main.css" rel="stylesheet" type="text/css">
<script type="text/javascript">var themeDisplay = Liferay.ThemeDisplay = {{getLanguageId: function() {{ return "vi_VN"; }}, getPathThemeImages: function() {{ return "/o/congan-theme/images"; }}}};</script>
<script src="/o/frontend-js-web/liferay/global.bundle.js" type="text/javascript"></script>
</head>
<body class="controls-visible yui3-skin-sam signed-out public-page site">
<div class="container-fluid" id="wrapper">
<header id="banner" role="banner"><div id="heading"><h1 class="site-title"><a class="logo" href="/" title="{attr(s.source)}"><img alt="" src="/image/company_logo?img_id=20101"><span class="site-name">{esc(s.source)}</span></a></h1></div>
<nav class="sort-pages modify-pages" id="navigation" role="navigation"><ul aria-label="Site Pages" role="menubar"><li><a href="/"><span>Trang chủ</span></a></li>{menu}</ul></nav></header>
<section id="content">
<ul class="breadcrumb breadcrumb-horizontal">{crumb}</ul>
<div class="columns-2" id="main-content" role="main"><div class="portlet-layout row-fluid">
<div class="portlet-column portlet-column-first span8" id="column-1">{main}</div>
<div class="portlet-column portlet-column-last span4" id="column-2">{box("Tin mới", latest)}{box("Tin xem nhiều", popular)}</div>
</div></div>
</section>
<footer id="footer" role="contentinfo"><p>Cơ quan chủ quản: {esc(s.source)}</p><p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></footer>
</div>
</body>
</html>
"""

    def article_page(self, a: Article) -> str:
        s = self.spec
        lead = (
            f'<div class="news-sapo"><strong>{esc(a.shown(a.lead))}</strong></div>\n'
            if a.lead
            else ""
        )
        views = (
            f'<span class="metadata-entry metadata-view-count">{dotted(a.view_count)} lượt xem</span>'
            if a.view_count is not None
            else ""
        )
        tags = ""
        if a.tags:
            links = "".join(
                f'<a class="tag" href="/{a.category.slug}?tag={quote(t)}">{esc(t)}</a>'
                for t in a.tags
            )
            tags = f'<div class="asset-tags"><span class="taglib-asset-tags-summary">{links}</span></div>'
        related = ""
        if a.related:
            lis = "".join(
                f'<li class="asset-links-list-item"><a href="{attr(self.link(self.by_id[i]))}">{esc(self.by_id[i].shown(self.by_id[i].title))}</a></li>'
                for _, ids in a.related
                for i in ids
            )
            related = f'<div class="asset-links"><h2 class="asset-links-title">Tin liên quan</h2><ul class="asset-links-list">{lis}</ul></div>'
        fb, zalo = share_links(a.url)
        body = f"""<div class="asset-full-content default-asset-publisher show-asset-title">
<div class="taglib-header"><h3 class="header-title"><span>{esc(a.shown(a.title))}</span></h3></div>
<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">{LABEL[s.key]} {esc(a.published_text)}</span>{views}</div>
<div class="asset-content"><div class="journal-content-article" data-analytics-asset-type="web-content">
{lead}{render_body(a, _image)}
</div></div>
<div class="taglib-social-bookmarks"><a href="{attr(fb)}">Facebook</a> <a href="{attr(zalo)}">Zalo</a> <a href="javascript:window.print();">In trang</a></div>
{tags}{related}
<div class="taglib-discussion"><form name="_101_fm"><textarea name="_101_body"></textarea><button type="submit">Gửi bình luận</button></form></div>
</div>"""
        images = a.images()
        og = (
            f'<meta property="og:image" content="{attr(s.base + images[0].src)}">\n'
            if images
            else ""
        )
        head = f'<meta property="og:title" content="{attr(a.shown(a.title))}">\n<meta property="og:type" content="article">\n{og}'
        return self.layout(
            title=f"{a.shown(a.title)} - {s.source}",
            canonical=a.url,
            main=self.portlet(a.category.name, body),
            crumbs=[(a.category.name, f"/{a.category.slug}"), (a.shown(a.title), "")],
            head=head,
        )

    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        s = self.spec
        rows = "".join(
            f'<div class="asset-abstract"><h3 class="asset-title"><a href="{attr(self.link(a))}">{esc(a.shown(a.title))}</a></h3>'
            f'<div class="asset-summary">{esc(a.shown(a.brief))}</div>'
            f'<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">{a.published:%d/%m/%Y}</span></div></div>'
            for a in items
        )

        def item(text: str, p: int, ok: bool) -> str:
            if not ok:
                return f'<li class="disabled"><a href="javascript:;">{text}</a></li>'
            return f'<li><a href="{attr(s.base + listing_path(s.key, cat, p))}">{text}</a></li>'

        pager = (
            '<div class="taglib-page-iterator"><div class="clearfix lfr-pagination"><ul class="lfr-pagination-buttons pager">'
            + item("Đầu", 1, page > 1)
            + item("Trước", page - 1, page > 1)
            + item("Tiếp theo", page + 1, page < pages)
            + item("Cuối", pages, page < pages)
            + f'</ul><small class="search-results">Trang {page} / {pages}</small></div></div>'
        )
        return self.layout(
            title=f"{cat.name} - {s.source}",
            canonical=s.base + listing_path(s.key, cat, page),
            main=self.portlet(cat.name, rows + pager),
            crumbs=[(cat.name, "")],
        )

    def home_page(self) -> str:
        lis = "".join(
            f'<li><a href="{attr(self.link(a))}">{esc(a.shown(a.title))}</a></li>'
            for a in newest_first(self.articles)[:6]
        )
        return self.layout(
            title=self.spec.source,
            canonical=self.spec.base + "/",
            main=self.portlet("Tin nổi bật", f"<ul>{lis}</ul>"),
            crumbs=[],
        )

    def not_found(self) -> str:
        return self.layout(
            title=f"Không tìm thấy trang - {self.spec.source}",
            canonical=self.spec.base + "/",
            main='<div class="alert alert-error">Không tìm thấy trang yêu cầu.</div>',
            crumbs=[],
        )


STATIC = {
    "/o/congan-theme/css/main.css": ("/* theme placeholder */\n", "text/css"),
    "/o/frontend-js-web/liferay/global.bundle.js": (
        "/* Liferay placeholder */\n",
        "application/javascript",
    ),
}


@functools.cache
def _site(key: str) -> Site:
    return Site(SPECS[key])


def not_found_page(key: str) -> Page:
    return html_page(_site(key).not_found(), status=404)


def build(key: str) -> Replica:
    site = _site(key)
    return assemble_replica(
        key=key,
        base=site.spec.base,
        source=site.spec.source,
        site=site,
        categories=site.spec.categories,
        per_page=site.spec.per_page,
        listing_path=lambda cat, page: listing_path(key, cat, page),
        static_files=STATIC,
    )
