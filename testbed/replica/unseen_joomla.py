"""``unseen_joomla``: a Joomla 1.5 portal with search-engine-friendly URLs turned off
(held-out layout).

SEEN (research notes on real Vietnamese police portals): Joomla 1.5-style article URLs
``index.php?option=com_content&view=article&id={id}&catid={cat}&Itemid={n}`` where ``Itemid``
varies for the same article; listings paged with ``&limitstart=N``; "Viết bởi Administrator"
is the CMS account, not the author (the real credit is in the text).

SEEN in Joomla 1.5's public source (tremez/Joomla-1.5.x, a copy of Joomla 1.5.28; read, not
copied): ``components/com_content/helpers/route.php`` (article links
``index.php?option=com_content&view=article&id={slug}&catid={catslug}&Itemid={menu item}``
where the slug is ``{id}:{alias}``, and ``Itemid`` is whichever menu item matches);
``components/com_content/views/article/tmpl/default.php`` (two ``table.contentpaneopen``:
``td.contentheading`` with the title and ``td.buttonheading`` icons, then section - category,
``span.small`` "Written by {author}", ``td.createdate`` in ``DATE_FORMAT_LC2``, the text,
``td.modifydate`` "Last Updated"; no canonical link); ``.../category/tmpl/blog.php`` and
``blog_item.php`` (``div.componentheading``, ``table.blog``, ``a.contentpagetitle``, ``a.readon``,
pages links and "Page x of y" rows); ``.../category/tmpl/default_items.php`` (the list layout:
``td.sectiontableheader`` headings, ``tr.sectiontableentry1/2`` rows with a hits column,
``td.sectiontablefooter`` pager); ``libraries/joomla/html/pagination.php`` (``limitstart``
links: Start ``&limitstart=``, page 1 ``&limitstart=0``); ``templates/rhuk_milkyway/html/pagination.php``
(``span.pagination`` with ``&laquo;``/``&raquo;``, the current page in ``strong``);
``modules/mod_breadcrumbs/tmpl/default.php`` (``span.breadcrumbs.pathway``, ``a.pathway``);
``modules/mod_latestnews`` / ``mod_mostread`` (``ul.latestnews``, ``ul.mostread``);
``libraries/joomla/document/html/renderer/head.php`` (``<base href>``, meta tags, the
generator "Joomla! 1.5 - Open Source Content Management"); ``language/en-GB/en-GB.ini``
(``DATE_FORMAT_LC2=%A, %d %B %Y %H:%M``, ``DATE_FORMAT_LC4=%d.%m.%y``).

ASSUMED: the template (tables, module positions), that it prints no charset declaration
(the page is served as ``text/html`` with UTF-8 bytes), the Vietnamese translations
("Thứ tư, 20 Tháng 11 2024 08:30", "Viết bởi", "Đọc tiếp...", "Lượt xem"), the menu item ids
and which page links an article with which ``Itemid``, the list layout's ``dd.mm.yy`` dates,
a "Tin cùng chuyên mục" module linking ``id=N&catid=C`` without aliases, a site-wide visitor
counter, the domain and all text. One category uses the blog layout (no view counts
anywhere), the other the list layout (hits per row, the only place they are printed).
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import functools
import hashlib
import random
from dataclasses import replace
from datetime import datetime, timedelta

from .assemble import assemble_replica, newest_first
from .kit import Spec, credit_forms, plan, rewrite_images
from .markup import attr, esc
from .model import Article, Category, Image, Page, Para, Replica
from .unseen_kit import VI_WEEKDAYS, body_html, patch_truth

KEY = "unseen_joomla"
BASE = "https://congan.vidu-muoihai.gov.vn"
SOURCE = "Công an tỉnh Ví Dụ Mười Hai"
SECTION = (1, "tin-bai", "Tin bài")
ITEMID = {5: 53, 7: 54}  # the menu item of each category
HOME_ITEMID = 1
ACCOUNT = "Administrator"
CONTENT_TYPE = "text/html"  # no charset: the template declares none either


def lc2(m: datetime) -> str:
    """DATE_FORMAT_LC2 (%A, %d %B %Y %H:%M) as the Vietnamese language pack prints it."""
    return f"{VI_WEEKDAYS[m.weekday()]}, {m:%d} Tháng {m.month} {m.year} {m:%H:%M}"


def _date(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    return lc2(m), True


BLOG = Category("Tin tức - Sự kiện", "tin-tuc-su-kien", 5, ("force", "admin", "youth"))
LIST = Category("An ninh trật tự", "an-ninh-trat-tu", 7, ("crime", "traffic", "fire"))


def article_query(n: int, slug: str, cat: Category, itemid: int) -> str:
    return f"/index.php?option=com_content&view=article&id={n}:{slug}&catid={cat.native_id}:{cat.slug}&Itemid={itemid}"


SPEC = Spec(
    key=KEY,
    base=BASE,
    source=SOURCE,
    seed=9612,
    categories=(BLOG, LIST),
    path_for=lambda cat, slug, n, m: article_query(n, slug, cat, ITEMID[cat.native_id]),
    dates=_date,
    credit_forms=credit_forms(16),
    id_base=850,
    ids_per_day=0.8,
    nfd=3,
    no_views=2,
)
SPECS = {KEY: SPEC}


def listing_base(cat: Category) -> str:
    layout = "&layout=blog" if cat == BLOG else ""
    return f"/index.php?option=com_content&view=category{layout}&id={cat.native_id}&Itemid={ITEMID[cat.native_id]}"


def listing_path(cat: Category, page: int) -> str:
    return listing_base(cat) + ("" if page == 1 else f"&limitstart={(page - 1) * SPEC.per_page}")


def link(a: Article, itemid: int | None = None) -> str:
    return article_query(a.native_id, a.slug, a.category, itemid or ITEMID[a.category.native_id])


def plain_link(a: Article) -> str:
    return f"/index.php?option=com_content&view=article&id={a.native_id}&catid={a.category.native_id}&Itemid={ITEMID[a.category.native_id]}"


def canonical(a: Article) -> str:
    return f"{BASE}/index.php?option=com_content&view=article&id={a.native_id}"


def _relative_upload(a: Article, src: str) -> str:
    """TinyMCE in Joomla 1.5 inserts images relative to the site root, without a slash."""
    name = src.rsplit("/", 1)[1]
    rel = f"images/stories/tintuc/{a.published:%Y}/{a.published:%m}/{name}"
    return f"{BASE}/{rel}" if src.startswith("http") else rel


def _image(a: Article, im: Image) -> str:
    img = f'<img src="{attr(im.src)}" alt="{attr(a.shown(im.alt))}" width="450" height="300" />'
    odd = int(hashlib.md5(im.src.encode(), usedforsecurity=False).hexdigest()[0], 16) % 2
    if im.caption and odd:
        return (
            '<table style="margin-left: auto; margin-right: auto;" border="0"><tbody>'
            f'<tr><td>{img}</td></tr><tr><td style="text-align: center;"><em>{esc(a.shown(im.caption))}</em></td></tr></tbody></table>'
        )
    out = f'<p style="text-align: center;">{img}</p>'
    if im.caption:
        out += f'\n<p style="text-align: center;"><em>{esc(a.shown(im.caption))}</em></p>'
    return out


class Site:
    def __init__(self) -> None:
        self.spec = SPEC
        articles = plan(SPEC)
        rewrite_images(articles, _relative_upload)
        for a in articles:  # the blog layout prints no hits anywhere
            if a.category == BLOG:
                a.view_count = None
            a.url = canonical(a)
        self.articles = articles
        self.by_id = {a.native_id: a for a in articles}

    # -- chrome --
    def module(self, title: str, body: str, rounded: bool = False) -> str:
        if rounded:
            return f'<div class="module"><div><div><div><h3>{esc(title)}</h3>{body}</div></div></div></div>'
        return f'<div class="moduletable"><h3>{esc(title)}</h3>{body}</div>'

    def layout(
        self,
        *,
        title: str,
        current: str,
        main: str,
        crumbs: list[tuple[str, str | None]],
        itemid: int,
        below: str = "",
        right: str = "",
        head: str = "",
    ) -> str:
        s = self.spec
        menu = "".join(
            f'<li class="item{ITEMID[c.native_id]}{" active" if itemid == ITEMID[c.native_id] else ""}"><a href="{attr(listing_path(c, 1))}"><span>{esc(c.name)}</span></a></li>'
            for c in s.categories
        )
        home_cls = " active" if itemid == HOME_ITEMID else ""
        sep = ' <img src="/templates/ca_vidu/images/arrow.png" alt=""  /> '
        path = sep.join(
            f'<a href="{attr(u)}" class="pathway">{esc(t)}</a>' if u else esc(t)
            for t, u in [("Trang chủ", "/"), *crumbs]
        )
        latest = "".join(
            f'<li class="latestnews"><a href="{attr(link(a, itemid))}" class="latestnews">{esc(a.shown(a.title))}</a></li>'
            for a in newest_first(self.articles)[:5]
        )
        popular = "".join(
            f'<li class="mostread"><a href="{attr(link(a, itemid))}" class="mostread">{esc(a.shown(a.title))}</a></li>'
            for a in sorted(self.articles, key=lambda a: (-(a.view_count or 0), -a.native_id))[:5]
        )
        left = (
            self.module(
                "Menu chính",
                f'<ul class="menu"><li class="item1{home_cls}"><a href="/"><span>Trang chủ</span></a></li>{menu}</ul>',
            )
            + self.module("Tin mới nhất", f'<ul class="latestnews">{latest}</ul>', rounded=True)
            + self.module("Tin xem nhiều", f'<ul class="mostread">{popular}</ul>', rounded=True)
        )
        counter = self.module(
            "Thống kê truy cập",
            "<p>Đang trực tuyến: 37</p><p>Tổng lượt truy cập: 2.348.519</p>",
        )
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi-vn" lang="vi-vn" >
<head>
  <base href="{attr(BASE + current)}" />
  <meta name="robots" content="index, follow" />
  <meta name="keywords" content="công an, an ninh, trật tự, {attr(s.source)}" />{head}
  <meta name="generator" content="Joomla! 1.5 - Open Source Content Management" />
  <title>{esc(title)}</title>
  <link href="/templates/ca_vidu/favicon.ico" rel="shortcut icon" type="image/x-icon" />
  <script type="text/javascript" src="/media/system/js/mootools.js"></script>
  <script type="text/javascript" src="/media/system/js/caption.js"></script>
<link rel="stylesheet" href="/templates/system/css/system.css" type="text/css" />
<link rel="stylesheet" href="/templates/system/css/general.css" type="text/css" />
<link rel="stylesheet" href="/templates/ca_vidu/css/template.css" type="text/css" />
</head>
<body>
<div id="wrapper">
<div id="header"><div id="logo"><a href="/"><img src="/templates/ca_vidu/images/banner.jpg" alt="{attr(s.source)}" width="980" height="150" /></a></div></div>
<div id="topmenu"><ul class="menu"><li class="item1{home_cls}"><a href="/"><span>Trang chủ</span></a></li>{menu}<li class="item60"><a href="/index.php?option=com_contact&amp;view=contact&amp;id=1&amp;Itemid=60"><span>Liên hệ</span></a></li></ul></div>
<div id="pathway"><span class="breadcrumbs pathway">
{path}</span>
</div>
<table class="main" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
<td id="leftcolumn" valign="top" width="200">{left}</td>
<td id="maincolumn" valign="top">
{main}
{below}
</td>
<td id="rightcolumn" valign="top" width="200">{right}{counter}</td>
</tr></table>
<div id="footer"><p>{esc(s.source)}</p><p>Địa chỉ: 12 Lê Lợi · Điện thoại: 0239.3856.113</p><p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></div>
</div>
</body>
</html>
"""

    def icons(self, a: Article) -> str:
        q = f"/index.php?view=article&amp;catid={a.category.native_id}:{a.category.slug}&amp;id={a.native_id}:{a.slug}"
        itemid = ITEMID[a.category.native_id]
        return (
            f'<td align="right" width="100%" class="buttonheading"><a href="{q}&amp;format=pdf&amp;option=com_content&amp;Itemid={itemid}" title="PDF" rel="nofollow"><img src="/images/M_images/pdf_button.png" alt="PDF"  /></a></td>'
            f'<td align="right" width="100%" class="buttonheading"><a href="{q}&amp;tmpl=component&amp;print=1&amp;layout=default&amp;page=&amp;option=com_content&amp;Itemid={itemid}" title="In" rel="nofollow"><img src="/images/M_images/printButton.png" alt="In"  /></a></td>'
        )

    # -- article --
    def article_page(self, a: Article, current: str | None = None) -> str:
        current = current or a.path
        itemid = ITEMID[a.category.native_id]
        cat = a.category
        modified = a.published + timedelta(hours=1 + a.native_id % 20, minutes=a.native_id % 7)
        same = newest_first([x for x in self.articles if x.category == cat])
        i = same.index(a)
        nav = ""
        if i + 1 < len(same) or i > 0:
            prev = (
                f'<th class="pagenav_prev"><a href="{attr(link(same[i + 1]))}">&lt; Trước</a></th>'
                if i + 1 < len(same)
                else ""
            )
            nxt = (
                f'<th class="pagenav_next"><a href="{attr(link(same[i - 1]))}">Tiếp &gt;</a></th>'
                if i > 0
                else ""
            )
            nav = f'<table align="center" class="pagenav"><tr>{prev}<td width="50">&nbsp;</td>{nxt}</tr></table>'
        main = f"""<table class="contentpaneopen">
<tr>
<td class="contentheading" width="100%">
{esc(a.shown(a.title))}
</td>
{self.icons(a)}
</tr>
</table>
<table class="contentpaneopen">
<tr>
<td>
<span>
<a href="/index.php?option=com_content&amp;view=section&amp;id={SECTION[0]}&amp;Itemid={HOME_ITEMID}">{SECTION[2]}</a> - </span>
<span>
<a href="{attr(listing_path(cat, 1))}">{esc(cat.name)}</a></span>
</td>
</tr>
<tr>
<td valign="top">
<span class="small">
Viết bởi {ACCOUNT}</span>
&nbsp;&nbsp;
</td>
</tr>
<tr>
<td valign="top" class="createdate">
{esc(a.published_text)}
</td>
</tr>
<tr>
<td valign="top">
{body_html(a, _image, p_attrs=' style="text-align: justify;"')}
</td>
</tr>
<tr>
<td class="modifydate">
Cập nhật lần cuối ( {lc2(modified)} )
</td>
</tr>
</table>
<span class="article_separator">&nbsp;</span>
{nav}"""
        below = ""
        related = [self.by_id[k] for _, ids in a.related for k in ids]
        if related:
            lis = "".join(
                f'<li><a href="{attr(link(r))}">{esc(r.shown(r.title))}</a></li>' for r in related
            )
            below = self.module("Tin liên quan", f'<ul class="relateditems">{lis}</ul>')
        others = "".join(
            f'<li><a href="{attr(plain_link(x))}">{esc(x.shown(x.title))}</a></li>'
            for x in same
            if x is not a
        )
        intro = next(b.text for b in a.blocks if isinstance(b, Para))
        head = (
            f'\n  <meta name="title" content="{attr(a.shown(a.title))}" />'
            f'\n  <meta name="author" content="{ACCOUNT}" />'
            f'\n  <meta name="description" content="{attr(a.shown(intro)[:200])}" />'
        )
        return self.layout(
            title=f"{a.shown(a.title)}",
            current=current,
            main=main,
            crumbs=[(cat.name, listing_path(cat, 1)), (a.shown(a.title), None)],
            itemid=itemid,
            below=below,
            right=self.module("Tin cùng chuyên mục", f'<ul class="tincungchuyenmuc">{others}</ul>'),
            head=head,
        )

    # -- listings --
    def pagination(self, cat: Category, page: int, pages: int) -> str:
        base = listing_base(cat)

        def a_(offset: str, text: str) -> str:
            return f'<a href="{attr(base + "&limitstart=" + offset)}" title="{text}">{text}</a>'

        per = self.spec.per_page
        out = "<span>&laquo;</span>"
        out += a_("", "Đầu") if page > 1 else "<span>Đầu</span>"
        out += a_(str((page - 2) * per), "Trước") if page > 1 else "<span>Trước</span>"
        for p in range(1, pages + 1):
            out += (
                f"<strong><span>{p}</span></strong>"
                if p == page
                else a_(str((p - 1) * per), str(p))
            )
        out += a_(str(page * per), "Tiếp") if page < pages else "<span>Tiếp</span>"
        out += a_(str((pages - 1) * per), "Cuối") if page < pages else "<span>Cuối</span>"
        out += "<span>&raquo;</span>"
        return f'<span class="pagination">{out}</span>'

    def blog_item(self, a: Article, itemid: int) -> str:
        intro = next(b.text for b in a.blocks if isinstance(b, Para))
        href = attr(link(a, itemid))
        return f"""<div>
<table class="contentpaneopen">
<tr>
<td class="contentheading" width="100%">
<a href="{href}" class="contentpagetitle">
{esc(a.shown(a.title))}</a>
</td>
</tr>
</table>
<table class="contentpaneopen">
<tr>
<td width="70%"  valign="top" colspan="2">
<span class="small">
Viết bởi {ACCOUNT}</span>
&nbsp;&nbsp;
</td>
</tr>
<tr>
<td valign="top" colspan="2" class="createdate">
{esc(a.published_text)}
</td>
</tr>
<tr>
<td valign="top" colspan="2">
<p style="text-align: justify;">{esc(a.shown(intro))}</p>
</td>
</tr>
<tr>
<td  colspan="2">
<a href="{href}" class="readon">
Đọc tiếp...</a>
</td>
</tr>
</table>
<span class="article_separator">&nbsp;</span>
</div>"""

    def listing_page(
        self, cat: Category, page: int, items: list[Article], pages: int, current: str = ""
    ) -> str:
        itemid = ITEMID[cat.native_id]
        counter = f"Trang {page} của {pages}" if pages > 1 else ""
        if cat == BLOG:
            rows = "".join(self.blog_item(a, itemid) for a in items)
            main = f"""<div class="componentheading">
{esc(cat.name)}
</div>
<table class="blog" cellpadding="0" cellspacing="0">
<tr>
<td valign="top">
<table width="100%"  cellpadding="0" cellspacing="0">
<tr>
<td valign="top" width="100%" class="article_column">
{rows}
</td>
</tr>
</table>
</td>
</tr>
<tr>
<td valign="top" align="center">
{self.pagination(cat, page, pages)}
<br /><br />
</td>
</tr>
<tr>
<td valign="top" align="center">
{counter}
</td>
</tr>
</table>"""
        else:
            first = (page - 1) * self.spec.per_page
            rows = "".join(
                f'<tr class="sectiontableentry{k % 2 + 1}" >\n<td align="right">\n{first + k + 1}\n</td>\n'
                f'<td>\n<a href="{attr(link(a, itemid))}">\n{esc(a.shown(a.title))}</a>\n</td>\n'
                f"<td>\n{a.published:%d.%m.%y}\n</td>\n"
                f'<td align="center">\n{a.view_count if a.view_count else "-"}\n</td>\n</tr>\n'
                for k, a in enumerate(items)
            )
            main = f"""<div class="componentheading">
{esc(cat.name)}
</div>
<form action="{attr(listing_path(cat, page))}" method="post" name="adminForm">
<table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr>
<td class="sectiontableheader" align="right" width="5%">
STT
</td>
<td class="sectiontableheader" >
Tiêu đề bài viết
</td>
<td class="sectiontableheader" width="25%">
Ngày
</td>
<td align="center" class="sectiontableheader" width="5%" nowrap="nowrap">
Lượt xem
</td>
</tr>
{rows}<tr>
<td colspan="5">&nbsp;</td>
</tr>
<tr>
<td align="center" colspan="4" class="sectiontablefooter">
{self.pagination(cat, page, pages)}
</td>
</tr>
<tr>
<td colspan="5" align="right">
{counter}
</td>
</tr>
</table>
<input type="hidden" name="id" value="{cat.native_id}" />
<input type="hidden" name="sectionid" value="{SECTION[0]}" />
<input type="hidden" name="task" value="category" />
<input type="hidden" name="limitstart" value="0" />
</form>"""
        head = f'\n  <link href="{attr(listing_base(cat))}&amp;format=feed&amp;type=rss" rel="alternate" type="application/rss+xml" title="RSS 2.0" />'
        return self.layout(
            title=cat.name,
            current=current or listing_path(cat, page),
            main=main,
            crumbs=[(cat.name, None)],
            itemid=itemid,
            head=head,
        )

    def home_page(self) -> str:
        rows = "".join(self.blog_item(a, HOME_ITEMID) for a in newest_first(self.articles)[:4])
        main = f'<table class="blog" cellpadding="0" cellspacing="0"><tr><td valign="top">{rows}</td></tr></table>'
        return self.layout(
            title=self.spec.source, current="/", main=main, crumbs=[], itemid=HOME_ITEMID
        )

    def not_found(self) -> str:
        main = '<dl id="system-message"><dt class="error">Lỗi</dt><dd class="error message fade"><ul><li>404 - Không tìm thấy bài viết</li></ul></dd></dl>'
        return self.layout(title="404 - Lỗi", current="/", main=main, crumbs=[], itemid=HOME_ITEMID)


def _page(markup: str, status: int = 200) -> Page:
    return Page(body=markup.encode("utf-8"), content_type=CONTENT_TYPE, status=status)


@functools.cache
def _site() -> Site:
    return Site()


def not_found_page(key: str = KEY) -> Page:
    return _page(_site().not_found(), status=404)


def build(key: str = KEY) -> Replica:
    site = _site()

    def variants(a: Article) -> dict[str, Page]:
        paths = [link(a, HOME_ITEMID), *(link(a, i) for i in ITEMID.values()), plain_link(a)]
        paths.append(canonical(a)[len(BASE) :])
        return {p: _page(site.article_page(a, p)) for p in paths if p != a.path}

    replica = assemble_replica(
        key=KEY,
        base=BASE,
        source=SOURCE,
        site=site,
        categories=SPEC.categories,
        per_page=SPEC.per_page,
        listing_path=listing_path,
        static_files={"/templates/ca_vidu/css/template.css": ("/* template */\n", "text/css")},
        variants=variants,
    )
    pages = replica.pages
    for path, page in list(pages.items()):
        if page.content_type.startswith("text/html"):
            pages[path] = replace(page, content_type=CONTENT_TYPE)
    for cat in SPEC.categories:  # the pager names page 1 "&limitstart=" (Đầu) and "&limitstart=0"
        items = newest_first([a for a in site.articles if a.category == cat])
        pages_n = -(-len(items) // SPEC.per_page)
        for suffix in ("&limitstart=", "&limitstart=0"):
            path = listing_base(cat) + suffix
            markup = site.listing_page(cat, 1, items[: SPEC.per_page], pages_n, current=path)
            pages[path] = _page(markup)
    return patch_truth(replica, site.articles, canonical, lambda a: f"{KEY}-{a.native_id}")
