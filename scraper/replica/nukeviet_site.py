"""NukeViet 4.5 news module, default theme: the renderer of every NukeViet replica.

First written for congan.laichau.gov.vn; other NukeViet provinces reuse it with their
own configuration (``NukeVietConfig``: names, seed, categories, counts).

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
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from datetime import date, datetime

from .assemble import assemble_replica, newest_first
from .markup import attr, esc, html_page, paragraph, template
from .model import (
    Article,
    Category,
    Figure,
    Heading,
    Page,
    Para,
    Raw,
    Replica,
    assign_ids,
    dotted,
    spread_datetimes,
)
from .plan import brief, build_blocks, make_credit, make_images, make_views, pick_related
from .text import draft_article, slugify, split_paragraphs, weekday_name


@dataclass(frozen=True)
class NukeVietConfig:
    key: str
    base: str
    source: str
    seed: int
    categories: tuple[Category, ...]
    per_category: int
    per_page: int
    first_day: date
    last_day: date
    id_base: int
    ids_per_day: float
    # how many articles get each trait (drawn in this order from the seeded generator)
    counts: dict[str, int]
    credit_forms: tuple[str, ...]
    local_tag: str  # a tag some articles carry, e.g. "Công an Lai Châu"
    # (text in the Lai Châu templates, this site's text); empty for Lai Châu itself
    replacements: tuple[tuple[str, str], ...] = field(default=())

    def template(self, name: str) -> string.Template:
        if not self.replacements:
            return template(name)
        text = template(name).template
        for old, new in self.replacements:
            text = text.replace(old, new)
        return string.Template(text)


def listing_path(cat: Category, page: int) -> str:
    return f"/{cat.slug}/" if page == 1 else f"/{cat.slug}/page-{page}"


def savefile_path(a: Article) -> str:
    return "/savefile" + a.path


def _published_text(m: datetime) -> str:
    return f"{weekday_name(m.date())} - {m:%d/%m/%Y %H:%M}"  # NukeViet "l - d/m/Y H:i"


# --------------------------------------------------------------------------- model


def _plan(cfg: NukeVietConfig, rng: random.Random) -> list[Article]:
    n = cfg.per_category * len(cfg.categories)
    moments = spread_datetimes(rng, n, cfg.first_day, cfg.last_day)
    ids = assign_ids(rng, moments, cfg.id_base, cfg.ids_per_day, date(cfg.first_day.year, 1, 1))
    cats = [c for c in cfg.categories for _ in range(cfg.per_category)]
    rng.shuffle(cats)

    idx = list(range(n))
    c = cfg.counts
    nfd = set(rng.sample(idx, c["nfd"]))
    no_views = set(rng.sample(idx, c["no_views"]))
    no_lead = set(rng.sample(idx, c["no_lead"]))
    no_lead_image = set(rng.sample(idx, c["no_lead_image"]))
    tagged = set(rng.sample(idx, c["tagged"]))
    no_related = set(rng.sample(idx, c["no_related"]))
    split_related = set(rng.sample(idx, c["split_related"]))
    scripted = set(rng.sample(idx, c["scripted"]))
    forms = list(cfg.credit_forms)
    assert len(forms) == n
    rng.shuffle(forms)

    taken: set[str] = set()
    articles = []
    for i, (m, native_id, cat) in enumerate(zip(moments, ids, cats, strict=True)):
        topic = cat.topics[(i + rng.randint(0, 2)) % len(cat.topics)]
        d = draft_article(rng, cfg.key, topic, m.date(), taken)
        sentences = list(d.sentences)
        lead = None if i in no_lead else sentences.pop(0)
        paragraphs = split_paragraphs(rng, sentences, rng.randint(3, 8))
        lead_image = None
        if i not in no_lead_image:
            (lead_image,) = make_images(rng, cfg.base, m, native_id, d.captions, d.title, 1)
        # Body figures avoid repeating the lead figure's caption.
        captions = tuple(c for c in d.captions if not lead_image or c != lead_image.caption)
        body_images = make_images(
            rng,
            cfg.base,
            m,
            native_id,
            captions or d.captions,
            d.title,
            rng.choice((0, 0, 1, 1, 2)),
            first=2,
        )
        extras = (
            ('<script type="text/javascript">var nvVideo = {"autoplay": false};</script>',)
            if i in scripted
            else ()
        )
        n_headings = rng.choice((0, 0, 0, 1)) if len(paragraphs) >= 4 else 0
        blocks = build_blocks(
            rng, paragraphs, d.headings, body_images, n_headings=n_headings, extras=extras
        )
        placement, _, form = forms[i].rpartition(":")
        credit = make_credit(rng, cfg.key, form, placement=placement or "body")
        tags = []
        if i in tagged:
            tags = rng.sample(d.tags, min(len(d.tags), rng.randint(2, 3)))
            if rng.random() < 0.4:
                tags.append(cfg.local_tag)
        alias = slugify(d.title, keep_slash_as_dash=True)
        path = f"/{cat.slug}/{alias}-{native_id}.html"
        articles.append(
            Article(
                site=cfg.key,
                native_id=native_id,
                slug=alias,
                path=path,
                url=cfg.base + path,
                category=cat,
                title=d.title,
                published=m,
                published_text=_published_text(m),
                has_time=True,
                view_count=make_views(rng, i not in no_views),
                lead=lead,
                lead_image=lead_image,
                blocks=blocks,
                credit=credit,
                tags=tags,
                nfd=i in nfd,
                brief=brief(lead or paragraphs[0], 40),
            )
        )

    by_cat = {c: [a for a in articles if a.category == c] for c in cfg.categories}
    for i, a in enumerate(articles):
        if i in no_related:
            continue
        same = by_cat[a.category]
        if i in split_related:
            # NukeViet's "Tin mới hơn" / "Tin cũ hơn" blocks: nearest neighbours in time.
            newer = sorted(x.native_id for x in same if x.native_id > a.native_id)
            older = sorted((x.native_id for x in same if x.native_id < a.native_id), reverse=True)
            newer_ids = newer[: rng.randint(1, 2)][::-1]
            older_ids = older[: rng.randint(2, 3)]
            pairs = (("Tin mới hơn", newer_ids), ("Tin cũ hơn", older_ids))
            groups = [(h, g) for h, g in pairs if g]
            if sum(len(g) for _, g in groups) >= 2:
                a.related = groups
                continue
        a.related = [("Tin liên quan", pick_related(rng, a, same, articles, rng.randint(2, 5)))]
    return articles


# --------------------------------------------------------------------------- rendering

STATIC = {
    "/themes/default/css/bootstrap.min.css": ("/* bootstrap 3 placeholder */\n", "text/css"),
    "/themes/default/css/style.css": (".news_column .title{font-size:22px}\n", "text/css"),
    "/themes/default/css/news.css": (".other-news ul.related li{margin:4px 0}\n", "text/css"),
    "/assets/js/jquery/jquery.min.js": ("/* jquery placeholder */\n", "application/javascript"),
    "/assets/js/global.js": (
        "function nv_open_browse(u){window.open(u);}\n",
        "application/javascript",
    ),
    "/themes/default/js/main.js": (
        "function modalShowByObj(o){return o;}\n",
        "application/javascript",
    ),
    "/themes/default/js/bootstrap.min.js": (
        "/* bootstrap placeholder */\n",
        "application/javascript",
    ),
}


def _a(a: Article, absolute: bool) -> str:
    return a.url if absolute else a.path


def _link(a: Article, absolute: bool, prefix: str = "") -> str:
    title = a.shown(a.title)
    return f'{prefix}<a href="{attr(_a(a, absolute))}" title="{attr(title)}">{esc(title)}</a>'


class Site:
    def __init__(self, cfg: NukeVietConfig, articles: list[Article]):
        self.cfg = cfg
        self.articles = articles
        self.by_id = {a.native_id: a for a in articles}
        self.latest = newest_first(articles)[:5]
        self.popular = sorted(articles, key=lambda a: (-(a.view_count or 0), -a.native_id))[:5]

    def layout(
        self,
        *,
        title: str,
        description: str,
        canonical: str,
        func: str,
        main: str,
        crumbs: list[tuple[str, str]],
        og_type: str = "website",
        extra_head: str = "",
    ) -> str:
        """Theme chrome (menu, breadcrumbs, sidebar, footer) around the module output."""
        base = self.cfg.base
        menu = "\n".join(
            f'<li><a href="{attr(base + listing_path(c, 1) if j == 1 else listing_path(c, 1))}" '
            f'title="{attr(c.name)}">{esc(c.name)}</a></li>'
            for j, c in enumerate(self.cfg.categories)
        )
        crumb_items = "".join(
            '<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
            f'<a href="{attr(u)}" itemprop="item" title="{attr(t)}">'
            f'<span itemprop="name">{esc(t)}</span></a>'
            f'<i class="hidden" itemprop="position" content="{k}"></i></li>'
            for k, (t, u) in enumerate([("Trang chủ", "/"), *crumbs], start=1)
        )
        return self.cfg.template("laichau-layout.html").substitute(
            title=esc(title),
            description=attr(description),
            og_title=attr(title.removesuffix(" - " + self.cfg.source)),
            og_type=og_type,
            extra_head=extra_head,
            canonical=attr(canonical),
            func=func,
            menu=menu,
            crumbs=crumb_items,
            main=main,
            sidebar=self.sidebar(),
        )

    def sidebar(self) -> str:
        def panel(title: str, items: list[Article]) -> str:
            lis = "\n".join(
                _link(a, a.native_id % 2 == 0, '            <li class="clearfix">') + "</li>"
                for a in items
            )
            return (
                '          <div class="panel panel-primary">\n'
                f'            <div class="panel-heading">{title}</div>\n'
                '            <div class="panel-body">'
                f'<ul class="block_tophits list-none list-items">\n{lis}\n'
                "            </ul></div>\n          </div>"
            )

        return panel("Tin mới", self.latest) + "\n" + panel("Tin xem nhiều", self.popular)

    # -- article --
    def detail(self, a: Article) -> str:
        """The NukeViet detail panel; shared by the article and its /savefile/ variant."""
        stats = ""
        if a.view_count is not None:  # ASSUMED markup; SEEN wording "Đã xem"
            stats = (
                '\n    <ul class="list-inline text-muted news-stats">'
                f'<li><em class="fa fa-eye">&nbsp;</em> Đã xem: {dotted(a.view_count)}</li>'
                '<li><em class="fa fa-comment-o">&nbsp;</em> Phản hồi: 0</li></ul>'
            )
        head = ""
        if a.lead or a.lead_image:
            fig = _lead_figure(a) if a.lead_image else ""
            lead = ""
            if a.lead:
                lead = f'\n      <div class="hometext m-bottom">{esc(a.shown(a.lead))}</div>'
            head = f'\n    <div class="clearfix">{fig}{lead}\n    </div>'
        author = ""
        if a.credit and a.credit.placement == "block":
            label, _, name = a.credit.byline.partition(": ")
            author = (
                '\n    <div class="margin-bottom-lg">\n      <p class="h5 text-right">'
                f"<strong>{esc(label)}: </strong>{esc(a.shown(name))}</p>\n    </div>"
            )
        return (
            self.cfg.template("laichau-detail.html")
            .substitute(
                title=esc(a.shown(a.title)),
                published_text=esc(a.published_text),
                path=attr(a.path),
                stats=stats,
                head=head,
                body=self.body(a),
                author=author,
            )
            .rstrip("\n")
        )

    @staticmethod
    def body(a: Article) -> str:
        out = []
        for b in a.blocks:
            if isinstance(b, Para):
                out.append(paragraph(a, b.text, b.bold, "text-align:justify"))
            elif isinstance(b, Heading):
                out.append(f"<p><strong>{esc(a.shown(b.text))}</strong></p>")
            elif isinstance(b, Figure):
                im = b.image
                cap = f"<figcaption>{esc(a.shown(im.caption))}</figcaption>" if im.caption else ""
                out.append(
                    f'<figure class="image"><img alt="{attr(a.shown(im.alt))}" '
                    f'height="450" src="{attr(im.src)}" width="700">{cap}</figure>'
                )
            elif isinstance(b, Raw):
                out.append(b.html)
        if a.credit and a.credit.placement == "body":  # ASSUMED: pasted at the end of the text
            byline = esc(a.shown(a.credit.byline))
            out.append(f'<p style="text-align: right;"><strong>{byline}</strong></p>')
        return "\n".join("      " + x for x in out)

    def article_page(self, a: Article) -> str:
        parts = [self.detail(a)]
        if a.tags:
            links = ", ".join(
                f'<a title="{attr(t)}" href="/tag/{slugify(t)}"><em>{esc(t)}</em></a>'
                for t in a.tags
            )
            parts.append(
                '<div class="news_column panel panel-default">\n'
                '  <div class="panel-body">\n'
                '    <div class="keywords"><em class="fa fa-tags">&nbsp;</em>'
                f"<strong>Từ khóa: </strong>{links}</div>\n"
                "  </div>\n</div>"
            )
        if a.related:
            parts.append(self.related(a))
        parts.append(
            self.cfg.template("laichau-after.html").substitute(news_id=a.native_id).rstrip("\n")
        )
        images = a.images()
        og_image = ""
        if images:
            src = (
                images[0].src if images[0].src.startswith("http") else self.cfg.base + images[0].src
            )
            og_image = f'<meta property="og:image" content="{attr(src)}">\n'
        return self.layout(
            title=f"{a.shown(a.title)} - {self.cfg.source}",
            description=a.shown(a.brief),
            canonical=a.url,
            func="detail",
            main="\n".join(parts),
            og_type="article",
            extra_head=og_image,
            crumbs=[(a.category.name, listing_path(a.category, 1))],
        )

    def related(self, a: Article) -> str:
        blocks = []
        for heading, ids in a.related:
            lis = "\n".join(
                _link(r, n % 3 == 2, '        <li><em class="fa fa-angle-right">&nbsp;</em>')
                + f" <em>({r.published:%d/%m/%Y})</em></li>"
                for n, r in enumerate(self.by_id[i] for i in ids)
            )
            blocks.append(
                f'    <p class="h3"><strong>{heading}</strong></p>\n'
                '    <div class="clearfix">\n'
                f'      <ul class="related list-items">\n{lis}\n      </ul>\n'
                "    </div>"
            )
        return (
            '<div class="news_column panel panel-default">\n'
            '  <div class="panel-body other-news">\n' + "\n".join(blocks) + "\n  </div>\n</div>"
        )

    def savefile_page(self, a: Article) -> str:
        # The "save page" variant: the bare detail; og:url/canonical name the normal URL.
        return self.cfg.template("laichau-savefile.html").substitute(
            title=esc(a.shown(a.title)),
            og_title=attr(a.shown(a.title)),
            url=attr(a.url),
            url_text=esc(a.url),
            detail=self.detail(a),
        )

    # -- listings --
    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        rows = []
        for a in items:
            absolute = a.native_id % 4 == 3
            t = attr(a.shown(a.title))
            thumb = ""
            if a.lead_image:
                thumb = (
                    f'\n    <a href="{attr(_a(a, absolute))}" title="{t}"><img alt="{t}" '
                    f'src="{attr(a.lead_image.src)}" width="100" '
                    'class="img-thumbnail pull-left imghome"></a>'
                )
            views = ""
            if a.view_count is not None:  # SEEN: no thousands separator in the listing
                views = f'<li><em class="fa fa-eye">&nbsp;</em> Đã xem: {a.view_count}</li>'
            when = f"{a.published:%d/%m/%Y %H:%M:%S}"
            info = (
                f'<li><em class="fa fa-clock-o">&nbsp;</em> {when}</li>'
                f'{views}<li><em class="fa fa-comment-o">&nbsp;</em> Phản hồi: 0</li>'
            )
            rows.append(f"""<div class="news_column panel panel-default">
  <div class="panel-body">{thumb}
    <h3>{_link(a, absolute)}</h3>
    <ul class="list-unstyled list-inline text-muted">{info}</ul>
    <p>{esc(a.shown(a.brief))}</p>
  </div>
</div>""")
        main = "\n".join(rows) + "\n" + _pagination(cat, page, pages)
        title = cat.name if page == 1 else f"{cat.name} - Trang {page}"
        return self.layout(
            title=f"{title} - {self.cfg.source}",
            description=f"{cat.name} - {self.cfg.source}",
            canonical=self.cfg.base + listing_path(cat, page),
            func="viewcat",
            main=main,
            crumbs=[(cat.name, listing_path(cat, 1))],
        )

    def home_page(self) -> str:
        panels = []
        for c in self.cfg.categories:
            items = newest_first([a for a in self.articles if a.category == c])[:4]
            lis = "\n".join(_link(a, False, "      <li>") + "</li>" for a in items)
            panels.append(f"""<div class="panel panel-default home-cat">
  <div class="panel-heading">
    <h2><a href="{attr(listing_path(c, 1))}" title="{attr(c.name)}">{esc(c.name)}</a></h2>
  </div>
  <div class="panel-body">
    <ul class="list-items">
{lis}
    </ul>
  </div>
</div>""")
        return self.layout(
            title=self.cfg.source,
            description=f"Cổng thông tin điện tử {self.cfg.source}",
            canonical=self.cfg.base + "/",
            func="main",
            main="\n".join(panels),
            crumbs=[],
        )

    def not_found(self) -> str:
        main = """<div class="alert alert-danger text-center">
  <h1>Lỗi 404</h1>
  <p>Trang bạn yêu cầu không tồn tại hoặc đã bị xoá.</p>
  <p><a href="/">Quay lại trang chủ</a></p>
</div>"""
        return self.layout(
            title=f"Không tìm thấy trang - {self.cfg.source}",
            description=self.cfg.source,
            canonical=self.cfg.base + "/",
            func="main",
            main=main,
            crumbs=[],
        )


def _lead_figure(a: Article) -> str:
    im = a.lead_image
    assert im is not None
    img = (
        f'<p class="text-center"><img alt="{attr(a.shown(im.alt))}" src="{attr(im.src)}" '
        'width="460" class="img-thumbnail"></p>'
    )
    if im.caption:
        return (
            '\n      <figure class="article left pointer" '
            "onclick=\"modalShowByObj('#imgpreview');\">"
            f'<div id="imgpreview" style="width:460px;">{img}'
            f"<figcaption>{esc(a.shown(im.caption))}</figcaption></div></figure>"
        )
    return (
        '\n      <figure class="article left noncaption pointer" style="width:460px;" '
        f'onclick="modalShowByObj(this);">{img}</figure>'
    )


def _pagination(cat: Category, page: int, pages: int) -> str:
    def link(p: int, text: str, rel: str = "") -> str:
        rel_attr = f' rel="{rel}"' if rel else ""
        return f'<li><a{rel_attr} title="Trang {p}" href="{listing_path(cat, p)}">{text}</a></li>'

    lis = [link(page - 1, "«", "prev") if page > 1 else '<li class="disabled"><span>«</span></li>']
    for p in range(1, pages + 1):
        lis.append(f'<li class="active"><span>{p}</span></li>' if p == page else link(p, str(p)))
    lis.append(
        link(page + 1, "»", "next") if page < pages else '<li class="disabled"><span>»</span></li>'
    )
    return (
        '<div class="clearfix"></div>\n<div class="text-center">\n'
        f'  <ul class="pagination">{"".join(lis)}</ul>\n</div>'
    )


def make_site(cfg: NukeVietConfig) -> Site:
    return Site(cfg, _plan(cfg, random.Random(cfg.seed)))


def not_found_page(site: Site) -> Page:
    return html_page(site.not_found(), status=404)


def build(site: Site) -> Replica:
    cfg = site.cfg
    return assemble_replica(
        key=cfg.key,
        base=cfg.base,
        source=cfg.source,
        site=site,
        categories=cfg.categories,
        per_page=cfg.per_page,
        listing_path=listing_path,
        static_files=STATIC,
        # Not an article page of its own: a URL variant of a.path (same id, no truth row).
        variants=lambda a: {savefile_path(a): html_page(site.savefile_page(a))},
    )
