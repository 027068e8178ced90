"""Replica of congan.hungyen.gov.vn (provincial-portal style CMS, ``-c{id}.html`` URLs).

What is SEEN on the real site (docs/sites.md): article URLs ``/{slug}-c{id}.html`` at the root
with lossy slugs and ids growing over time; the page text order category header ->
``Đăng ngày: 20/11/2024 - Lượt xem: 66`` -> title -> paragraphs with image captions as
their own lines -> credit line last (en dash or hyphen forms) -> ``Tin liên quan``.

What is ASSUMED (borrowed from the hungyen.gov.vn provincial portal, not seen on the police
site): the listing URLs ``/chuyen-muc-{slug}-c{catid}-{page}.html``, every class name
(``list-news``, ``article-item``, ``a.article-title``, ``span.article-date``,
``div.article-brief``, ``article-detail``, ``post-date``, ``article-sapo``,
``article-content``, ``relate-news``), the ``Ngày đăng:``/``Cập nhật:`` date-line variants,
the lead paragraph, the old editor's ``table.image`` figures and all page chrome.
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources

from .assemble import assemble_replica, newest_first
from .markup import (
    attr,
    esc,
    href,
    html_page,
    paragraph,
    share_links,
    template,
)
from .model import (
    Article,
    Category,
    Credit,
    Figure,
    Heading,
    Image,
    Page,
    Para,
    Raw,
    Replica,
    assign_ids,
    dotted,
    spread_datetimes,
)
from .plan import brief, build_blocks, make_credit, make_images, make_views, pick_related
from .text import draft_article, slugify, split_paragraphs

KEY = "hungyen"
BASE = "https://congan.hungyen.gov.vn"
SOURCE = "Công an tỉnh Hưng Yên"
PER_PAGE = 7
RNG_SEED = 20241120

CATEGORIES = (
    Category(
        "Thông tin chuyên đề", "thong-tin-chuyen-de", 101, ("fraud", "admin", "fire", "honours")
    ),
    Category("An ninh trật tự", "an-ninh-trat-tu", 102, ("traffic", "drugs", "crime", "patrol")),
    Category("Xây dựng lực lượng", "xay-dung-luc-luong", 103, ("force", "honours", "youth")),
)
PER_CATEGORY = 16  # 7 + 7 + 2 items: three listing pages per category

# The seed's real id is unknown: its id (229092) is INVENTED, produced by the same id/date
# trend as every other article and pinned by an assertion in _plan.
SEED_MOMENT = datetime(2024, 11, 20, 8, 40)  # only the date is printed
# "Cập nhật: dd tháng MM năm yyyy" articles (zero-padded month words).
MONTH_WORD_MOMENTS = (datetime(2025, 9, 21, 15, 10), datetime(2023, 3, 5, 9, 30))


def listing_path(cat: Category, page: int) -> str:
    return f"/chuyen-muc-{cat.slug}-c{cat.native_id}-{page}.html"


# --------------------------------------------------------------------------- the seed


@dataclass(frozen=True)
class Seed:
    category: str
    date_text: str
    views: int
    title: str
    paragraphs: tuple[str, ...]
    caption: str
    caption_after: int  # the image follows this many paragraphs
    byline: str


def load_seed() -> Seed:
    """Parse data/hungyen-seed.txt, the page text of the real seed article (kept verbatim)."""
    raw = resources.files(__package__).joinpath("data/hungyen-seed.txt").read_text("utf-8")
    lines = raw.split("\n")
    category, date_line, title = lines[0], lines[1], lines[2]
    m = re.fullmatch(r"Đăng ngày: (\d\d/\d\d/\d{4}) - Lượt xem: (\d+)", date_line)
    assert m, date_line
    blocks = [b.strip("\n") for b in "\n".join(lines[3:]).split("\n\n") if b.strip()]
    assert blocks[-1] == "Tin liên quan", blocks[-1]
    byline = blocks[-2]
    paragraphs: list[str] = []
    caption, caption_after = "", 0
    for b in blocks[:-2]:
        # A caption is its own short line without sentence punctuation.
        if len(b) < 80 and not b.rstrip().endswith((".", "…", ":")):
            caption, caption_after = b, len(paragraphs)
        else:
            paragraphs.append(b)
    return Seed(
        category,
        m.group(1),
        int(m.group(2)),
        title,
        tuple(paragraphs),
        caption,
        caption_after,
        byline,
    )


# --------------------------------------------------------------------------- model


def _date_text(style: str, m: datetime, views: int | None) -> tuple[str, str, bool]:
    """(post-date line as printed, published_text, has_time)."""
    counter = f" - Lượt xem: {dotted(views)}" if views is not None else ""
    if style == "time":
        shown = m.strftime("%d/%m/%Y %H:%M")
        return f"Ngày đăng: {shown}{counter}", shown, True
    if style == "words":
        shown = f"{m.day:02d} tháng {m.month:02d} năm {m.year}"
        return f"Cập nhật: {shown}{counter}", shown, False
    shown = m.strftime("%d/%m/%Y")
    return f"Đăng ngày: {shown}{counter}", shown, False


def _plan(rng: random.Random) -> tuple[list[Article], dict[int, str]]:
    seed = load_seed()
    n = PER_CATEGORY * len(CATEGORIES)
    moments = _moments(rng, n)
    ids = _ids(rng, moments)
    seed_at = moments.index(SEED_MOMENT)
    assert 229000 <= ids[seed_at] <= 230500, ids[seed_at]  # the invented seed id (229092)
    cats = [c for c in CATEGORIES for _ in range(PER_CATEGORY)]
    cats.remove(CATEGORIES[0])
    rng.shuffle(cats)
    cats.insert(seed_at, CATEGORIES[0])

    others = [i for i in range(n) if i != seed_at]
    words = {moments.index(m) for m in MONTH_WORD_MOMENTS}
    plain = [i for i in others if i not in words]
    no_views = set(rng.sample(plain, 2))
    timed = set(rng.sample([i for i in plain if i not in no_views], 10))
    nfd = set(rng.sample(others, 4))
    sapo = set(rng.sample(others, 15))
    no_related = set(rng.sample(others, 5))
    scripted = set(rng.sample(others, 3))
    empty_p = set(rng.sample(others, 3))
    forms = (
        ["endash"] * 10
        + ["hyphen_thuy", "hyphen_thuy"]
        + ["hyphen"] * 6
        + ["tacgia"] * 6
        + ["tacgia_desk"] * 2
        + ["paren"] * 6
        + ["PV"] * 4
        + ["CTV"] * 3
        + ["Ban biên tập"] * 3
        + ["none"] * 5
    )
    assert len(forms) == len(others)
    rng.shuffle(forms)
    credit_of = dict(zip(others, forms, strict=True))
    garbled = rng.choice(others)

    taken: set[str] = {seed.title}
    articles: list[Article] = []
    line_of: dict[int, str] = {}
    for i, (m, native_id, cat) in enumerate(zip(moments, ids, cats, strict=True)):
        if i == seed_at:
            a, line = _seed_article(seed, native_id, cat)
        else:
            style = "words" if i in words else "time" if i in timed else "date"
            a, line = _article(
                rng,
                i,
                m,
                native_id,
                cat,
                style,
                taken,
                credit_of[i],
                views_shown=i not in no_views,
                nfd=i in nfd,
                sapo=i in sapo,
                extras=_extras(i in scripted, i in empty_p, native_id),
                garbled=i == garbled,
            )
        articles.append(a)
        line_of[a.native_id] = line

    by_cat = {c: [a for a in articles if a.category == c] for c in CATEGORIES}
    for i, a in enumerate(articles):
        if i in no_related:
            continue
        k = 3 if i == seed_at else rng.randint(2, 5)
        a.related = [("Tin liên quan", pick_related(rng, a, by_cat[a.category], articles, k))]
    return articles, line_of


def _moments(rng: random.Random, n: int) -> list[datetime]:
    return spread_datetimes(
        rng, n, date(2023, 1, 4), date(2025, 10, 30), (SEED_MOMENT, *MONTH_WORD_MOMENTS)
    )


def _ids(rng: random.Random, moments: list[datetime]) -> list[int]:
    # ~10 ids a day: 222200 in Jan 2023, ~229100 in Nov 2024, ~232500 in late 2025.
    return assign_ids(rng, moments, 222200, 10, date(2023, 1, 1))


def _extras(script: bool, empty_p: bool, native_id: int) -> tuple[str, ...]:
    out = []
    if script:  # pasted embed code inside the body: extraction must drop it
        out.append(
            f'<script type="text/javascript">var newsHit = {{"id": {native_id}, '
            '"counted": false}; document.write("");</script>'
        )
    if empty_p:
        out.append("<p>&nbsp;</p>")
    return tuple(out)


def _seed_article(seed: Seed, native_id: int, cat: Category) -> tuple[Article, str]:
    assert cat.name == seed.category
    slug = slugify(seed.title)
    image = Image(
        src="/uploads/news/2024_11/toan-canh-hoi-nghi.jpg",
        caption=seed.caption,
        alt=seed.caption,
        style="table",
    )
    blocks: list = [Para(p) for p in seed.paragraphs]
    blocks.insert(seed.caption_after, Figure(image))
    line, shown, _ = _date_text("date", SEED_MOMENT, seed.views)
    assert shown == seed.date_text
    a = Article(
        site=KEY,
        native_id=native_id,
        slug=slug,
        path=f"/{slug}-c{native_id}.html",
        url=f"{BASE}/{slug}-c{native_id}.html",
        category=cat,
        title=seed.title,
        published=SEED_MOMENT,
        published_text=shown,
        has_time=False,
        view_count=seed.views,
        blocks=blocks,
        credit=Credit(seed.byline, seed.byline.split(" – ")[0]),
        brief=brief(seed.paragraphs[0]),
    )
    return a, line


def _article(
    rng: random.Random,
    i: int,
    m: datetime,
    native_id: int,
    cat: Category,
    style: str,
    taken: set[str],
    form: str,
    *,
    views_shown: bool,
    nfd: bool,
    sapo: bool,
    extras: tuple[str, ...],
    garbled: bool,
) -> tuple[Article, str]:
    topic = cat.topics[(i + rng.randint(0, 1)) % len(cat.topics)]
    d = draft_article(rng, KEY, topic, m.date(), taken)
    sentences = list(d.sentences)
    lead = sentences.pop(0) if sapo else None
    paragraphs = split_paragraphs(rng, sentences, rng.randint(3, 8))
    n_images = 0 if rng.random() < 0.15 else rng.randint(1, 3)
    images = make_images(
        rng, BASE, m, native_id, d.captions, d.title, n_images, styles=("figure", "table")
    )
    n_headings = rng.choice((0, 0, 0, 1, 2)) if len(paragraphs) >= 4 else 0
    blocks = build_blocks(rng, paragraphs, d.headings, images, n_headings=n_headings, extras=extras)
    views = make_views(rng, views_shown)
    line, shown, has_time = _date_text(style, m, views)
    slug = slugify(d.title)
    if garbled:  # one real slug is garbled: key on the id, never on the slug
        slug = slug[:23].rstrip("-") + "-ndash-" + slug[23:31].strip("-")
    a = Article(
        site=KEY,
        native_id=native_id,
        slug=slug,
        path=f"/{slug}-c{native_id}.html",
        url=f"{BASE}/{slug}-c{native_id}.html",
        category=cat,
        title=d.title,
        published=m,
        published_text=shown,
        has_time=has_time,
        view_count=views,
        lead=lead,
        blocks=blocks,
        credit=make_credit(rng, KEY, form),
        nfd=nfd,
        brief=brief(lead or paragraphs[0]),
    )
    return a, line


# --------------------------------------------------------------------------- rendering

STATIC = {
    "/static/css/style.css": ("body{font-family:Arial,sans-serif}h1{font-size:24px}\n", "text/css"),
    "/static/css/bootstrap.min.css": ("/* bootstrap placeholder */\n", "text/css"),
    "/static/js/main.js": (
        "window.HY = window.HY || {};\n"
        "HY.ready = function (f) { document.addEventListener('DOMContentLoaded', f); };\n",
        "application/javascript",
    ),
    "/static/js/jquery.min.js": ("/* jquery placeholder */\n", "application/javascript"),
}


class Site:
    def __init__(self, articles: list[Article], line_of: dict[int, str]):
        self.articles = articles
        self.line_of = line_of
        self.by_id = {a.native_id: a for a in articles}
        self.latest = newest_first(articles)[:5]
        self.popular = sorted(articles, key=lambda a: (-(a.view_count or 0), -a.native_id))[:5]

    def layout(
        self,
        *,
        title: str,
        description: str,
        canonical: str,
        body_class: str,
        main: str,
        og_type: str = "website",
        extra_head: str = "",
    ) -> str:
        """Page chrome (menu, sidebar, footer) around ``main``; never inside content."""
        menu = "\n".join(
            f'        <li><a href="{attr(_listing_href(c, absolute=j % 2 == 1))}">'
            f"{esc(c.name)}</a></li>"
            for j, c in enumerate(CATEGORIES)
        )
        return template("hungyen-layout.html").substitute(
            title=esc(title),
            description=attr(description),
            og_type=og_type,
            og_title=attr(title.removesuffix(" - " + SOURCE)),
            canonical=attr(canonical),
            extra_head=extra_head,
            body_class=body_class,
            menu=menu,
            main=main,
            sidebar=self.sidebar(),
        )

    def sidebar(self) -> str:
        def box(title: str, items: list[Article], cls: str) -> str:
            lis = "\n".join(
                f'            <li><a href="{attr(href(a, BASE, a.native_id % 3 == 0))}">'
                f"{esc(a.shown(a.title))}</a></li>"
                for a in items
            )
            return (
                f'        <div class="box {cls}">\n'
                f'          <h3 class="box-title">{title}</h3>\n'
                f"          <ul>\n{lis}\n          </ul>\n        </div>"
            )

        return "\n".join(
            (
                box("Tin mới", self.latest, "box-latest"),
                box("Tin xem nhiều", self.popular, "box-popular"),
            )
        )

    # -- article page --
    def article_page(self, a: Article) -> str:
        cat_href = attr(listing_path(a.category, 1))
        sapo = ""
        if a.lead:
            sapo = f'\n          <div class="article-sapo">{esc(a.shown(a.lead))}</div>'
        fb, zalo = share_links(a.url)
        main = f"""        <div class="article-detail">
          <ol class="breadcrumb">
            <li><a href="/">Trang chủ</a></li>
            <li><a href="{cat_href}">{esc(a.category.name)}</a></li>
          </ol>
          <div class="category-title"><a href="{cat_href}">{esc(a.category.name)}</a></div>
          <div class="post-date">{esc(self.line_of[a.native_id])}</div>
          <h1 class="article-title">{esc(a.shown(a.title))}</h1>{sapo}
          <div class="article-content">
{self.content(a)}
          </div>
          <div class="share-box">
            <span class="share-label">Chia sẻ</span>
            <a class="share-facebook" href="{attr(fb)}" target="_blank" rel="noopener">Facebook</a>
            <a class="share-zalo" href="{attr(zalo)}" target="_blank" rel="noopener">Zalo</a>
            <a class="print" href="javascript:window.print();">In bài viết</a>
          </div>{self.related(a)}
        </div>"""
        images = a.images()
        og_image = images[0].src if images else "/static/images/logo-cong-an-hung-yen.png"
        og_image = og_image if og_image.startswith("http") else BASE + og_image
        return self.layout(
            title=f"{a.shown(a.title)} - {SOURCE}",
            description=a.shown(a.brief),
            canonical=a.url,
            body_class="page-article",
            main=main,
            og_type="article",
            extra_head=f'<meta property="og:image" content="{attr(og_image)}">\n',
        )

    def related(self, a: Article) -> str:
        if not a.related:
            return ""
        items = []
        for _, ids in a.related:
            for n, rid in enumerate(ids):
                r = self.by_id[rid]
                items.append(
                    f'              <li><a href="{attr(href(r, BASE, n % 2 == 1))}">'
                    f"{esc(r.shown(r.title))}</a>"
                    f' <span class="date">({r.published:%d/%m/%Y})</span></li>'
                )
        return (
            '\n          <div class="relate-news">'
            '\n            <div class="title">Tin liên quan</div>'
            "\n            <ul>\n" + "\n".join(items) + "\n            </ul>\n          </div>"
        )

    @staticmethod
    def content(a: Article) -> str:
        out = []
        for b in a.blocks:
            if isinstance(b, Para):
                out.append(paragraph(a, b.text, b.bold, "text-align: justify;"))
            elif isinstance(b, Heading):
                out.append(f"<h3>{esc(a.shown(b.text))}</h3>")
            elif isinstance(b, Figure):
                out.append(_image(a, b.image))
            elif isinstance(b, Raw):
                out.append(b.html)
        if a.credit:  # SEEN: the credit is the last line of the article text
            byline = esc(a.shown(a.credit.byline))
            out.append(f'<p style="text-align: right;"><strong>{byline}</strong></p>')
        return "\n".join("            " + line for line in out)

    # -- listing pages --
    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        rows = []
        for a in items:
            link = attr(href(a, BASE, a.native_id % 4 == 1))
            title = a.shown(a.title)
            images = a.images()
            thumb = attr(images[0].src if images else "/static/images/no-image.jpg")
            rows.append(f"""          <div class="article-item">
            <a class="article-thumb" href="{link}"><img src="{thumb}" alt="{attr(title)}"></a>
            <div class="article-info">
              <a class="article-title" href="{link}">{esc(title)}</a>
              <span class="article-date">{a.published:%d/%m/%Y}</span>
              <div class="article-brief">{esc(a.shown(a.brief))}</div>
            </div>
          </div>""")
        rows_html = "\n".join(rows)
        main = f"""        <ol class="breadcrumb">
          <li><a href="/">Trang chủ</a></li>
          <li class="active">{esc(cat.name)}</li>
        </ol>
        <div class="category-header"><h1 class="category-name">{esc(cat.name)}</h1></div>
        <div class="list-news">
{rows_html}
        </div>
{_pagination(cat, page, pages)}"""
        title = cat.name if page == 1 else f"{cat.name} - Trang {page}"
        return self.layout(
            title=f"{title} - {SOURCE}",
            description=f"{cat.name} - {SOURCE}",
            canonical=BASE + listing_path(cat, page),
            body_class="page-category",
            main=main,
        )

    def home_page(self) -> str:
        blocks = []
        for c in CATEGORIES:
            items = newest_first([a for a in self.articles if a.category == c])[:4]
            lis = "\n".join(
                f'            <li><a class="home-title" href="{attr(a.path)}">'
                f"{esc(a.shown(a.title))}</a></li>"
                for a in items
            )
            link = attr(listing_path(c, 1))
            blocks.append(f"""        <section class="home-block">
          <h2 class="home-block-title"><a href="{link}">{esc(c.name)}</a></h2>
          <ul>
{lis}
          </ul>
          <a class="more" href="{link}">Xem tất cả</a>
        </section>""")
        return self.layout(
            title=f"Trang chủ - {SOURCE}",
            description=f"Cổng thông tin điện tử {SOURCE}",
            canonical=BASE + "/",
            body_class="page-home",
            main="\n".join(blocks),
        )

    def not_found(self) -> str:
        main = """        <div class="page-404">
          <h1>404 - Không tìm thấy trang</h1>
          <p>Trang bạn tìm kiếm không tồn tại hoặc đã bị xoá.</p>
          <p><a href="/">Quay về trang chủ</a></p>
        </div>"""
        return self.layout(
            title=f"Không tìm thấy trang - {SOURCE}",
            description=SOURCE,
            canonical=BASE + "/",
            body_class="page-404",
            main=main,
        )


def _listing_href(cat: Category, page: int = 1, *, absolute: bool = False) -> str:
    return (BASE if absolute else "") + listing_path(cat, page)


def _image(a: Article, im: Image) -> str:
    src, alt = attr(im.src), attr(a.shown(im.alt))
    cap = esc(a.shown(im.caption)) if im.caption else None
    if im.style == "table":  # the old editor's image table (ASSUMED on this site)
        desc = f'<tr><td class="image_desc">{cap}</td></tr>' if cap else ""
        return (
            f'<table class="image" align="center"><tbody><tr><td><img src="{src}" '
            f'alt="{alt}" width="800"></td></tr>{desc}</tbody></table>'
        )
    figcaption = f"<figcaption>{cap}</figcaption>" if cap else ""
    return f'<figure class="image"><img src="{src}" alt="{alt}" width="800">{figcaption}</figure>'


def _pagination(cat: Category, page: int, pages: int) -> str:
    lis = []
    if page > 1:
        lis.append(f'<li><a rel="prev" href="{listing_path(cat, page - 1)}">«</a></li>')
    for p in range(1, pages + 1):
        if p == page:
            lis.append(f'<li class="active"><span>{p}</span></li>')
        else:
            lis.append(f'<li><a href="{_listing_href(cat, p, absolute=True)}">{p}</a></li>')
    if page < pages:
        lis.append(f'<li><a rel="next" href="{listing_path(cat, page + 1)}">»</a></li>')
    inner = "\n".join("          " + x for x in lis)
    return f'        <ul class="pagination">\n{inner}\n        </ul>'


def not_found_page() -> Page:
    return html_page(_site().not_found(), status=404)


@functools.cache
def _site() -> Site:
    return Site(*_plan(random.Random(RNG_SEED)))


def build() -> Replica:
    site = _site()
    return assemble_replica(
        key=KEY,
        base=BASE,
        source=SOURCE,
        site=site,
        categories=CATEGORIES,
        per_page=PER_PAGE,
        listing_path=listing_path,
        static_files=STATIC,
    )
