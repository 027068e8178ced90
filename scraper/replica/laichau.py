"""Replica of congan.laichau.gov.vn (NukeViet 4.5 news module, default theme).

SEEN (SITES.md; NukeViet's public theme source): ``<meta name="generator" content="NukeViet
v4.5">``; article URLs ``/{cat_alias}/{alias}-{id}.html``; listing ``/{cat_alias}/`` then
``/{cat_alias}/page-N`` with ``rel="next"``/``"prev"`` in ``ul.pagination``; the detail
markup (``h1.title``, ``span.h5`` date ``Thứ tư - 20/11/2024 08:30``, ``div.hometext``,
``figure.article``, ``#news-bodyhtml``, ``p.h5.text-right`` author block, keywords,
``div.other-news`` with ``ul.related``); the ``/savefile/...`` variant; the listing info bar
``05/12/2023 10:15:00 / Đã xem: 2407 / Phản hồi: 0``.

ASSUMED: the view counter on the article page (``ul.news-stats``, dotted thousands), credit
lines inside the body instead of the author block, category aliases and ids, all chrome.
Our templates are written from scratch after reading the theme; no theme code is copied.
The renderer itself lives in ``nukeviet_site.py`` and is shared with the other NukeViet
provinces.
"""

from __future__ import annotations

import functools
from datetime import date

from . import nukeviet_site
from .model import Category, Page, Replica
from .nukeviet_site import NukeVietConfig, listing_path, savefile_path

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
)


@functools.cache
def _site() -> nukeviet_site.Site:
    return nukeviet_site.make_site(CONFIG)


def not_found_page() -> Page:
    return nukeviet_site.not_found_page(_site())


def build() -> Replica:
    return nukeviet_site.build(_site())
