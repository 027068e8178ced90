"""DotNetNuke replica: Công an tỉnh Quảng Nam (nested layout tables).

SEEN (docs/sites.md): DotNetNuke, recognised by ``/Portals/0/...`` file URLs. ASSUMED (from
DNN's public skin and news-module conventions, no code copied): the whole page inside one
``<form id="Form">``, the skin as nested tables, article URLs
``/{tab}/ArticleID/{id}/{slug}``, pager ``/{tab}/PgrID/{module}/PageID/N`` with "Sau",
the breadcrumb ``span#dnn_dnnBREADCRUMB_lblBreadCrumb``, the old editor's image tables
with a caption row, the ``Thứ 6, 16.02.2024 | 23:46:40`` date line (a form docs/sites.md lists)
with "Lượt đọc", "Các tin khác" below the article, the domain and all text. Quảng Nam
joined Đà Nẵng on 1 July 2025; the replica keeps the portal as stored copies show it.
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import functools
import random
from datetime import datetime

from .assemble import assemble_replica, newest_first
from .kit import Spec, credit_forms, plan, render_body, rewrite_images
from .markup import attr, esc, html_page
from .model import Article, Category, Image, Page, Replica, dotted

MODULE = 512
WEEKDAYS = ("Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "Chủ nhật")


def _date(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    return f"{WEEKDAYS[m.weekday()]}, {m:%d.%m.%Y} | {m:%H:%M:%S}", True


SPEC = Spec(
    key="quangnam",
    base="https://congan.quangnam.gov.vn",
    source="Công an tỉnh Quảng Nam",
    seed=4902,
    categories=(
        Category("Tin tức", "tin-tuc", 0, ("force", "honours", "youth", "admin")),
        Category("An ninh - Trật tự", "an-ninh-trat-tu", 0, ("crime", "traffic", "drugs")),
    ),
    path_for=lambda cat, slug, n, m: f"/{cat.slug}/ArticleID/{n}/{slug}",
    dates=_date,
    credit_forms=credit_forms(16),
    id_base=31000,
    leads=6,
    image_styles=("table",),
)


def listing_path(cat: Category, page: int) -> str:
    return f"/{cat.slug}" if page == 1 else f"/{cat.slug}/PgrID/{MODULE}/PageID/{page}"


def _portals(a: Article, src: str) -> str:
    return f"/Portals/0/Images/{a.published:%Y/%m}/{src.rsplit('/', 1)[1]}"


def _image(a: Article, im: Image) -> str:
    caption = ""
    if im.caption:
        caption = f'<tr><td><span style="font-size: 11px;"><em>{esc(a.shown(im.caption))}</em></span></td></tr>'
    return (
        '<table align="center" border="0" cellpadding="3" cellspacing="0" width="1">'
        f'<tr><td><img alt="{attr(a.shown(im.alt))}" src="{attr(im.src)}" width="500"></td></tr>{caption}</table>'
    )


class Site:
    def __init__(self) -> None:
        self.spec = SPEC
        self.articles = plan(SPEC)
        rewrite_images(self.articles, _portals)
        self.by_id = {a.native_id: a for a in self.articles}

    def layout(
        self,
        *,
        title: str,
        canonical: str,
        action: str,
        main: str,
        crumbs: list[tuple[str, str]],
        head: str = "",
    ) -> str:
        s = self.spec
        menu = "".join(
            f'<td class="menu-item"><a href="/{c.slug}">{esc(c.name)}</a></td>'
            for c in s.categories
        )
        crumb = " › ".join(
            f'<a href="{attr(u)}" class="Breadcrumb">{esc(t)}</a>'
            for t, u in [("Trang chủ", "/"), *crumbs]
        )
        popular = sorted(self.articles, key=lambda a: (-(a.view_count or 0), -a.native_id))[:5]
        latest = newest_first(self.articles)[:5]

        def box(heading: str, items: list[Article]) -> str:
            rows = "".join(
                f'<tr><td class="box-item"><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a></td></tr>'
                for a in items
            )
            return f'<table class="box" width="100%" cellpadding="2"><tr><td class="Head">{heading}</td></tr>{rows}</table>'

        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="vi-VN">
<head id="Head"><meta content="text/html; charset=UTF-8" http-equiv="Content-Type">
<title>{esc(title)}</title>
<meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke ">
<link rel="canonical" href="{attr(canonical)}">
<meta property="og:url" content="{attr(canonical)}">
{head}<link href="/Portals/_default/Skins/CongAn/skin.css" type="text/css" rel="stylesheet">
<script src="/Resources/Shared/Scripts/jquery/jquery.min.js" type="text/javascript"></script>
</head>
<body id="Body">
<form method="post" action="{attr(action)}" id="Form" enctype="multipart/form-data">
<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRk"></div>
<script type="text/javascript">var dnn = dnn || {{}}; dnn.setVar = function () {{}};</script>
<table id="dnn_skin" width="100%" cellpadding="0" cellspacing="0">
<tr><td colspan="2" class="skin-header"><a href="/"><img src="/Portals/0/logo-cong-an-quang-nam.png" alt="{attr(s.source)}"></a>
<table class="menu" cellpadding="0" cellspacing="0"><tr><td class="menu-item"><a href="/">Trang chủ</a></td>{menu}</tr></table></td></tr>
<tr><td colspan="2" class="skin-crumb"><span id="dnn_dnnBREADCRUMB_lblBreadCrumb">{crumb}</span></td></tr>
<tr>
<td id="dnn_ContentPane" class="contentpane" valign="top">
<div class="DnnModule DnnModule-EasyDNNnews DnnModule-{MODULE}"><a name="{MODULE}"></a>
<table class="Container" width="100%" cellpadding="0" cellspacing="0"><tr><td>
<div id="dnn_ctr{MODULE}_ContentPane">{main}</div>
</td></tr></table></div>
</td>
<td id="dnn_RightPane" class="rightpane" valign="top" width="280">{box("Tin xem nhiều", popular)}{box("Tin mới", latest)}</td>
</tr>
<tr><td colspan="2" class="skin-footer"><p>Công an tỉnh Quảng Nam - Địa chỉ: Số 02 Trần Phú, thành phố Tam Kỳ</p><p>Ghi rõ nguồn khi phát hành lại thông tin từ website này</p></td></tr>
</table>
</form>
</body>
</html>
"""

    def article_page(self, a: Article) -> str:
        s = self.spec
        views = f" | Lượt đọc: {dotted(a.view_count)}" if a.view_count is not None else ""
        lead = (
            f'<tr><td class="edn_articleSummary"><b>{esc(a.shown(a.lead))}</b></td></tr>'
            if a.lead
            else ""
        )
        others = ""
        if a.related:
            rows = "".join(
                f'<tr><td><a href="{attr(r.path)}" class="other-link">{esc(r.shown(r.title))}</a> <span class="date">({r.published:%d/%m/%Y})</span></td></tr>'
                for r in (self.by_id[i] for _, ids in a.related for i in ids)
            )
            others = f'<table width="100%" cellpadding="2"><tr><td class="Head">Các tin khác</td></tr>{rows}</table>'
        main = f"""<div class="edn_article edn_articleDetails">
<table width="100%" border="0" cellpadding="4" cellspacing="0">
<tr><td><h1 class="edn_articleTitle">{esc(a.shown(a.title))}</h1></td></tr>
<tr><td class="SubHead">{esc(a.published_text)}{views}</td></tr>
{lead}
<tr><td class="Normal">
<table width="100%" cellpadding="0" cellspacing="0"><tr><td class="Normal edn_articleContent">
{render_body(a, _image)}
</td></tr></table>
</td></tr>
<tr><td align="right" class="edn_tools"><a href="javascript:window.print()" class="CommandButton">In bài</a> | <a href="mailto:?subject=tin" class="CommandButton">Gửi email</a></td></tr>
</table>
{others}
</div>"""
        images = a.images()
        og = (
            f'<meta property="og:image" content="{attr(s.base + images[0].src)}">\n'
            if images
            else ""
        )
        head = f'<meta property="og:title" content="{attr(a.shown(a.title))}">\n{og}'
        return self.layout(
            title=f"{a.shown(a.title)} > {a.category.name}",
            canonical=a.url,
            action=a.path,
            main=main,
            crumbs=[(a.category.name, f"/{a.category.slug}")],
            head=head,
        )

    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        rows = "".join(
            f'<div class="edn_article"><h2 class="edn_articleTitle"><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a></h2>'
            f'<p class="edn_articleSummary">{esc(a.shown(a.brief))}</p><span class="edn_articleDate">{a.published:%d/%m/%Y}</span></div>'
            for a in items
        )
        links = "".join(
            f'<span class="active">{p}</span>'
            if p == page
            else f'<a href="{attr(listing_path(cat, p))}" class="page">{p}</a>'
            for p in range(1, pages + 1)
        )
        if page < pages:
            links += f'<a href="{attr(listing_path(cat, page + 1))}" class="next">Sau</a>'
        main = f'<table width="100%"><tr><td class="Head">{esc(cat.name)}</td></tr><tr><td>{rows}</td></tr></table><div class="article_pager">{links}</div>'
        return self.layout(
            title=f"{cat.name} - {self.spec.source}",
            canonical=self.spec.base + listing_path(cat, page),
            action=listing_path(cat, page),
            main=main,
            crumbs=[(cat.name, f"/{cat.slug}")],
        )

    def home_page(self) -> str:
        rows = "".join(
            f'<p><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a></p>'
            for a in newest_first(self.articles)[:6]
        )
        return self.layout(
            title=self.spec.source, canonical=self.spec.base + "/", action="/", main=rows, crumbs=[]
        )

    def not_found(self) -> str:
        return self.layout(
            title=f"Không tìm thấy trang - {self.spec.source}",
            canonical=self.spec.base + "/",
            action="/",
            main='<div class="dnnFormMessage dnnFormError">Không tìm thấy trang yêu cầu.</div>',
            crumbs=[],
        )


STATIC = {
    "/Portals/_default/Skins/CongAn/skin.css": ("/* skin placeholder */\n", "text/css"),
    "/Resources/Shared/Scripts/jquery/jquery.min.js": (
        "/* jquery placeholder */\n",
        "application/javascript",
    ),
}


@functools.cache
def _site() -> Site:
    return Site()


def not_found_page() -> Page:
    return html_page(_site().not_found(), status=404)


def build() -> Replica:
    site = _site()
    return assemble_replica(
        key=SPEC.key,
        base=SPEC.base,
        source=SPEC.source,
        site=site,
        categories=SPEC.categories,
        per_page=SPEC.per_page,
        listing_path=listing_path,
        static_files=STATIC,
    )
