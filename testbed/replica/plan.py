"""Site-independent pieces of an invented article: credits, counters, images, body blocks.

Every helper draws from the caller's seeded ``random.Random`` in a fixed order, so the
replica is identical on every build.
"""

from __future__ import annotations

import random
from datetime import datetime

from .model import Article, Block, Credit, Figure, Heading, Image, Para, Raw
from .text import DASH_UNITS, DESKS, FULL_NAMES, NEWS_SOURCES, PAREN_UNITS, PEN_NAMES, slugify


def make_credit(
    rng: random.Random, site: str, form: str, *, placement: str = "body"
) -> Credit | None:
    """One credit line in a given form (docs/sites.md "Credit lines"): "endash" (Name – Unit),
    "hyphen"/"hyphen_thuy" (Name - Unit), "tacgia"/"tacgia_desk" (Tác giả: Name),
    "paren" (Name (Unit)), a desk ("PV", "CTV", "Ban biên tập"), "theo" (a source credit,
    "Theo Thanh Niên": the paper is the author), or "none"."""
    pen = rng.choice(PEN_NAMES[site])
    if form == "endash":
        return Credit(f"{pen} – {rng.choice(DASH_UNITS)}", pen)
    if form == "hyphen":
        return Credit(f"{pen} - {rng.choice(DASH_UNITS)}", pen)
    if form == "hyphen_thuy":  # the exact form seen on congan.hungyen.gov.vn
        return Credit("Thuỳ Hương - Công an tỉnh", "Thuỳ Hương")
    if form == "tacgia":
        name = rng.choice((pen, rng.choice(FULL_NAMES)))
        return Credit(f"Tác giả: {name}", name, placement)
    if form == "tacgia_desk":
        desk = rng.choice(DESKS)
        return Credit(f"Tác giả: {desk}", desk, placement)
    if form == "paren":
        name = rng.choice(FULL_NAMES)
        return Credit(f"{name} ({rng.choice(PAREN_UNITS)})", name)
    if form in DESKS:  # one-word desks are authors too
        return Credit(form, form)
    if form == "theo":
        source = rng.choice(NEWS_SOURCES)
        return Credit(f"Theo {source}", source)
    if form == "none":
        return None
    raise ValueError(form)


def make_views(rng: random.Random, shown: bool) -> int | None:
    if not shown:
        return None
    if rng.random() < 0.35:
        return rng.randint(1000, 18000)  # printed with a dot separator: 12.408
    return rng.randint(35, 999)


def make_images(
    rng: random.Random,
    base: str,
    when: datetime,
    native_id: int,
    captions: tuple[str, ...],
    title: str,
    count: int,
    styles: tuple[str, ...] = ("figure",),
    first: int = 1,
) -> list[Image]:
    pool = list(captions)
    rng.shuffle(pool)
    images = []
    for i in range(count):
        caption = pool[i % len(pool)] if rng.random() > 0.12 else None
        name = slugify(caption)[:40].strip("-") if caption else "anh"
        src = f"/uploads/news/{when:%Y_%m}/{name}-{native_id}-{first + i}.jpg"
        if rng.random() < 0.15:  # some editors paste absolute URLs
            src = base + src
        alt = rng.choice((caption or "", caption or title, title, ""))
        images.append(Image(src=src, caption=caption, alt=alt, style=rng.choice(styles)))
    return images


def build_blocks(
    rng: random.Random,
    paragraphs: list[str],
    headings: tuple[str, ...],
    images: list[Image],
    *,
    n_headings: int = 0,
    extras: tuple[str, ...] = (),
) -> list[Block]:
    """Paragraphs with sub-headings, figures and text-free markup spread between them."""
    blocks: list[Block] = []
    for text in paragraphs:
        bold = None
        if "," in text and rng.random() < 0.12:
            bold = text[: text.index(",") + 1]  # editors often bold the dateline
        blocks.append(Para(text, bold))
    inserts: list[Block] = [Figure(im) for im in images] + [Raw(x) for x in extras]
    for h in rng.sample(headings, min(n_headings, len(headings))):
        inserts.insert(rng.randint(0, len(inserts)), Heading(h))
    # slot s = "after paragraph s"; never before the first paragraph.
    slots = sorted(rng.randint(1, len(paragraphs)) for _ in inserts)
    out: list[Block] = []
    for n, para in enumerate(blocks, start=1):
        out.append(para)
        out.extend(b for s, b in zip(slots, inserts, strict=True) if s == n)
    blocks = out
    return _no_adjacent_headings(blocks)


def _no_adjacent_headings(blocks: list[Block]) -> list[Block]:
    """A sub-heading is never last and never directly follows another one."""
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Heading) and out and isinstance(out[-1], Heading):
            continue
        out.append(b)
    while out and isinstance(out[-1], Heading):
        out.pop()
    return out


def pick_related(
    rng: random.Random, a: Article, same_cat: list[Article], everyone: list[Article], k: int
) -> list[int]:
    """Nearby articles of the same category (older first choice), newest first."""
    older = sorted((x for x in same_cat if x.native_id < a.native_id), key=lambda x: -x.native_id)
    newer = sorted((x for x in same_cat if x.native_id > a.native_id), key=lambda x: x.native_id)
    near = (older + newer)[: k + 2]
    if len(near) < k:
        near += [x for x in everyone if x is not a and x not in near][: k - len(near)]
    chosen = rng.sample(near, k)
    return [x.native_id for x in sorted(chosen, key=lambda x: -x.native_id)]


def brief(text: str, words: int = 32) -> str:
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + "…"
