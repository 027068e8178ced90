"""``unseen_dnn``: a DotNetNuke portal with a home-grown news module (held-out layout).

SEEN (research notes on real Vietnamese police portals): DNN news modules link one article
as ``/tabid/{tab}/ArticleID/{id}/Default.aspx`` and as ``/Default.aspx?tabid={tab}&ArticleID={id}``
(both forms get linked); layout tables; captions in a table row under the image
(``td.image_desc``); files under ``/Portals/0/...``, skins under ``/Portals/_default/Skins/...``,
``/DesktopModules/...``; ``dnn.setVar`` scripts; dates such as ``05/12/2023 10:15:00`` after a
``Ngày đăng:`` label and ``Lượt xem: N`` counters; ``Name – Unit`` style credits.

SEEN in DNN's public source (dnnsoftware/Dnn.Platform, read, not copied):
``DNN Platform/Library/Entities/Urls/BasicFriendlyUrlProvider.cs`` turns
``Default.aspx?tabid=57&ArticleID=9`` into ``/tabid/57/ArticleID/9/Default.aspx``;
``DNN Platform/Library/UI/WebControls/PagingControl.cs`` renders the pager as
``table.PagingTable`` (a "Page x of y" cell and a links cell: First, Previous, ``[n]`` for the
current page, numbered links, Next, Last) with ``currentpage=N`` URLs;
``DNN Platform/Website/admin/Skins/BreadCrumb.ascx.cs`` prints the schema.org BreadcrumbList
spans inside ``lblBreadCrumb``; ``DNN Platform/Website/Default.aspx`` wraps the page in
``form#Form`` with the ``ScrollTop`` and ``__dnnVariable`` hidden inputs. The listing and
detail tables follow the table style of ventrian/News-Articles ``Templates/Default/*.html``.

ASSUMED: the module itself (class names ``ArticleInfo``, ``ArticleSummary``,
``ArticleContent``, module id 412), tab ids, the skin, which links use which URL form (listings
the friendly form, side boxes and related links the query form), the canonical naming the
friendly form, the Vietnamese pager words, the domain and all text.
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import functools
import random
from datetime import datetime

from .assemble import assemble_replica, newest_first
from .kit import Spec, credit_forms, plan
from .markup import attr, esc, html_page
from .model import Article, Category, Image, Page, Replica, dotted
from .unseen_kit import body_html, patch_truth, relocate, uncaption

KEY = "unseen_dnn"
BASE = "https://congan.vidu-muoi.gov.vn"
SOURCE = "Công an tỉnh Ví Dụ Mười"
MODULE = 412
HOME_TAB = 36


def _date(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    return m.strftime("%d/%m/%Y %H:%M:%S"), True


SPEC = Spec(
    key=KEY,
    base=BASE,
    source=SOURCE,
    seed=9410,
    categories=(
        Category("Tin tức - Sự kiện", "tin-tuc-su-kien", 57, ("force", "honours", "admin")),
        Category("An ninh trật tự", "an-ninh-trat-tu", 63, ("crime", "drugs", "traffic")),
    ),
    path_for=lambda cat, slug, n, m: f"/tabid/{cat.native_id}/ArticleID/{n}/Default.aspx",
    dates=_date,
    credit_forms=credit_forms(16),
    id_base=2100,
    ids_per_day=1.5,
    nfd=3,
    no_views=2,
    leads=5,
)
SPECS = {KEY: SPEC}


def listing_path(cat: Category, page: int) -> str:
    if page == 1:
        return f"/tabid/{cat.native_id}/Default.aspx"
    return f"/tabid/{cat.native_id}/currentpage/{page}/Default.aspx"


def query_path(a: Article) -> str:
    return f"/Default.aspx?tabid={a.category.native_id}&ArticleID={a.native_id}"


def canonical(a: Article) -> str:
    return f"{BASE}/tabid/{a.category.native_id}/ArticleID/{a.native_id}/Default.aspx"


def _portals(a: Article, name: str) -> str:
    return f"/Portals/0/News/{a.published:%Y/%m}/{name}"


def _image(a: Article, im: Image) -> str:
    caption = ""
    if im.caption:
        caption = f'<tr><td class="image_desc">{esc(a.shown(im.caption))}</td></tr>'
    return (
        '<table class="image" align="center" border="0" cellpadding="2" cellspacing="0" style="width: 500px;"><tbody>'
        f'<tr><td><img alt="{attr(a.shown(im.alt))}" src="{attr(im.src)}" style="width: 500px;" /></td></tr>{caption}</tbody></table>'
    )


class Site:
    def __init__(self) -> None:
        self.spec = SPEC
        self.articles = plan(SPEC)
        relocate(self.articles, BASE, _portals)
        uncaption(self.articles)
        self.by_id = {a.native_id: a for a in self.articles}

    # -- chrome --
    def box(self, pane: str, heading: str, items: list[Article], *, query: bool) -> str:
        rows = "".join(
            f'<tr><td class="boxItem"><img src="/Portals/_default/Skins/CongAnTinh/images/bullet.gif" alt="" />&nbsp;'
            f'<a href="{attr(query_path(a) if query else a.path)}" class="boxLink">{esc(a.shown(a.title))}</a></td></tr>'
            for a in items
        )
        return (
            f'<div class="DnnModule DnnModule-TinTucBox DnnModule-{pane}"><table class="c_box" width="100%" cellpadding="0" cellspacing="0">'
            f'<tr><td class="c_box_head"><span class="Head">{heading}</span></td></tr>{rows}</table></div>'
        )

    def layout(
        self,
        *,
        title: str,
        canonical_url: str,
        action: str,
        main: str,
        crumbs: list[tuple[str, str]],
        module_title: str,
        right_extra: str = "",
        script: str = "",
    ) -> str:
        s = self.spec
        menu = "".join(
            f'<td class="mainMenu"><a href="{attr(listing_path(c, 1))}" class="main_dnnmenu_rootitem">{esc(c.name)}</a></td>'
            for c in s.categories
        )
        crumb_items = [("Trang chủ", "/"), *crumbs]
        crumb = '<img alt="breadcrumb separator" src="/images/breadcrumb.gif" />'.join(
            f'<span itemprop="itemListElement" itemscope itemtype="http://schema.org/ListItem"><a href="{attr(u)}" class="SkinObject" itemprop="item"><span itemprop="name">{esc(t)}</span></a><meta itemprop="position" content="{k}" /></span>'
            for k, (t, u) in enumerate(crumb_items, start=1)
        )
        latest = newest_first(self.articles)[:6]
        popular = sorted(self.articles, key=lambda a: (-(a.view_count or 0), -a.native_id))[:5]
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xml:lang="vi-VN" lang="vi-VN" xmlns="http://www.w3.org/1999/xhtml">
<head id="Head"><meta content="text/html; charset=UTF-8" http-equiv="Content-Type" />
<meta content="text/javascript" http-equiv="Content-Script-Type" />
<meta content="text/css" http-equiv="Content-Style-Type" />
<meta id="MetaDescription" name="DESCRIPTION" content="Cổng thông tin điện tử {attr(s.source)}" />
<meta id="MetaKeywords" name="KEYWORDS" content="Công an, an ninh, trật tự, {attr(s.source)}" />
<meta id="MetaCopyright" name="COPYRIGHT" content="Bản quyền thuộc {attr(s.source)}" />
<meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke " />
<meta id="MetaAuthor" name="AUTHOR" content="{attr(s.source)}" />
<meta name="RESOURCE-TYPE" content="DOCUMENT" />
<meta name="DISTRIBUTION" content="GLOBAL" />
<meta id="MetaRobots" name="ROBOTS" content="INDEX, FOLLOW" />
<title>{esc(title)}</title>
<link rel="canonical" href="{attr(canonical_url)}" />
<link href="/Portals/_default/default.css" type="text/css" rel="stylesheet" />
<link href="/Portals/_default/Skins/CongAnTinh/skin.css" type="text/css" rel="stylesheet" />
<link href="/Portals/_default/Containers/CongAnTinh/container.css" type="text/css" rel="stylesheet" />
<link href="/DesktopModules/TinTuc/module.css" type="text/css" rel="stylesheet" />
<link href="/Portals/0/portal.css" type="text/css" rel="stylesheet" />
<script src="/Resources/Shared/Scripts/jquery/jquery.min.js" type="text/javascript"></script>
</head>
<body id="Body">
<form method="post" action="{attr(action)}" id="Form" enctype="multipart/form-data">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTEzNDk2NjA5OWRkUk9UQXRpbnR1Yw==" />
</div>
<script type="text/javascript">
//<![CDATA[
var theForm = document.forms['Form'];
if (!theForm) {{ theForm = document.Form; }}
function __doPostBack(eventTarget, eventArgument) {{
    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {{
        theForm.__EVENTTARGET.value = eventTarget;
        theForm.__EVENTARGUMENT.value = eventArgument;
        theForm.submit();
    }}
}}
//]]>
</script>
<script src="/js/dnn.js" type="text/javascript"></script>
<script src="/js/dnncore.js" type="text/javascript"></script>
<table id="dnn_wrapper" class="skin" width="990" align="center" cellpadding="0" cellspacing="0" border="0">
<tr><td colspan="3" id="dnn_HeaderPane" class="header"><a id="dnn_dnnLOGO_hypLogo" title="{attr(s.source)}" href="/"><img id="dnn_dnnLOGO_imgLogo" src="/Portals/0/banner-congan.jpg" alt="{attr(s.source)}" style="border-width:0px;" /></a></td></tr>
<tr><td colspan="3" class="menu"><table cellpadding="0" cellspacing="0" border="0"><tr><td class="mainMenu"><a href="/" class="main_dnnmenu_rootitem">Trang chủ</a></td>{menu}<td class="mainMenu"><a href="/tabid/71/Default.aspx" class="main_dnnmenu_rootitem">Liên hệ</a></td></tr></table></td></tr>
<tr><td colspan="3" class="breadcrumb">Bạn đang ở: <span id="dnn_dnnBREADCRUMB_lblBreadCrumb"><span itemscope itemtype="http://schema.org/BreadcrumbList">{crumb}</span></span></td></tr>
<tr>
<td id="dnn_LeftPane" class="leftpane" valign="top" width="220">{self.box("LeftPane", "Tin mới nhất", latest, query=True)}
<div class="DnnModule DnnModule-DNN_HTML"><table class="c_box" width="100%"><tr><td class="c_box_head"><span class="Head">Liên kết</span></td></tr><tr><td><a href="https://bocongan.gov.vn" target="_blank">Cổng TTĐT Bộ Công an</a></td></tr><tr><td><a href="https://dichvucong.bocongan.gov.vn" target="_blank">Dịch vụ công</a></td></tr></table></div></td>
<td id="dnn_ContentPane" class="contentpane" valign="top">
<div class="DnnModule DnnModule-TinTuc DnnModule-{MODULE}"><a name="{MODULE}"></a>
<table class="c_container" width="100%" cellpadding="0" cellspacing="0">
<tr><td class="c_head"><h2 class="c_title"><span id="dnn_ctr{MODULE}_dnnTITLE_titleLabel" class="Head">{esc(module_title)}</span></h2></td></tr>
<tr><td class="c_content"><div id="dnn_ctr{MODULE}_ContentPane" class="DNNAlignleft"><div id="dnn_ctr{MODULE}_ModuleContent" class="DNNModuleContent ModTinTucC">
{main}
</div></div></td></tr></table></div>
</td>
<td id="dnn_RightPane" class="rightpane" valign="top" width="240">{self.box("RightPane", "Tin xem nhiều", popular, query=True)}{right_extra}</td>
</tr>
<tr><td colspan="3" class="footer"><p>{esc(s.source)} - Đường dây nóng: 069.2345.113</p><span id="dnn_dnnCOPYRIGHT_lblCopyright" class="footer">Bản quyền © 2025 {esc(s.source)}</span></td></tr>
</table>
<input name="ScrollTop" type="hidden" id="ScrollTop" />
<input name="__dnnVariable" type="hidden" id="__dnnVariable" autocomplete="off" value="`{{`__scdoff`:`1`}}" />
<script type="text/javascript">
//<![CDATA[
if (typeof dnn != 'undefined') {{ dnn.setVar('__scdoff', '1');{script} }}
//]]>
</script>
</form>
</body>
</html>
"""

    # -- article --
    def article_page(self, a: Article) -> str:
        views = f" | Lượt xem: {dotted(a.view_count)}" if a.view_count is not None else ""
        ctl = f"dnn_ctr{MODULE}_ViewArticle"
        lead = ""
        if a.lead:
            lead = f'<tr><td class="ArticleSummary"><span id="{ctl}_lblSummary" class="ArticleSummary"><b>{esc(a.shown(a.lead))}</b></span></td></tr>'
        related = ""
        items = [self.by_id[i] for _, ids in a.related for i in ids]
        if items:
            rows = "".join(
                f'<li><a href="{attr(query_path(r))}" class="ArticleOtherLink">{esc(r.shown(r.title))}</a> <span class="ArticleOtherDate">({r.published:%d/%m/%Y})</span></li>'
                for r in items
            )
            related = f'<table class="ArticleOther" width="100%" cellpadding="3" cellspacing="0"><tr><td class="ArticleOtherHead">Tin liên quan</td></tr><tr><td><ul class="ArticleOtherList">{rows}</ul></td></tr></table>'
        main = f"""<table id="{ctl}_tblArticle" class="ArticleDetail" width="100%" cellspacing="0" cellpadding="4" border="0">
<tr><td><span id="{ctl}_lblTitle" class="ArticleTitle">{esc(a.shown(a.title))}</span></td></tr>
<tr><td><span id="{ctl}_lblInfo" class="ArticleInfo">Ngày đăng: {esc(a.published_text)}{views}</span></td></tr>
{lead}
<tr><td><div id="{ctl}_divContent" class="ArticleContent Normal">
{body_html(a, _image, p_attrs=' style="text-align: justify;"')}
</div></td></tr>
<tr><td align="right" class="ArticleTools"><a id="{ctl}_lnkPrint" class="CommandButton" href="javascript:window.print();">In trang</a>&nbsp;|&nbsp;<a id="{ctl}_lnkBack" class="CommandButton" href="javascript:history.back();">Quay lại</a></td></tr>
</table>
{related}"""
        same = [x for x in newest_first(self.articles) if x.category == a.category and x is not a][
            :5
        ]
        return self.layout(
            title=f"{a.shown(a.title)} > {a.category.name}",
            canonical_url=canonical(a),
            action=a.path,
            main=main,
            crumbs=[(a.category.name, listing_path(a.category, 1))],
            module_title=a.category.name,
            right_extra=self.box("RightPane2", "Tin cùng chuyên mục", same, query=False),
            script=f" dnn.setVar('{ctl}_ArticleID', '{a.native_id}');",
        )

    # -- listings --
    def pager(self, cat: Category, page: int, pages: int) -> str:
        def link(p: int, text: str) -> str:
            return f'<a href="{attr(f"/tabid/{cat.native_id}/currentpage/{p}/Default.aspx")}" class="CommandButton">{text}</a>'

        def off(text: str) -> str:
            return f'<span class="NormalDisabled">{text}</span>'

        gap = "&nbsp;&nbsp;&nbsp;"
        out = (link(1, "Đầu") if page > 1 else off("Đầu")) + gap
        out += (link(page - 1, "Trước") if page > 1 else off("Trước")) + gap
        for p in range(1, pages + 1):
            out += (off(f"[{p}]") if p == page else link(p, str(p))) + "&nbsp;&nbsp;"
        out += (link(page + 1, "Tiếp") if page < pages else off("Tiếp")) + gap
        out += (link(pages, "Cuối") if page < pages else off("Cuối")) + gap
        return f'<table class="PagingTable" border="0"><tr><td align="left">Trang {page} / {pages}</td><td align="right">{out}</td></tr></table>'

    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        rows = []
        for a in items:
            images = a.images()
            thumb = images[0].src if images else "/Portals/0/News/no-image.jpg"
            rows.append(
                f'<tr><td><table class="ArticleItem" width="100%" cellpadding="3" cellspacing="0"><tr>'
                f'<td class="ArticleThumb" valign="top" width="130"><a href="{attr(a.path)}"><img src="{attr(thumb)}" width="120" border="0" alt="" /></a></td>'
                f'<td valign="top"><a href="{attr(a.path)}" class="ArticleItemTitle">{esc(a.shown(a.title))}</a> <span class="ArticleItemDate">({a.published:%d/%m/%Y})</span><br />'
                f'<span class="ArticleItemDesc">{esc(a.shown(a.brief))}</span></td></tr></table></td></tr>'
            )
        main = f'<table id="dnn_ctr{MODULE}_ListArticle_tblList" class="ArticleList" width="100%" cellpadding="0" cellspacing="0">{"".join(rows)}<tr><td>{self.pager(cat, page, pages)}</td></tr></table>'
        return self.layout(
            title=f"{cat.name} - {self.spec.source}",
            canonical_url=BASE + listing_path(cat, page),
            action=listing_path(cat, page),
            main=main,
            crumbs=[(cat.name, listing_path(cat, 1))],
            module_title=cat.name,
        )

    def home_page(self) -> str:
        top = newest_first(self.articles)
        rows = "".join(
            f'<tr><td class="HomeItem"><a href="{attr(a.path)}" class="ArticleItemTitle">{esc(a.shown(a.title))}</a><br /><span class="ArticleItemDesc">{esc(a.shown(a.brief))}</span></td></tr>'
            for a in top[:4]
        )
        more = "".join(
            f'<li><a href="{attr(query_path(a))}">{esc(a.shown(a.title))}</a></li>'
            for a in top[4:9]
        )
        main = f'<table class="HomeNews" width="100%">{rows}</table><div class="HomeMore"><b>Các tin khác</b><ul>{more}</ul></div>'
        return self.layout(
            title=self.spec.source,
            canonical_url=BASE + "/",
            action="/",
            main=main,
            crumbs=[],
            module_title="Tin nổi bật",
        )

    def not_found(self) -> str:
        return self.layout(
            title=f"Không tìm thấy trang - {self.spec.source}",
            canonical_url=BASE + "/",
            action="/",
            main='<div class="dnnFormMessage dnnFormWarning">Trang bạn yêu cầu không tồn tại hoặc đã bị xóa.</div>',
            crumbs=[],
            module_title="Thông báo",
        )


@functools.cache
def _site() -> Site:
    return Site()


def not_found_page(key: str = KEY) -> Page:
    return html_page(_site().not_found(), status=404)


def build(key: str = KEY) -> Replica:
    site = _site()

    def variants(a: Article) -> dict[str, Page]:
        return {query_path(a): html_page(site.article_page(a))}

    replica = assemble_replica(
        key=KEY,
        base=BASE,
        source=SOURCE,
        site=site,
        categories=SPEC.categories,
        per_page=SPEC.per_page,
        listing_path=listing_path,
        static_files={
            "/Portals/_default/Skins/CongAnTinh/skin.css": ("/* skin */\n", "text/css"),
            "/js/dnn.js": (
                "var dnn = dnn || {}; dnn.setVar = function (k, v) {};\n",
                "application/javascript",
            ),
        },
        variants=variants,
    )
    for cat in SPEC.categories:  # the pager's "1" and "Đầu" links name page 1 this way
        replica.pages[f"/tabid/{cat.native_id}/currentpage/1/Default.aspx"] = replica.pages[
            listing_path(cat, 1)
        ]
    return patch_truth(replica, site.articles, canonical, lambda a: f"{KEY}-{a.native_id}")
