"""``unseen_dnn_portal``: a DotNetNuke 9 portal whose news module writes provincial-portal
style links (held-out layout): the "DNN by its assets" and the "portal by its ``-c{id}.html``
links" signatures disagree here.

SEEN (research notes on real Vietnamese police portals): DNN assets (skins under
``/Portals/_default/Skins/...``, containers, ``/DesktopModules/...``, ``/Portals/0/...`` files,
``dnn.setVar`` scripts); provincial-portal article links ``/{slug}-c{id}.html``; the date line
``Đăng ngày: ... - Lượt xem: N``; ``Name – Unit`` and "Theo ..." credits; bold right-aligned
last paragraphs.

SEEN in DNN's public source (dnnsoftware/Dnn.Platform, read, not copied):
``DNN Platform/Website/Default.aspx`` (``form#Form`` with the ``ScrollTop`` and
``__dnnVariable`` hidden inputs, ``head#Head``, ``body#Body``);
``DNN Platform/Website/admin/Skins/BreadCrumb.ascx.cs`` (schema.org BreadcrumbList spans with
``itemListElement`` items and ``meta itemprop="position"``); module wrappers
``DnnModule DnnModule-{name} DnnModule-{id}`` (the module-host code found in the same
repository).

ASSUMED: that the news module rewrites its own URLs (``/{slug}-c{id}.html`` articles,
``/{slug}-p{catid}.html`` listings with ``?page=N``), every class name of the module and skin,
the left column of newest articles carrying their own ``(dd/mm/yy)`` dates ahead of the
article in the page, view counts in the listings, the domain and all text.
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import functools
import hashlib
import random
from datetime import datetime

from .assemble import assemble_replica, newest_first
from .kit import Spec, credit_forms, plan
from .markup import attr, esc, html_page, share_links
from .model import Article, Category, Image, Page, Replica, dotted
from .unseen_kit import body_html, patch_truth, relocate, with_forms

KEY = "unseen_dnn_portal"
BASE = "https://congan.vidu-muoilam.gov.vn"
SOURCE = "Công an tỉnh Ví Dụ Mười Lăm"
MODULE = 1389
CDV = 152  # DNN's client-dependency version stamp on every resource URL


def _date(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    return m.strftime("%d/%m/%Y %H:%M"), True


SPEC = Spec(
    key=KEY,
    base=BASE,
    source=SOURCE,
    seed=9915,
    categories=(
        Category(
            "Hoạt động Công an tỉnh", "hoat-dong-cong-an-tinh", 12, ("force", "honours", "admin")
        ),
        Category("Phòng, chống tội phạm", "phong-chong-toi-pham", 15, ("crime", "drugs", "fraud")),
    ),
    path_for=lambda cat, slug, n, m: f"/{slug}-c{n}.html",
    dates=_date,
    credit_forms=with_forms(credit_forms(16), {12: "theo"}),
    id_base=15800,
    ids_per_day=2.0,
    nfd=3,
    no_views=2,
    leads=6,
)
SPECS = {KEY: SPEC}


def listing_path(cat: Category, page: int) -> str:
    return f"/{cat.slug}-p{cat.native_id}.html" + ("" if page == 1 else f"?page={page}")


def _uploads(a: Article, name: str) -> str:
    return f"/Portals/0/Uploads/News/{a.published:%Y/%m}/{name}"


def _image(a: Article, im: Image) -> str:
    img = f'<img alt="{attr(a.shown(im.alt))}" src="{attr(im.src)}" style="width: 600px; height: 400px;" />'
    if int(hashlib.md5(im.src.encode(), usedforsecurity=False).hexdigest()[0], 16) % 2:
        cap = f'<div class="image-caption">{esc(a.shown(im.caption))}</div>' if im.caption else ""
        return f'<div class="image-center">{img}{cap}</div>'
    out = f'<p style="text-align: center;">{img}</p>'
    if im.caption:
        out += f'\n<p style="text-align: center;"><em>{esc(a.shown(im.caption))}</em></p>'
    return out


class Site:
    def __init__(self) -> None:
        self.spec = SPEC
        self.articles = plan(SPEC)
        relocate(self.articles, BASE, _uploads)
        self.by_id = {a.native_id: a for a in self.articles}

    def module(self, mid: int, name: str, title: str, body: str) -> str:
        return (
            f'<div class="DnnModule DnnModule-{name} DnnModule-{mid}"><a name="{mid}"></a>'
            f'<div class="container-box"><div class="container-box-title"><h2><span id="dnn_ctr{mid}_dnnTITLE_titleLabel" class="TitleHead">{esc(title)}</span></h2></div>'
            f'<div id="dnn_ctr{mid}_ContentPane" class="container-box-content"><div id="dnn_ctr{mid}_ModuleContent" class="DNNModuleContent Mod{name}C">{body}</div></div></div></div>'
        )

    def layout(
        self,
        *,
        title: str,
        canonical: str,
        action: str,
        main: str,
        crumbs: list[tuple[str, str]],
        head: str = "",
        script: str = "",
    ) -> str:
        s = self.spec
        menu = "".join(
            f'<li class="nav-item"><a class="nav-link" href="{attr(listing_path(c, 1))}">{esc(c.name)}</a></li>'
            for c in s.categories
        )
        crumb = '<span class="breadcrumb-sep">»</span>'.join(
            f'<span itemprop="itemListElement" itemscope itemtype="http://schema.org/ListItem"><a href="{attr(u)}" class="breadcrumbLink" itemprop="item"><span itemprop="name">{esc(t)}</span></a><meta itemprop="position" content="{k}" /></span>'
            for k, (t, u) in enumerate([("Trang chủ", "/"), *crumbs], start=1)
        )
        latest = "".join(
            f'<li><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a> <span class="news-date">({a.published:%d/%m/%y})</span></li>'
            for a in newest_first(self.articles)[:6]
        )
        popular = "".join(
            f'<li><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a></li>'
            for a in sorted(self.articles, key=lambda a: (-(a.view_count or 0), -a.native_id))[:5]
        )
        return f"""<!DOCTYPE html>
<html lang="vi-VN">
<head id="Head"><meta content="text/html; charset=UTF-8" http-equiv="Content-Type" />
<meta name="REVISIT-AFTER" content="1 DAYS" />
<meta name="RATING" content="GENERAL" />
<meta name="RESOURCE-TYPE" content="DOCUMENT" />
<meta content="text/javascript" http-equiv="Content-Script-Type" />
<meta content="text/css" http-equiv="Content-Style-Type" />
<title>{esc(title)}</title>
<meta id="MetaDescription" name="description" content="Cổng thông tin điện tử {attr(s.source)}" />
<meta id="MetaRobots" name="robots" content="INDEX, FOLLOW" />
<link rel="canonical" href="{attr(canonical)}" />{head}
<link href="/Resources/Shared/stylesheets/dnndefault/7.0.0/default.css?cdv={CDV}" type="text/css" rel="stylesheet"/>
<link href="/DesktopModules/CA_News/module.css?cdv={CDV}" type="text/css" rel="stylesheet"/>
<link href="/Portals/_default/Skins/CATinh/skin.css?cdv={CDV}" type="text/css" rel="stylesheet"/>
<link href="/Portals/_default/Containers/CATinh/container.css?cdv={CDV}" type="text/css" rel="stylesheet"/>
<link href="/Portals/0/portal.css?cdv={CDV}" type="text/css" rel="stylesheet"/>
<script src="/Resources/libraries/jQuery/03_05_01/jquery.js?cdv={CDV}" type="text/javascript"></script>
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
</head>
<body id="Body">
<form method="post" action="{attr(action)}" id="Form" enctype="multipart/form-data">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="LNw1cVHhmD0zqkq7Hq9oWk8vbmV3cy1wb3J0YWw=" />
</div>
<script src="/js/dnn.js?cdv={CDV}" type="text/javascript"></script>
<script src="/js/dnn.modalpopup.js?cdv={CDV}" type="text/javascript"></script>
<script src="/js/dnncore.js?cdv={CDV}" type="text/javascript"></script>
<div class="skin-wrapper">
<header class="skin-header"><div class="container"><div class="logo"><a id="dnn_dnnLOGO_hypLogo" title="{attr(s.source)}" aria-label="{attr(s.source)}" href="/"><img id="dnn_dnnLOGO_imgLogo" src="/Portals/0/Images/logo-ca-tinh.png?ver=2023-05-10-091512-000" alt="{attr(s.source)}" /></a></div>
<div class="site-name">{esc(s.source)}</div></div>
<nav class="skin-menu"><div class="container"><ul class="nav"><li class="nav-item"><a class="nav-link" href="/">Trang chủ</a></li>{menu}<li class="nav-item"><a class="nav-link" href="/van-ban-p20.html">Văn bản</a></li></ul></div></nav>
</header>
<div class="skin-breadcrumb"><div class="container"><span id="dnn_dnnBreadcrumb_lblBreadCrumb" itemprop="breadcrumb" itemscope="" itemtype="https://schema.org/breadcrumb"><span itemscope itemtype="http://schema.org/BreadcrumbList">{crumb}</span></span></div></div>
<div class="skin-body container"><div class="row">
<div id="dnn_LeftPane" class="col-md-3 LeftPane">{self.module(1391, "CA_News", "Tin mới nhất", f'<ul class="news-latest">{latest}</ul>')}</div>
<div id="dnn_ContentPane" class="col-md-6 ContentPane">{main}</div>
<div id="dnn_RightPane" class="col-md-3 RightPane">{self.module(1392, "CA_News", "Tin xem nhiều", f'<ul class="news-popular">{popular}</ul>')}
{self.module(1393, "DNN_HTML", "Liên kết", '<ul class="links"><li><a href="https://bocongan.gov.vn" target="_blank">Bộ Công an</a></li><li><a href="https://dichvucong.bocongan.gov.vn" target="_blank">Cổng dịch vụ công Bộ Công an</a></li></ul>')}</div>
</div></div>
<footer class="skin-footer"><div class="container"><p>{esc(s.source)}</p><p>Địa chỉ: Số 8 đường Hùng Vương · Điện thoại: 0233.3852.113</p><span id="dnn_dnnCopyright_lblCopyright" class="SkinObject">Copyright 2025 by {esc(s.source)}</span></div></footer>
</div>
<input name="ScrollTop" type="hidden" id="ScrollTop" />
<input name="__dnnVariable" type="hidden" id="__dnnVariable" autocomplete="off" value="`{{`__scdoff`:`1`,`sf_siteRoot`:`/`,`sf_tabId`:`72`}}" />
<script type="text/javascript">
//<![CDATA[
dnn.setVar('sf_siteRoot', '/');{script}
//]]>
</script>
</form>
</body>
</html>
"""

    # -- article --
    def article_page(self, a: Article) -> str:
        counter = f" - Lượt xem: {dotted(a.view_count)}" if a.view_count is not None else ""
        sapo = f'<div class="news-detail-sapo">{esc(a.shown(a.lead))}</div>' if a.lead else ""
        related = ""
        items = [self.by_id[i] for _, ids in a.related for i in ids]
        if items:
            lis = "".join(
                f'<li><a href="{attr(r.path)}">{esc(r.shown(r.title))}</a></li>' for r in items
            )
            related = f'<div class="news-related"><h3 class="news-related-title">Tin liên quan</h3><ul>{lis}</ul></div>'
        same = [x for x in newest_first(self.articles) if x.category == a.category and x is not a][
            :5
        ]
        same_html = "".join(
            f'<li><a href="{attr(x.path)}">{esc(x.shown(x.title))}</a> <span class="news-date">({x.published:%d/%m/%Y})</span></li>'
            for x in same
        )
        fb, zalo = share_links(BASE + a.path)
        body = f"""<div class="news-detail">
<div class="news-detail-cat"><a href="{attr(listing_path(a.category, 1))}">{esc(a.category.name)}</a></div>
<h1 class="news-detail-title">{esc(a.shown(a.title))}</h1>
<div class="news-detail-date">Đăng ngày: {esc(a.published_text)}{counter}</div>
{sapo}
<div class="news-detail-content">
{body_html(a, _image, p_attrs=' style="text-align: justify;"')}
</div>
<div class="news-detail-share"><a href="{attr(fb)}" target="_blank">Chia sẻ Facebook</a> <a href="{attr(zalo)}" target="_blank">Zalo</a> <a href="javascript:window.print();">In bài viết</a></div>
{related}
<div class="news-other"><h3 class="news-other-title">Tin cùng chuyên mục</h3><ul>{same_html}</ul></div>
</div>"""
        images = a.images()
        head = f'\n<meta property="og:title" content="{attr(a.shown(a.title))}" />\n<meta property="og:url" content="{attr(BASE + a.path)}" />'
        if images:
            src = images[0].src
            head += f'\n<meta property="og:image" content="{attr(src if src.startswith("http") else BASE + src)}" />'
        return self.layout(
            title=f"{a.shown(a.title)} - {self.spec.source}",
            canonical=BASE + a.path,
            action=a.path,
            main=self.module(MODULE, "CA_News", a.category.name, body),
            crumbs=[(a.category.name, listing_path(a.category, 1))],
            head=head,
            script=f"\ndnn.setVar('CA_News_ArticleId', '{a.native_id}');",
        )

    # -- listings --
    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        rows = []
        for a in items:
            images = a.images()
            thumb = images[0].src if images else "/Portals/0/Images/no-image.jpg"
            views = (
                f' <span class="news-item-views">Lượt xem: {dotted(a.view_count)}</span>'
                if a.view_count is not None
                else ""
            )
            rows.append(
                f'<div class="news-item"><a class="news-item-img" href="{attr(a.path)}"><img src="{attr(thumb)}" alt="{attr(a.shown(a.title))}" /></a>'
                f'<h3 class="news-item-title"><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a></h3>'
                f'<div class="news-item-info"><span class="news-item-date">{a.published:%d/%m/%Y}</span>{views}</div>'
                f'<p class="news-item-desc">{esc(a.shown(a.brief))}</p></div>'
            )
        pager = "".join(
            f'<span class="page-current">{p}</span>'
            if p == page
            else f'<a class="page-link" href="{attr(listing_path(cat, p))}">{p}</a>'
            for p in range(1, pages + 1)
        )
        if page < pages:
            pager += (
                f'<a class="page-next" href="{attr(listing_path(cat, page + 1))}">Trang sau</a>'
            )
        body = f'<div class="news-list">{"".join(rows)}</div><div class="news-pager">{pager}</div>'
        return self.layout(
            title=f"{cat.name} - {self.spec.source}",
            canonical=BASE + listing_path(cat, page),
            action=listing_path(cat, page),
            main=self.module(MODULE, "CA_News", cat.name, body),
            crumbs=[(cat.name, listing_path(cat, 1))],
        )

    def home_page(self) -> str:
        rows = "".join(
            f'<div class="news-item"><h3 class="news-item-title"><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a></h3><p class="news-item-desc">{esc(a.shown(a.brief))}</p></div>'
            for a in newest_first(self.articles)[:6]
        )
        return self.layout(
            title=self.spec.source,
            canonical=BASE + "/",
            action="/",
            main=self.module(
                MODULE, "CA_News", "Tin nổi bật", f'<div class="news-list">{rows}</div>'
            ),
            crumbs=[],
        )

    def not_found(self) -> str:
        return self.layout(
            title=f"Không tìm thấy trang - {self.spec.source}",
            canonical=BASE + "/",
            action="/",
            main='<div class="dnnFormMessage dnnFormWarning">Không tìm thấy nội dung yêu cầu.</div>',
            crumbs=[],
        )


@functools.cache
def _site() -> Site:
    return Site()


def not_found_page(key: str = KEY) -> Page:
    return html_page(_site().not_found(), status=404)


def build(key: str = KEY) -> Replica:
    site = _site()
    replica = assemble_replica(
        key=KEY,
        base=BASE,
        source=SOURCE,
        site=site,
        categories=SPEC.categories,
        per_page=SPEC.per_page,
        listing_path=listing_path,
        static_files={
            "/Portals/_default/Skins/CATinh/skin.css": ("/* skin */\n", "text/css"),
            "/js/dnn.js": (
                "var dnn = dnn || {}; dnn.setVar = function (k, v) {};\n",
                "application/javascript",
            ),
        },
    )
    return patch_truth(
        replica, site.articles, lambda a: BASE + a.path, lambda a: f"{KEY}-{a.native_id}"
    )
