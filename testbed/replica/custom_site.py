"""Custom-CMS replica: Công an tỉnh Nghệ An (no known CMS: the "generic" platform).

SEEN (docs/sites.md): article URLs ``/thong-tin-chuyen-de/canh-bao-toi-pham/202503/{slug}-{id}/``
(section path, a yyyymm folder, slug and number, trailing slash). ASSUMED: the domain
(``congan.nghean.gov.vn``), the class names, ``?page=N`` listings with a "Trang sau" link,
the "Cập nhật lúc 14:35 ngày 05/12/2023" and "N lượt xem" line, JSON-LD NewsArticle,
captions as ``p.img-caption`` under the photo, "Tin cùng chuyên mục" below the article,
sidebar boxes "Tin mới"/"Tin đọc nhiều", and all text.
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
from .text import slugify

SECTION = "/thong-tin-chuyen-de"


def _date(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    return f"{m:%H:%M} ngày {m:%d/%m/%Y}", True


SPEC = Spec(
    key="nghean",
    base="https://congan.nghean.gov.vn",
    source="Công an tỉnh Nghệ An",
    seed=3801,
    categories=(
        Category("Cảnh báo tội phạm", "canh-bao-toi-pham", 0, ("fraud", "crime", "drugs")),
        Category(
            "Tuyên truyền pháp luật", "tuyen-truyen-phap-luat", 0, ("traffic", "fire", "admin")
        ),
    ),
    path_for=lambda cat, slug, n, m: f"{SECTION}/{cat.slug}/{m:%Y%m}/{slug}-{n}/",
    dates=_date,
    credit_forms=credit_forms(16),
    id_base=120400,
    ids_per_day=12.0,
    leads=10,
    tags=True,
)


def listing_path(cat: Category, page: int) -> str:
    return f"{SECTION}/{cat.slug}/" + ("" if page == 1 else f"?page={page}")


def _image(a: Article, im: Image) -> str:
    cap = f'<p class="img-caption">{esc(a.shown(im.caption))}</p>' if im.caption else ""
    return (
        f'<div class="img-box"><img src="{attr(im.src)}" alt="{attr(a.shown(im.alt))}">{cap}</div>'
    )


class Site:
    def __init__(self) -> None:
        self.spec = SPEC
        self.articles = plan(SPEC)
        self.by_id = {a.native_id: a for a in self.articles}

    def layout(self, *, title: str, canonical: str, main: str, head: str = "") -> str:
        s = self.spec
        menu = "".join(
            f'<li><a href="{attr(listing_path(c, 1))}">{esc(c.name)}</a></li>' for c in s.categories
        )
        latest = newest_first(self.articles)[:5]
        popular = sorted(self.articles, key=lambda a: (-(a.view_count or 0), -a.native_id))[:5]

        def box(heading: str, items: list[Article]) -> str:
            lis = "".join(
                f'<li><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a>'
                f'<span class="box-views">{dotted(a.view_count or 0)} lượt xem</span></li>'
                for a in items
            )
            return f'<div class="box"><div class="box-title">{heading}</div><ul>{lis}</ul></div>'

        return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{esc(title)}</title>
<meta property="og:site_name" content="{attr(s.source)}">
<link rel="canonical" href="{attr(canonical)}">
<meta property="og:url" content="{attr(canonical)}">
{head}<link rel="stylesheet" href="/assets/css/app.css">
</head>
<body>
<div class="top-bar"><div class="container"><span class="hotline">Đường dây nóng: 069.2.808.113</span></div></div>
<div class="site-logo"><a href="/"><img src="/assets/img/logo.png" alt="{attr(s.source)}"></a></div>
<div class="main-menu"><ul><li><a href="/">Trang chủ</a></li>{menu}</ul></div>
<div class="container"><div class="row">
<div class="col-main">{main}</div>
<div class="col-right">{box("Tin mới", latest)}{box("Tin đọc nhiều", popular)}</div>
</div></div>
<div class="site-bottom"><p>{esc(s.source)} - Số 8 Trường Thi, thành phố Vinh, Nghệ An</p></div>
</body>
</html>
"""

    def article_page(self, a: Article) -> str:
        s = self.spec
        cat = a.category
        views = (
            f'<span class="view">{dotted(a.view_count)} lượt xem</span>'
            if a.view_count is not None
            else ""
        )
        lead = f'<div class="detail-sapo">{esc(a.shown(a.lead))}</div>' if a.lead else ""
        tags = ""
        if a.tags:
            links = " ".join(f'<a href="/tag/{slugify(t)}">{esc(t)}</a>' for t in a.tags)
            tags = f'<div class="detail-tags"><span>Từ khóa:</span> {links}</div>'
        related = ""
        if a.related:
            lis = "".join(
                f'<li><a href="{attr(r.path)}">{esc(r.shown(r.title))}</a></li>'
                for r in (self.by_id[i] for _, ids in a.related for i in ids)
            )
            related = f'<div class="box-related"><div class="box-title">Tin cùng chuyên mục</div><ul>{lis}</ul></div>'
        fb, zalo = share_links(a.url)
        main = f"""<div class="detail-page">
<div class="breadcrumb-wrap"><a href="/">Trang chủ</a> / <a href="{SECTION}/">Thông tin chuyên đề</a> / <a href="{attr(listing_path(cat, 1))}">{esc(cat.name)}</a></div>
<h1 class="detail-title">{esc(a.shown(a.title))}</h1>
<div class="detail-info"><span class="date">Cập nhật lúc {esc(a.published_text)}</span> {views}</div>
<div class="detail-share"><a href="{attr(fb)}" class="fb">Chia sẻ Facebook</a> <a href="{attr(zalo)}" class="zalo">Zalo</a></div>
{lead}
<div class="detail-content">
{render_body(a, _image)}
</div>
{tags}
{related}
<div class="comment-box"><div class="title">Ý kiến bạn đọc</div><form><textarea name="noidung"></textarea><input type="text" name="hoten" placeholder="Họ tên"><button>Gửi</button></form></div>
</div>"""
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": a.shown(a.title),
            "datePublished": a.published.strftime("%Y-%m-%dT%H:%M:%S+07:00"),
            "publisher": {"@type": "Organization", "name": s.source},
        }
        head = (
            f'<meta property="og:title" content="{attr(a.shown(a.title))}">\n'
            f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>\n'
        )
        return self.layout(
            title=f"{a.shown(a.title)} | {s.source}", canonical=a.url, main=main, head=head
        )

    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        rows = "".join(
            f'<div class="news-item"><a class="thumb" href="{attr(a.path)}"><img src="/assets/img/thumb.jpg" alt=""></a>'
            f'<h3 class="news-title"><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a></h3>'
            f'<div class="news-desc">{esc(a.shown(a.brief))}</div></div>'
            for a in items
        )
        nums = "".join(
            f'<li class="active"><span>{p}</span></li>'
            if p == page
            else f'<li><a href="{attr(listing_path(cat, p))}">{p}</a></li>'
            for p in range(1, pages + 1)
        )
        if page < pages:
            nums += f'<li><a href="{attr(listing_path(cat, page + 1))}">Trang sau</a></li>'
        main = f'<div class="cat-title"><h1>{esc(cat.name)}</h1></div><div class="list-news">{rows}</div><ul class="pagination">{nums}</ul>'
        return self.layout(
            title=f"{cat.name} | {self.spec.source}",
            canonical=self.spec.base + listing_path(cat, page),
            main=main,
        )

    def home_page(self) -> str:
        rows = "".join(
            f'<h3><a href="{attr(a.path)}">{esc(a.shown(a.title))}</a></h3>'
            for a in newest_first(self.articles)[:6]
        )
        return self.layout(title=self.spec.source, canonical=self.spec.base + "/", main=rows)

    def not_found(self) -> str:
        return self.layout(
            title=f"Không tìm thấy trang | {self.spec.source}",
            canonical=self.spec.base + "/",
            main="<h1>404</h1><p>Không tìm thấy trang.</p>",
        )


STATIC = {"/assets/css/app.css": ("/* app placeholder */\n", "text/css")}


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
