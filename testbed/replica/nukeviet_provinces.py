"""NukeViet provinces besides Lai Châu: Thái Nguyên, Cần Thơ (with Hậu Giang), Bắc Kạn.

SEEN (docs/sites.md): these sites use NukeViet's URL shapes (``/{cat}/{alias}-{id}.html``,
``/page-N``); Bắc Kạn's domain is ``conganbackan.vn``; Thái Nguyên's news is under a
module prefix (``/tin-tuc/chuyen-doi-so/...-1478.html``). SEEN in NukeViet's source (tag
4.5.05, docs/cms/nukeviet.md): the default theme's markup, rendered by ``nukeviet_site.py``
(the module docstring there names the templates).

ASSUMED: that they run the default theme like Lai Châu (so the Lai Châu templates are
reused with their names), the other two domains (``congan.<province>.gov.vn``), category
aliases, id ranges, layouts (Cần Thơ's "Cảnh báo tội phạm" is a grid, the others
``viewcat_page``), module settings, all text. Thái Nguyên is kept at the root (no
``/tin-tuc/`` prefix) so its profile's start paths stay valid.
"""

from __future__ import annotations

import functools
from datetime import date

from .model import Category, Page, Replica
from .nukeviet_site import VIEWCAT_GRID, NukeVietConfig, Site, make_site
from .nukeviet_site import build as build_site
from .nukeviet_site import not_found_page as site_not_found_page

_COUNTS = {
    "nfd": 2,
    "no_views": 1,
    "no_lead": 3,
    "no_lead_image": 3,
    "tagged": 8,
    "no_related": 2,
    "split_related": 6,
    "scripted": 1,
}
_FORMS = (
    ("block:tacgia",) * 6
    + ("block:tacgia_desk", "endash", "endash", "hyphen", "paren", "PV", "CTV", "Ban biên tập")
    + ("none",) * 2
)


def _config(
    key: str,
    base: str,
    source: str,
    seed: int,
    categories: tuple[Category, ...],
    id_base: int,
    texts: dict[str, str],
    **settings: object,
) -> NukeVietConfig:
    host = base.split("//", 1)[1]
    replacements = (
        ("Công an tỉnh Lai Châu", source),
        ("CÔNG AN TỈNH LAI CHÂU", source.upper()),
        ("congan.laichau.gov.vn", host),
        ("congan@laichau.gov.vn", texts["email"]),
        ("logo-cong-an-lai-chau", texts["logo"]),
        ("Phường Tân Phong, thành phố Lai Châu, tỉnh Lai Châu", texts["address"]),
        ("0213.3876.113", texts["phone"]),
        ("nv4c_Lc7h2", texts["cookie"]),
    )
    return NukeVietConfig(
        key=key,
        base=base,
        source=source,
        seed=seed,
        categories=categories,
        per_category=8,
        per_page=4,
        first_day=date(2023, 3, 1),
        last_day=date(2025, 10, 25),
        id_base=id_base,
        ids_per_day=2.5,
        counts=_COUNTS,
        credit_forms=_FORMS,
        local_tag=source.replace("tỉnh ", "").replace("thành phố ", ""),
        replacements=replacements,
        **{"st_links": 4, **settings},  # type: ignore[arg-type]
    )


CONFIGS = {
    "thainguyen": _config(
        "thainguyen",
        "https://congan.thainguyen.gov.vn",
        "Công an tỉnh Thái Nguyên",
        2011,
        (
            Category("Tin tức - Sự kiện", "tin-tuc-su-kien", 1, ("force", "honours", "youth")),
            Category("An ninh trật tự", "an-ninh-trat-tu", 2, ("traffic", "drugs", "crime")),
        ),
        12000,
        {
            "email": "congan@thainguyen.gov.vn",
            "logo": "logo-cong-an-thai-nguyen",
            "address": "Số 17 đường Phủ Liễn, phường Hoàng Văn Thụ, thành phố Thái Nguyên",
            "phone": "0208.3855.113",
            "cookie": "nv4c_Tn8q1",
        },
        posters=("Minh Hằng", "admin_tn"),
        news_sources=("Báo Thái Nguyên",),
    ),
    "cantho": _config(
        "cantho",
        "https://congan.cantho.gov.vn",
        "Công an thành phố Cần Thơ",
        2025,
        (
            Category("Hoạt động Công an", "hoat-dong-cong-an", 1, ("force", "admin", "youth")),
            Category("Cảnh báo tội phạm", "canh-bao-toi-pham", 2, ("fraud", "crime", "drugs")),
        ),
        30500,
        {
            "email": "congan@cantho.gov.vn",
            "logo": "logo-cong-an-can-tho",
            "address": "Số 09 đường Trần Phú, phường Cái Khế, quận Ninh Kiều, thành phố Cần Thơ",
            "phone": "0292.3820.113",
            "cookie": "nv4c_Ct5m3",
        },
        layouts={"canh-bao-toi-pham": VIEWCAT_GRID},
        posters=("Trần Minh Tâm",),
        news_sources=("Báo Cần Thơ",),
    ),
    "backan": _config(
        "backan",
        "https://conganbackan.vn",
        "Công an tỉnh Bắc Kạn",
        1997,
        (
            Category("Tin hoạt động", "tin-hoat-dong", 1, ("force", "patrol", "youth")),
            Category("Phổ biến pháp luật", "pho-bien-phap-luat", 2, ("traffic", "fraud", "fire")),
        ),
        8200,
        {
            "email": "congan@backan.gov.vn",
            "logo": "logo-cong-an-bac-kan",
            "address": "Tổ 1, phường Đức Xuân, thành phố Bắc Kạn, tỉnh Bắc Kạn",
            "phone": "0209.3870.113",
            "cookie": "nv4c_Bk2p7",
        },
        st_links=3,
        posters=("quantri",),
    ),
}


@functools.cache
def _site(key: str) -> Site:
    return make_site(CONFIGS[key])


def not_found_page(key: str) -> Page:
    return site_not_found_page(_site(key))


def build(key: str) -> Replica:
    return build_site(_site(key))
