"""Pieces shared by the strictly held-out layouts (``holdout_portal``, ``holdout_tagdiv``,
``holdout_drupal``, ``holdout_legacy``).

Rendering helpers and truth finishing only: nothing here knows how any extractor works. The
invented provinces, places and pen names are registered here (``setdefault``, so nothing that
already exists changes), and ``finish_truth`` writes the literal expectations of each layout
(the URL a reader would cite, the record id, the view count wherever the site prints it).
"""

from __future__ import annotations

import hashlib
import random
import unicodedata
from collections.abc import Callable
from datetime import datetime

from .model import Article, Page, Replica, collapse
from .text import PEN_NAMES, PLACES, PROVINCE

_HOLDOUT_TEXT = {
    "holdout_portal": (
        "Ví Dụ Hai Mươi",
        ("huyện Mường Ảng", "huyện Tủa Chùa", "thị xã Mường Lay", "thành phố Điện Lâm"),
        ("Quàng Văn Tươi", "Thuỳ Nhung", "Lò Thị Hoà", "Minh Khôi", "Đức Thuận"),
    ),
    "holdout_tagdiv": (
        "Ví Dụ Hai Mốt",
        ("huyện Cẩm Khê", "huyện Hạ Hoà", "thị xã Phú Lâm", "thành phố Việt Trì Mới"),
        ("Hà Thu", "Ngọc Thuỷ", "Trung Kiên", "Bảo Anh", "Vũ Hoà"),
    ),
    "holdout_drupal": (
        "Ví Dụ Hai Hai",
        ("huyện Ea Súp", "huyện Krông Búk", "thị xã Buôn Hồ Mới", "thành phố Đắk Mil"),
        ("Y Thịnh", "H'Lan Êban", "Quốc Thái", "Thùy Trâm", "Hoàng Hoà"),
    ),
    "holdout_legacy": (
        "Ví Dụ Hai Ba",
        ("huyện Kỳ Sơn", "huyện Tương Dương", "thị xã Hoàng Mai Mới", "thành phố Cửa Hội"),
        ("Nguyễn Hoà", "Thuỳ Loan", "Phan Khánh", "Hồ Thị Mận", "Đức Kiên"),
    ),
}
for _key, (_province, _places, _pens) in _HOLDOUT_TEXT.items():
    PROVINCE.setdefault(_key, _province)
    PLACES.setdefault(_key, _places)
    PEN_NAMES.setdefault(_key, _pens)


def stable_int(*parts: object) -> int:
    """A number fixed by its inputs (never ``hash()``, which changes between processes)."""
    return int(
        hashlib.md5("\0".join(map(str, parts)).encode("utf-8"), usedforsecurity=False).hexdigest()[
            :12
        ],
        16,
    )


def stable_rng(*parts: object) -> random.Random:
    return random.Random(stable_int(*parts))


def with_seconds(articles: list[Article], seed: int) -> None:
    """CMSs that store the second of publication: give every moment its own second."""
    rng = random.Random(seed)
    for a in articles:
        a.published = a.published.replace(second=rng.randint(0, 59))


def newest(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published, a.native_id), reverse=True)


def most_viewed(articles: list[Article], n: int) -> list[Article]:
    shown = [a for a in articles if a.view_count is not None]
    return sorted(shown, key=lambda a: (-(a.view_count or 0), -a.native_id))[:n]


def finish_truth(
    replica: Replica,
    articles: list[Article],
    *,
    id_for: Callable[[Article], str | None],
    views_for: Callable[[Article], int | None] | None = None,
) -> Replica:
    """Literal expectations: ``url`` and related links are each article's ``a.url`` (set by
    the layout to what a reader would cite), ``id`` from ``id_for``, and ``view_count`` from
    ``views_for`` (where the page prints none, the listing item's count)."""
    by_path = {a.path: a for a in articles}
    by_id = {a.native_id: a for a in articles}
    for path, record in zip(replica.article_paths, replica.truth, strict=True):
        a = by_path[path]
        record["url"] = a.url
        record["id"] = id_for(a)
        if views_for is not None:
            record["view_count"] = views_for(a)
        record["related"] = [
            {"url": by_id[i].url, "title": collapse(by_id[i].title)}
            for _, ids in a.related
            for i in ids
        ]
    return replica


def redirect(location: str, status: int = 301) -> Page:
    return Page(
        body=b"",
        content_type="text/html; charset=utf-8",
        status=status,
        headers=(("Location", location),),
    )


# -- windows-1258 ------------------------------------------------------------------------------
# The Vietnamese Windows code page has the base letters with circumflex, breve and horn
# (â ê ô ă ơ ư, đ) and a few precomposed tones, but most toned vowels only as a base letter
# followed by one of five combining tone marks (0xCC grave, 0xEC acute, 0xD2 hook above,
# 0xDE tilde, 0xF2 dot below). Text is written the way Windows' converter writes it: the
# precomposed character when the code page has it, else base letter + combining tone.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _cp1258_char(c: str) -> bytes:
    try:
        return c.encode("cp1258")
    except UnicodeEncodeError:
        pass
    parts = unicodedata.normalize("NFD", c)
    base = "".join(p for p in parts if p not in _TONES)
    tones = [p for p in parts if p in _TONES]
    try:
        return unicodedata.normalize("NFC", base).encode("cp1258") + "".join(tones).encode("cp1258")
    except UnicodeEncodeError:
        return f"&#{ord(c)};".encode("ascii")


def encode_cp1258(markup: str) -> bytes:
    out = bytearray()
    for c in unicodedata.normalize("NFC", markup):
        out += _cp1258_char(c) if ord(c) > 0x7F else c.encode("ascii")
    return bytes(out)


def decode_cp1258(body: bytes) -> str:
    return unicodedata.normalize("NFC", body.decode("cp1258"))


def iso(m: datetime, offset: str = "+07:00") -> str:
    return m.strftime("%Y-%m-%dT%H:%M:%S") + offset
