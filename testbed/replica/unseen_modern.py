"""``unseen_modern``: a modern custom news CMS rendered server-side by a JavaScript framework
(held-out layout).

SEEN (research notes on real Vietnamese police portals): pages that print only a relative or
partial date while JSON-LD ``NewsArticle`` carries ``datePublished`` with the time; a
"Xem thêm" link as the only pager (load-more style, a plain link to the next page); the lead
(sapo) beside the body container, not inside it; lazy images whose ``src`` is a
``data:image/gif;base64`` placeholder with the real URL in ``data-src`` / ``data-original``;
captions as ``figcaption`` or short centred lines under images; "N lượt xem" counters;
"Theo Thanh Niên" style source credits for some articles.

SEEN in public documentation: schema.org ``NewsArticle`` properties (``headline``,
``datePublished``, ``dateModified``, ``image``, ``author``, ``publisher``,
``mainEntityOfPage``, ``articleSection``) as Google's Article structured-data guide lists
them; the lazysizes/jQuery-lazyload conventions (``class="lazyload"``/``"lazy"``, ``data-src``,
``data-original``, a ``noscript`` fallback). See docs/cms/modern.md.

ASSUMED: the framework shell (``div#__next``, a ``__NEXT_DATA__`` script), every class name,
URLs (``/bai-viet/{slug}``, ``/chuyen-muc/{slug}?page=N``), the relative-time wording
("5 giờ trước", "3 ngày trước", "2 tháng trước") for the newest articles counted from the
snapshot time (a few hours after the newest article), the JSON-LD author being the
publishing organisation, the domain and all text.
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import functools
import hashlib
import json
import random
from datetime import datetime, timedelta

from .assemble import assemble_replica, newest_first
from .kit import Spec, credit_forms, plan
from .markup import attr, esc, html_page, share_links
from .model import Article, Category, Image, Page, Replica, dotted
from .text import slugify
from .unseen_kit import (
    LAZY_GIF,
    body_html,
    moments_of,
    patch_truth,
    relative_vi,
    relocate,
    uncaption,
    with_forms,
)

KEY = "unseen_modern"
BASE = "https://conganvidumuoiba.vn"
SOURCE = "Công an tỉnh Ví Dụ Mười Ba"
RECENT = 4  # the newest articles print a relative time


def _date(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    if i >= SPEC.per_category * len(SPEC.categories) - RECENT:
        return relative_vi(snapshot() - m), True
    return m.strftime("%d/%m/%Y"), True  # the time is only in the JSON-LD


SPEC = Spec(
    key=KEY,
    base=BASE,
    source=SOURCE,
    seed=9713,
    categories=(
        Category("Thời sự", "thoi-su", 0, ("force", "admin", "honours")),
        Category("An ninh - Trật tự", "an-ninh-trat-tu", 0, ("crime", "fraud", "drugs")),
    ),
    path_for=lambda cat, slug, n, m: f"/bai-viet/{slug}",
    dates=_date,
    credit_forms=with_forms(credit_forms(16), {10: "theo", 12: "theo", 14: "theo"}),
    id_base=40100,
    nfd=3,
    no_views=2,
    leads=9,
    tags=True,
)
SPECS = {KEY: SPEC}


@functools.cache
def snapshot() -> datetime:
    """When the replica was "crawled": a few hours after the newest article."""
    return max(moments_of(SPEC)) + timedelta(hours=5, minutes=20)


def listing_path(cat: Category, page: int) -> str:
    return f"/chuyen-muc/{cat.slug}" + ("" if page == 1 else f"?page={page}")


def _media(a: Article, name: str) -> str:
    return f"/media/news/{a.published:%Y/%m/%d}/{name}"


def _lazy_img(src: str, alt: str, style: int) -> str:
    if style == 0:
        return f'<img class="lazy" src="{LAZY_GIF}" data-src="{attr(src)}" alt="{alt}"/><noscript><img src="{attr(src)}" alt="{alt}"/></noscript>'
    return f'<img class="lazy" src="{LAZY_GIF}" data-original="{attr(src)}" alt="{alt}"/>'


def _image(a: Article, im: Image) -> str:
    style = int(hashlib.md5(im.src.encode(), usedforsecurity=False).hexdigest()[0], 16) % 2
    img = _lazy_img(im.src, attr(a.shown(im.alt)), style)
    if style == 0:
        cap = f"<figcaption>{esc(a.shown(im.caption))}</figcaption>" if im.caption else ""
        return f'<figure class="detail-figure">{img}{cap}</figure>'
    out = f'<div class="detail-photo">{img}</div>'
    if im.caption:
        out += f'\n<p class="photo-caption" style="text-align: center;"><em>{esc(a.shown(im.caption))}</em></p>'
    return out


def _credit(a: Article) -> str:
    assert a.credit is not None
    byline = esc(a.shown(a.credit.byline))
    if a.credit.byline.startswith("Theo "):
        return f'<p style="text-align: right;"><em>{byline}</em></p>'
    return f'<p class="detail-author" style="text-align: right;"><strong>{byline}</strong></p>'


class Site:
    def __init__(self) -> None:
        self.spec = SPEC
        self.articles = plan(SPEC)
        relocate(self.articles, BASE, _media)
        uncaption(self.articles)
        self.by_id = {a.native_id: a for a in self.articles}

    def card(self, a: Article, cls: str = "item-news") -> str:
        images = a.images()
        thumb = images[0].src if images else "/images/default-thumb.jpg"
        return (
            f'<article class="{cls}"><a class="thumb" href="{attr(a.path)}"><img class="lazy" src="{LAZY_GIF}" data-src="{attr(thumb)}" alt="{attr(a.shown(a.title))}"/></a>'
            f'<div class="info"><h3 class="title-news"><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a></h3>'
            f'<p class="sapo">{esc(a.shown(a.brief))}</p><div class="meta"><span class="time">{esc(a.published_text)}</span></div></div></article>'
        )

    def layout(
        self,
        *,
        title: str,
        canonical: str,
        main: str,
        head: str = "",
        data: dict | None = None,
        side: str = "",
    ) -> str:
        s = self.spec
        nav = "".join(
            f'<a class="nav-link" href="{attr(listing_path(c, 1))}">{esc(c.name)}</a>'
            for c in s.categories
        )
        latest = "".join(
            f'<li><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a><span class="time">{esc(a.published_text)}</span></li>'
            for a in newest_first(self.articles)[:5]
        )
        popular = "".join(
            f'<li><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a><span class="views">{dotted(a.view_count)} lượt xem</span></li>'
            for a in sorted(self.articles, key=lambda a: (-(a.view_count or 0), -a.native_id))[:5]
            if a.view_count is not None
        )
        next_data = json.dumps(
            {
                "props": {"pageProps": data or {}},
                "page": (data or {}).get("page", "/"),
                "buildId": "kq3V1xR7a",
                "isFallback": False,
                "gssp": True,
            },
            ensure_ascii=False,
        )
        return f"""<!DOCTYPE html><html lang="vi"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>{esc(title)}</title>
<link rel="canonical" href="{attr(canonical)}"/>
<meta property="og:site_name" content="{attr(s.source)}"/>
<meta property="og:url" content="{attr(canonical)}"/>{head}
<link rel="icon" href="/favicon.ico"/>
<link rel="preload" href="/_next/static/css/6f1c2a9e.css" as="style"/><link rel="stylesheet" href="/_next/static/css/6f1c2a9e.css" data-n-g=""/>
</head><body><div id="__next">
<header class="site-header"><div class="container header-inner"><a class="logo" href="/"><img src="/images/logo.svg" alt="{attr(s.source)}"/></a>
<nav class="main-nav"><a class="nav-link" href="/">Trang chủ</a>{nav}<a class="nav-link" href="/chuyen-muc/video">Video</a></nav>
<form class="search" action="/tim-kiem"><input type="text" name="q" placeholder="Tìm kiếm"/></form></div></header>
<main class="container page-main"><div class="row">
<div class="col-main">
{main}
</div>
<aside class="col-side"><div class="side-box"><h3 class="side-title">Tin mới nhất</h3><ul class="side-list">{latest}</ul></div>
<div class="side-box"><h3 class="side-title">Xem nhiều</h3><ol class="side-list">{popular}</ol></div>{side}</aside>
</div></main>
<footer class="site-footer"><div class="container"><p>{esc(s.source)}</p><p>Đường dây nóng: 0272.3826.113 · Email: congan@vidumuoiba.vn</p><p>© 2025 Bản quyền thuộc {esc(s.source)}</p></div></footer>
</div>
<script id="__NEXT_DATA__" type="application/json">{next_data}</script>
<script src="/_next/static/chunks/main-3b8a.js" defer=""></script>
</body></html>
"""

    # -- article --
    def article_page(self, a: Article) -> str:
        s = self.spec
        views = (
            f'<span class="detail-views"><svg class="icon" aria-hidden="true"><use href="#eye"></use></svg> {dotted(a.view_count)} lượt xem</span>'
            if a.view_count is not None
            else ""
        )
        sapo = f'<h2 class="detail-sapo">{esc(a.shown(a.lead))}</h2>' if a.lead else ""
        tags = ""
        if a.tags:
            tags = (
                '<div class="detail-tags"><span>Từ khóa:</span>'
                + "".join(f'<a href="/tu-khoa/{slugify(t)}">#{esc(t)}</a>' for t in a.tags)
                + "</div>"
            )
        fb, zalo = share_links(s.base + a.path)
        related = ""
        items = [self.by_id[i] for _, ids in a.related for i in ids]
        if items:
            related = f'<section class="box-related"><h3 class="box-title">Tin liên quan</h3><div class="related-list">{"".join(self.card(r, "item-related") for r in items)}</div></section>'
        main = f"""<nav class="breadcrumb"><a href="/">Trang chủ</a><span class="sep">›</span><a href="{attr(listing_path(a.category, 1))}">{esc(a.category.name)}</a></nav>
<article class="detail">
<h1 class="detail-title">{esc(a.shown(a.title))}</h1>
<div class="detail-meta"><span class="detail-time">{esc(a.published_text)}</span>{views}</div>
{sapo}
<div class="detail-content">
{body_html(a, _image, credit=_credit)}
</div>
{tags}
<div class="detail-share"><a class="share-fb" href="{attr(fb)}" target="_blank" rel="noopener">Facebook</a><a class="share-zalo" href="{attr(zalo)}" target="_blank" rel="noopener">Zalo</a><button type="button" class="copy-link">Sao chép liên kết</button></div>
</article>
{related}"""
        images = a.images()
        canonical = s.base + a.path
        modified = a.published + timedelta(hours=2, minutes=a.native_id % 50)
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
            "headline": a.shown(a.title),
            "description": a.shown(a.brief),
            "image": [im.src if im.src.startswith("http") else s.base + im.src for im in images],
            "datePublished": a.published.strftime("%Y-%m-%dT%H:%M:%S+07:00"),
            "dateModified": modified.strftime("%Y-%m-%dT%H:%M:%S+07:00"),
            "articleSection": a.category.name,
            "author": {"@type": "Organization", "name": s.source, "url": s.base},
            "publisher": {
                "@type": "Organization",
                "name": s.source,
                "logo": {"@type": "ImageObject", "url": f"{s.base}/images/logo.png"},
            },
        }
        head = (
            f'\n<meta name="description" content="{attr(a.shown(a.brief))}"/>'
            f'\n<meta property="og:type" content="article"/>'
            f'\n<meta property="og:title" content="{attr(a.shown(a.title))}"/>'
            f'\n<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
        )
        data = {
            "page": "/bai-viet/[slug]",
            "slug": a.slug,
            "category": a.category.slug,
            "views": a.view_count,
        }
        same = "".join(
            f'<li><a href="{attr(x.path)}">{esc(x.shown(x.title))}</a></li>'
            for x in newest_first(self.articles)
            if x.category == a.category and x is not a
        )
        side = f'<div class="side-box"><h3 class="side-title">Tin cùng chuyên mục</h3><ul class="side-list">{same}</ul></div>'
        return self.layout(
            side=side,
            title=f"{a.shown(a.title)} | {s.source}",
            canonical=canonical,
            main=main,
            head=head,
            data=data,
        )

    # -- listings --
    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        more = ""
        if page < pages:
            more = f'<div class="view-more"><a class="btn-view-more" href="{attr(listing_path(cat, page + 1))}">Xem thêm</a></div>'
        main = f'<h1 class="cat-title">{esc(cat.name)}</h1><div class="list-news">{"".join(self.card(a) for a in items)}</div>{more}'
        return self.layout(
            title=f"{cat.name} | {self.spec.source}",
            canonical=self.spec.base + listing_path(cat, page),
            main=main,
            data={"page": "/chuyen-muc/[slug]", "slug": cat.slug, "page_no": page},
        )

    def home_page(self) -> str:
        top = newest_first(self.articles)
        main = f'<section class="home-featured">{self.card(top[0], "item-featured")}</section><div class="list-news">{"".join(self.card(a) for a in top[1:7])}</div>'
        return self.layout(title=self.spec.source, canonical=self.spec.base + "/", main=main)

    def not_found(self) -> str:
        return self.layout(
            title=f"Không tìm thấy trang | {self.spec.source}",
            canonical=self.spec.base + "/",
            main='<div class="page-404"><h1>404</h1><p>Trang bạn tìm không tồn tại.</p><a href="/">Về trang chủ</a></div>',
            data={"page": "/404"},
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
        static_files={"/_next/static/css/6f1c2a9e.css": ("/* app */\n", "text/css")},
    )
    return patch_truth(replica, site.articles, lambda a: BASE + a.path, lambda a: None)
