"""Pieces shared by the CMS-family unseen layouts (``unseen_dnn``, ``unseen_liferay``,
``unseen_joomla``, ``unseen_modern``, ``unseen_wp``, ``unseen_dnn_portal``).

Nothing here knows how any extractor works: these are rendering helpers (body markup, lazy
images, upload paths) and the truth overrides every such layout needs (the URL a reader
would cite, written out literally per layout, and the record id).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from .kit import Spec, rewrite_images
from .markup import esc
from .model import Article, Figure, Heading, Image, Para, Raw, Replica, collapse, spread_datetimes

# A 1x1 transparent GIF: what lazy-loading themes put in ``src`` until the script runs.
LAZY_GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
VI_WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
VI_WEEKDAYS_CAP = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def moments_of(spec: Spec) -> list[datetime]:
    """The publication times ``kit.plan`` will draw for ``spec`` (its first use of the seed)."""
    n = spec.per_category * len(spec.categories)
    return spread_datetimes(random.Random(spec.seed), n, spec.first_day, spec.last_day)


def with_forms(forms: tuple[str, ...], replace_at: dict[int, str]) -> tuple[str, ...]:
    """``forms`` with some positions swapped for other credit forms (e.g. "theo")."""
    out = list(forms)
    for i, form in replace_at.items():
        out[i] = form
    return tuple(out)


def relocate(articles: list[Article], base: str, new_path: Callable[[Article, str], str]) -> None:
    """Move body images to where the CMS keeps uploads. ``new_path(article, file name)`` gives
    the root-relative path; images an editor pasted as absolute URLs stay absolute."""

    def rewrite(a: Article, src: str) -> str:
        path = new_path(a, src.rsplit("/", 1)[1])
        return base + path if src.startswith(("http://", "https://")) else path

    rewrite_images(articles, rewrite)


def uncaption(articles: list[Article], at: tuple[int, ...] = (2, 9)) -> None:
    """Editors leave some photos without a caption: when the draw left fewer than two such,
    drop the captions of the images at the given positions (counted over the whole site)."""
    figures = [(a, k) for a in articles for k, b in enumerate(a.blocks) if isinstance(b, Figure)]
    if sum(1 for a, k in figures if a.blocks[k].image.caption is None) >= 2:  # type: ignore[union-attr]
        return
    for pos in at:
        if pos < len(figures):
            a, k = figures[pos]
            block = a.blocks[k]
            assert isinstance(block, Figure)
            a.blocks[k] = Figure(replace(block.image, caption=None))


def uuid_for(text: str) -> str:
    """A stable UUID-shaped string (Liferay document ids, CDN keys)."""
    h = hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def para(a: Article, b: Para, attrs: str = "") -> str:
    shown = a.shown(b.text)
    inner = esc(shown)
    if b.bold:
        lead = a.shown(b.bold)
        inner = f"<strong>{esc(lead)}</strong>{esc(shown[len(lead) :])}"
    return f"<p{attrs}>{inner}</p>"


def right_bold_credit(a: Article) -> str:
    assert a.credit is not None
    return f'<p style="text-align: right;"><strong>{esc(a.shown(a.credit.byline))}</strong></p>'


def body_html(
    a: Article,
    image: Callable[[Article, Image], str],
    *,
    heading: str = "h3",
    p_attrs: str = "",
    credit: Callable[[Article], str] | None = right_bold_credit,
) -> str:
    """The article text as the site's editor stores it: paragraphs, sub-headings, figures,
    pasted markup, and the credit line (when the article has one) last."""
    out = []
    for b in a.blocks:
        if isinstance(b, Para):
            out.append(para(a, b, p_attrs))
        elif isinstance(b, Heading):
            out.append(f"<{heading}>{esc(a.shown(b.text))}</{heading}>")
        elif isinstance(b, Figure):
            out.append(image(a, b.image))
        elif isinstance(b, Raw):
            out.append(b.html)
    if a.credit and credit is not None:
        out.append(credit(a))
    return "\n".join(out)


def relative_vi(delta: timedelta) -> str:
    """How news sites print a recent time: "5 giờ trước", "3 ngày trước", "2 tháng trước"."""
    hours = int(delta.total_seconds() // 3600)
    days = delta.days
    if hours < 1:
        return f"{max(1, int(delta.total_seconds() // 60))} phút trước"
    if hours < 24:
        return f"{hours} giờ trước"
    if days < 7:
        return f"{days} ngày trước"
    if days < 30:
        return f"{days // 7} tuần trước"
    if days < 365:
        return f"{days // 30} tháng trước"
    return f"{days // 365} năm trước"


def patch_truth(
    replica: Replica,
    articles: list[Article],
    url_for: Callable[[Article], str],
    id_for: Callable[[Article], str | None] | None = None,
) -> Replica:
    """Give every record (and every related link) the URL a reader would cite on this site,
    and, where the URLs carry no article number, no id."""
    by_path = {a.path: a for a in articles}
    by_id = {a.native_id: a for a in articles}
    for path, record in zip(replica.article_paths, replica.truth, strict=True):
        a = by_path[path]
        record["url"] = url_for(a)
        if id_for is not None:
            record["id"] = id_for(a)
        record["related"] = [
            {"url": url_for(by_id[i]), "title": collapse(by_id[i].title)}
            for _, ids in a.related
            for i in ids
        ]
    return replica
