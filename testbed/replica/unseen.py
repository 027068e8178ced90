"""Three layouts no adapter was written for, kept out of adapter tuning: the generic
adapter's honest test set (``UNSEEN_KEYS``; no profile, invented domains).

- ``unseen1``: a Joomla-style article page (``div.item-page``, ``dl.article-info``, the
  headline in an ``h2`` while ``h1`` is the site name, "Lượt truy cập", "Viết bởi").
- ``unseen2``: an old ASP.NET portal (WebForms ids, layout tables, date and views in one
  ``span``, the credit in a separate right-aligned ``div``, captions in ``<i>`` under images,
  ``__doPostBack`` pager plus numbered links).
- ``unseen3``: a modern HTML5 theme (``article``, ``time``, an eye icon and a bare count,
  "dd tháng MM năm yyyy" dates, "Xem thêm" links inside the text, a "Tin liên quan" box
  inside the article, ``?trang=N`` listings).
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import functools
import json
import random
from datetime import datetime

from .assemble import assemble_replica, newest_first
from .kit import Spec, credit_forms, plan, render_body
from .markup import attr, esc, html_page, share_links
from .model import Article, Category, Image, Page, Replica, dotted

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def _d1(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    return m.strftime("%d/%m/%Y %H:%M"), True


def _d2(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    return m.strftime("%H:%M %d/%m/%Y"), True


def _d3(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    # printed with its weekday, like NukeViet's "Thứ tư - 20/11/2024 08:30"
    return f"{WEEKDAYS[m.weekday()]}, {m.day:02d} tháng {m.month:02d} năm {m.year}", False


_CATS = (
    Category("Tin tức", "tin-tuc", 0, ("force", "youth", "honours")),
    Category("Pháp luật", "phap-luat", 0, ("crime", "fraud", "traffic")),
)
SPECS = {
    "unseen1": Spec(
        key="unseen1",
        base="https://congan.vidu-mot.gov.vn",
        source="Công an tỉnh Ví Dụ Một",
        seed=9101,
        categories=_CATS,
        path_for=lambda cat, slug, n, m: f"/{cat.slug}/{n}-{slug}.html",
        dates=_d1,
        credit_forms=credit_forms(16),
        id_base=5200,
        leads=4,
    ),
    "unseen2": Spec(
        key="unseen2",
        base="https://congan.vidu-hai.gov.vn",
        source="Công an tỉnh Ví Dụ Hai",
        seed=9202,
        categories=_CATS,
        path_for=lambda cat, slug, n, m: f"/Pages/{cat.slug}.aspx?ItemID={n}",
        dates=_d2,
        credit_forms=credit_forms(16),
        id_base=70300,
    ),
    "unseen3": Spec(
        key="unseen3",
        base="https://congan.vidu-ba.gov.vn",
        source="Công an tỉnh Ví Dụ Ba",
        seed=9303,
        categories=_CATS,
        path_for=lambda cat, slug, n, m: f"/{cat.slug}/{slug}",
        dates=_d3,
        credit_forms=credit_forms(16),
        hashed_ids=True,
        leads=6,
        tags=True,
    ),
}


def listing_path(key: str, cat: Category, page: int) -> str:
    if key == "unseen1":
        return f"/{cat.slug}.html" + ("" if page == 1 else f"?start={(page - 1) * 4}")
    if key == "unseen2":
        return f"/Pages/{cat.slug}.aspx" + ("" if page == 1 else f"?Page={page}")
    return f"/{cat.slug}" + ("" if page == 1 else f"?trang={page}")


def _img_joomla(a: Article, im: Image) -> str:
    cap = f'<p class="img_caption center">{esc(a.shown(im.caption))}</p>' if im.caption else ""
    return f'<div class="img_caption center"><img src="{attr(im.src)}" alt="{attr(a.shown(im.alt))}">{cap}</div>'


def _img_aspnet(a: Article, im: Image) -> str:
    cap = f"<br><i>{esc(a.shown(im.caption))}</i>" if im.caption else ""
    return f'<div align="center"><img src="{attr(im.src)}" border="0">{cap}</div>'


def _img_html5(a: Article, im: Image) -> str:
    cap = f'<span class="photo-note">{esc(a.shown(im.caption))}</span>' if im.caption else ""
    return f'<div class="photo"><img loading="lazy" src="{attr(im.src)}" alt="{attr(a.shown(im.alt))}">{cap}</div>'


class Site:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.key = spec.key
        self.articles = plan(spec)
        self.by_id = {a.native_id: a for a in self.articles}

    def link(self, a: Article) -> str:
        return a.path

    # -- chrome --
    def layout(self, *, title: str, canonical: str, main: str, head: str = "") -> str:
        s = self.spec
        latest = newest_first(self.articles)[:5]
        popular = sorted(self.articles, key=lambda a: (-(a.view_count or 0), -a.native_id))[:5]
        cats = s.categories
        if self.key == "unseen1":
            menu = "".join(
                f'<li class="item"><a href="{attr(listing_path(self.key, c, 1))}">{esc(c.name)}</a></li>'
                for c in cats
            )
            mods = "".join(
                f'<div class="moduletable"><h3>{h}</h3><ul class="mostread">'
                + "".join(
                    f'<li><a href="{attr(a.path)}"><span>{esc(a.shown(a.title))}</span></a></li>'
                    for a in items
                )
                + "</ul></div>"
                for h, items in (("Mới cập nhật", latest), ("Đọc nhiều nhất", popular))
            )
            return f"""<!DOCTYPE html>
<html lang="vi-vn"><head><meta charset="utf-8"><title>{esc(title)}</title>
<link href="{attr(canonical)}" rel="canonical">{head}
<link href="/templates/protostar/css/template.css" rel="stylesheet"></head>
<body class="site com_content view-article">
<div class="body"><div class="container">
<header class="header"><a class="brand pull-left" href="/"><h1 class="site-title">{esc(s.source)}</h1></a></header>
<div class="navigation"><ul class="nav menu nav-pills"><li><a href="/">Trang chủ</a></li>{menu}</ul></div>
<div class="row-fluid"><main id="content" role="main" class="span9">{main}</main>
<div id="aside" class="span3">{mods}</div></div>
</div></div>
<footer class="footer"><p>© {esc(s.source)}</p></footer>
</body></html>
"""
        if self.key == "unseen2":
            menu = "".join(
                f'<td><a href="{attr(listing_path(self.key, c, 1))}" class="menutop">{esc(c.name)}</a></td>'
                for c in cats
            )
            box = "".join(
                f'<tr><td class="lnk"><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a></td></tr>'
                for a in popular
            )
            return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{esc(title)}</title>
<link rel="canonical" href="{attr(canonical)}">{head}</head>
<body><form name="aspnetForm" method="post" action="#" id="aspnetForm">
<input type="hidden" name="__VIEWSTATE" value="dDwtMTIzNDU2Nzg5Ozs+">
<table width="1000" align="center" cellpadding="0" cellspacing="0" border="0">
<tr><td colspan="3"><img src="/Images/banner.jpg" width="1000"></td></tr>
<tr><td colspan="3" class="bgmenu"><table><tr><td><a href="/" class="menutop">Trang chủ</a></td>{menu}</tr></table></td></tr>
<tr><td width="200" valign="top" class="leftcol"><table width="100%"><tr><td class="titlebox">LIÊN KẾT</td></tr><tr><td><a href="https://bocongan.gov.vn">Bộ Công an</a></td></tr></table></td>
<td width="560" valign="top">{main}</td>
<td width="240" valign="top"><table width="100%"><tr><td class="titlebox">TIN ĐỌC NHIỀU</td></tr>{box}</table></td></tr>
<tr><td colspan="3" class="footer">Bản quyền © {esc(s.source)}</td></tr>
</table></form></body></html>
"""
        lis = "".join(
            f'<li><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a></li>' for a in latest
        )
        return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{esc(title)}</title><link rel="canonical" href="{attr(canonical)}">
<meta property="og:site_name" content="{attr(s.source)}">{head}</head>
<body><div id="__nuxt"><div class="layout">
<header class="site-head"><a href="/" class="logo">{esc(s.source)}</a>
<ul class="site-nav">{"".join(f'<li><a href="{attr(listing_path(self.key, c, 1))}">{esc(c.name)}</a></li>' for c in cats)}</ul></header>
<div class="page-body"><section class="page-main">{main}</section>
<section class="page-side"><div class="side-block"><h4>Tin mới nhất</h4><ul>{lis}</ul></div></section></div>
<div class="site-foot">{esc(s.source)} · Đường dây nóng 113</div>
</div></div></body></html>
"""

    # -- article --
    def article_page(self, a: Article) -> str:
        s = self.spec
        related_items = [self.by_id[i] for _, ids in a.related for i in ids]
        title = esc(a.shown(a.title))
        views = a.view_count
        if self.key == "unseen1":
            hits = (
                f'<dd class="hits"><span class="icon-eye-open"></span> Lượt truy cập: {dotted(views)}</dd>'
                if views is not None
                else ""
            )
            lead = (
                f'<p class="lead-text"><strong>{esc(a.shown(a.lead))}</strong></p>'
                if a.lead
                else ""
            )
            rel = ""
            if related_items:
                rel = (
                    '<div class="relateditems"><h4>Bài viết liên quan</h4><ul>'
                    + "".join(
                        f'<li><a href="{attr(r.path)}">{esc(r.shown(r.title))}</a></li>'
                        for r in related_items
                    )
                    + "</ul></div>"
                )
            main = f"""<div class="item-page" itemscope itemtype="https://schema.org/Article">
<div class="page-header"><h2 itemprop="headline">{title}</h2></div>
<dl class="article-info muted"><dt class="article-info-term">Chi tiết</dt>
<dd class="category-name">Chuyên mục: <a href="{attr(listing_path(self.key, a.category, 1))}" itemprop="genre">{esc(a.category.name)}</a></dd>
<dd class="published"><time datetime="{a.published:%Y-%m-%dT%H:%M:%S}+07:00" itemprop="datePublished">Ngày đăng: {esc(a.published_text)}</time></dd>{hits}</dl>
<div itemprop="articleBody">{lead}
{render_body(a, _img_joomla)}
</div>
<ul class="pager pagenav"><li class="previous"><a href="/" rel="prev">&lt; Trước</a></li><li class="next"><a href="/" rel="next">Tiếp &gt;</a></li></ul>
{rel}</div>"""
        elif self.key == "unseen2":
            meta = f"Cập nhật: {esc(a.published_text)}" + (
                f" | Số lượt xem: {dotted(views)}" if views is not None else ""
            )
            rel = ""
            if related_items:
                rel = (
                    '<table width="100%"><tr><td class="titlebox">CÁC TIN KHÁC</td></tr>'
                    + "".join(
                        f'<tr><td class="lnk">» <a href="{attr(r.path)}">{esc(r.shown(r.title))}</a> ({r.published:%d/%m/%Y})</td></tr>'
                        for r in related_items
                    )
                    + "</table>"
                )
            main = f"""<table width="100%" cellpadding="5"><tr><td>
<span id="ctl00_ContentPlaceHolder1_lblTitle" class="title_detail">{title}</span><br>
<span id="ctl00_ContentPlaceHolder1_lblDate" class="date_detail">{meta}</span>
<div id="ctl00_ContentPlaceHolder1_lblContent" class="content_detail">
{render_body(a, _img_aspnet)}
</div>
<div align="right"><a href="javascript:window.print()"><img src="/Images/print.gif" border="0"> In trang</a> <a href="javascript:history.back()">Quay lại</a></div>
{rel}
</td></tr></table>"""
        else:
            eye = (
                f'<span class="views"><i class="icon icon-eye"></i> {dotted(views)}</span>'
                if views is not None
                else ""
            )
            lead = f'<h2 class="article-sapo">{esc(a.shown(a.lead))}</h2>' if a.lead else ""
            rel = ""
            if related_items:
                rel = (
                    '<div class="box-lienquan"><p class="box-heading">Tin liên quan</p>'
                    + "".join(
                        f'<p><a href="{attr(r.path)}">{esc(r.shown(r.title))}</a></p>'
                        for r in related_items
                    )
                    + "</div>"
                )
            tags = ""
            if a.tags:
                tags = (
                    '<div class="article-keywords">'
                    + "".join(f'<a href="/tim-kiem?q={esc(t)}">#{esc(t)}</a>' for t in a.tags)
                    + "</div>"
                )
            fb, _ = share_links(a.url)
            main = f"""<article class="article">
<nav class="crumbs"><a href="/">Trang chủ</a> › <a href="{attr(listing_path(self.key, a.category, 1))}">{esc(a.category.name)}</a></nav>
<h1 class="article-title">{title}</h1>
<div class="article-bar"><time>{esc(a.published_text)}</time>{eye}<a class="btn-share" href="{attr(fb)}">Chia sẻ</a></div>
{lead}
<div class="article-body">
{render_body(a, _img_html5)}
{rel}
</div>
{tags}
</article>"""
        ld = json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": a.shown(a.title),
            },
            ensure_ascii=False,
        )
        head = f'\n<meta property="og:title" content="{attr(a.shown(a.title))}">\n<script type="application/ld+json">{ld}</script>'
        return self.layout(
            title=f"{a.shown(a.title)} - {s.source}", canonical=a.url, main=main, head=head
        )

    # -- listings --
    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        key = self.key
        if key == "unseen1":
            rows = "".join(
                f'<div class="items-row"><div class="item"><div class="page-header"><h2><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a></h2></div>'
                f'<p>{esc(a.shown(a.brief))}</p><p class="readmore"><a class="btn" href="{attr(a.path)}">Đọc thêm...</a></p></div></div>'
                for a in items
            )
            pager = '<div class="pagination"><ul>' + "".join(
                f'<li class="active"><span>{p}</span></li>'
                if p == page
                else f'<li><a href="{attr(listing_path(key, cat, p))}">{p}</a></li>'
                for p in range(1, pages + 1)
            )
            if page < pages:
                pager += f'<li><a title="Sau" href="{attr(listing_path(key, cat, page + 1))}">Sau</a></li>'
            main = f'<div class="blog"><h2 class="cat-title">{esc(cat.name)}</h2>{rows}{pager}</ul></div>'
        elif key == "unseen2":
            rows = "".join(
                f'<tr><td><a href="{attr(a.path)}" class="title_list">{esc(a.shown(a.title))}</a><br><span class="date_list">{a.published:%d/%m/%Y}</span><br>{esc(a.shown(a.brief))}</td></tr>'
                for a in items
            )
            nums = " ".join(
                f"<b>{p}</b>"
                if p == page
                else f'<a href="{attr(listing_path(key, cat, p))}">{p}</a>'
                for p in range(1, pages + 1)
            )
            if page < pages:
                nums += f" <a href=\"javascript:__doPostBack('ctl00$pager','{page + 1}')\">Trang sau</a>"
            main = f'<table width="100%"><tr><td class="titlebox">{esc(cat.name.upper())}</td></tr>{rows}<tr><td class="pager">{nums}</td></tr></table>'
        else:
            rows = "".join(
                f'<div class="story"><a class="story-thumb" href="{attr(a.path)}"><img src="/img/t.jpg" alt=""></a>'
                f'<h3 class="story-title"><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a></h3><p class="story-lead">{esc(a.shown(a.brief))}</p></div>'
                for a in items
            )
            more = (
                f'<div class="load-more"><a href="{attr(listing_path(key, cat, page + 1))}">Xem thêm</a></div>'
                if page < pages
                else ""
            )
            main = (
                f'<h1 class="cat-name">{esc(cat.name)}</h1><div class="stories">{rows}</div>{more}'
            )
        return self.layout(
            title=f"{cat.name} - {self.spec.source}",
            canonical=self.spec.base + listing_path(key, cat, page),
            main=main,
        )

    def home_page(self) -> str:
        rows = "".join(
            f'<p><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a></p>'
            for a in newest_first(self.articles)[:6]
        )
        return self.layout(title=self.spec.source, canonical=self.spec.base + "/", main=rows)

    def not_found(self) -> str:
        return self.layout(
            title=f"404 - {self.spec.source}",
            canonical=self.spec.base + "/",
            main="<h2>Không tìm thấy trang</h2>",
        )


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
        static_files={},
    )
