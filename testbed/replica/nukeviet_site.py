"""NukeViet 4.5 news module, default theme: the renderer of every NukeViet replica.

First written for congan.laichau.gov.vn; other NukeViet provinces reuse it with their
own configuration (``NukeVietConfig``: names, seed, categories, counts, category layouts),
and ``unseen_nukeviet.py`` subclasses ``Site`` for a custom theme.

SEEN (nukeviet/nukeviet, tag 4.5.05, read for docs/cms/nukeviet.md; no code copied):

- article page, ``themes/default/modules/news/detail.tpl`` + ``detail_theme()`` in
  ``modules/news/theme.php`` + ``modules/news/funcs/detail.php``: ``h1.title`` with
  hidden schema.org spans (author = the author string, else the posting account;
  datePublished and dateModified BOTH print the edit time), the date in ``span.h5`` as
  ``l - d/m/Y H:i``, send/print/save icons, ``div.hometext`` (printed even when empty),
  the lead image as ``figure.article.left`` (thumbnail from ``/assets/``, the full image
  in a hidden ``#imgpreview`` that repeats the caption) or ``figure.article.center``,
  ``#news-bodyhtml``, the author/source block ``p.h5.text-right``, then panels for tags
  (``div.h5`` "Tags: "), rating, social buttons, comments and ``div.other-news`` with
  "Những tin mới hơn" / "Những tin cũ hơn" (``ul.detail-related.related > li > h4 > a``
  plus ``<em>(d/m/Y)</em>``: the ``st_links`` nearest newer and older articles of the
  category). NO view counter. ``article:published_time`` metas use PHP's
  ``Y-m-dTH:i:s`` (``T`` = the zone abbreviation: ``2024-11-20+0708:30:00``).
- listings, ``viewcat_page.tpl`` / ``viewcat_grid.tpl`` / ``viewcat_list.tpl`` and
  ``funcs/viewcat.php``: ``viewcat_page`` puts every item in one ``div.news_column``, the
  first of each page as ``.featured`` with ``h2``, the rest ``h3``, each with the info line
  ``d/m/Y H:i:s`` / "Đã xem: N" (raw ``hitstotal``) / "Phản hồi: N", the hometext, then
  "Các tin khác" (the next ``st_links`` older items, date inside the link);
  ``viewcat_grid`` shows the count only on the featured first item (thumbnails: title
  only); ``viewcat_list`` shows no count at all.
- pagination, ``nv_alias_page()`` in ``includes/functions.php`` (Bootstrap 3 classes of
  ``themes/default/theme.php``): ``«`` first, the current page as
  ``<li class="active"><a href="javascript:void(0)">`` (on pages > 1 closed by a stray
  ``<li>``), every lower link ``rel="prev"``, every higher one ``rel="next"``, titles
  "{category} - Trang N", links ``{category link}/page-N`` rewritten with the default
  ``rewrite_endurl`` ``/`` (``/cat/page-2/``); ``<link rel="prev|next">`` in the head.
- breadcrumbs, ``layout/header_extended.tpl`` + ``nv_site_theme()``: the visible
  ``ul.breadcrumbs`` is empty (filled by JavaScript); the items are in the hidden
  ``ul.temp-breadcrumbs`` (schema.org BreadcrumbList, "Trang nhất" first).
- the ``/savefile/`` variant, ``funcs/savefile.php`` + ``print.tpl`` + ``simple.tpl``: the
  print layout served as an attachment (``text/x-delimtext``), every src/href made
  absolute; in 4.5 its canonical and og:url are the savefile URL itself (4.3/4.4 gave the
  article URL).
- ``<meta name="generator" content="NukeViet v4.5">`` (``nv_html_meta_tags()``); tag links
  ``/tag/{alias}`` with the alias lower-cased, spaces as ``-``, diacritics kept.

ASSUMED: the category aliases, ids and layouts (which category is a grid), module settings
(``per_page``, ``st_links``, thumbnail widths), the edit times, ratings, comment counts,
"Nguồn tin" names, credit lines pasted inside the body, all chrome text, and articles
whose counter was reset showing "Đã xem: 0". Templates are written from scratch.
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import hashlib
import random
import string
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

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
    spread_datetimes,
)
from .plan import brief, build_blocks, make_credit, make_images, make_views
from .text import draft_article, slugify, split_paragraphs, weekday_name

VIEWCAT_PAGE = "viewcat_page_new"
VIEWCAT_GRID = "viewcat_grid_new"
VIEWCAT_LIST = "viewcat_list_new"
RELATED_NEW = "Những tin mới hơn"  # $lang_module['related_new']
RELATED_OLD = "Những tin cũ hơn"  # $lang_module['related']


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
    # category alias -> listing layout (``viewcat`` of the category); default viewcat_page
    layouts: dict[str, str] = field(default_factory=dict)
    st_links: int = 5  # module setting: related links per block, "Các tin khác" items
    homewidth: int = 150  # module setting: thumbnail width (listings, left lead image)
    imagefull: int = 460  # module setting: full-width lead image
    posters: tuple[str, ...] = ("Quản trị",)  # accounts that post (schema.org fallback)
    news_sources: tuple[str, ...] = ()  # "Nguồn tin" of some articles
    theme: str = "laichau"  # template file prefix in data/

    def template(self, name: str) -> string.Template:
        if not self.replacements:
            return template(name)
        text = template(name).template
        for old, new in self.replacements:
            text = text.replace(old, new)
        return string.Template(text)

    def viewcat(self, cat: Category) -> str:
        return self.layouts.get(cat.slug, VIEWCAT_PAGE)


def listing_path(cat: Category, page: int) -> str:
    # nv_alias_page() appends "/page-N" to the category link; the rewrite adds "/".
    return f"/{cat.slug}/" if page == 1 else f"/{cat.slug}/page-{page}/"


def savefile_path(a: Article) -> str:
    return "/savefile" + a.path


def index_php_path(a: Article) -> str:
    """The same article through the partial-rewrite URL (``/index.php/cat/alias-id.html``)."""
    return "/index.php" + a.path


def _published_text(m: datetime) -> str:
    return f"{weekday_name(m.date())} - {m:%d/%m/%Y %H:%M}"  # NukeViet "l - d/m/Y H:i"


def iso_c(m: datetime) -> str:
    return f"{m:%Y-%m-%dT%H:%M:%S}+07:00"  # PHP date('c') in Asia/Ho_Chi_Minh


def php_date_t(m: datetime) -> str:
    return f"{m:%Y-%m-%d}+07{m:%H:%M:%S}"  # PHP date('Y-m-dTH:i:s'): T is "+07"


def clean60(text: str, num: int) -> str:
    """nv_clean60(): cut at the last space before ``num`` characters and add '...'."""
    if num and num < len(text):
        if " " not in text:
            return text[:num]
        while text[num] != " ":
            num -= 1
        return text[:num] + "..."
    return text


def tag_alias(keyword: str) -> str:
    """change_alias_tags() + nv_strtolower(): punctuation to spaces, spaces to '-'."""
    out = keyword
    for ch in "!*'();:@&=+$,/?#[]\"%-_<>\\^`{|}~":
        out = out.replace(ch, " ")
    return "-".join(out.split()).lower()


# Complexity allowed below: a branch-by-branch port of NukeViet's PHP nv_alias_page(), kept in its
# shape so that it can be read against the original
def alias_page(  # noqa: C901
    title: str, base_url: str, num_items: int, per_page: int, on_page: int
) -> str:
    """The pager nv_alias_page() prints (Bootstrap 3: no li/a classes), '' for one page."""
    total = -(-num_items // per_page)
    if total < 2:
        return ""
    title = f"{title} - Trang"

    def href(i: int) -> str:
        return base_url if i == 1 else f"{base_url}page-{i}/"

    def link(i: int, text: str = "") -> str:
        rel = "next" if i > on_page else "prev"
        return f'<li><a rel="{rel}" title="{attr(title)} {i}" href="{href(i)}">{text or i}</a></li>'

    def current(i: int, close: str = "</li>") -> str:
        return f'<li class="active"><a href="javascript:void(0)">{i}</a>{close}'

    out = current(1) if on_page == 1 else link(1)
    if total > 7:
        if on_page < 4:
            for i in range(2, min(total, 2) + 1):
                out += current(i) if i == on_page else link(i)
        if 1 < on_page < total:
            if on_page > 3:
                out += '<li class="disabled"><span>...</span></li>'
            lo = on_page if on_page > 3 else 4
            hi = on_page if on_page < total - 3 else total - 3
            for i in range(lo - 1, hi + 2):
                out += current(i) if i == on_page else link(i)
            if on_page < total - 3:
                out += '<li class="disabled"><span>...</span></li>'
        else:
            out += '<li class="disabled"><span>...</span></li>'
        for i in range(total if total - on_page > 3 else total - 1, total + 1):
            out += current(i) if i == on_page else link(i)
    else:
        for i in range(2, total + 1):
            out += current(i, "<li>") if i == on_page else link(i)  # the stray <li> is real
    if on_page > 1:
        out = (
            f'<li><a rel="prev" title="{attr(title)} {on_page - 1}" href="{href(on_page - 1)}">&laquo;</a></li>'
            + out
        )
    else:
        out = '<li class="disabled"><a href="javascript:void(0)">&laquo;</a></li>' + out
    if on_page < total:
        out += f'<li><a rel="next" title="{attr(title)} {on_page + 1}" href="{href(on_page + 1)}">&raquo;</a></li>'
    else:
        out += '<li class="disabled"><a href="javascript:void(0)">&raquo;</a></li>'
    return f'<ul class="pagination">{out}</ul>'


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Extra:
    """What the CMS stores besides the article text and prints somewhere."""

    edited: datetime  # edittime: the schema.org dates and article:modified_time
    imgposition: int  # 1: thumbnail left of the hometext; 2: full width below it
    poster: str  # the posting account (schema.org author when the author field is empty)
    source: str | None  # "Nguồn tin"
    comments: int  # hitscm
    rating: tuple[int, int]  # (total points, votes)


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
    # Drawn to keep the generator's sequence (the articles) as first built; the related
    # blocks are now the CMS's own "newer/older" lists (_related).
    rng.sample(idx, c["no_related"])
    rng.sample(idx, c["split_related"])
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
    for a in articles:
        a.related = _related(cfg, a, articles)
    return articles


def _related(cfg: NukeVietConfig, a: Article, articles: list[Article]) -> list[tuple[str, list]]:
    """detail.php: the st_links nearest newer articles of the category (oldest first), then
    the st_links nearest older ones (newest first)."""
    same = [x for x in articles if x.category == a.category and x is not a]
    newer = sorted((x for x in same if x.published > a.published), key=lambda x: x.published)
    older = sorted((x for x in same if x.published < a.published), key=lambda x: x.published)
    groups = [
        (RELATED_NEW, [x.native_id for x in newer[: cfg.st_links]]),
        (RELATED_OLD, [x.native_id for x in older[::-1][: cfg.st_links]]),
    ]
    return [(h, ids) for h, ids in groups if ids]


def category_pages(cfg: NukeVietConfig, articles: list[Article], cat: Category) -> list[list]:
    """A category's listing pages, as assemble_replica cuts them (newest first)."""
    items = newest_first([a for a in articles if a.category == cat])
    return [items[k : k + cfg.per_page] for k in range(0, len(items), cfg.per_page)]


def _counters_as_listed(cfg: NukeVietConfig, articles: list[Article]) -> None:
    """The count the site prints is the listing's hitstotal: every viewcat_page item, only
    the first item of a grid page, none in viewcat_list. A counter that was reset prints 0."""
    for cat in cfg.categories:
        layout = cfg.viewcat(cat)
        for chunk in category_pages(cfg, articles, cat):
            for k, a in enumerate(chunk):
                shown = layout == VIEWCAT_PAGE or (layout == VIEWCAT_GRID and k == 0)
                a.view_count = (a.view_count or 0) if shown else None


def _extras(cfg: NukeVietConfig, articles: list[Article]) -> dict[int, Extra]:
    rng = random.Random(cfg.seed * 7 + 1)  # its own generator: the articles stay as they are
    out = {}
    for a in sorted(articles, key=lambda x: x.native_id):
        edited = a.published
        if rng.random() < 0.35:
            edited += timedelta(minutes=rng.randint(20, 60 * 24 * 3))
        votes = rng.choice((0, 0, 0, 1, 2, 3))
        source = None
        if cfg.news_sources and rng.random() < 0.15:
            source = rng.choice(cfg.news_sources)
        out[a.native_id] = Extra(
            edited=edited,
            imgposition=rng.choice((1, 1, 2)),
            poster=rng.choice(cfg.posters),
            source=source,
            comments=rng.choice((0, 0, 0, 0, 1, 2)),
            rating=(sum(rng.randint(3, 5) for _ in range(votes)), votes),
        )
    return out


# --------------------------------------------------------------------------- rendering

STATIC = {
    "/assets/css/font-awesome.min.css": ("/* font-awesome placeholder */\n", "text/css"),
    "/themes/default/css/bootstrap.min.css": ("/* bootstrap 3 placeholder */\n", "text/css"),
    "/themes/default/css/style.css": (".news_column .title{font-size:22px}\n", "text/css"),
    "/themes/default/css/style.responsive.css": ("@media (max-width:767px){}\n", "text/css"),
    "/themes/default/css/news.css": (".other-news ul.related li{margin:4px 0}\n", "text/css"),
    "/themes/default/css/custom.css": ("\n", "text/css"),
    "/assets/js/jquery/jquery.min.js": ("/* jquery placeholder */\n", "application/javascript"),
    "/assets/js/language/vi.js": ("var nv_loading = 'Đang tải...';\n", "application/javascript"),
    "/assets/js/DOMPurify/purify3.js": ("/* purify placeholder */\n", "application/javascript"),
    "/assets/js/global.js": (
        "function nv_open_browse(u){window.open(u);}\n",
        "application/javascript",
    ),
    "/assets/js/site.js": ("/* site placeholder */\n", "application/javascript"),
    "/themes/default/js/news.js": (
        "function newsSendMailModal(a,b,c){return b;}\n",
        "application/javascript",
    ),
    "/themes/default/js/main.js": (
        "function modalShowByObj(o){return o;}\n",
        "application/javascript",
    ),
    "/themes/default/js/custom.js": ("\n", "application/javascript"),
    "/themes/default/js/bootstrap.min.js": (
        "/* bootstrap placeholder */\n",
        "application/javascript",
    ),
}

META_TAIL = ("author", "copyright")  # data/config/metatags.xml: author, copyright


class Site:
    module_title = "Tin Tức"  # the news module's custom title (RSS link titles)
    theme_dir = "/themes/default"

    def __init__(self, cfg: NukeVietConfig, articles: list[Article]):
        self.cfg = cfg
        self.articles = articles
        self.by_id = {a.native_id: a for a in articles}
        self.extra = _extras(cfg, articles)
        self.latest = newest_first(articles)[:5]
        self.popular = sorted(articles, key=lambda a: (-(a.view_count or 0), -a.native_id))[:5]
        # a few links carry the "/index.php/" segment (home page, most-read block)
        self.index_php = {self.popular[1].native_id}
        for cat in cfg.categories[:1]:
            home = newest_first([a for a in articles if a.category == cat])
            if len(home) > 2:
                self.index_php.add(home[2].native_id)

    # -- small pieces --
    def tpl(self, kind: str) -> string.Template:
        """The theme's template for a page part; the default theme's (Lai Châu's) if the
        theme has none, as NukeViet falls back to themes/default."""
        try:
            return self.cfg.template(f"{self.cfg.theme}-{kind}.html")
        except FileNotFoundError:
            return self.cfg.template(f"laichau-{kind}.html")

    def static_files(self) -> dict[str, tuple[str, str]]:
        return {p.replace("/themes/default/", self.theme_dir + "/"): v for p, v in STATIC.items()}

    def thumb(self, a: Article) -> str:
        """The listing image (imghome): the /assets/ thumbnail, or the pasted URL."""
        im = a.lead_image
        if im is None:
            return ""
        if im.src.startswith("http"):
            return im.src
        return "/assets/" + im.src.removeprefix("/uploads/")

    def link(self, a: Article, *, index_php: bool = False) -> str:
        return index_php_path(a) if index_php and a.native_id in self.index_php else a.path

    def hometext_clean(self, a: Article) -> str:
        return clean60(a.shown(a.lead), 150) if a.lead else ""

    def img_alt(self, a: Article) -> str:
        """HOMEIMGALT: the image's note (caption), else the title."""
        if a.lead_image is None:
            return ""
        return attr(a.shown(a.lead_image.caption or a.title))

    def title_attr(self, a: Article) -> str:
        return attr(a.shown(a.title))

    def checkss(self, a: Article) -> str:
        return hashlib.md5(
            f"{self.cfg.key}-{a.native_id}".encode(), usedforsecurity=False
        ).hexdigest()

    # -- the page around the module output --
    def meta_tags(
        self,
        *,
        description: str,
        keywords: str,
        canonical: str,
        title: str,
        properties: list[tuple[str, str]],
    ) -> str:
        """nv_html_meta_tags(): description, keywords, Content-Type, metatags.xml, generator,
        viewport, then the module's properties and the og: defaults."""
        rows = [("name", "description", description)]
        if keywords:
            rows += [("name", "keywords", keywords), ("name", "news_keywords", keywords)]
        rows.append(("http-equiv", "Content-Type", "text/html; charset=utf-8"))
        rows += [
            ("name", "author", self.cfg.source),
            ("name", "copyright", f"{self.cfg.source} [{self.email()}]"),
            ("name", "generator", "NukeViet v4.5"),
            ("name", "viewport", "width=device-width, initial-scale=1"),
        ]
        props = list(properties)
        have = {k for k, _ in props}
        for key, value in (("og:title", title), ("og:description", description)):
            if key not in have:
                props.append((key, value))
        if "og:type" not in have:
            props.append(("og:type", "website"))
        props += [("og:url", canonical), ("og:site_name", self.cfg.source)]
        rows += [("property", k, v) for k, v in props if v]
        rows.append(("name", "viewport", "width=device-width, initial-scale=1"))  # theme.php
        return "\n".join(f'        <meta {g}="{attr(n)}" content="{attr(v)}">' for g, n, v in rows)

    def email(self) -> str:
        return self._replace("congan@laichau.gov.vn")

    def head_links(self, canonical: str, prev: str = "", nxt: str = "") -> str:
        t = self.theme_dir
        links = [
            ("stylesheet", "/assets/css/font-awesome.min.css"),
            ("stylesheet", f"{t}/css/bootstrap.min.css"),
            ("stylesheet", f"{t}/css/style.css"),
            ("stylesheet", f"{t}/css/style.responsive.css"),
        ]
        out = [f'        <link rel="{r}" href="{h}">' for r, h in links]
        out.append(f'        <link rel="canonical" href="{attr(canonical)}">')
        if prev:
            out.append(f'        <link rel="prev" href="{attr(prev)}">')
        if nxt:
            out.append(f'        <link rel="next" href="{attr(nxt)}">')
        feeds = [("/rss/", self.module_title)] + [
            (f"/rss/{c.slug}/", f"{self.module_title} - {c.name}") for c in self.cfg.categories
        ]
        out += [
            f'        <link rel="alternate" href="{h}" title="{attr(n)}" type="application/rss+xml">'
            for h, n in feeds
        ]
        out.append(f'        <link rel="StyleSheet" href="{t}/css/news.css">')
        out.append(f'        <link rel="stylesheet" href="{t}/css/custom.css">')
        return "\n".join(out)

    def scripts(self, func: str) -> str:
        t = self.theme_dir
        cookie = self._replace("nv4c_Lc7h2")
        js_def = (
            'var nv_base_siteurl="/",nv_lang_data="vi",nv_lang_interface="vi",'
            'nv_name_variable="nv",nv_fc_variable="op",nv_lang_variable="language",'
            f'nv_module_name="news",nv_func_name="{func}",nv_is_user=0, nv_my_ofs=7,'
            f'nv_my_abbr="+07",nv_cookie_prefix="{cookie}",nv_check_pass_mstime=1738000,'
            "nv_area_admin=0,nv_safemode=0,theme_responsive=1,nv_recaptcha_ver=2,"
            'nv_recaptcha_sitekey="",nv_recaptcha_type="image",XSSsanitize=1;'
        )
        srcs = [
            "/assets/js/jquery/jquery.min.js",
            "/assets/js/language/vi.js",
            "/assets/js/DOMPurify/purify3.js",
            "/assets/js/global.js",
            "/assets/js/site.js",
            f"{t}/js/news.js",
            f"{t}/js/main.js",
            f"{t}/js/custom.js",
        ]
        return "\n".join(
            [f"        <script>{js_def}</script>"]
            + [f'        <script src="{s}"></script>' for s in srcs]
        )

    def crumbs(self, crumbs: list[tuple[str, str]]) -> str:
        """header_extended.tpl: an empty visible list, the items in the hidden one."""
        home = (
            '<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
            '<a href="/" itemprop="item" title="Trang nhất"><span itemprop="name">Trang nhất'
            '</span></a><i class="hidden" itemprop="position" content="1"></i></li>'
        )
        items = "".join(
            '<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
            f'<a href="{attr(u)}" itemprop="item" title="{attr(t)}"><span class="txt" '
            f'itemprop="name">{esc(t)}</span></a><i class="hidden" itemprop="position" '
            f'content="{k}"></i></li>'
            for k, (t, u) in enumerate(crumbs, start=2)
        )
        return f"""                                    <div class="breadcrumbs-wrap">
                                        <div class="display">
                                            <a class="show-subs-breadcrumbs hidden" href="#" onclick="showSubBreadcrumbs(this, event);"><em class="fa fa-lg fa-angle-right"></em></a>
                                            <ul class="breadcrumbs list-none"></ul>
                                        </div>
                                        <ul class="subs-breadcrumbs"></ul>
                                        <ul class="temp-breadcrumbs hidden" itemscope itemtype="https://schema.org/BreadcrumbList">
                                            {home}
                                            {items}
                                        </ul>
                                    </div>"""

    def current_time(self) -> str:
        m = datetime.combine(self.cfg.last_day, datetime.min.time()) + timedelta(hours=7)
        return f'<span class="current-time">{weekday_name(m.date())}, {m:%d/%m/%Y, %H:%M}</span>'

    def menu(self, active: Category | None) -> str:
        current = {c: 'class="active" ' if c == active else "" for c in self.cfg.categories}
        items = "\n".join(
            f'            <li {current[c]}role="presentation">'
            f'<a class="dropdown-toggle"  href="{listing_path(c, 1)}" role="button" '
            f'aria-expanded="false" title="{attr(c.name)}"> {esc(c.name)}</a> </li>'
            for c in self.cfg.categories
        )
        return f"""<div class="navbar navbar-default navbar-static-top" role="navigation">
    <div class="navbar-header">
        <button type="button" class="navbar-toggle" data-toggle="collapse" data-target="#menu-site-default">
            <span class="sr-only">&nbsp;</span> <span class="icon-bar">&nbsp;</span> <span class="icon-bar">&nbsp;</span> <span class="icon-bar">&nbsp;</span>
        </button>
    </div>
    <div class="collapse navbar-collapse" id="menu-site-default">
        <ul class="nav navbar-nav">
            <li><a class="home" title="Trang nhất" href="/"><em class="fa fa-lg fa-home">&nbsp;</em><span class="visible-xs-inline-block"> Trang nhất</span></a></li>
{items}
        </ul>
    </div>
</div>"""

    def layout(
        self,
        *,
        title: str,
        description: str,
        canonical: str,
        func: str,
        main: str,
        crumbs: list[tuple[str, str]] | None,
        keywords: str = "",
        properties: list[tuple[str, str]] | None = None,
        prev: str = "",
        nxt: str = "",
        active: Category | None = None,
        forfooter: str = "",
    ) -> str:
        """layout.main-right.tpl with header_only/header_extended/footer_* around the module
        output; ``crumbs`` None: the home page (current time instead of breadcrumbs)."""
        plain_title = title.removesuffix(" - " + self.cfg.source)
        site_name = (
            '<span class="site_name">Công an tỉnh Lai Châu</span>\n'
            '                        <span class="site_description">Cổng thông tin điện tử</span>'
            if "<h1" in main
            else "<h1>Công an tỉnh Lai Châu</h1>\n"
            "                        <h2>Cổng thông tin điện tử</h2>"
        )
        site_name = self._replace(site_name)
        return self.tpl("layout").substitute(
            title=esc(title),
            meta=self.meta_tags(
                description=description,
                keywords=keywords,
                canonical=canonical,
                title=plain_title,
                properties=properties or [],
            ),
            links=self.head_links(canonical, prev, nxt),
            scripts=self.scripts(func),
            site_name=site_name,
            menu=self.menu(active),
            crumbs=self.current_time() if crumbs is None else self.crumbs(crumbs),
            main=main,
            sidebar=self.sidebar(),
            footer_menu=self.footer_menu(),
            forfooter=forfooter,
        )

    def _replace(self, text: str) -> str:
        for old, new in self.cfg.replacements:
            text = text.replace(old, new)
        return text

    def footer_menu(self) -> str:
        lis = "\n".join(
            f'                            <li><a href="{listing_path(c, 1)}" title="{attr(c.name)}">'
            f"{esc(c.name)}</a></li>"
            for c in self.cfg.categories
        )
        return f'                        <ul class="menu">\n{lis}\n                        </ul>'

    def block_item(self, a: Article, tooltip: str) -> str:
        t = self.title_attr(a)
        href = self.link(a, index_php=True)
        img = ""
        if a.lead_image:
            img = (
                f'\n        <a title="{t}" href="{href}" ><img src="{attr(self.thumb(a))}" '
                f'alt="{t}" width="70" class="img-thumbnail pull-left mr-1"/></a>'
            )
        return (
            f'    <li class="clearfix">{img}\n'
            f'        <a title="{t}" class="show" href="{href}"  data-content="'
            f'{attr(self.hometext_clean(a))}" data-img="{attr(self.thumb(a))}" '
            f'data-rel="{tooltip}">{esc(a.shown(a.title))}</a>\n    </li>'
        )

    def sidebar(self) -> str:
        """[RIGHT]: module.block_news (block.primary) and global.block_tophits (block.default)."""

        def panel(kind: str, title: str, css: str, items: list[Article]) -> str:
            lis = "\n".join(self.block_item(a, "block_news_tooltip") for a in items)
            return (
                f'<div class="panel panel-{kind}">\n\t<div class="panel-heading">\n\t\t{title}\n'
                f'\t</div>\n\t<div class="panel-body">\n'
                f'<ul class="{css} list-none list-items">\n{lis}\n</ul>\n\t</div>\n</div>'
            )

        return (
            panel("primary", "Tin mới", "block_news", self.latest)
            + "\n"
            + panel("default", "Tin xem nhiều", "block_tophits", self.popular)
        )

    # -- article --
    def lead_figure(self, a: Article, x: Extra) -> tuple[str, str]:
        """(figure before the hometext, figure after it) as detail.tpl prints them."""
        im = a.lead_image
        if im is None:
            return "", ""
        note = a.shown(im.caption) if im.caption else ""
        alt = attr(note or a.shown(a.title))
        full = im.src
        if x.imgposition == 2:
            cap = f"\n                <figcaption>{esc(note)}</figcaption>" if note else ""
            return "", (
                '\n            <figure class="article center">\n'
                f'                <img alt="{alt}" src="{attr(full)}" srcset="" '
                f'width="{self.cfg.imagefull}" class="img-thumbnail"/>{cap}\n'
                "            </figure>"
            )
        shown = self.thumb(a)
        w = self.cfg.homewidth
        if note:
            return (
                '\n            <figure class="article left pointer" '
                "onclick=\"modalShowByObj('#imgpreview');\">\n"
                f'                <div style="width:{w}px;">\n'
                f'                    <p class="text-center"><img alt="{alt}" src="{attr(shown)}" '
                f'alt="{attr(note)}" class="img-thumbnail"/></p>\n'
                f"                    <figcaption>{esc(note)}</figcaption>\n"
                "                </div>\n            </figure>\n"
                '            <div id="imgpreview" style="display:none">\n'
                f'                <p class="text-center"><img alt="{alt}" src="{attr(full)}" '
                f'srcset="" alt="{attr(note)}" class="img-thumbnail"/></p>\n'
                f"                <figcaption>{esc(note)}</figcaption>\n"
                "            </div>"
            ), ""
        return (
            '\n            <figure class="article left noncaption pointer" '
            f'style="width:{w}px;" onclick="modalShowByObj(\'#imgpreview\');">\n'
            f'                <p class="text-center"><img alt="{alt}" src="{attr(shown)}" alt="" '
            'class="img-thumbnail"/></p>\n            </figure>\n'
            '            <div id="imgpreview" style="display:none">\n'
            f'                <p class="text-center"><img alt="{alt}" src="{attr(full)}" '
            'srcset="" alt="" class="img-thumbnail"/></p>\n            </div>'
        ), ""

    def schema_author(self, a: Article, x: Extra) -> str:
        if a.credit and a.credit.placement == "block":
            return a.shown(a.credit.byline.partition(": ")[2])
        return x.poster

    def author_block(self, a: Article, x: Extra) -> str:
        rows = []
        if a.credit and a.credit.placement == "block":
            label, _, name = a.credit.byline.partition(": ")
            rows.append(
                '            <p class="h5 text-right">\n'
                f"                <strong>{esc(label)}: </strong>{esc(a.shown(name))}\n"
                "            </p>"
            )
        if x.source:
            rows.append(
                '            <p class="h5 text-right">\n'
                f"                <strong>Nguồn tin: </strong>{esc(x.source)}\n"
                "            </p>"
            )
        if not rows:
            return ""
        return '\n        <div class="margin-bottom-lg">\n' + "\n".join(rows) + "\n        </div>"

    def detail(self, a: Article) -> str:
        """The detail panel (the first div.news_column of detail.tpl)."""
        x = self.extra[a.native_id]
        before, after = self.lead_figure(a, x)
        hometext = esc(a.shown(a.lead)) if a.lead else ""
        head = (
            f'        <div class="clearfix">{before}\n\n'
            f'            <div class="hometext m-bottom" itemprop="description">{hometext}</div>'
            f"\n{after}\n        </div>"
        )
        image = a.lead_image.src if a.lead_image else f"{self.theme_dir}/images/no_image.gif"
        return (
            self.tpl("detail")
            .substitute(
                title=esc(a.shown(a.title)),
                schema_author=esc(self.schema_author(a, x)),
                schema_date=iso_c(max(x.edited, a.published)),
                url=esc(a.url),
                schema_image=esc(image if image.startswith("http") else self.cfg.base + image),
                published_text=esc(a.published_text),
                path=attr(a.path),
                checkss=self.checkss(a),
                head=head,
                body=self.body(a),
                author=self.author_block(a, x),
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
        return "\n".join("            " + x for x in out)

    def keywords_panel(self, a: Article) -> str:
        links = ", ".join(
            f'<a title="{attr(t)}" href="/tag/{attr(tag_alias(t))}"><em>{esc(t)}</em></a>'
            for t in a.tags
        )
        return (
            '<div class="news_column panel panel-default">\n    <div class="panel-body">\n'
            '        <div class="h5">\n'
            f'            <em class="fa fa-tags">&nbsp;</em><strong>Tags: </strong>{links}\n'
            "        </div>\n    </div>\n</div>"
        )

    def rating_panel(self, a: Article) -> str:
        points, votes = self.extra[a.native_id].rating
        data = ""
        if votes:
            avg = f"{points / votes:.1f}".rstrip("0").rstrip(".")
            data = (
                '\n                <span itemscope itemtype="https://schema.org/AggregateRating">'
                "\n                    Xếp hạng:"
                f'\n                    <span id="numberrating" itemprop="ratingValue">{avg}</span> -'
                f'\n                    <span id="click_rating" itemprop="ratingCount">{votes}</span>'
                " phiếu bầu\n                </span>"
            )
        stars = "".join(
            f'<input class="hover-star required" type="radio" value="{v}" title="{t}"/>'
            for v, t in enumerate(
                ("Bài viết rất kém", "Bài viết kém", "Bài viết đạt", "Bài viết tốt"),
                start=1,
            )
        )
        stars += (
            '<input class="hover-star required" type="radio" value="5" title="Bài viết rất tốt"/>'
        )
        return (
            self.tpl("rating")
            .substitute(
                stringrating=f"Tổng số điểm của bài viết là: {points} trong {votes} đánh giá",
                data=data,
                stars=stars,
                news_id=a.native_id,
                checkss=self.checkss(a)[:10],
            )
            .rstrip("\n")
        )

    def after_panels(self, a: Article) -> str:
        """Social buttons and comments (detail.tpl order: rating, social, comment)."""
        return (
            self.tpl("after")
            .substitute(
                url=attr(a.url),
                news_id=a.native_id,
                checkss=self.checkss(a),
            )
            .rstrip("\n")
        )

    def related_item(self, r: Article, older: bool) -> str:
        gap = "   " if older else "  "  # "{target_blank} <!-- tooltip --> data-..." spacing
        return (
            "                <li>\n"
            '                    <em class="fa fa-angle-right">&nbsp;</em>\n'
            f'                    <h4><a href="{attr(r.path)}"{gap}data-placement="bottom" '
            f'data-content="{attr(self.hometext_clean(r))}" data-img="{attr(self.thumb(r))}" '
            f'data-rel="tooltip" title="{self.title_attr(r)}">{esc(r.shown(r.title))}</a></h4>\n'
            f"                    <em>({r.published:%d/%m/%Y})</em>\n"
            "                </li>"
        )

    def related(self, a: Article) -> str:
        blocks = []
        for heading, ids in a.related:
            lis = "\n".join(self.related_item(self.by_id[i], heading == RELATED_OLD) for i in ids)
            blocks.append(
                f'        <p class="h3"><strong>{heading}</strong></p>\n'
                '        <div class="clearfix">\n'
                '            <ul class="detail-related related list-none list-items">\n'
                f"{lis}\n            </ul>\n        </div>"
            )
        return (
            '<div class="news_column panel panel-default">\n'
            '    <div class="panel-body other-news">\n' + "\n".join(blocks) + "\n    </div>\n</div>"
        )

    def send_mail_modal(self) -> str:
        return (
            '<div class="modal fade" id="newsSendMailModal" tabindex="-1" role="dialog" '
            'data-loaded="false">\n    <div class="modal-dialog" role="document">\n'
            '        <div class="modal-content">\n            <div class="modal-header">\n'
            '                <button type="button" class="close" data-dismiss="modal" '
            'aria-label="Close"><span aria-hidden="true">&times;</span></button>\n'
            '                <div class="modal-title h2"><strong>Giới thiệu bài viết cho bạn bè'
            "</strong></div>\n            </div>\n"
            '            <div class="modal-body"></div>\n        </div>\n    </div>\n</div>'
        )

    def article_properties(self, a: Article) -> list[tuple[str, str]]:
        x = self.extra[a.native_id]
        props = []
        if a.lead_image:
            src = a.lead_image.src
            props.append(("og:image", src if src.startswith("http") else self.cfg.base + src))
            note = a.lead_image.caption
            props.append(("og:image:alt", a.shown(note) if note else a.shown(a.title)))
        props += [
            ("og:type", "article"),
            ("article:published_time", php_date_t(a.published)),
            ("article:modified_time", php_date_t(x.edited)),
            ("article:section", a.category.name),
        ]
        props += [("article:tag", t) for t in a.tags]
        return props

    def article_page(self, a: Article) -> str:
        parts = [self.detail(a)]
        if a.tags:
            parts.append(self.keywords_panel(a))
        parts.append(self.rating_panel(a))
        parts.append(self.after_panels(a))
        if a.related:
            parts.append(self.related(a))
        parts.append(
            '<script type="text/javascript" src="/editors/ckeditor/plugins/codesnippet/lib/'
            'highlight/highlight.pack.js"></script>\n'
            '<script type="text/javascript">hljs.initHighlightingOnLoad();</script>'
        )
        return self.layout(
            title=f"{a.shown(a.title)} - {self.cfg.source}",
            description=a.shown(a.lead) if a.lead else a.shown(a.brief),
            keywords=", ".join(t.lower() for t in a.tags),
            canonical=a.url,
            func="detail",
            main="\n".join(parts),
            properties=self.article_properties(a),
            crumbs=[(a.category.name, listing_path(a.category, 1))],
            active=a.category,
            forfooter=self.send_mail_modal(),
        )

    def savefile_page(self, a: Article) -> str:
        """funcs/savefile.php: print.tpl in simple.tpl, every src/href absolute; in 4.5 the
        canonical URL is the savefile URL itself."""
        x = self.extra[a.native_id]
        url = self.cfg.base + savefile_path(a)
        base = self.cfg.base
        image = imagefull = ""
        im = a.lead_image
        if im is not None:
            note = a.shown(im.caption) if im.caption else ""
            alt = attr(note or a.shown(a.title))
            cap = f"\n\t\t\t\t<p>\n\t\t\t\t\t<em>{esc(note)}</em>\n\t\t\t\t</p>" if note else ""
            if x.imgposition == 1:
                src = self.thumb(a)
                src = src if src.startswith("http") else base + src
                image = (
                    '\t\t\t<div class="pull-left imghome">\n'
                    f'\t\t\t\t<img alt="{alt}" src="{attr(src)}" width="{self.cfg.homewidth}" '
                    f'class="img-thumbnail" />{cap}\n\t\t\t</div>'
                )
            else:
                src = im.src if im.src.startswith("http") else base + im.src
                imagefull = (
                    '\t\t<div class="imghome">\n'
                    f'\t\t\t<img alt="{alt}" src="{attr(src)}" width="{self.cfg.imagefull}" '
                    f'class="img-thumbnail" />{cap}\n\t\t</div>\n\t\t<div class="clear"></div>'
                )
        body = self.body(a).replace(' src="/', f' src="{base}/')
        author = ""
        rows = []
        if a.credit and a.credit.placement == "block":
            name = a.shown(a.credit.byline.partition(": ")[2])
            rows.append(
                f"\t\t\t<p>\n\t\t\t\t<strong>Tác giả:</strong>\n\t\t\t\t{esc(name)}\n\t\t\t</p>"
            )
        if x.source:
            rows.append(
                f"\t\t\t<p>\n\t\t\t\t<strong>Nguồn tin:</strong>\n\t\t\t\t{esc(x.source)}\n\t\t\t</p>"
            )
        if rows:
            author = '\t\t<div id="author">\n' + "\n".join(rows) + "\n\t\t</div>"
        title = a.shown(a.title)
        meta = self.meta_tags(
            description=a.shown(a.lead) if a.lead else a.shown(a.brief),
            keywords=", ".join(t.lower() for t in a.tags),
            canonical=url,
            title=title,
            properties=[],
        )
        links = self.head_links(url).replace(' href="/', f' href="{base}/')
        scripts = self.scripts("savefile").replace(' src="/', f' src="{base}/')
        return self.tpl("savefile").substitute(
            title=esc(title),
            title_attr=attr(title),
            meta=meta,
            links=links,
            scripts=scripts,
            url=attr(url),
            published_text=esc(a.published_text),
            image=image,
            hometext=esc(a.shown(a.lead)) if a.lead else "",
            imagefull=imagefull,
            body=body,
            author=author,
        )

    # -- listings --
    def info_line(self, a: Article, tabs: str, *, label: bool = True) -> str:
        x = self.extra[a.native_id]
        views = f"Đã xem: {a.view_count}" if label else str(a.view_count)
        comments = f"Phản hồi: {x.comments}" if label else str(x.comments)
        return (
            f'{tabs}<div class="text-muted">\n{tabs}    <ul class="list-unstyled list-inline">\n'
            f'{tabs}        <li><em class="fa fa-clock-o">&nbsp;</em> '
            f"{a.published:%d/%m/%Y %H:%M:%S}</li>\n"
            f'{tabs}        <li><em class="fa fa-eye">&nbsp;</em> {views}</li>\n'
            f'{tabs}        <li><em class="fa fa-comment-o">&nbsp;</em> {comments}</li>\n'
            f"{tabs}    </ul>\n{tabs}</div>"
        )

    def page_item(self, a: Article, featured: bool) -> str:
        t = self.title_attr(a)
        img = ""
        if a.lead_image:
            img = (
                f'\n            <a href="{attr(a.path)}" title="{t}" ><img  alt="{self.img_alt(a)}" '
                f'src="{attr(self.thumb(a))}" '
                f'width="{self.cfg.homewidth}" class="img-thumbnail pull-left imghome" /></a>'
            )
        h = "h2" if featured else "h3"
        return (
            '    <div class="panel panel-default">\n'
            f'        <div class="panel-body{" featured" if featured else ""}">{img}\n'
            f'            <{h}>\n                <a href="{attr(a.path)}" title="{t}" >'
            f"{esc(a.shown(a.title))}</a>\n            </{h}>\n"
            f"{self.info_line(a, '            ')}\n"
            f"            {esc(a.shown(a.lead)) if a.lead else ''}\n"
            "        </div>\n    </div>"
        )

    def others_on_listing(self, cat: Category, page: int) -> str:
        """viewcat_page's "Các tin khác": the next st_links older items after this page."""
        items = newest_first([a for a in self.articles if a.category == cat])
        more = items[page * self.cfg.per_page :][: self.cfg.st_links]
        if not more:
            return ""
        lis = "\n".join(
            "    <li>\n"
            f'        <em class="fa fa-angle-right">&nbsp;</em><a href="{attr(a.path)}" '
            f'title="{self.title_attr(a)}" >{esc(a.shown(a.title))} '
            f"<em>({a.published:%d/%m/%Y}) </em></a>\n    </li>"
            for a in more
        )
        return f'<hr/>\n<h4>Các tin khác</h4>\n<ul class="related list-items">\n{lis}\n</ul>\n'

    def viewcat_page(self, cat: Category, page: int, items: list[Article], pager: str) -> str:
        rows = [self.page_item(a, k == 0) for k, a in enumerate(items)]
        out = '<div class="news_column">\n' + "\n".join(rows) + "\n</div>\n"
        out += self.others_on_listing(cat, page)
        if pager:
            out += f'<div class="clearfix"></div>\n<div class="text-center">\n    {pager}\n</div>'
        return out.rstrip("\n")

    def viewcat_grid(self, cat: Category, page: int, items: list[Article], pager: str) -> str:
        first, rest = items[0], items[1:]
        t = self.title_attr(first)
        img = ""
        if first.lead_image:
            img = (
                f'\n\t\t\t<a href="{attr(first.path)}" title="{t}" ><img  alt="{self.img_alt(first)}" '
                f'src="{attr(self.thumb(first))}" width="150px" '
                'class="img-thumbnail pull-left imghome" /></a>'
            )
        out = (
            '<div class="news_column">\n<div class="panel panel-default">\n'
            f'\t\t<div class="panel-body featured">{img}\n'
            f'\t\t\t<h2>\n\t\t\t\t<a href="{attr(first.path)}" title="{t}" >'
            f"{esc(first.shown(first.title))}</a>\n\t\t\t</h2>\n"
            f"{self.info_line(first, chr(9) * 3)}\n"
            '\t\t\t<div class="text-justify">\n'
            f"\t\t\t\t{esc(first.shown(first.lead)) if first.lead else ''}\n\t\t\t</div>\n"
            "\t\t</div>\n\t</div>\n</div>\n"
        )
        # XTemplate keeps the last assigned image and alt (the featured item's too) for
        # items that have none: the template prints the <img> unconditionally.
        src, alt = self.thumb(first), self.img_alt(first)
        for a in rest:
            t = self.title_attr(a)
            if a.lead_image:
                src, alt = self.thumb(a), self.img_alt(a)
            out += (
                '<div class="col-sm-12 col-md-8">\n\t<div class="thumbnail">\n'
                f'\t\t<a title="{t}" href="{attr(a.path)}" ><img alt="{alt}" src="{attr(src)}" '
                f'width="{self.cfg.homewidth}" class="img-thumbnail"/></a>\n'
                '\t\t<div class="caption text-center">\n'
                f'\t\t\t<h4><a class="show" href="{attr(a.path)}"  data-content="'
                f'{attr(self.hometext_clean(a))}" data-img="" data-rel="tooltip" '
                f'data-placement="bottom" title="{t}">{esc(a.shown(a.title))}</a></h4>\n'
                "\t\t\t<span></span>\n\t\t</div>\n\t</div>\n</div>\n"
            )
        out += '<div class="clear">&nbsp;</div>\n'
        if pager:
            out += f'\n<div class="text-center">\n\t{pager}\n</div>\n'
        out += (
            "<script type=\"text/javascript\">\n$(window).on('load', function() {\n"
            "\t$.each( $('.thumbnail'), function(k,v){\n"
            "\t\tvar height1 = $($('.thumbnail')[k]).height();\n"
            "\t\tvar height2 = $($('.thumbnail')[k+1]).height();\n"
            "\t\tvar height = ( height1 > height2 ? height1 : height2 );\n"
            "\t\t$($('.thumbnail')[k]).height( height );\n"
            "\t\t$($('.thumbnail')[k+1]).height( height );\n\t});\n});\n</script>"
        )
        return out

    def viewcat_list(self, cat: Category, page: int, items: list[Article], pager: str) -> str:
        offset = (page - 1) * self.cfg.per_page
        rows = "\n".join(
            f'\t<a class="show h4" href="{attr(a.path)}"  data-content="'
            f'{attr(self.hometext_clean(a))}" data-img="{attr(self.thumb(a))}" data-rel="tooltip" '
            f'data-placement="bottom" title="{self.title_attr(a)}">\n'
            '\t\t<h4 class="list-group-item-heading">\n'
            f'\t\t\t<span class="label label-default">{offset + k}</span>&nbsp;&nbsp;'
            f"{esc(a.shown(a.title))}\n\t\t</h4>\n\t</a>"
            for k, a in enumerate(items, start=1)
        )
        out = f'<div class="list-group">\n{rows}\n</div>\n'
        if pager:
            out += f'\n<div class="text-center">\n\t{pager}\n</div>'
        return out.rstrip("\n")

    def listing_main(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        pager = alias_page(
            cat.name, listing_path(cat, 1), len(self.in_category(cat)), self.cfg.per_page, page
        )
        assert (pager == "") == (pages == 1)
        render = {
            VIEWCAT_PAGE: self.viewcat_page,
            VIEWCAT_GRID: self.viewcat_grid,
            VIEWCAT_LIST: self.viewcat_list,
        }[self.cfg.viewcat(cat)]
        return render(cat, page, items, pager)

    def in_category(self, cat: Category) -> list[Article]:
        return [a for a in self.articles if a.category == cat]

    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        base = self.cfg.base
        title = cat.name if page == 1 else f"{cat.name} - Trang {page}"
        description = f"{cat.name} - {self.cfg.source}" + ("" if page == 1 else f" {page}")
        return self.layout(
            title=f"{title} - {self.cfg.source}",
            description=description,
            keywords=cat.name.lower(),
            canonical=base + listing_path(cat, page),
            func="viewcat",
            main=self.listing_main(cat, page, items, pages),
            crumbs=[(cat.name, listing_path(cat, 1))],
            prev=base + listing_path(cat, page - 1) if page > 1 else "",
            nxt=base + listing_path(cat, page + 1) if page < pages else "",
            active=cat,
        )

    def home_block(self, c: Category) -> str:
        """viewcat_main_right.tpl: the newest item, then numlinks - 1 more as links."""
        first, *others = newest_first(self.in_category(c))[:3]
        t = self.title_attr(first)
        img = ""
        if first.lead_image:
            img = (
                f'\n                    <a title="{t}" href="{attr(first.path)}" ><img '
                f'src="{attr(self.thumb(first))}" alt="{self.img_alt(first)}" '
                f'width="{self.cfg.homewidth}" class="img-thumbnail pull-left imghome" /></a>'
            )
        x = self.extra[first.native_id]
        views = "" if first.view_count is None else str(first.view_count)
        lis = "\n".join(
            '                        <li class="icon_list">\n'
            f'                            <a class="show h4" href="{attr(self.link(a, index_php=True))}" '
            f'title="{self.title_attr(a)}"  data-content="{attr(self.hometext_clean(a))}" '
            f'data-img="{attr(self.thumb(a))}" data-rel="tooltip" data-placement="bottom" >'
            f"{esc(a.shown(a.title))}</a>\n                        </li>"
            for a in others
        )
        return f"""<div class="news_column">
    <div class="panel panel-default clearfix">
        <div class="panel-heading">
            <ul class="list-inline sub-list-icon" style="margin: 0">
                <li><h4><a title="{attr(c.name)}" href="{listing_path(c, 1)}"><span>{esc(c.name)}</span></a></h4></li>
            </ul>
        </div>
        <div class="panel-body">
            <div class="row">
                <div class="col-md-16 ">{img}
                    <h3>
                        <a title="{t}" href="{attr(first.path)}" >{esc(first.shown(first.title))}</a>
                    </h3>
                    <div class="text-muted">
                        <ul class="list-unstyled list-inline">
                            <li><em class="fa fa-clock-o">&nbsp;</em> {first.published:%d/%m/%Y %H:%M}</li>
                            <li><em class="fa fa-eye">&nbsp;</em> {views}</li>
                            <li><em class="fa fa-comment-o">&nbsp;</em> {x.comments}</li>
                        </ul>
                    </div>
                    {esc(first.shown(first.lead)) if first.lead else ""}
                </div>
                <div class="col-md-8">
                    <ul class="related list-items">
{lis}
                    </ul>
                </div>
            </div>
        </div>
    </div>
</div>"""

    def home_page(self) -> str:
        return self.layout(
            title=self.cfg.source,
            description=f"Cổng thông tin điện tử {self.cfg.source}",
            canonical=self.cfg.base + "/",
            func="main",
            main="\n".join(self.home_block(c) for c in self.cfg.categories),
            crumbs=None,
        )

    def not_found(self) -> str:
        """nv_info_die() with the 404 strings (system/info_die.tpl)."""
        return self.tpl("404").template


def make_site(cfg: NukeVietConfig, site_class: type[Site] = Site) -> Site:
    articles = _plan(cfg, random.Random(cfg.seed))
    _counters_as_listed(cfg, articles)
    return site_class(cfg, articles)


def not_found_page(site: Site) -> Page:
    return html_page(site.not_found(), status=404)


def savefile_page(site: Site, a: Article) -> Page:
    # Sent as a download: savefile.php's own Content-Type and Content-Disposition.
    return Page(
        body=site.savefile_page(a).encode("utf-8"),
        content_type=f'text/x-delimtext; name="{a.slug}.html"',
        headers=(("Content-Disposition", f"attachment; filename={a.slug}.html"),),
    )


def variants(site: Site, a: Article) -> dict[str, Page]:
    """Other URLs of an article (same id, no truth row): the save page, and for the few
    linked that way the "/index.php/" path, which serves the article page itself."""
    out = {savefile_path(a): savefile_page(site, a)}
    if a.native_id in site.index_php:
        out[index_php_path(a)] = html_page(site.article_page(a))
    return out


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
        static_files=site.static_files(),
        variants=lambda a: variants(site, a),
    )


__all__ = [
    "RELATED_NEW",
    "RELATED_OLD",
    "STATIC",
    "VIEWCAT_GRID",
    "VIEWCAT_LIST",
    "VIEWCAT_PAGE",
    "Extra",
    "NukeVietConfig",
    "Site",
    "alias_page",
    "build",
    "category_pages",
    "index_php_path",
    "listing_path",
    "make_site",
    "not_found_page",
    "savefile_path",
    "tag_alias",
]
