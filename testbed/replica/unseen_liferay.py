"""``unseen_liferay``: a Liferay 7.x portal showing news through Asset Publisher portlets
(held-out layout).

SEEN (research notes on real Vietnamese police portals): Liferay article URLs
``/web/guest/.../-/asset_publisher/{instance}/content/{slug}`` carrying
``redirect=``/``inheritRedirect=`` query strings that differ per listing for the same article;
documents under ``/documents/{group}/{folder}/...`` often without a file extension;
images under ``/image/journal/...``; ``Liferay.ThemeDisplay`` scripts; lazy images with a placeholder
``src`` and the real URL in ``data-src``; dates such as ``11:10 18/07/2022`` after a label,
"N lượt xem" counters, "Theo Thanh Niên" style source credits.

SEEN in Liferay's public source (liferay/liferay-portal, read, not copied):
``modules/apps/asset/asset-publisher-web/src/main/resources/META-INF/resources/view_asset_entry_full_content.jsp``
(``div.asset-full-content ... default-asset-publisher show-asset-title``, the title in
``p.component-title > span.asset-title``, ``span.asset-anchor``, ``div.metadata-author`` with
``div.asset-user-info > span.date-info`` and ``div.asset-view-count-info > span.view-count-info``
printing the bare count and "views", ``div.asset-content``, ``div.asset-tags``,
``div.asset-links``); ``.../asset-taglib/.../asset_links/page.jsp`` (``div.taglib-asset-links``,
``h2.asset-links-title``, ``ul.asset-links-list > li.asset-links-list-item``, links given
``inheritRedirect=true`` then ``redirect=`` the current URL);
``portal-web/docroot/html/taglib/ui/page_iterator/start.jsp`` (``div.pagination-bar``,
``p.pagination-results``, ``ul.pagination > li.page-item > a.page-link``, the namespaced
``_cur`` parameter); ``.../asset-publisher-web/.../init.jsp`` (dates in the locale's short
date format).

ASSUMED: the theme (header ticker "Tin mới" whose items carry their own dates, menus,
footer), the web-content template (``div.news-sapo`` beside ``div.news-content``), the
abstracts template of the listings, render URLs without ``p_p_state``/``p_p_mode``, instance ids, group/folder numbers, the Vietnamese
labels, which images are lazy, the domain and all text.
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import calendar
import functools
import random
from datetime import datetime
from urllib.parse import quote

from .assemble import assemble_replica, newest_first
from .kit import Spec, credit_forms, plan
from .markup import attr, esc, html_page, share_links
from .model import Article, Category, Image, Page, Replica
from .unseen_kit import LAZY_GIF, body_html, patch_truth, relocate, uuid_for, with_forms

KEY = "unseen_liferay"
BASE = "https://congan.vidu-muoimot.gov.vn"
SOURCE = "Công an tỉnh Ví Dụ Mười Một"
GROUP = 20121
INSTANCE = {"hoat-dong-luc-luong": "Qw7eRt2yUi4o", "phong-chong-toi-pham": "As5dFg8hJk1l"}
HOME_INSTANCE = "Zx9cVb3nMm6q"


def _pid(instance: str) -> str:
    return f"com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet_INSTANCE_{instance}"


def _date(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    return f"{m:%H:%M} {m:%d/%m/%Y}", True


SPEC = Spec(
    key=KEY,
    base=BASE,
    source=SOURCE,
    seed=9511,
    categories=(
        Category("Hoạt động lực lượng", "hoat-dong-luc-luong", 0, ("force", "youth", "honours")),
        Category("Phòng chống tội phạm", "phong-chong-toi-pham", 0, ("crime", "fraud", "drugs")),
    ),
    path_for=lambda cat, slug, n, m: (
        f"/web/guest/{cat.slug}/-/asset_publisher/{INSTANCE[cat.slug]}/content/{slug}"
    ),
    dates=_date,
    credit_forms=with_forms(credit_forms(16), {14: "theo"}),
    id_base=61200,
    ids_per_day=4.0,
    nfd=3,
    no_views=2,
    leads=4,
    tags=True,
)
SPECS = {KEY: SPEC}


def listing_path(cat: Category, page: int) -> str:
    if page == 1:
        return f"/web/guest/{cat.slug}"
    return _page_url(cat, page)


def _page_url(cat: Category, page: int) -> str:
    pid = _pid(INSTANCE[cat.slug])
    return f"/web/guest/{cat.slug}?p_p_id={pid}&p_p_lifecycle=0&_{pid}_cur={page}"


def view_url(a: Article, current: str) -> str:
    """How an Asset Publisher links an entry from the page at ``current`` (root-relative)."""
    return f"{a.path}?inheritRedirect=true&redirect={quote(current, safe='')}"


def _documents(a: Article, name: str) -> str:
    stem = name.rsplit(".", 1)[0]
    folder = 41000 + (a.published.year - 2000) * 100 + a.published.month
    if int(uuid_for(name)[2], 16) % 5 == 0:  # older web content embeds journal images
        return f"/image/journal/article?img_id={int(uuid_for(name)[:6], 16) % 900000 + 100000}&t={calendar.timegm(a.published.timetuple()) * 1000}"
    path = f"/documents/{GROUP}/{folder}/{stem}/{uuid_for(name)}"
    if int(uuid_for(name)[0], 16) % 3 == 0:  # some carry the document version stamp
        path += f"?t={calendar.timegm(a.published.timetuple()) * 1000 + 417}"
    return path


def _image(a: Article, im: Image) -> str:
    key = int(uuid_for(im.src)[1], 16)
    alt = attr(a.shown(im.alt))
    if key % 2 == 0:
        img = f'<img alt="{alt}" class="lazyload" data-src="{attr(im.src)}" src="{LAZY_GIF}" />'
    else:
        img = f'<img alt="{alt}" src="{attr(im.src)}" style="width: 100%;" />'
    if im.caption and key % 4 < 2:
        return f'<figure class="image">{img}<figcaption>{esc(a.shown(im.caption))}</figcaption></figure>'
    if im.caption:
        return f'<p style="text-align: center;">{img}</p>\n<p style="text-align: center;"><em>{esc(a.shown(im.caption))}</em></p>'
    return f'<p style="text-align: center;">{img}</p>'


def _credit(a: Article) -> str:
    assert a.credit is not None
    return f'<p style="text-align: right;"><strong>{esc(a.shown(a.credit.byline))}</strong></p>'


class Site:
    def __init__(self) -> None:
        self.spec = SPEC
        self.articles = plan(SPEC)
        relocate(self.articles, BASE, _documents)
        self.by_id = {a.native_id: a for a in self.articles}

    def portlet(self, pid: str, title: str, body: str, extra: str = "") -> str:
        return (
            f'<div class="portlet-boundary portlet-boundary_com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet_ portlet-static portlet-static-end portlet-decorate portlet-asset-publisher {extra}" id="p_p_id_{pid}_">'
            f'<span id="p_{pid}"></span><section class="portlet" id="portlet_{pid}"><div class="portlet-content">'
            f'<div class="autofit-float autofit-row portlet-header"><div class="autofit-col autofit-col-expand"><h2 class="portlet-title-text">{esc(title)}</h2></div></div>'
            f'<div class="portlet-content-container"><div class="portlet-body">{body}</div></div></div></section></div>'
        )

    def side_box(self, title: str, items: list[Article], current: str, instance: str) -> str:
        lis = "".join(
            f'<li class="list-group-item"><a href="{attr(view_url(a, current))}">{esc(a.shown(a.title))}</a></li>'
            for a in items
        )
        return self.portlet(_pid(instance), title, f'<ul class="list-group list-news">{lis}</ul>')

    def layout(
        self,
        *,
        title: str,
        canonical: str,
        current: str,
        main: str,
        crumbs: list[tuple[str, str | None]],
        head: str = "",
        side: str = "",
    ) -> str:
        s = self.spec
        menu = "".join(
            f'<li class="lfr-nav-item nav-item" role="presentation"><a class="nav-link text-truncate" href="{attr(listing_path(c, 1))}" role="menuitem"><span class="text-truncate">{esc(c.name)}</span></a></li>'
            for c in s.categories
        )
        crumb = "".join(
            f'<li class="breadcrumb-item"><a class="breadcrumb-link" href="{attr(u)}" title="{attr(t)}"><span class="breadcrumb-text-truncate">{esc(t)}</span></a></li>'
            if u
            else f'<li class="active breadcrumb-item"><span class="breadcrumb-text-truncate">{esc(t)}</span></li>'
            for t, u in [("Trang chủ", "/"), *crumbs]
        )
        ticker = " ".join(
            f'<span class="ticker-item"><a href="{attr(view_url(a, current))}">{esc(a.shown(a.title))}</a> <span class="ticker-date">({a.published:%d/%m/%Y})</span></span>'
            for a in newest_first(self.articles)[:3]
        )
        latest = newest_first(self.articles)[:5]
        popular = sorted(self.articles, key=lambda a: (-(a.view_count or 0), -a.native_id))[:5]
        layout_url = current.split("?", 1)[0]
        return f"""<!DOCTYPE html>
<html class="ltr" dir="ltr" lang="vi-VN">
<head>
<title>{esc(title)}</title>
<meta content="initial-scale=1.0, width=device-width" name="viewport" />
<meta content="text/html; charset=UTF-8" http-equiv="content-type" />
<link data-senna-track="temporary" href="{attr(canonical)}" rel="canonical" />
<link data-senna-track="temporary" href="{attr(canonical)}" hreflang="vi-VN" rel="alternate" />
<link data-senna-track="temporary" href="{attr(canonical)}" hreflang="x-default" rel="alternate" />
<meta property="og:site_name" content="{attr(s.source)}" />
<meta property="og:url" content="{attr(canonical)}" />{head}
<link href="/o/congan-theme/images/favicon.ico" rel="icon" />
<link class="lfr-css-file" data-senna-track="temporary" href="/o/congan-theme/css/main.css?browserId=other&amp;themeId=conganvidu_WAR_congantheme&amp;languageId=vi_VN&amp;t=1712030400000" id="liferayAUICSS" rel="stylesheet" type="text/css" />
<script data-senna-track="temporary" type="text/javascript">
// <![CDATA[
var Liferay = Liferay || {{}};
Liferay.Data = Liferay.Data || {{}};
Liferay.Data.NAV_SELECTOR = "#navigation";
Liferay.ThemeDisplay = {{
	getCDNBaseURL: function() {{ return "{BASE}"; }},
	getLanguageId: function() {{ return "vi_VN"; }},
	getLayoutRelativeURL: function() {{ return "{layout_url}"; }},
	getPathContext: function() {{ return ""; }},
	getPathImage: function() {{ return "/image"; }},
	getPathThemeImages: function() {{ return "{BASE}/o/congan-theme/images"; }},
	getPortalURL: function() {{ return "{BASE}"; }},
	getScopeGroupId: function() {{ return "{GROUP}"; }},
	getSiteGroupId: function() {{ return "{GROUP}"; }},
	isSignedIn: function() {{ return false; }}
}};
var themeDisplay = Liferay.ThemeDisplay;
// ]]>
</script>
<script data-senna-track="permanent" src="/o/frontend-js-web/liferay/global.bundle.js" type="text/javascript"></script>
<script data-senna-track="permanent" src="/o/congan-theme/js/lazysizes.min.js" type="text/javascript"></script>
</head>
<body class="controls-visible chrome yui3-skin-sam guest-site signed-out public-page site">
<div class="d-flex flex-column min-vh-100">
<div class="d-flex flex-column flex-fill" id="wrapper">
<header id="banner">
<div class="ticker container"><span class="ticker-label">Tin mới:</span> {ticker}</div>
<div class="navbar navbar-classic navbar-top py-3"><div class="container user-personal-bar"><a class="align-items-center d-inline-flex logo custom-logo" href="/" title="Đi đến {attr(s.source)}"><img alt="{attr(s.source)}" height="80" src="/image/layout_set_logo?img_id=40512&amp;t=1712030400000" /><span class="font-weight-bold h2 mb-0 site-name text-dark">{esc(s.source)}</span></a></div></div>
<nav class="navbar navbar-classic navbar-expand-md navbar-light pb-3" id="navigation" role="navigation"><div class="container"><ul aria-label="Trang web" class="navbar-blank navbar-nav navbar-site" role="menubar"><li class="lfr-nav-item nav-item" role="presentation"><a class="nav-link text-truncate" href="/" role="menuitem"><span class="text-truncate">Trang chủ</span></a></li>{menu}<li class="lfr-nav-item nav-item" role="presentation"><a class="nav-link text-truncate" href="/web/guest/van-ban" role="menuitem"><span class="text-truncate">Văn bản</span></a></li></ul></div></nav>
</header>
<section class="container pt-4" id="content">
<nav aria-label="Breadcrumb" id="breadcrumbs"><ol class="breadcrumb">{crumb}</ol></nav>
<div class="columns-2" id="main-content" role="main"><div class="portlet-layout row">
<div class="col-md-8 portlet-column portlet-column-first" id="column-1"><div class="portlet-dropzone portlet-column-content portlet-column-content-first" id="layout-column_column-1">
{main}
</div></div>
<div class="col-md-4 portlet-column portlet-column-last" id="column-2"><div class="portlet-dropzone portlet-column-content portlet-column-content-last" id="layout-column_column-2">
{self.side_box("Tin mới nhất", latest, current, "Lt4nEw8bOx2a")}
{self.side_box("Tin xem nhiều", popular, current, "Mv5rEa7dPq3z")}
{side}
</div></div>
</div></div>
</section>
<footer id="footer" role="contentinfo"><div class="container"><p class="text-center">{esc(s.source)}</p><p class="text-center">Địa chỉ: Số 1 đường Trần Hưng Đạo · Điện thoại: 0262.3852.113</p><p class="powered-by text-center">Ghi rõ nguồn khi phát hành lại thông tin từ cổng thông tin này.</p></div></footer>
</div></div>
<script type="text/javascript">
// <![CDATA[
Liferay.on('allPortletsReady', function() {{ Liferay.fire('congan:ready'); }});
// ]]>
</script>
</body>
</html>
"""

    # -- article --
    def article_page(self, a: Article) -> str:
        s = self.spec
        pid = _pid(INSTANCE[a.category.slug])
        current = a.path
        views = ""
        if a.view_count is not None:
            views = f'<div class="asset-view-count-info text-secondary"><span class="view-count-info">{a.view_count} lượt xem</span></div>'
        sapo = (
            f'<div class="news-sapo"><strong>{esc(a.shown(a.lead))}</strong></div>'
            if a.lead
            else ""
        )
        tags = ""
        if a.tags:
            links = "".join(
                f'<a class="badge badge-default badge-sm" href="/web/guest/{a.category.slug}/-/asset_publisher/{INSTANCE[a.category.slug]}/tag/{quote(t)}">{esc(t)}</a> '
                for t in a.tags
            )
            tags = f'<div class="asset-tags mb-3"><span class="taglib-asset-tags-summary">{links}</span></div>'
        related = ""
        items = [self.by_id[i] for _, ids in a.related for i in ids]
        if items:
            lis = "".join(
                f'<li class="asset-links-list-item"><a href="{attr(view_url(r, current))}" target="_self">{esc(r.shown(r.title))}</a></li>'
                for r in items
            )
            related = (
                '<div class="asset-links mb-4"><div class="taglib-asset-links"><h2 class="asset-links-title">'
                '<svg class="lexicon-icon lexicon-icon-link" focusable="false" role="presentation"><use href="/o/congan-theme/images/clay/icons.svg#link"></use></svg> '
                f'Tin liên quan:</h2><ul class="asset-links-list">{lis}</ul></div></div>'
            )
        fb, zalo = share_links(s.base + a.path)
        entry_id = a.native_id + 3
        body = f"""<div class="asset-full-content clearfix mb-5 default-asset-publisher show-asset-title">
<div class="align-items-center d-flex mb-2"><p class="component-title h4"><span class="asset-title d-inline">{esc(a.shown(a.title))}</span></p></div>
<span class="asset-anchor lfr-asset-anchor" id="{entry_id}"></span>
<div class="autofit-row mb-4 metadata-author"><div class="autofit-col autofit-col-expand">
<div class="asset-user-info text-secondary"><span class="date-info">Cập nhật: {esc(a.published_text)}</span></div>
{views}
</div></div>
<div class="asset-content mb-3">
<div class="journal-content-article" data-analytics-asset-id="{a.native_id}" data-analytics-asset-title="{attr(a.shown(a.title))}" data-analytics-asset-type="web-content">
<div class="news-detail">{sapo}
<div class="news-content">
{body_html(a, _image, p_attrs=' style="text-align: justify;"', credit=_credit)}
</div></div>
</div>
</div>
{tags}
{related}
<hr class="separator" />
<div class="asset-details autofit-float autofit-row autofit-row-center"><div class="autofit-col"><div class="taglib-social-bookmarks"><a class="btn btn-monospaced btn-outline-borderless" href="{attr(fb)}" target="_blank" title="Facebook">Facebook</a> <a class="btn btn-monospaced btn-outline-borderless" href="{attr(zalo)}" target="_blank" title="Zalo">Zalo</a></div></div><div class="autofit-col print-action"><a href="javascript:print();" title="In {attr(a.shown(a.title))}">In</a></div></div>
</div>"""
        images = a.images()
        head = f'\n<meta property="og:title" content="{attr(a.shown(a.title))}" />\n<meta property="og:type" content="article" />'
        if images:
            head += f'\n<meta property="og:image" content="{attr(s.base + images[0].src if images[0].src.startswith("/") else images[0].src)}" />'
        return self.layout(
            title=f"{a.shown(a.title)} - {a.category.name} - {s.source}",
            canonical=s.base + a.path,
            current=current,
            main=self.portlet(pid, a.category.name, body),
            side=self.side_box(
                "Tin cùng chuyên mục",
                [x for x in newest_first(self.articles) if x.category == a.category and x is not a][
                    :5
                ],
                current,
                "Cc2uMn6rTs9w",
            ),
            crumbs=[(a.category.name, listing_path(a.category, 1)), (a.shown(a.title), None)],
            head=head,
        )

    # -- listings --
    def pagination(self, cat: Category, page: int, pages: int, total: int) -> str:
        start = (page - 1) * self.spec.per_page + 1
        end = min(page * self.spec.per_page, total)
        pid = _pid(INSTANCE[cat.slug])

        def href(p: int) -> str:
            return attr(BASE + _page_url(cat, p))

        prev = (
            f'<li class="page-item"><a class="lfr-portal-tooltip page-link" href="{href(page - 1)}" title="Trang trước">‹</a></li>'
            if page > 1
            else '<li class="page-item disabled"><div class="page-link">‹</div></li>'
        )
        nxt = (
            f'<li class="page-item"><a class="lfr-portal-tooltip page-link" href="{href(page + 1)}" title="Trang sau">›</a></li>'
            if page < pages
            else '<li class="page-item disabled"><div class="page-link">›</div></li>'
        )
        nums = "".join(
            f'<li class="page-item active"><a aria-current="page" aria-label="Trang {p}" class="page-link" href="{href(p)}" tabindex="0">{p}</a></li>'
            if p == page
            else f'<li class="page-item"><a aria-label="Trang {p}" class="page-link" href="{href(p)}">{p}</a></li>'
            for p in range(1, pages + 1)
        )
        return (
            f'<div class="pagination-bar" data-qa-id="paginator" id="_{pid}_ocerSearchContainerPageIterator">'
            f'<p aria-hidden="true" class="pagination-results">Hiển thị {start} đến {end} trong tổng số {total} mục.</p>'
            f'<nav aria-label="Phân trang"><ul class="pagination">{prev}{nums}{nxt}</ul></nav></div>'
        )

    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        current = listing_path(cat, page)
        total = sum(a.category == cat for a in self.articles)
        rows = []
        for a in items:
            images = a.images()
            thumb = images[0].src if images else "/o/congan-theme/images/no-image.png"
            link = attr(view_url(a, current))
            rows.append(
                f'<div class="news-item row mb-3"><div class="col-md-4"><a class="news-thumb" href="{link}"><img alt="{attr(a.shown(a.title))}" class="lazyload" data-src="{attr(thumb)}" src="{LAZY_GIF}" /></a></div>'
                f'<div class="col-md-8"><h3 class="news-title"><a href="{link}">{esc(a.shown(a.title))}</a></h3><div class="news-date">{a.published:%d/%m/%Y}</div>'
                f'<p class="news-summary">{esc(a.shown(a.brief))}</p></div></div>'
            )
        body = f'<div class="news-list">{"".join(rows)}</div>{self.pagination(cat, page, pages, total)}'
        return self.layout(
            title=f"{cat.name} - {self.spec.source}",
            canonical=BASE + current,
            current=current,
            main=self.portlet(_pid(INSTANCE[cat.slug]), cat.name, body),
            crumbs=[(cat.name, None)],
        )

    def home_page(self) -> str:
        items = newest_first(self.articles)[:6]
        rows = "".join(
            f'<div class="news-item"><h3 class="news-title"><a href="{attr(view_url(a, "/"))}">{esc(a.shown(a.title))}</a></h3><p class="news-summary">{esc(a.shown(a.brief))}</p></div>'
            for a in items
        )
        return self.layout(
            title=self.spec.source,
            canonical=BASE + "/",
            current="/",
            main=self.portlet(
                _pid(HOME_INSTANCE), "Tin nổi bật", f'<div class="news-list">{rows}</div>'
            ),
            crumbs=[],
        )

    def not_found(self) -> str:
        return self.layout(
            title=f"Không tìm thấy trang - {self.spec.source}",
            canonical=BASE + "/",
            current="/",
            main='<div class="alert alert-danger">Không tìm thấy trang được yêu cầu.</div>',
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
        static_files={"/o/congan-theme/css/main.css": ("/* theme */\n", "text/css")},
    )
    for cat in SPEC.categories:  # the pager links page 1 by its _cur=1 URL
        replica.pages[_page_url(cat, 1)] = replica.pages[listing_path(cat, 1)]
    return patch_truth(replica, site.articles, lambda a: BASE + a.path, lambda a: None)
