"""Planning shared by the small platform replicas (WordPress, Liferay, DotNetNuke, custom).

Each replica is 16 articles in 2 categories of 2 listing pages, drawn from the same phrase
banks as the first two sites; what differs per site is given by a ``Spec`` (names, seed,
URL shape, how the date is printed, which credit forms occur) and rendered by its module.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from .markup import esc, paragraph
from .model import (
    Article,
    Category,
    Figure,
    Heading,
    Image,
    Para,
    Raw,
    assign_ids,
    spread_datetimes,
    url_hash_id,
)
from .plan import brief, build_blocks, make_credit, make_images, make_views, pick_related
from .text import draft_article, slugify, split_paragraphs

# (rng, article index, moment) -> (published_text, has_time)
DateStyle = Callable[[random.Random, int, datetime], tuple[str, bool]]
# (category, slug, native id, moment) -> URL path as linked (root-relative)
PathStyle = Callable[[Category, str, int, datetime], str]


@dataclass(frozen=True)
class Spec:
    key: str
    base: str
    source: str
    seed: int
    categories: tuple[Category, ...]
    path_for: PathStyle
    dates: DateStyle
    credit_forms: tuple[str, ...]  # one per article, shuffled (see plan.make_credit)
    per_category: int = 8
    per_page: int = 4
    first_day: date = date(2023, 2, 1)
    last_day: date = date(2025, 10, 20)
    id_base: int = 10000
    ids_per_day: float = 3.0
    nfd: int = 2  # articles stored in decomposed Unicode
    no_views: int = 1  # articles whose page shows no counter (-1: the site shows none)
    leads: int = 0  # articles with a lead shown apart from the body
    no_related: int = 2
    tags: bool = False
    hashed_ids: bool = False  # URLs carry no article number: ids are URL hashes (url_hash_id)
    image_styles: tuple[str, ...] = ("figure",)
    accounts: tuple[str, ...] = ()  # WordPress posting accounts


def plan(spec: Spec) -> list[Article]:
    """The articles of a site, deterministic for its seed."""
    rng = random.Random(spec.seed)
    n = spec.per_category * len(spec.categories)
    moments = spread_datetimes(rng, n, spec.first_day, spec.last_day)
    ids = assign_ids(rng, moments, spec.id_base, spec.ids_per_day, spec.first_day)
    cats = [c for c in spec.categories for _ in range(spec.per_category)]
    rng.shuffle(cats)
    idx = list(range(n))
    nfd = set(rng.sample(idx, spec.nfd))
    no_views = set(idx) if spec.no_views < 0 else set(rng.sample(idx, spec.no_views))
    leads = set(rng.sample(idx, spec.leads))
    no_related = set(rng.sample(idx, spec.no_related))
    scripted = set(rng.sample(idx, 1))
    forms = list(spec.credit_forms)
    assert len(forms) == n, (spec.key, len(forms), n)
    rng.shuffle(forms)
    taken: set[str] = set()
    articles: list[Article] = []
    for i, (m, native_id, cat) in enumerate(zip(moments, ids, cats, strict=True)):
        topic = cat.topics[(i + rng.randint(0, 2)) % len(cat.topics)]
        d = draft_article(rng, spec.key, topic, m.date(), taken)
        sentences = list(d.sentences)
        lead = sentences.pop(0) if i in leads else None
        paragraphs = split_paragraphs(rng, sentences, rng.randint(3, 7))
        n_images = rng.choice((0, 1, 1, 2, 2, 3))
        images = make_images(
            rng, spec.base, m, native_id, d.captions, d.title, n_images, styles=spec.image_styles
        )
        extras = (
            (f'<script type="text/javascript">var newsView = {{"id": {native_id}}};</script>',)
            if i in scripted
            else ()
        )
        n_headings = rng.choice((0, 0, 1)) if len(paragraphs) >= 4 else 0
        blocks = build_blocks(
            rng, paragraphs, d.headings, images, n_headings=n_headings, extras=extras
        )
        blocks = [b for b in blocks if not (isinstance(b, Raw) and not b.html)]
        published_text, has_time = spec.dates(rng, i, m)
        slug = slugify(d.title)
        path = spec.path_for(cat, slug, native_id, m)
        url = spec.base + path
        account = rng.choice(spec.accounts) if spec.accounts else None
        articles.append(
            Article(
                site=spec.key,
                native_id=native_id,
                slug=slug,
                path=path,
                url=url,
                category=cat,
                title=d.title,
                published=m,
                published_text=published_text,
                has_time=has_time,
                view_count=make_views(rng, i not in no_views),
                lead=lead,
                blocks=blocks,
                credit=make_credit(rng, spec.key, forms[i]),
                tags=list(rng.sample(d.tags, 2)) if spec.tags and rng.random() < 0.7 else [],
                nfd=i in nfd,
                brief=brief(lead or paragraphs[0], 30),
                record_id=url_hash_id(spec.key, url) if spec.hashed_ids else None,
                account=account,
            )
        )
    by_cat = {c: [a for a in articles if a.category == c] for c in spec.categories}
    for i, a in enumerate(articles):
        if i not in no_related:
            k = rng.randint(2, 4)
            a.related = [("Tin liên quan", pick_related(rng, a, by_cat[a.category], articles, k))]
    return articles


def credit_forms(n: int, *, block: bool = False) -> tuple[str, ...]:
    """A spread of credit forms for n articles: every form of docs/sites.md at least once."""
    base = ["endash", "hyphen", "tacgia", "tacgia_desk", "paren", "PV", "CTV", "Ban biên tập"]
    base += ["none", "none"]
    fill = ["endash", "tacgia", "hyphen", "paren", "endash", "tacgia"]
    forms = (base + fill * n)[:n]
    return tuple(forms)


def render_body(a: Article, image: Callable[[Article, Image], str], heading: str = "h3") -> str:
    """Body paragraphs, sub-headings, figures (in the site's editor style), pasted markup and
    the credit line last, right-aligned in bold (docs/sites.md)."""
    out = []
    for b in a.blocks:
        if isinstance(b, Para):
            out.append(paragraph(a, b.text, b.bold, "text-align: justify;"))
        elif isinstance(b, Heading):
            out.append(f"<{heading}>{esc(a.shown(b.text))}</{heading}>")
        elif isinstance(b, Figure):
            out.append(image(a, b.image))
        elif isinstance(b, Raw):
            out.append(b.html)
    if a.credit and a.credit.placement == "body":
        out.append(
            f'<p style="text-align: right;"><strong>{esc(a.shown(a.credit.byline))}</strong></p>'
        )
    return "\n".join(out)


def rewrite_images(articles: list[Article], rewrite: Callable[[Article, str], str]) -> None:
    """Move image files to where the CMS keeps uploads (/documents/..., /Portals/0/...)."""
    for a in articles:
        a.blocks = [
            Figure(replace(b.image, src=rewrite(a, b.image.src))) if isinstance(b, Figure) else b
            for b in a.blocks
        ]
