"""``unseen_wp``: a WordPress site with a custom theme that has no ``.entry-content``
(held-out layout).

SEEN (research notes on real Vietnamese police portals): many government and news themes
have no ``.entry-content`` (real pages use ``article-content``, ``entry``, ``post-body``,
``single-post-content``, ``elementor-widget-container``, ``td-post-content``); pretty
permalinks end with ``/`` and rel=canonical keeps the ``/``; view counters
"Số lần xem: 169" or "169 lượt xem"; sometimes a credit is followed by a share line.

SEEN in WordPress's public source (read, not copied): ``wp-includes/link-template.php`` of
WordPress/WordPress (``rel_canonical`` prints ``<link rel="canonical" href="..." />`` with the
permalink; ``wp_shortlink_wp_head`` prints ``<link rel='shortlink' href='{home}/?p={ID}' />``;
the ``?p=`` link redirects to the permalink); ``wp-includes/post-template.php``
(``get_body_class``: ``single single-post postid-{ID} single-format-standard``; ``post_class``:
``post-{ID} post type-post status-publish format-standard hentry category-{slug}``);
``wp-includes/general-template.php`` (``paginate_links``: ``span.page-numbers.current`` with
``aria-current="page"``, ``a.page-numbers``, ``a.prev.page-numbers``, ``a.next.page-numbers``;
``/page/N/`` links); ``_navigation_markup`` (``nav.navigation.pagination`` / ``post-navigation``
with ``h2.screen-reader-text`` and ``div.nav-links``); WordPress/twentytwentyone
``template-parts/content/content-single.php`` and ``inc/template-tags.php`` (``article#post-{ID}``
wrapping the single post, ``time.entry-date`` with a ``datetime``). Core block and caption
markup (``figure.wp-block-image`` + ``figcaption.wp-element-caption``; the HTML5 caption
shortcode ``figure.wp-caption`` + ``figcaption.wp-caption-text``; ``srcset`` images).

ASSUMED: the theme (``single-post-container``, ``single-post-title``, ``single-post-meta``,
``single-post-excerpt``, ``single-post-content``, ``post-item`` listings, widgets), the
``/{yyyy}/{mm}/{dd}/{slug}/`` permalink structure with a ``chuyen-muc`` category base, the
REST API switched off (``/wp-json/`` is not served: 404), a view-counter plugin, an
AddToAny-style share block appended to the content, the posting accounts, the date format
"Thứ Năm, 09/10/2025, 17:55", the domain and all text.
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import functools
import random
from datetime import datetime

from .assemble import assemble_replica, newest_first
from .kit import Spec, credit_forms, plan
from .markup import attr, esc, html_page, share_links
from .model import Article, Category, Image, Page, Replica, dotted
from .text import slugify
from .unseen_kit import VI_WEEKDAYS_CAP, body_html, patch_truth, relocate

KEY = "unseen_wp"
BASE = "https://congan.vidu-muoibon.gov.vn"
SOURCE = "Công an tỉnh Ví Dụ Mười Bốn"
WP_VERSION = "6.4.3"


def _date(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    return f"{VI_WEEKDAYS_CAP[m.weekday()]}, {m:%d/%m/%Y}, {m:%H:%M}", True


SPEC = Spec(
    key=KEY,
    base=BASE,
    source=SOURCE,
    seed=9814,
    categories=(
        Category("Tin hoạt động", "tin-hoat-dong", 3, ("force", "youth", "admin")),
        Category("Phòng chống tội phạm", "phong-chong-toi-pham", 4, ("crime", "drugs", "traffic")),
    ),
    path_for=lambda cat, slug, n, m: f"/{m:%Y/%m/%d}/{slug}/",
    dates=_date,
    credit_forms=credit_forms(16),
    id_base=3400,
    ids_per_day=2.5,
    nfd=3,
    no_views=2,
    leads=3,
    tags=True,
    accounts=("bientap", "admin", "Quản trị viên"),
)
SPECS = {KEY: SPEC}


def listing_path(cat: Category, page: int) -> str:
    return f"/chuyen-muc/{cat.slug}/" + ("" if page == 1 else f"page/{page}/")


def _uploads(a: Article, name: str) -> str:
    return f"/wp-content/uploads/{a.published:%Y/%m}/{name}"


def _abs(src: str) -> str:
    return src if src.startswith("http") else BASE + src


def _image(a: Article, im: Image) -> str:
    src = _abs(im.src)
    stem, ext = src.rsplit(".", 1)
    attach = a.native_id + 1 + sum(1 for b in a.images() if b.src < im.src)
    alt = attr(a.shown(im.alt))
    srcset = f"{attr(src)} 1024w, {attr(stem)}-300x200.{ext} 300w, {attr(stem)}-768x512.{ext} 768w"
    # Editors' src is the real file; it is printed absolute either way.
    if attach % 2 == 0:
        cap = (
            f'<figcaption class="wp-element-caption">{esc(a.shown(im.caption))}</figcaption>'
            if im.caption
            else ""
        )
        return (
            f'<figure class="wp-block-image size-large"><img decoding="async" loading="lazy" width="1024" height="683" src="{attr(src)}" alt="{alt}" class="wp-image-{attach}" '
            f'srcset="{srcset}" sizes="(max-width: 1024px) 100vw, 1024px" />{cap}</figure>'
        )
    if not im.caption:
        return f'<p><img decoding="async" loading="lazy" class="aligncenter size-full wp-image-{attach}" src="{attr(src)}" alt="{alt}" width="800" height="533" /></p>'
    return (
        f'<figure id="attachment_{attach}" aria-describedby="caption-attachment-{attach}" style="width: 800px" class="wp-caption aligncenter">'
        f'<img decoding="async" loading="lazy" class="size-full wp-image-{attach}" src="{attr(src)}" alt="{alt}" width="800" height="533" srcset="{srcset}" sizes="(max-width: 800px) 100vw, 800px" />'
        f'<figcaption id="caption-attachment-{attach}" class="wp-caption-text">{esc(a.shown(im.caption))}</figcaption></figure>'
    )


def _credit(a: Article) -> str:
    assert a.credit is not None
    out = f'<p class="has-text-align-right"><strong>{esc(a.shown(a.credit.byline))}</strong></p>'
    if a.native_id % 3 == 0:  # the share plugin appends its block right after the text
        fb, zalo = share_links(BASE + a.path)
        out += (
            '\n<div class="addtoany_share_save_container addtoany_content addtoany_content_bottom"><div class="addtoany_header">Chia sẻ:</div>'
            f'<div class="a2a_kit a2a_kit_size_24 addtoany_list"><a class="a2a_button_facebook" href="{attr(fb)}" title="Facebook" rel="nofollow noopener" target="_blank">Facebook</a> | '
            f'<a class="a2a_button_zalo" href="{attr(zalo)}" title="Zalo" rel="nofollow noopener" target="_blank">Zalo</a></div></div>'
        )
    return out


class Site:
    def __init__(self) -> None:
        self.spec = SPEC
        self.articles = plan(SPEC)
        relocate(self.articles, BASE, _uploads)
        self.by_id = {a.native_id: a for a in self.articles}

    def views(self, a: Article, cls: str) -> str:
        if a.view_count is None:
            return ""
        if a.native_id % 2:
            return f'<span class="{cls}">Số lần xem: {dotted(a.view_count)}</span>'
        return f'<span class="{cls}">{dotted(a.view_count)} lượt xem</span>'

    def post_class(self, a: Article) -> str:
        thumb = " has-post-thumbnail" if a.images() else ""
        tags = "".join(f" tag-{slugify(t)}" for t in a.tags)
        return f"post-{a.native_id} post type-post status-publish format-standard{thumb} hentry category-{a.category.slug}{tags}"

    def layout(self, *, title: str, body_class: str, main: str, head: str) -> str:
        s = self.spec
        menu = "".join(
            f'<li id="menu-item-{20 + c.native_id}" class="menu-item menu-item-type-taxonomy menu-item-object-category menu-item-{20 + c.native_id}"><a href="{attr(BASE + listing_path(c, 1))}">{esc(c.name)}</a></li>'
            for c in s.categories
        )
        latest = "".join(
            f'<li><a href="{attr(BASE + a.path)}">{esc(a.shown(a.title))}</a><span class="post-date">{a.published:%d/%m/%Y}</span></li>'
            for a in newest_first(self.articles)[:5]
        )
        popular = "".join(
            f'<li><a href="{attr(BASE + a.path)}" title="{attr(a.shown(a.title))}">{esc(a.shown(a.title))}</a> - {dotted(a.view_count)} lượt xem</li>'
            for a in sorted(self.articles, key=lambda a: (-(a.view_count or 0), -a.native_id))[:5]
            if a.view_count is not None
        )
        return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="profile" href="https://gmpg.org/xfn/11">
<title>{title}</title>
<meta name='robots' content='max-image-preview:large' />
<link rel="alternate" type="application/rss+xml" title="{attr(s.source)} &raquo; Dòng thông tin" href="{BASE}/feed/" />
<link rel='stylesheet' id='wp-block-library-css' href='{BASE}/wp-includes/css/dist/block-library/style.min.css?ver={WP_VERSION}' media='all' />
<link rel='stylesheet' id='congan-vidu-style-css' href='{BASE}/wp-content/themes/congan-vidu/style.css?ver=1.2.0' media='all' />
<script src="{BASE}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<link rel="EditURI" type="application/rsd+xml" title="RSD" href="{BASE}/xmlrpc.php?rsd" />
<meta name="generator" content="WordPress {WP_VERSION}" />{head}
</head>
<body class="{body_class}">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">Chuyển đến nội dung</a>
<header id="masthead" class="site-header">
<div class="top-bar"><div class="container"><span class="hotline">Đường dây nóng: 0212.3852.113</span></div></div>
<div class="container"><div class="site-branding"><a href="{BASE}/" class="custom-logo-link" rel="home"><img width="120" height="120" src="{BASE}/wp-content/uploads/2023/01/logo-cong-an.png" class="custom-logo" alt="{attr(s.source)}" decoding="async" /></a>
<p class="site-title"><a href="{BASE}/" rel="home">{esc(s.source)}</a></p><p class="site-description">Trang thông tin điện tử</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li id="menu-item-20" class="menu-item menu-item-type-custom menu-item-object-custom menu-item-home menu-item-20"><a href="{BASE}/">Trang chủ</a></li>{menu}</ul></nav></div>
</header>
<div id="content" class="site-content"><div class="container"><div class="row">
<main id="primary" class="site-main col-md-8">
{main}
</main>
<aside id="secondary" class="widget-area col-md-4">
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Tin mới nhất</h2><ul>{latest}</ul></section>
<section id="views-2" class="widget widget_views"><h2 class="widget-title">Tin xem nhiều</h2><ul>{popular}</ul></section>
</aside>
</div></div></div>
<footer id="colophon" class="site-footer"><div class="container"><div class="site-info"><p>{esc(s.source)}</p><p>Địa chỉ: Số 5 đường Chu Văn An · Email: congan@vidu-muoibon.gov.vn</p><p>Ghi rõ nguồn khi phát hành lại thông tin từ trang này.</p></div></div></footer>
</div>
<script src="{BASE}/wp-content/themes/congan-vidu/js/navigation.js?ver=1.2.0" id="congan-vidu-navigation-js"></script>
</body>
</html>
"""

    # -- single post --
    def article_page(self, a: Article) -> str:
        s = self.spec
        url = BASE + a.path
        cat_link = f'<a href="{attr(BASE + listing_path(a.category, 1))}" rel="category tag">{esc(a.category.name)}</a>'
        account = a.account or "admin"
        excerpt = (
            f'<div class="single-post-excerpt"><p>{esc(a.shown(a.lead))}</p></div>'
            if a.lead
            else ""
        )
        tags = ""
        if a.tags:
            links = ", ".join(
                f'<a href="{BASE}/tag/{slugify(t)}/" rel="tag">{esc(t)}</a>' for t in a.tags
            )
            tags = f'<div class="single-post-tags"><span class="tags-label">Từ khóa:</span> {links}</div>'
        related = ""
        items = [self.by_id[i] for _, ids in a.related for i in ids]
        if items:
            lis = "".join(
                f'<li><a href="{attr(BASE + r.path)}" rel="bookmark">{esc(r.shown(r.title))}</a> <span class="related-date">({r.published:%d/%m/%Y})</span></li>'
                for r in items
            )
            related = f'<div class="related-posts"><h3 class="related-posts-title">Tin liên quan</h3><ul>{lis}</ul></div>'
        same = [x for x in newest_first(self.articles) if x.category == a.category and x is not a][
            :4
        ]
        same_html = "".join(
            f'<li><a href="{attr(BASE + x.path)}">{esc(x.shown(x.title))}</a></li>' for x in same
        )
        ordered = newest_first(self.articles)
        i = ordered.index(a)
        nav = ""
        if i + 1 < len(ordered):
            p = ordered[i + 1]
            nav += f'<div class="nav-previous"><a href="{attr(BASE + p.path)}" rel="prev"><span class="nav-subtitle">Bài trước</span> <span class="nav-title">{esc(p.shown(p.title))}</span></a></div>'
        if i > 0:
            n = ordered[i - 1]
            nav += f'<div class="nav-next"><a href="{attr(BASE + n.path)}" rel="next"><span class="nav-subtitle">Bài tiếp</span> <span class="nav-title">{esc(n.shown(n.title))}</span></a></div>'
        iso = a.published.strftime("%Y-%m-%dT%H:%M:%S+07:00")
        main = f"""<article id="post-{a.native_id}" class="{self.post_class(a)}">
<div class="single-post-container">
<div class="single-post-cat">Chuyên mục: {cat_link}</div>
<h1 class="single-post-title">{esc(a.shown(a.title))}</h1>
<div class="single-post-meta"><span class="single-post-date"><time class="published" datetime="{iso}">{esc(a.published_text)}</time></span> <span class="single-post-author">Đăng bởi: <a href="{BASE}/author/{slugify(account) or "admin"}/">{esc(account)}</a></span> {self.views(a, "single-post-views")}</div>
{excerpt}
<div class="single-post-content">
{body_html(a, _image, credit=_credit)}
</div>
{tags}
</div>
</article>
{related}
<div class="same-category"><h3 class="same-category-title">Tin cùng chuyên mục</h3><ul>{same_html}</ul></div>
<nav class="navigation post-navigation" aria-label="Bài viết"><h2 class="screen-reader-text">Điều hướng bài viết</h2><div class="nav-links">{nav}</div></nav>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Gửi ý kiến</h3>
<form action="{BASE}/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes">Email của bạn sẽ không được hiển thị công khai.</p><p class="comment-form-comment"><textarea id="comment" name="comment" cols="45" rows="6"></textarea></p><p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Gửi" /><input type="hidden" name="comment_post_ID" value="{a.native_id}" id="comment_post_ID" /></p></form></div></div>"""
        images = a.images()
        head = (
            f'\n<link rel="canonical" href="{attr(url)}" />'
            f"\n<link rel='shortlink' href='{BASE}/?p={a.native_id}' />"
            f'\n<meta property="og:locale" content="vi_VN" />\n<meta property="og:type" content="article" />'
            f'\n<meta property="og:title" content="{attr(a.shown(a.title))}" />\n<meta property="og:url" content="{attr(url)}" />'
            f'\n<meta property="og:site_name" content="{attr(s.source)}" />'
            f'\n<meta property="article:published_time" content="{iso}" />'
        )
        if images:
            head += f'\n<meta property="og:image" content="{attr(_abs(images[0].src))}" />'
        body_class = (
            f"post-template-default single single-post postid-{a.native_id} single-format-standard"
        )
        return self.layout(
            title=f"{esc(a.shown(a.title))} &#8211; {esc(s.source)}",
            body_class=body_class,
            main=main,
            head=head,
        )

    # -- category archive --
    def pagination(self, cat: Category, page: int, pages: int) -> str:
        def href(p: int) -> str:
            return attr(BASE + listing_path(cat, p))

        links = []
        if page > 1:
            links.append(
                f'<a class="prev page-numbers" href="{href(page - 1)}">&laquo; Trang trước</a>'
            )
        links.extend(
            f'<span aria-current="page" class="page-numbers current">{p}</span>'
            if p == page
            else f'<a class="page-numbers" href="{href(p)}">{p}</a>'
            for p in range(1, pages + 1)
        )
        if page < pages:
            links.append(
                f'<a class="next page-numbers" href="{href(page + 1)}">Trang sau &raquo;</a>'
            )
        return (
            '<nav class="navigation pagination" aria-label="Phân trang bài viết"><h2 class="screen-reader-text">Phân trang bài viết</h2>'
            f'<div class="nav-links">{chr(10).join(links)}</div></nav>'
        )

    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        rows = []
        for a in items:
            images = a.images()
            thumb = ""
            if images:
                stem, ext = _abs(images[0].src).rsplit(".", 1)
                thumb = f'<a class="post-item-thumb" href="{attr(BASE + a.path)}" aria-hidden="true" tabindex="-1"><img width="300" height="200" src="{attr(stem)}-300x200.{ext}" class="attachment-medium size-medium wp-post-image" alt="" decoding="async" /></a>'
            rows.append(
                f'<article id="post-{a.native_id}" class="{self.post_class(a)}"><div class="post-item">{thumb}<div class="post-item-body">'
                f'<h2 class="post-item-title"><a href="{attr(BASE + a.path)}" rel="bookmark">{esc(a.shown(a.title))}</a></h2>'
                f'<div class="post-item-meta"><span class="post-item-date">{a.published:%d/%m/%Y}</span> {self.views(a, "post-item-views")}</div>'
                f'<div class="post-item-excerpt"><p>{esc(a.shown(a.brief))} [&hellip;]</p></div></div></div></article>'
            )
        main = f'<header class="page-header"><h1 class="page-title">Chuyên mục: <span>{esc(cat.name)}</span></h1></header>{"".join(rows)}{self.pagination(cat, page, pages)}'
        paged = f" paged paged-{page} category-paged-{page}" if page > 1 else ""
        head = f'\n<link rel="alternate" type="application/rss+xml" title="{attr(self.spec.source)} &raquo; {attr(cat.name)} Dòng thông tin của chuyên mục" href="{BASE}/chuyen-muc/{cat.slug}/feed/" />'
        suffix = f" &#8211; Trang {page}" if page > 1 else ""
        return self.layout(
            title=f"{esc(cat.name)}{suffix} &#8211; {esc(self.spec.source)}",
            body_class=f"archive category category-{cat.slug} category-{cat.native_id}{paged}",
            main=main,
            head=head,
        )

    def home_page(self) -> str:
        rows = "".join(
            f'<article id="post-{a.native_id}" class="{self.post_class(a)}"><h2 class="post-item-title"><a href="{attr(BASE + a.path)}" rel="bookmark">{esc(a.shown(a.title))}</a></h2><div class="post-item-excerpt"><p>{esc(a.shown(a.brief))}</p></div></article>'
            for a in newest_first(self.articles)[:6]
        )
        return self.layout(title=esc(self.spec.source), body_class="home blog", main=rows, head="")

    def not_found(self) -> str:
        main = '<section class="error-404 not-found"><header class="page-header"><h1 class="page-title">Không tìm thấy trang</h1></header><div class="page-content"><p>Trang bạn tìm không tồn tại. Hãy thử tìm kiếm.</p></div></section>'
        return self.layout(
            title=f"Không tìm thấy trang &#8211; {esc(self.spec.source)}",
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

    def variants(a: Article) -> dict[str, Page]:  # the shortlink redirects to the permalink
        return {
            f"/?p={a.native_id}": Page(
                body=b"",
                content_type="text/html; charset=UTF-8",
                status=301,
                headers=(("Location", a.path),),  # root-relative: never send a crawler off-site
            )
        }

    replica = assemble_replica(
        key=KEY,
        base=BASE,
        source=SOURCE,
        site=site,
        categories=SPEC.categories,
        per_page=SPEC.per_page,
        listing_path=listing_path,
        static_files={"/wp-content/themes/congan-vidu/style.css": ("/* theme */\n", "text/css")},
        variants=variants,
    )
    return patch_truth(
        replica, site.articles, lambda a: BASE + a.path, lambda a: f"{KEY}-{a.native_id}"
    )
