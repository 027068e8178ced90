"""An unseen NukeViet 4.5 site: the news module in a custom theme, every category in the
``viewcat_list`` layout (``UNSEEN_KEYS``: no profile, invented domain
congan.vidu-nam.gov.vn).

SEEN (nukeviet/nukeviet tag 4.5.05; docs/cms/nukeviet.md): ``viewcat_list.tpl`` +
``viewcat_list_new()`` in ``modules/news/theme.php``: items as ``div.list-group >
a.show.h4`` (the link wraps ``h4.list-group-item-heading`` with a running number in
``span.label``), the teaser only in the tooltip's ``data-content``, no date, NO
``hitstotal``: so this site prints a view counter nowhere (truth ``view_count`` None);
pagination by ``nv_alias_page()``; what the core prints whatever the theme (generator meta,
``nv_base_siteurl`` script, canonical/prev/next links, ``/savefile/``), and the article
page's NukeViet ids and classes kept by themes copied from the default one (``h1.title``,
``span.h5`` date, ``div.hometext``, ``figure.article``, ``#news-bodyhtml``,
``p.h5.text-right`` credit, ``ul.detail-related``).

ASSUMED (a custom provincial theme "congan_vn" based on the default one): other wrapper
classes (``article.ca-article``, ``div.ca-box``, ``main.ca-main``, ``aside.ca-sidebar``),
visible breadcrumbs in ``ol.ca-breadcrumb``, sidebar blocks listing dated items
("Tin mới", "Văn bản mới"), a home page of per-category link lists, the names, ids and
all text. Templates written from scratch.

Truth: ``model.truth_record`` with ``url`` written literally as the canonical URL
(``{base}/{cat}/{alias}-{id}.html``) and ``id`` as ``unseen_nukeviet-{id}``.
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import dataclasses
import functools
from datetime import date

from .markup import attr, esc
from .model import Article, Category, Page, Replica
from .nukeviet_site import VIEWCAT_LIST, NukeVietConfig, Site, listing_path, make_site
from .nukeviet_site import build as build_site
from .nukeviet_site import not_found_page as site_not_found_page
from .text import PEN_NAMES, PLACES, PROVINCE

KEY = "unseen_nukeviet"
BASE = "https://congan.vidu-nam.gov.vn"
SOURCE = "Công an tỉnh Ví Dụ Năm"

# The invented province's names for the shared phrase banks (new keys only).
PROVINCE.setdefault(KEY, "Ví Dụ Năm")
PLACES.setdefault(
    KEY, ("huyện Tân Phước", "huyện Mỹ Lâm", "thị xã Đông Hà Nam", "thành phố Nam Giang")
)
PEN_NAMES.setdefault(KEY, ("Thanh Hương", "Quốc Toản", "Thuỳ Mai", "Đức Trọng", "Mai Anh"))

CATEGORIES = (
    Category("Tin hoạt động", "tin-hoat-dong", 3, ("force", "honours", "youth", "admin")),
    Category("An ninh - Trật tự", "an-ninh-trat-tu", 4, ("traffic", "crime", "drugs", "fraud")),
)

CONFIG = NukeVietConfig(
    key=KEY,
    base=BASE,
    source=SOURCE,
    seed=9505,
    categories=CATEGORIES,
    per_category=9,  # 4 + 4 + 1: three listing pages per category
    per_page=4,
    first_day=date(2023, 5, 2),
    last_day=date(2025, 10, 15),
    id_base=2300,
    ids_per_day=1.3,
    counts={
        "nfd": 2,
        "no_views": 0,
        "no_lead": 4,
        "no_lead_image": 3,
        "tagged": 7,
        "no_related": 0,
        "split_related": 0,
        "scripted": 1,
    },
    credit_forms=(
        ("block:tacgia",) * 7
        + ("block:tacgia_desk", "endash", "endash", "hyphen", "paren", "PV", "CTV")
        + ("Ban biên tập", "endash", "none", "none")
    ),
    local_tag="Công an Ví Dụ Năm",
    replacements=(
        ("Công an tỉnh Lai Châu", SOURCE),
        ("CÔNG AN TỈNH LAI CHÂU", SOURCE.upper()),
        ("congan.laichau.gov.vn", "congan.vidu-nam.gov.vn"),
        ("congan@laichau.gov.vn", "congan@vidu-nam.gov.vn"),
        ("logo-cong-an-lai-chau", "logo-cong-an-vi-du-nam"),
        ("nv4c_Lc7h2", "nv4c_Vd5n9"),
        ("/themes/default/", "/themes/congan_vn/"),
    ),
    layouts={c.slug: VIEWCAT_LIST for c in CATEGORIES},
    st_links=4,
    homewidth=120,
    imagefull=600,
    posters=("Phòng Tham mưu", "admin"),
    news_sources=("Báo Ví Dụ Năm",),
    theme=KEY,
)


class CustomSite(Site):
    """The congan_vn theme: the default theme's news templates in other wrappers."""

    theme_dir = "/themes/congan_vn"

    def __init__(self, cfg: NukeVietConfig, articles: list[Article]):
        super().__init__(cfg, articles)
        self.index_php = set()  # rewriting works here: no "/index.php/" links

    def crumbs(self, crumbs: list[tuple[str, str]]) -> str:
        items = [("Trang chủ", "/"), *crumbs]
        lis = "".join(
            '<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
            f'<a href="{attr(u)}" itemprop="item" title="{attr(t)}"><span itemprop="name">'
            f'{esc(t)}</span></a><meta itemprop="position" content="{k}"></li>'
            for k, (t, u) in enumerate(items, start=1)
        )
        return (
            '        <ol class="breadcrumb ca-breadcrumb" itemscope '
            f'itemtype="https://schema.org/BreadcrumbList">{lis}</ol>'
        )

    def current_time(self) -> str:
        return '        <div class="ca-welcome">Chào mừng bạn đến với Cổng thông tin điện tử</div>'

    def menu(self, active: Category | None) -> str:
        current = {c: ' class="active"' if c == active else "" for c in self.cfg.categories}
        lis = "\n".join(
            f'                <li{current[c]}><a href="{listing_path(c, 1)}" '
            f'title="{attr(c.name)}">{esc(c.name)}</a></li>'
            for c in self.cfg.categories
        )
        return (
            '            <ul class="ca-menu">\n'
            '                <li class="ca-home"><a href="/" title="Trang chủ">'
            '<em class="fa fa-home"></em> Trang chủ</a></li>\n'
            f"{lis}\n"
            '                <li><a href="/van-ban/" title="Văn bản">Văn bản</a></li>\n'
            '                <li><a href="/contact/" title="Liên hệ">Liên hệ</a></li>\n'
            "            </ul>"
        )

    def footer_menu(self) -> str:
        return "\n".join(
            f'                <a href="{listing_path(c, 1)}">{esc(c.name)}</a>'
            for c in self.cfg.categories
        )

    def sidebar(self) -> str:
        """Blocks of the custom theme, each item with its own date."""
        latest = "\n".join(
            f'                <li><a href="{attr(a.path)}" title="{self.title_attr(a)}">'
            f'{esc(a.shown(a.title))}</a> <span class="ca-time">'
            f"({a.published:%d/%m/%Y})</span></li>"
            for a in self.latest
        )
        documents = "\n".join(
            f'                <li><a href="/van-ban/{n}-qd-ca.html">Quyết định số {n}/QĐ-CAT'
            f'</a><span class="ca-time">Ngày ban hành: {d}</span></li>'
            for n, d in (("1208", "14/10/2025"), ("1175", "02/10/2025"), ("1093", "18/09/2025"))
        )
        return f"""<div class="ca-block">
    <h3 class="ca-block-title"><span>Tin mới</span></h3>
    <div class="ca-block-content">
        <ul class="ca-news-list">
{latest}
        </ul>
    </div>
</div>
<div class="ca-block">
    <h3 class="ca-block-title"><span>Văn bản mới</span></h3>
    <div class="ca-block-content">
        <ul class="ca-doc-list">
{documents}
        </ul>
    </div>
</div>
<div class="ca-block ca-banner"><a href="https://dichvucong.bocongan.gov.vn/" target="_blank"><img src="/uploads/banners/dich-vu-cong.png" alt="Cổng dịch vụ công Bộ Công an"></a></div>"""

    @staticmethod
    def rewrap(markup: str) -> str:
        return markup.replace('"news_column panel panel-default"', '"ca-box"').replace(
            '<div class="panel-body', '<div class="ca-box-body'
        )

    def keywords_panel(self, a: Article) -> str:
        return self.rewrap(super().keywords_panel(a))

    def rating_panel(self, a: Article) -> str:
        return self.rewrap(super().rating_panel(a))

    def related(self, a: Article) -> str:
        return self.rewrap(super().related(a)).replace(
            '<div class="ca-box-body other-news">',
            '<div class="ca-box-body other-news ca-related">',
        )

    def send_mail_modal(self) -> str:
        return ""  # the theme has no send-mail button

    def listing_main(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        return (
            '<div class="ca-box ca-listing">\n'
            f'    <h2 class="ca-cat-title"><a href="{listing_path(cat, 1)}">{esc(cat.name)}</a></h2>\n'
            f"{super().listing_main(cat, page, items, pages)}\n</div>"
        )

    def home_page(self) -> str:
        sections = []
        for c in self.cfg.categories:
            items = self.in_category(c)
            items = sorted(items, key=lambda a: -a.native_id)[:4]
            lis = "\n".join(
                f'        <li><a href="{attr(a.path)}" title="{self.title_attr(a)}">'
                f"{esc(a.shown(a.title))}</a></li>"
                for a in items
            )
            sections.append(
                f'<section class="ca-home-cat">\n    <h2 class="ca-cat-title"><a href="'
                f'{listing_path(c, 1)}">{esc(c.name)}</a></h2>\n    <ul>\n{lis}\n    </ul>\n'
                "</section>"
            )
        return self.layout(
            title=self.cfg.source,
            description=f"Cổng thông tin điện tử {self.cfg.source}",
            canonical=self.cfg.base + "/",
            func="main",
            main="\n".join(sections),
            crumbs=None,
        )


@functools.cache
def _site() -> CustomSite:
    site = make_site(CONFIG, CustomSite)
    assert all(a.view_count is None for a in site.articles)  # viewcat_list: no hitstotal
    return site  # type: ignore[return-value]


def not_found_page() -> Page:
    return site_not_found_page(_site())


def _url(a: Article) -> str:
    return f"{BASE}/{a.category.slug}/{a.slug}-{a.native_id}.html"


def build() -> Replica:
    site = _site()
    replica = build_site(site)
    by_path = {a.path: a for a in site.articles}
    truth = []
    for path, record in zip(replica.article_paths, replica.truth, strict=True):
        a = by_path[path]
        ids = [i for _, group in a.related for i in group]
        related = [
            {**rel, "url": _url(site.by_id[i])}
            for rel, i in zip(record["related"], ids, strict=True)
        ]
        truth.append({**record, "id": f"{KEY}-{a.native_id}", "url": _url(a), "related": related})
    return dataclasses.replace(replica, truth=truth)
