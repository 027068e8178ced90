"""Replica of congan.laichau.gov.vn (NukeViet 4.5 news module, default theme).

SEEN on the real site (docs/sites.md): ``<meta name="generator" content="NukeViet v4.5">``;
article URLs ``/{cat_alias}/{alias}-{id}.html`` (also linked with an ``/index.php/``
segment); the detail page's ``h1.title``, ``span.h5`` date ``Thứ tư - 20/11/2024 08:30``,
``div.hometext``, ``figure.article``, ``#news-bodyhtml``, the ``p.h5.text-right`` author
block; the ``/savefile/...`` variant; the listing info line
``05/12/2023 10:15:00 / Đã xem: 2407 / Phản hồi: 0``.

SEEN in NukeViet's source (nukeviet/nukeviet tag 4.5.05; docs/cms/nukeviet.md): everything
the renderer prints, per template: ``themes/default/modules/news/detail.tpl`` (no view
counter on the article page; "Tags: " panel; "Những tin mới hơn" / "Những tin cũ hơn"
blocks of the ``st_links`` nearest articles of the category), ``viewcat_page.tpl`` and
``viewcat_grid.tpl`` (the count only on listing items, "Đã xem: N"), ``print.tpl`` (the
save page), ``layout/header_extended.tpl`` (breadcrumbs), ``nv_alias_page()`` in
``includes/functions.php`` (pagination, ``/cat/page-N/``).

ASSUMED: the category aliases and ids, which category is a grid ("Cảnh báo tội phạm"),
module settings (6 a page, 5 related links a block, 150 px thumbnails), edit times,
ratings, comment counts, "Nguồn tin" names, the two articles whose counter was reset
("Đã xem: 0"), credit lines pasted inside the body, all chrome text. The renderer itself
lives in ``nukeviet_site.py`` and is shared with the other NukeViet provinces; no theme
code is copied.
"""

from __future__ import annotations

import functools
from datetime import date

from .model import Category, Page, Replica
from .nukeviet_site import (
    VIEWCAT_GRID,
    NukeVietConfig,
    Site,
    listing_path,
    make_site,
    savefile_path,
)
from .nukeviet_site import build as build_site
from .nukeviet_site import not_found_page as site_not_found_page

__all__ = ["CONFIG", "build", "listing_path", "not_found_page", "savefile_path"]

CATEGORIES = (
    Category("Tin tức - Sự kiện", "tin-tuc-su-kien", 1, ("force", "honours", "admin", "youth")),
    Category(
        "An ninh trật tự", "an-ninh-trat-tu", 2, ("traffic", "drugs", "crime", "patrol", "fire")
    ),
    Category("Cảnh báo tội phạm", "canh-bao-toi-pham", 3, ("fraud", "drugs", "crime")),
)

CONFIG = NukeVietConfig(
    key="laichau",
    base="https://congan.laichau.gov.vn",
    source="Công an tỉnh Lai Châu",
    seed=4500,
    categories=CATEGORIES,
    per_category=16,  # 6 + 6 + 4 items: three listing pages per category
    per_page=6,
    first_day=date(2023, 1, 6),
    last_day=date(2025, 10, 28),
    id_base=4000,  # ~1.7 ids a day: about 4000 in Jan 2023 and 5750 in late 2025
    ids_per_day=1.7,
    counts={
        "nfd": 4,
        "no_views": 2,
        "no_lead": 9,
        "no_lead_image": 9,
        "tagged": 29,
        "no_related": 5,
        "split_related": 22,
        "scripted": 2,
    },
    credit_forms=(
        ("block:tacgia",) * 27
        + ("block:tacgia_desk",) * 2
        + ("endash",) * 4
        + ("hyphen",) * 3
        + ("paren",) * 3
        + ("PV",) * 2
        + ("CTV",) * 2
        + ("Ban biên tập",)
        + ("none",) * 4
    ),
    local_tag="Công an Lai Châu",
    layouts={"canh-bao-toi-pham": VIEWCAT_GRID},
    st_links=5,
    posters=("Lò Thị Hằng", "quantri_lc"),
    news_sources=("Báo Lai Châu", "Đài PT-TH Lai Châu"),
)


@functools.cache
def _site() -> Site:
    return make_site(CONFIG)


def not_found_page() -> Page:
    return site_not_found_page(_site())


def build() -> Replica:
    return build_site(_site())
