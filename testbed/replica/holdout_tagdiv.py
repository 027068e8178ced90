"""``holdout_tagdiv``: a WordPress news site on tagDiv's Newspaper theme with Cloud Library
single-post templates, Yoast SEO and a page-cache plugin's lazy images (strictly held-out).

SEEN in public copies of the theme and its plugin (read, not copied; see docs/cms/holdout.md):
``Newspaper/loop-single.php`` and ``includes/wp_booster/td_module_single_base.php``
(``td-post-header``, ``td-module-meta-info``, ``time.entry-date.updated.td-module-date`` with a
``datetime`` from ``date(DATE_W3C, ...)`` and the text in the site's ``date_format``,
``div.td-post-views`` with ``span.td-nr-views-{ID}``, ``td-post-content``, ``ul.td-tags``,
``td-post-next-prev``, related posts by category); ``includes/wp_booster/td_module.php``
(listing modules: ``td-module-thumb`` with lazy ``data-img-url`` images or
``span.td-thumb-css``, ``h3.entry-title.td-module-title``, ``td-excerpt``);
``includes/modules/td_module_10.php``; ``includes/wp_booster/td_page_generator.php``
(breadcrumbs ``entry-crumb`` with the post title cut to 13 words, the ``page-nav`` pager with
``span.current``, ``a.page``, ``span.pages`` "Page x of y"); ``includes/wp_booster/td_page_views.php``
(``post_views_count`` meta); td-cloud-library ``shortcodes/single/tdb_single_content.php``
(the text inside ``div.tdb-block-inner.td-fix-index`` of a ``td_block_wrap ... td-post-content``
block), ``tdb_single_date.php`` (``time_ago``: human time difference plus additional text),
``tdb_single_post_views.php`` (the WP-PostViews number in a ``span`` with ``tdb-add-text``),
``wp_templates/tdb_view_category.php``. WordPress core facts as in docs/cms/wordpress.md
(canonical with the permalink's ``/``, ``?p=`` shortlinks redirecting, ``/page/N/`` archives).

ASSUMED: the block ids and template ids, that each category has its own Cloud template and
only one of them carries the views block (so the other category prints no count anywhere),
the Vietnamese translations ("Bởi", "Bài trước", "Trang 1 trên 2", "lượt xem"), the
``d/m/Y`` date format, "time ago" for the newest posts, Yoast's head (``+00:00`` times),
the REST API answering 404 while its head links remain, the featured image block, the
lazy-load markup (``data-lazy-src`` with an SVG placeholder and a ``noscript`` copy), the
domain and all text.
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import functools
import json
import random
from dataclasses import replace
from datetime import datetime, timedelta

from .assemble import assemble_replica, newest_first
from .holdout_kit import finish_truth, most_viewed, newest, redirect, stable_int
from .kit import Spec, credit_forms, plan
from .markup import attr, esc, html_page, share_links
from .model import Article, Category, Figure, Image, Page, Replica, dotted
from .text import slugify
from .unseen_kit import body_html, moments_of, relative_vi, relocate, uncaption, with_forms

KEY = "holdout_tagdiv"
BASE = "https://congan.vidu-haimot.gov.vn"
SOURCE = "Công an tỉnh Ví Dụ Hai Mốt"
WP_VERSION = "6.5.5"
RECENT = 3  # the newest posts print "N giờ trước"
B64_THUMB = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAANoAAACWAQMAAACCSQSPAAAAA1BMVEWurq51dlI4AAAAAXRSTlMmkutdmwAAABpJREFUWMPtwQENAAAAwqD3T20PBxQAAL4NCtYAAT0vV2IAAAAASUVORK5CYII="


@functools.cache
def snapshot() -> datetime:
    return max(moments_of(SPEC)) + timedelta(hours=6, minutes=40)


def _date(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    if i >= SPEC.per_category * len(SPEC.categories) - RECENT:
        return relative_vi(snapshot() - m), True
    return m.strftime("%d/%m/%Y"), True  # the time is in the datetime attribute


TRAFFIC = Category("An toàn giao thông", "an-toan-giao-thong", 3, ("traffic", "patrol", "fire"))
CRIME = Category("Phòng chống tội phạm", "phong-chong-toi-pham", 5, ("crime", "fraud", "drugs"))
TEMPLATE = {3: 1201, 5: 1207}  # the Cloud template of each category's posts
SPEC = Spec(
    key=KEY,
    base=BASE,
    source=SOURCE,
    seed=21602,
    categories=(TRAFFIC, CRIME),
    path_for=lambda cat, slug, n, m: f"/{slug}/",
    dates=_date,
    credit_forms=with_forms(credit_forms(16), {11: "theo", 15: "theo"}),
    first_day=datetime(2024, 1, 8).date(),
    last_day=datetime(2025, 10, 2).date(),
    id_base=8100,
    ids_per_day=4.2,
    nfd=2,
    no_views=1,
    leads=3,
    tags=True,
    accounts=("bientap", "Ban Biên tập", "phongvien_ha"),
)
SPECS = {KEY: SPEC}


def listing_path(cat: Category, page: int) -> str:
    return f"/category/{cat.slug}/" + ("" if page == 1 else f"page/{page}/")


def _uploads(a: Article, name: str) -> str:
    return f"/wp-content/uploads/{a.published:%Y/%m}/{name}"


def _abs(src: str) -> str:
    return src if src.startswith("http") else BASE + src


def _sized(src: str, size: str) -> str:
    stem, ext = _abs(src).rsplit(".", 1)
    return f"{stem}-{size}.{ext}"


def _utc(m: datetime) -> str:
    return (m - timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _local(m: datetime) -> str:
    return m.strftime("%Y-%m-%dT%H:%M:%S+07:00")


def _svg(w: int, h: int) -> str:
    return f"data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%20{w}%20{h}'%3E%3C/svg%3E"


def _image(a: Article, im: Image) -> str:
    src = _abs(im.src)
    attach = a.native_id + 1 + stable_int(im.src) % 7
    alt = attr(a.shown(im.alt))
    srcset = f"{attr(src)} 800w, {attr(_sized(src, '300x200'))} 300w, {attr(_sized(src, '768x512'))} 768w"
    lazy = (
        f'<img decoding="async" width="800" height="533" src="{_svg(800, 533)}" alt="{alt}" class="wp-image-{attach}" '
        f'data-lazy-srcset="{srcset}" data-lazy-sizes="(max-width: 800px) 100vw, 800px" data-lazy-src="{attr(src)}" />'
        f'<noscript><img decoding="async" width="800" height="533" src="{attr(src)}" alt="{alt}" class="wp-image-{attach}" srcset="{srcset}" sizes="(max-width: 800px) 100vw, 800px" /></noscript>'
    )
    if stable_int(KEY, im.src) % 2 == 0:
        cap = (
            f'<figcaption class="wp-element-caption">{esc(a.shown(im.caption))}</figcaption>'
            if im.caption
            else ""
        )
        return f'<figure class="wp-block-image aligncenter size-full">{lazy}{cap}</figure>'
    if not im.caption:
        return f'<p style="text-align: center;">{lazy}</p>'
    return (
        f'<figure id="attachment_{attach}" aria-describedby="caption-attachment-{attach}" style="width: 800px" class="wp-caption aligncenter">{lazy}'
        f'<figcaption id="caption-attachment-{attach}" class="wp-caption-text">{esc(a.shown(im.caption))}</figcaption></figure>'
    )


class Site:
    def __init__(self) -> None:
        self.spec = SPEC
        articles = plan(SPEC)
        relocate(articles, BASE, _uploads)
        uncaption(articles, (3, 10))
        for a in articles:
            a.url = BASE + a.path  # Yoast's canonical: the permalink with its "/"
            if a.category == CRIME:  # that category's template has no views block
                a.view_count = None
            figures = [b for b in a.blocks if isinstance(b, Figure)]
            if figures and stable_int(KEY, "featured", a.native_id) % 3 != 0:
                a.lead_image = figures[0].image  # the featured image, above the text
                a.blocks = [b for b in a.blocks if b is not figures[0]]
        self.articles = articles
        self.by_id = {a.native_id: a for a in articles}

    # -- pieces --
    def block(self, name: str, uid: int, inner: str, extra: str = "") -> str:
        return (
            f'<div class="td_block_wrap {name} tdi_{uid} td-pb-border-top td_block_template_1{extra}" data-td-block-uid="tdi_{uid}">'
            f"<style>.tdi_{uid}{{margin-bottom:{uid % 5 * 4}px!important}}</style>"
            f'<div class="tdb-block-inner td-fix-index">{inner}</div></div>'
        )

    def module_date(self, a: Article) -> str:
        return f'<span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{_utc(a.published)}" >{a.published:%d/%m/%Y}</time></span>'

    def thumb(self, a: Article, size: str, css: bool) -> str:
        images = a.images()
        if not images:
            src = f"{BASE}/wp-content/themes/Newspaper/images/no-thumb/td_{size}.png"
        else:
            src = _sized(images[0].src, size)
        title = attr(a.shown(a.title))
        w, h = size.split("x")
        img = (
            f'<span class="entry-thumb td-thumb-css" data-type="css_image" data-img-url="{attr(src)}" ></span>'
            if css
            else f'<img class="entry-thumb" src="{B64_THUMB}"alt="" title="{title}" data-type="image_tag" data-img-url="{attr(src)}" width="{w}" height="{h}" />'
        )
        return f'<div class="td-module-thumb"><a href="{attr(a.url)}" rel="bookmark" class="td-image-wrap " title="{title}" >{img}</a></div>'

    def module_title(self, a: Article) -> str:
        title = esc(a.shown(a.title))
        return f'<h3 class="entry-title td-module-title"><a href="{attr(a.url)}" rel="bookmark" title="{attr(a.shown(a.title))}">{title}</a></h3>'

    def module_6(self, a: Article) -> str:
        return (
            f'<div class="td_module_6 td_module_wrap td-animation-stack">{self.thumb(a, "100x70", False)}'
            f'<div class="item-details">{self.module_title(a)}<div class="td-module-meta-info">{self.module_date(a)}</div></div></div>'
        )

    def sidebar(self) -> str:
        latest = "".join(self.module_6(a) for a in newest(self.articles)[:4])
        popular = "".join(self.module_6(a) for a in most_viewed(self.articles, 4))
        return (
            f'<div class="td_block_wrap td_block_7 tdi_301 td-pb-border-top td_block_template_8 td-column-1" data-td-block-uid="tdi_301"><div class="td-block-title-wrap"><h4 class="td-block-title"><span class="td-pulldown-size">TIN MỚI</span></h4></div><div id="tdi_301" class="td_block_inner">{latest}</div></div>'
            f'<div class="td_block_wrap td_block_7 tdi_302 td-pb-border-top td_block_template_8 td-column-1" data-td-block-uid="tdi_302"><div class="td-block-title-wrap"><h4 class="td-block-title"><span class="td-pulldown-size">Tin xem nhiều</span></h4></div><div id="tdi_302" class="td_block_inner">{popular}</div></div>'
            '<div class="td_block_wrap td_block_social_counter tdi_303 td-pb-border-top td_block_template_8"><div class="td-block-title-wrap"><h4 class="td-block-title"><span>KẾT NỐI</span></h4></div><div class="td-social-list"><a href="https://www.facebook.com/conganvidu21" target="_blank" rel="nofollow">Fanpage Công an tỉnh</a></div></div>'
        )

    def layout(self, *, title: str, body_class: str, main: str, head: str) -> str:
        s = self.spec
        menu = "".join(
            f'<li id="menu-item-{40 + c.native_id}" class="menu-item menu-item-type-taxonomy menu-item-object-category td-menu-item td-normal-menu menu-item-{40 + c.native_id}"><a href="{attr(BASE + listing_path(c, 1))}">{esc(c.name)}</a></li>'
            for c in s.categories
        )
        return f"""<!doctype html >
<html lang="vi">
<head>
    <meta charset="UTF-8" />
    <title>{title}</title>
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <link rel="pingback" href="{BASE}/xmlrpc.php" />
    <meta name='robots' content='index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1' />
<link rel="icon" type="image/png" href="{BASE}/wp-content/uploads/2024/01/favicon.png">{head}
<link rel='stylesheet' id='td-theme-css' href='{BASE}/wp-content/themes/Newspaper/style.css?ver=12.6.5' type='text/css' media='all' />
<link rel='stylesheet' id='tdb_style_cloud_templates_front-css' href='{BASE}/wp-content/plugins/td-cloud-library/assets/css/tdb_main.css?ver=b33652f2535d2f3812f59e306e26300d' type='text/css' media='all' />
<script type="text/javascript" src="{BASE}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<link rel="https://api.w.org/" href="{BASE}/wp-json/" /><link rel="EditURI" type="application/rsd+xml" title="RSD" href="{BASE}/xmlrpc.php?rsd" />
<meta name="generator" content="WordPress {WP_VERSION}" />
<script>
    window.tdb_global_vars = {{"wpRestUrl":"{BASE}/wp-json/","permalinkStructure":"/%postname%/"}};
    window.tdb_p_autoload_vars = {{"isAjax":false,"isAdminBarShowing":false}};
</script>
<script type="text/javascript">var tdBlocksArray = []; var tds_general_modal_image = "yes"; var tdThemeName = "Newspaper";</script>
</head>

<body class="{body_class} td-standard-pack global-block-template-8 td-full-layout" itemscope="itemscope" itemtype="https://schema.org/WebPage">
<div class="td-scroll-up" data-style="style1"><i class="td-icon-menu-up"></i></div>
<div class="td-menu-background" style="visibility:hidden"></div>
<div id="td-mobile-nav" style="visibility:hidden"><div class="td-mobile-container"><div class="td-mobile-content"><ul class="td-mobile-main-menu"><li><a href="{BASE}/">Trang chủ</a></li>{menu}</ul></div></div></div>
<div id="td-outer-wrap" class="td-theme-wrap">
<div class="td-header-template-wrap" style="position: relative">
<div class="td-header-desktop-wrap "><div id="tdi_10" class="tdc-zone"><div class="tdc_zone tdi_11 wpb_row td-pb-row tdc-element-style">
<div class="tdb_header_logo"><a class="tdb-logo-a" href="{BASE}/"><img class="tdb-logo-img" src="{BASE}/wp-content/uploads/2024/01/logo-cong-an-vidu21.png" alt="{attr(s.source)}" title="" width="300" height="90" /><span class="tdb-logo-text-wrap"><span class="tdb-logo-text-title">CÔNG AN TỈNH VÍ DỤ HAI MỐT</span><span class="tdb-logo-text-tagline">Vì nước quên thân, vì dân phục vụ</span></span></a></div>
<div class="tdb_header_menu"><div id="tdi_12" class="td_block_inner td-fix-index"><ul id="menu-main-menu-1" class="tdb-block-menu tdb-menu tdb-menu-items-visible"><li class="menu-item menu-item-type-custom menu-item-object-custom menu-item-home tdb-cur-menu-item"><a href="{BASE}/"><div class="tdb-menu-item-text">Trang chủ</div></a></li>{menu}<li class="menu-item"><a href="{BASE}/lien-he/"><div class="tdb-menu-item-text">Liên hệ</div></a></li></ul></div></div>
</div></div></div>
</div>
{main}
<div class="td-footer-template-wrap" style="position: relative"><div class="td-footer-wrap "><div id="tdi_500" class="tdc-zone"><div class="tdc_zone tdi_501 wpb_row td-pb-row">
<div class="tdm_block td_block_wrap tdm_block_inline_text"><p class="tdm-descr">{esc(s.source)} - Trang thông tin điện tử. Địa chỉ: Số 2, đường Hùng Vương. Đường dây nóng: 0210.3846.113</p><p class="tdm-descr">© Bản quyền thuộc về Công an tỉnh Ví Dụ Hai Mốt. Ghi rõ nguồn khi trích dẫn thông tin từ trang này.</p></div>
</div></div></div></div>
</div>
<script type="text/javascript" src="{BASE}/wp-content/themes/Newspaper/js/tagdiv_theme.min.js?ver=12.6.5" id="td-site-min-js"></script>
<script>window.lazyLoadOptions = {{elements_selector: "img[data-lazy-src],.rocket-lazyload", data_src: "lazy-src", data_srcset: "lazy-srcset", data_sizes: "lazy-sizes"}};</script>
</body>
</html>
"""

    # -- single post (a Cloud template) --
    def article_page(self, a: Article) -> str:
        s = self.spec
        cat = a.category
        tpl = TEMPLATE[cat.native_id]
        account = a.account or "bientap"
        words = a.shown(a.title).split()
        crumb_title = " ".join(words[:13]) + ("..." if len(words) > 13 else "")
        crumbs = self.block(
            "tdb_breadcrumbs",
            72,
            f'<span><i class="td-icon-font tdb-home-icon td-icon-home"></i><a title="" class="tdb-entry-crumb" href="{BASE}/">Trang chủ</a></span>'
            f'<i class="tdb-bread-sep td-icon-right"></i><span><a title="Xem tất cả bài viết trong {attr(cat.name)}" class="tdb-entry-crumb" href="{attr(BASE + listing_path(cat, 1))}">{esc(cat.name)}</a></span>'
            f'<i class="tdb-bread-sep tdb-bred-no-url-last td-icon-right"></i><span class="tdb-bred-no-url-last">{esc(crumb_title)}</span>',
            " tdb-breadcrumbs",
        )
        cats = self.block(
            "tdb_single_categories",
            73,
            f'<a class="tdb-entry-category" href="{attr(BASE + listing_path(cat, 1))}"><span class="tdb-cat-bg"></span>{esc(cat.name)}</a>',
            " tdb-category",
        )
        title = (
            f'<div class="td_block_wrap tdb_title tdi_74 tdb-single-title td-pb-border-top td_block_template_1" data-td-block-uid="tdi_74">'
            f'<div class="tdb-block-inner td-fix-index"><h1 class="tdb-title-text">{esc(a.shown(a.title))}</h1><div></div><div class="tdb-title-line"></div></div></div>'
        )
        subtitle = (
            self.block(
                "tdb_single_subtitle", 75, f'<p class="tdb-sub-title">{esc(a.shown(a.lead))}</p>'
            )
            if a.lead
            else ""
        )
        author = self.block(
            "tdb_single_author",
            76,
            f'<div class="tdb-author-name-wrap"><span class="tdb-author-by">Bởi</span> <a class="tdb-author-name" href="{BASE}/author/{slugify(account) or "admin"}/">{esc(account)}</a></div>',
            " tdb-post-meta",
        )
        date = self.block(
            "tdb_single_date",
            77,
            f'<time class="entry-date updated td-module-date" datetime="{_local(a.published)}" >{esc(a.published_text)}</time>',
            " tdb-post-meta",
        )
        views = ""
        if tpl == TEMPLATE[TRAFFIC.native_id] and a.view_count is not None:
            views = self.block(
                "tdb_single_post_views",
                78,
                f'<i class="td-icon-font td-icon-views"></i><span>{dotted(a.view_count)}</span><span class="tdb-add-text">lượt xem</span>',
                " tdb-post-meta",
            )
        elif tpl == TEMPLATE[TRAFFIC.native_id]:  # the plugin has no row yet: nothing printed
            views = self.block(
                "tdb_single_post_views",
                78,
                '<i class="td-icon-font td-icon-views"></i>',
                " tdb-post-meta",
            )
        featured = ""
        if a.lead_image is not None:
            im = a.lead_image
            src = _abs(im.src)
            cap = (
                f'<figcaption class="tdb-caption-text">{esc(a.shown(im.caption))}</figcaption>'
                if im.caption
                else ""
            )
            featured = self.block(
                "tdb_single_featured_image",
                79,
                f'<figure><a href="{attr(src)}" data-caption="{attr(a.shown(im.caption or ""))}"><img fetchpriority="high" width="800" height="533" class="entry-thumb td-modal-image" src="{attr(src)}" '
                f'srcset="{attr(src)} 800w, {attr(_sized(src, "300x200"))} 300w, {attr(_sized(src, "696x464"))} 696w" sizes="(max-width: 800px) 100vw, 800px" alt="{attr(a.shown(im.alt))}" title="{attr(a.shown(a.title))}"/></a>{cap}</figure>',
                " tdb-content-horiz-left",
            )
        content = (
            f'<div class="td_block_wrap tdb_single_content tdi_80 td-pb-border-top td_block_template_1 td-post-content tagdiv-type" data-td-block-uid="tdi_80">'
            f"<style>.tdi_80 .wp-caption-text{{margin:6px 0 0}}</style>"
            f'<div class="tdb-block-inner td-fix-index">{body_html(a, _image)}</div></div>'
        )
        fb, zalo = share_links(a.url)
        share = self.block(
            "tdb_single_post_share",
            81,
            '<div class="td-post-sharing-visible">'
            f'<a class="td-social-sharing-button td-social-sharing-button-js td-social-network td-social-facebook" href="{attr(fb)}" title="Facebook"><div class="td-social-but-icon"><i class="td-icon-facebook"></i></div><div class="td-social-but-text">Facebook</div></a>'
            f'<a class="td-social-sharing-button td-social-sharing-button-js td-social-network td-social-zalo" href="{attr(zalo)}" title="Zalo"><div class="td-social-but-icon"><i class="td-icon-zalo"></i></div><div class="td-social-but-text">Zalo</div></a>'
            '<a class="td-social-sharing-button td-social-sharing-button-js td-social-network td-social-print" href="#" title="In"><div class="td-social-but-icon"><i class="td-icon-print"></i></div><div class="td-social-but-text">In</div></a></div>',
        )
        tags = ""
        if a.tags:
            lis = "".join(
                f'<li><a href="{BASE}/tag/{slugify(t)}/">{esc(t)}</a></li>' for t in a.tags
            )
            tags = self.block(
                "tdb_single_tags",
                82,
                f'<ul class="tdb-tags"><li><span>TỪ KHÓA</span></li>{lis}</ul>',
            )
        same = newest_first([x for x in self.articles if x.category == cat])
        i = same.index(a)
        nav = ""
        if i + 1 < len(same):
            p = same[i + 1]
            nav += f'<div class="tdb-next-post tdb-next-post-bg tdb-post-prev"><span>Bài trước</span><a href="{attr(p.url)}">{esc(p.shown(p.title))}</a></div>'
        if i > 0:
            n = same[i - 1]
            nav += f'<div class="tdb-next-post tdb-next-post-bg tdb-post-next"><span>Bài tiếp theo</span><a href="{attr(n.url)}">{esc(n.shown(n.title))}</a></div>'
        nav = self.block("tdb_single_next_prev", 83, nav)
        related = ""
        items = [self.by_id[k] for _, ids in a.related for k in ids]
        if items:
            mods = "".join(
                f'<div class="tdb_module_related td_module_wrap td-animation-stack"><div class="td-module-container td-category-pos-"><div class="td-image-container">{self.thumb(r, "218x150", True)}</div>'
                f'<div class="td-module-meta-info">{self.module_title(r)}</div></div></div>'
                for r in items
            )
            related = (
                f'<div class="td_block_wrap tdb_single_related tdi_84 td_with_ajax_pagination td-pb-border-top td_block_template_8 tdb-single-related-posts" data-td-block-uid="tdi_84">'
                f'<div class="td-block-title-wrap"><h4 class="td-block-title"><span>BÀI VIẾT LIÊN QUAN</span></h4></div>'
                f'<div id="tdi_84" class="td_block_inner tdb-block-inner td-fix-index">{mods}</div></div>'
            )
        main = f"""<div id="tdb-autoload-article" data-autoload="off" data-autoload-org-post-id="{a.native_id}" data-autoload-type="" >
<div class="td-main-content-wrap td-container-wrap">
    <div class="tdc-content-wrap">
        <article id="template-{tpl}" class="post-{tpl} tdb_templates type-tdb_templates status-publish post" itemscope itemtype="https://schema.org/Article">
            <div id="tdi_60" class="tdc-zone"><div class="tdc_zone tdi_61  wpb_row td-pb-row">
<div id="tdi_62" class="tdc-row stretch_row_1200 td-stretch-content"><div class="vc_row tdi_63  wpb_row td-pb-row"><div class="vc_column tdi_65  wpb_column vc_column_container tdc-column td-pb-span12"><div class="wpb_wrapper">{crumbs}{cats}{title}{subtitle}<div class="vc_row_inner tdi_67  vc_row vc_inner wpb_row td-pb-row"><div class="vc_column_inner"><div class="wpb_wrapper">{author}{date}{views}</div></div></div></div></div></div></div>
<div id="tdi_68" class="tdc-row stretch_row_1200 td-stretch-content"><div class="vc_row tdi_69  wpb_row td-pb-row">
<div class="vc_column tdi_70  wpb_column vc_column_container tdc-column td-pb-span8"><div class="wpb_wrapper">{featured}{content}{share}{tags}{nav}{related}</div></div>
<div class="vc_column tdi_71  wpb_column vc_column_container tdc-column td-pb-span4 td-is-sticky"><div class="wpb_wrapper">{self.sidebar()}</div></div>
</div></div>
            </div></div>
        </article>
    </div>
</div>
</div>"""
        images = a.images()
        schema = {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "Article",
                    "@id": f"{a.url}#article",
                    "isPartOf": {"@id": a.url},
                    "author": {
                        "name": account,
                        "@id": f"{BASE}/#/schema/person/{stable_int(account):x}",
                    },
                    "headline": a.shown(a.title),
                    "datePublished": _utc(a.published),
                    "dateModified": _utc(
                        a.published + timedelta(hours=2, minutes=a.native_id % 50)
                    ),
                    "mainEntityOfPage": {"@id": a.url},
                    "publisher": {"@id": f"{BASE}/#organization"},
                    "articleSection": [cat.name],
                    "inLanguage": "vi",
                },
                {
                    "@type": "BreadcrumbList",
                    "@id": f"{a.url}#breadcrumb",
                    "itemListElement": [
                        {
                            "@type": "ListItem",
                            "position": 1,
                            "name": "Trang chủ",
                            "item": f"{BASE}/",
                        },
                        {"@type": "ListItem", "position": 2, "name": a.shown(a.title)},
                    ],
                },
                {
                    "@type": "Organization",
                    "@id": f"{BASE}/#organization",
                    "name": s.source,
                    "url": f"{BASE}/",
                },
            ],
        }
        head = (
            "\n<!-- This site is optimized with the Yoast SEO plugin v22.9 - https://yoast.com/wordpress/plugins/seo/ -->"
            f'\n<meta name="description" content="{attr(a.shown(a.brief))}" />'
            f'\n<link rel="canonical" href="{attr(a.url)}" />'
            '\n<meta property="og:locale" content="vi_VN" />\n<meta property="og:type" content="article" />'
            f'\n<meta property="og:title" content="{attr(a.shown(a.title))}" />'
            f'\n<meta property="og:url" content="{attr(a.url)}" />'
            f'\n<meta property="og:site_name" content="{attr(s.source)}" />'
            f'\n<meta property="article:published_time" content="{_utc(a.published)}" />'
            + (
                f'\n<meta property="og:image" content="{attr(_abs(images[0].src))}" />'
                if images
                else ""
            )
            + f'\n<meta name="author" content="{attr(account)}" />'
            '\n<meta name="twitter:card" content="summary_large_image" />'
            f'\n<meta name="twitter:label1" content="Được viết bởi" />\n<meta name="twitter:data1" content="{attr(account)}" />'
            f'\n<script type="application/ld+json" class="yoast-schema-graph">{json.dumps(schema, ensure_ascii=False)}</script>'
            "\n<!-- / Yoast SEO plugin. -->"
            f'\n<link rel="alternate" type="application/json" href="{BASE}/wp-json/wp/v2/posts/{a.native_id}" />'
            f"\n<link rel='shortlink' href='{BASE}/?p={a.native_id}' />"
        )
        body_class = f"post-template-default single single-post postid-{a.native_id} single-format-standard tdb_template_{tpl} tdb-template"
        return self.layout(
            title=f"{esc(a.shown(a.title))} - {esc(s.source)}",
            body_class=body_class,
            main=main,
            head=head,
        )

    # -- category archive (the theme's category template) --
    def page_nav(self, cat: Category, page: int, pages: int) -> str:
        def href(p: int) -> str:
            return attr(BASE + listing_path(cat, p))

        out = []
        if page > 1:
            out.append(
                f'<a href="{href(page - 1)}" aria-label="prev-page" ><i class="td-icon-menu-left"></i></a>'
            )
        out.extend(
            f'<span class="current">{p}</span>'
            if p == page
            else f'<a href="{href(p)}" class="page" title="{p}">{p}</a>'
            for p in range(1, pages + 1)
        )
        if page < pages:
            out.append(
                f'<a href="{href(page + 1)}" aria-label="next-page" ><i class="td-icon-menu-right"></i></a>'
            )
        out.append(f'<span class="pages">Trang {page} trên {pages}</span>')
        return f'<div class="page-nav td-pb-padding-side">{"".join(out)}<div class="clearfix"></div></div>'

    def module_10(self, a: Article) -> str:
        account = a.account or "bientap"
        return (
            f'<div class="td_module_10 td_module_wrap td-animation-stack">{self.thumb(a, "218x150", False)}'
            f'<div class="item-details">{self.module_title(a)}'
            f'<div class="td-module-meta-info"><span class="td-post-author-name"><a href="{BASE}/author/{slugify(account) or "admin"}/">{esc(account)}</a> <span>-</span> </span>{self.module_date(a)}'
            f'<span class="td-module-comments"><a href="{attr(a.url)}#respond">0</a></span></div>'
            f'<div class="td-excerpt">{esc(a.shown(a.brief))}</div></div></div>'
        )

    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        rows = "\n".join(self.module_10(a) for a in items)
        main = f"""<div class="td-main-content-wrap td-container-wrap">
<div class="td-container">
<div class="td-crumb-container"><div class="entry-crumbs"><span><a title="" class="entry-crumb" href="{BASE}/">Trang chủ</a></span> <i class="td-icon-right td-bread-sep td-bred-no-url-last"></i> <span class="td-bred-no-url-last">{esc(cat.name)}</span></div></div>
<div class="td-pb-row">
<div class="td-pb-span8 td-main-content"><div class="td-ss-main-content">
<div class="td-page-header"><h1 class="entry-title td-page-title"><span>{esc(cat.name)}</span></h1></div>
{rows}
{self.page_nav(cat, page, pages)}
</div></div>
<div class="td-pb-span4 td-main-sidebar"><div class="td-ss-main-sidebar">{self.sidebar()}</div></div>
</div>
</div>
</div>"""
        canonical = BASE + listing_path(cat, page)
        head = (
            f'\n<link rel="canonical" href="{attr(canonical)}" />'
            + (
                f'\n<link rel="prev" href="{attr(BASE + listing_path(cat, page - 1))}" />'
                if page > 1
                else ""
            )
            + (
                f'\n<link rel="next" href="{attr(BASE + listing_path(cat, page + 1))}" />'
                if page < pages
                else ""
            )
            + f'\n<link rel="alternate" type="application/rss+xml" title="{attr(self.spec.source)} &raquo; {attr(cat.name)} Chuyên mục Nguồn cấp" href="{BASE}/category/{cat.slug}/feed/" />'
        )
        paged = f" paged paged-{page} category-paged-{page}" if page > 1 else ""
        suffix = f" - Trang {page} trên {pages}" if page > 1 else ""
        return self.layout(
            title=f"{esc(cat.name)} Archives{suffix} - {esc(self.spec.source)}",
            body_class=f"archive category category-{cat.slug} category-{cat.native_id}{paged} td-animation-stack-type0",
            main=main,
            head=head,
        )

    def home_page(self) -> str:
        blocks = []
        for cat in self.spec.categories:
            items = newest([a for a in self.articles if a.category == cat])[:4]
            mods = "".join(self.module_10(a) for a in items)
            blocks.append(
                f'<div class="td_block_wrap td_block_4 td-pb-border-top td_block_template_8"><div class="td-block-title-wrap"><h4 class="td-block-title"><a href="{attr(BASE + listing_path(cat, 1))}" class="td-pulldown-size">{esc(cat.name)}</a></h4></div><div class="td_block_inner">{mods}</div></div>'
            )
        main = f'<div class="td-main-content-wrap td-container-wrap"><div class="td-container"><div class="td-pb-row"><div class="td-pb-span8 td-main-content">{"".join(blocks)}</div><div class="td-pb-span4 td-main-sidebar">{self.sidebar()}</div></div></div></div>'
        head = f'\n<link rel="canonical" href="{BASE}/" />'
        return self.layout(
            title=esc(self.spec.source),
            body_class="home page-template-default page",
            main=main,
            head=head,
        )

    def not_found(self) -> str:
        main = '<div class="td-main-content-wrap td-container-wrap"><div class="td-container"><div class="td-404-title">Ooops... Lỗi 404</div><div class="td-404-sub-title">Xin lỗi, trang bạn tìm kiếm không tồn tại.</div><div class="td-404-sub-sub-title">Có thể bạn quan tâm các bài viết mới nhất ở trang chủ.</div></div></div>'
        return self.layout(
            title=f"Không tìm thấy trang - {esc(self.spec.source)}",
            body_class="error404",
            main=main,
            head="",
        )


@functools.cache
def _site() -> Site:
    return Site()


def not_found_page(key: str = KEY) -> Page:
    return html_page(_site().not_found(), status=404)


def build(key: str = KEY) -> Replica:
    site = _site()

    def variants(a: Article) -> dict[str, Page]:  # shortlinks redirect to the permalink
        return {f"/?p={a.native_id}": redirect(a.path)}

    replica = assemble_replica(
        key=KEY,
        base=BASE,
        source=SOURCE,
        site=site,
        categories=SPEC.categories,
        per_page=SPEC.per_page,
        listing_path=listing_path,
        static_files={"/wp-content/themes/Newspaper/style.css": ("/* Newspaper */\n", "text/css")},
        variants=variants,
    )
    pages = replica.pages
    for cat in SPEC.categories:  # redirect_canonical: /page/1/ is the category itself
        pages[listing_path(cat, 1) + "page/1/"] = redirect(listing_path(cat, 1))
    for path, page in list(pages.items()):
        if page.content_type.startswith("text/html") and page.status == 200:
            pages[path] = replace(page, content_type="text/html; charset=UTF-8")
    return finish_truth(replica, site.articles, id_for=lambda a: None)
