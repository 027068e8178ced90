"""``holdout_drupal``: a Drupal 10 news site (a sub-theme of Olivero) with Pathauto aliases,
the Redirect module, Statistics counters and taxonomy-term listings (strictly held-out).

SEEN in drupal/drupal (read, not copied; see docs/cms/holdout.md):
``core/themes/olivero/templates/content/node.html.twig`` (``article.node.node--type-{bundle}``
with ``node--promoted`` / ``node--view-mode-full``, ``div.node__meta`` "By
``span.node__author``, {date}", ``div.node__content``), ``node--teaser.html.twig``
(teasers: ``h2.node__title`` link, meta, image, content without links),
``field/field--text.html.twig`` (``clearfix`` on text fields), ``field--node--field-tags.html.twig``
(``ul.links.field__items.field--tags__items``), ``navigation/pager.html.twig``
(``nav.pager > ul.pager__items.js-pager__items > li.pager__item`` with ``pager__item--active``,
``--first``/``--previous``/``--next``/``--last`` controls and ``visually-hidden`` labels),
``navigation/breadcrumb.html.twig``, ``layout/page.html.twig``;
``core/lib/Drupal/Core/Pager/PagerManager.php`` (``page`` is always set, zero-based: the first
page is ``?page=0``); ``core/includes/pager.inc`` (links carry only the query);
``core/lib/Drupal/Core/Field/Plugin/Field/FieldFormatter/TimestampFormatter.php`` (``time`` with
an RFC 3339 ``datetime`` in the site time zone, the text in the chosen date format);
``core/modules/node/src/Controller/NodeViewController.php`` (absolute ``rel=canonical`` of the
node's URL, i.e. its alias, and ``rel=shortlink`` to ``/node/{nid}``);
``core/modules/statistics/statistics.module`` (the ``statistics_counter`` node link
"@count views" in ``ul.links.inline``, absent when the node has no counter row);
``core/modules/filter/templates/filter-caption.html.twig`` (``figure[role=group]`` with
``figcaption``).

ASSUMED: the sub-theme's names and regions, the Vietnamese date format
"Thứ sáu, 16/02/2024 - 23:46" and translations ("Bởi", "@count lượt xem", "Trang"), the
Pathauto patterns (``/tin-tuc/[title]``, ``/chuyen-muc/[term]``) and a few old nodes
imported without an alias, the Redirect module's 301 from ``/node/N`` and ``/taxonomy/term/N``
to the alias, a "Sapo" field for the lead, the image style ``wide`` with ``itok`` tokens,
CKEditor 5's ``text-align-*`` classes, the blocks ("Tin liên quan", "Tin mới nhất",
"Tin xem nhiều"), three teasers per listing page, the domain and all text.
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import functools
import json
import random
from dataclasses import replace
from datetime import datetime

from .assemble import assemble_replica, newest_first
from .holdout_kit import finish_truth, iso, most_viewed, newest, redirect, stable_int
from .kit import Spec, credit_forms, plan
from .markup import attr, esc, html_page
from .model import Article, Category, Figure, Heading, Image, Page, Para, Raw, Replica
from .text import slugify
from .unseen_kit import VI_WEEKDAYS, relocate, uncaption, uuid_for, with_forms

KEY = "holdout_drupal"
BASE = "https://congan.vidu-haihai.gov.vn"
SOURCE = "Công an tỉnh Ví Dụ Hai Hai"
THEME = "congan"
UNALIASED = 3  # the oldest nodes, imported before Pathauto: no alias


def _date(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    return f"{VI_WEEKDAYS[m.weekday()]}, {m:%d/%m/%Y - %H:%M}", True


NEWS = Category("Tin tức - Sự kiện", "tin-tuc-su-kien", 4, ("force", "admin", "youth"))
WARN = Category("Cảnh báo tội phạm", "canh-bao-toi-pham", 7, ("fraud", "crime", "drugs"))
SPEC = Spec(
    key=KEY,
    base=BASE,
    source=SOURCE,
    seed=22703,
    categories=(NEWS, WARN),
    path_for=lambda cat, slug, n, m: f"/tin-tuc/{slug}",
    dates=_date,
    credit_forms=with_forms(credit_forms(16), {14: "theo"}),
    per_page=3,
    first_day=datetime(2022, 11, 14).date(),
    last_day=datetime(2025, 8, 30).date(),
    id_base=1480,
    ids_per_day=0.9,
    nfd=3,
    no_views=2,
    leads=4,
    tags=True,
    accounts=("bientap", "admin", "tuyentruyen"),
)
SPECS = {KEY: SPEC}


def listing_path(cat: Category, page: int) -> str:
    return f"/chuyen-muc/{cat.slug}" + ("" if page == 1 else f"?page={page - 1}")


def _inline(a: Article, name: str) -> str:
    return f"/sites/default/files/inline-images/{name}"


def _styled(src: str, style: str, when: datetime) -> str:
    name = src.rsplit("/", 1)[1]
    token = f"{stable_int(KEY, style, name):x}"[:8]
    return f"/sites/default/files/styles/{style}/public/{when:%Y-%m}/{name}?itok={token}"


def _image(a: Article, im: Image) -> str:
    uuid = uuid_for(im.src)
    img = f'<img src="{attr(im.src)}" data-entity-uuid="{uuid}" data-entity-type="file" alt="{attr(a.shown(im.alt))}" width="800" height="533" loading="lazy">'
    if im.caption is None:
        return img
    return (
        f'<figure role="group" aria-labelledby="caption-{uuid}" class="caption caption-img align-center">\n{img}\n'
        f'<figcaption id="caption-{uuid}">{esc(a.shown(im.caption))}</figcaption>\n</figure>'
    )


def _body(a: Article) -> str:
    out = []
    for b in a.blocks:
        if isinstance(b, Para):
            shown = a.shown(b.text)
            inner = esc(shown)
            if b.bold:
                lead = a.shown(b.bold)
                inner = f"<strong>{esc(lead)}</strong>{esc(shown[len(lead) :])}"
            cls = ' class="text-align-justify"' if stable_int(a.native_id) % 2 else ""
            out.append(f"<p{cls}>{inner}</p>")
        elif isinstance(b, Heading):
            out.append(f"<h3>{esc(a.shown(b.text))}</h3>")
        elif isinstance(b, Figure):
            out.append(_image(a, b.image))
        elif isinstance(b, Raw):
            out.append(b.html)
    if a.credit is not None:
        out.append(
            f'<p class="text-align-right"><strong>{esc(a.shown(a.credit.byline))}</strong></p>'
        )
    return "\n".join(out)


class Site:
    def __init__(self) -> None:
        self.spec = SPEC
        articles = plan(SPEC)
        relocate(articles, BASE, _inline)
        uncaption(articles, (0, 6))
        oldest = sorted(articles, key=lambda a: a.native_id)[:UNALIASED]
        for a in articles:
            if a in oldest:
                a.path = f"/node/{a.native_id}"
            a.url = BASE + a.path  # NodeViewController: the canonical URL is the alias
            figures = [b for b in a.blocks if isinstance(b, Figure)]
            if figures and stable_int(KEY, "image", a.native_id) % 2 == 0:
                im = figures[0].image  # the article's image field (no caption), image style URL
                a.lead_image = replace(im, src=_styled(im.src, "wide", a.published), caption=None)
                a.blocks = [b for b in a.blocks if b is not figures[0]]
        self.articles = articles
        self.by_id = {a.native_id: a for a in articles}

    # -- pieces --
    def link(self, a: Article) -> str:
        return f'<a href="{attr(a.path)}" hreflang="vi">{esc(a.shown(a.title))}</a>'

    def time(self, a: Article) -> str:
        return f'<time datetime="{iso(a.published)}" title="{a.published:%d/%m/%Y - %H:%M}">{esc(a.published_text)}</time>'

    def meta(self, a: Article) -> str:
        account = a.account or "admin"
        return (
            '<div class="node__meta">\n'
            f'        <span>\n          Bởi <span class="node__author"><span>{esc(account)}</span></span>, {self.time(a)}\n        </span>\n'
            "      </div>"
        )

    def field(
        self, name: str, ftype: str, inner: str, label: str | None = None, extra: str = ""
    ) -> str:
        cls = f"field field--name-{name} field--type-{ftype} field--label-{'inline' if label else 'hidden'}{extra}"
        if label is None:
            return f'<div class="{cls} field__item">{inner}</div>'
        return f'<div class="{cls} clearfix">\n<div class="field__label">{esc(label)}</div>\n<div class="field__item">{inner}</div>\n</div>'

    def view_block(self, bid: str, title: str, items: list[str]) -> str:
        lis = "".join(f"<li>{x}</li>" for x in items)
        return (
            f'<div class="views-element-container block block-views block-views-block{bid}" id="block-{THEME}-{bid.strip("-")}">\n'
            f'  <h2 class="block__title">{esc(title)}</h2>\n'
            f'<div><div class="view view-{bid.strip("-").split("-block")[0]} js-view-dom-id-{stable_int(bid):016x}"><div class="view-content"><div class="item-list"><ul>{lis}</ul></div></div></div></div>\n</div>'
        )

    def sidebar(self) -> str:
        latest = [
            f'<div class="views-field views-field-title"><span class="field-content">{self.link(a)}</span></div><div class="views-field views-field-created"><span class="field-content"><time datetime="{iso(a.published)}">{a.published:%d/%m/%Y}</time></span></div>'
            for a in newest(self.articles)[:5]
        ]
        popular = [
            f'<div class="views-field views-field-title"><span class="field-content">{self.link(a)}</span></div>'
            for a in most_viewed(self.articles, 5)
        ]
        return (
            '<div class="region region--sidebar">'
            + self.view_block("-tin-moi-nhat-block-1", "Tin mới nhất", latest)
            + self.view_block("-tin-xem-nhieu-block-1", "Tin xem nhiều", popular)
            + "</div>"
        )

    def layout(
        self,
        *,
        title: str,
        body_class: str,
        main: str,
        head: str,
        current_path: str,
        crumbs: list[tuple[str, str | None]],
        settings: dict | None = None,
    ) -> str:
        s = self.spec
        menu = "".join(
            f'<li class="primary-nav__menu-item primary-nav__menu-item--link primary-nav__menu-item--level-1"><a href="{attr(listing_path(c, 1))}" class="primary-nav__menu-link primary-nav__menu-link--link primary-nav__menu-link--level-1" data-drupal-link-system-path="taxonomy/term/{c.native_id}"><span class="primary-nav__menu-link-inner primary-nav__menu-link-inner--level-1">{esc(c.name)}</span></a></li>'
            for c in s.categories
        )
        crumb = "".join(
            f'<li class="breadcrumb__item"><a href="{attr(u)}" class="breadcrumb__link">{esc(t)}</a></li>'
            if u
            else f'<li class="breadcrumb__item">{esc(t)}</li>'
            for t, u in [("Trang chủ", "/"), *crumbs]
        )
        drupal_settings = {
            "path": {
                "baseUrl": "/",
                "pathPrefix": "",
                "currentPath": current_path,
                "currentPathIsAdmin": False,
                "isFront": current_path == "node",
                "currentLanguage": "vi",
            },
            "pluralDelimiter": "\u0003",
            "suppressDeprecationErrors": True,
            "ajaxTrustedUrl": {},
            "user": {"uid": 0, "permissionsHash": f"{stable_int(KEY, 'perm'):x}"},
            **(settings or {}),
        }
        css = f"{stable_int(KEY, 'css'):x}"
        return f"""<!DOCTYPE html>
<html lang="vi" dir="ltr" prefix="content: http://purl.org/rss/1.0/modules/content/  dc: http://purl.org/dc/terms/  foaf: http://xmlns.com/foaf/0.1/  og: http://ogp.me/ns#  rdfs: http://www.w3.org/2000/01/rdf-schema#  schema: http://schema.org/  sioc: http://rdfs.org/sioc/ns#  sioct: http://rdfs.org/sioc/types#  skos: http://www.w3.org/2004/02/skos/core#  xsd: http://www.w3.org/2001/XMLSchema# ">
  <head>
    <meta charset="utf-8" />
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />
<meta name="MobileOptimized" content="width" />
<meta name="HandheldFriendly" content="true" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<link rel="icon" href="/themes/custom/{THEME}/favicon.ico" type="image/vnd.microsoft.icon" />{head}
    <title>{title}</title>
    <link rel="stylesheet" media="all" href="/sites/default/files/css/css_{css[:12]}.css?delta=0&amp;language=vi&amp;theme={THEME}&amp;include=eJxdjEEKwzAMBD_kWE8ysrMxIrJlLIfS37e0h0IvC8MMS2t2TVkQbaJo4hpkfWArR6b-xGbzJ6jJ6C4" />
    <script src="/core/assets/vendor/modernizr/modernizr.min.js?v=3.11.7"></script>
  </head>
  <body class="{body_class}">
        <a href="#main-content" class="visually-hidden focusable skip-link">
      Chuyển đến nội dung chính
    </a>
      <div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
    <div id="page-wrapper" class="page-wrapper">
  <div id="page">
      <header id="header" class="site-header" data-drupal-selector="site-header" role="banner">
        <div class="site-header__fixable" data-drupal-selector="site-header-fixable">
          <div id="site-header__inner" class="site-header__inner" data-drupal-selector="site-header-inner">
            <div class="container site-header__inner__container">
<div id="block-{THEME}-site-branding" class="site-branding block block-system block-system-branding-block">
  <div class="site-branding__inner">
    <a href="/" rel="home" class="site-branding__logo"><img src="/themes/custom/{THEME}/logo.svg" alt="Trang chủ" fetchpriority="high" /></a>
    <div class="site-branding__text"><div class="site-branding__name"><a href="/" title="Trang chủ" rel="home">{esc(s.source)}</a></div><div class="site-branding__slogan">Trang thông tin điện tử</div></div>
  </div>
</div>
                <div id="header-nav" class="header-nav" data-drupal-selector="header-nav">
<nav role="navigation" aria-labelledby="block-{THEME}-main-menu-menu" id="block-{THEME}-main-menu" class="primary-nav block block-menu navigation menu--main">
  <h2 class="visually-hidden block__title" id="block-{THEME}-main-menu-menu">Điều hướng chính</h2>
  <ul class="menu primary-nav__menu primary-nav__menu--level-1" data-drupal-selector="primary-nav-menu--level-1"><li class="primary-nav__menu-item primary-nav__menu-item--link primary-nav__menu-item--level-1"><a href="/" class="primary-nav__menu-link primary-nav__menu-link--link primary-nav__menu-link--level-1" data-drupal-link-system-path="&lt;front&gt;"><span class="primary-nav__menu-link-inner primary-nav__menu-link-inner--level-1">Trang chủ</span></a></li>{menu}<li class="primary-nav__menu-item primary-nav__menu-item--link primary-nav__menu-item--level-1"><a href="/lien-he" class="primary-nav__menu-link primary-nav__menu-link--link primary-nav__menu-link--level-1"><span class="primary-nav__menu-link-inner primary-nav__menu-link-inner--level-1">Liên hệ</span></a></li></ul>
</nav>
                </div>
            </div>
          </div>
        </div>
      </header>
    <div id="main-wrapper" class="layout-main-wrapper layout-container">
      <div id="main" class="layout-main">
        <main id="content" class="main-content" role="main">
          <a id="main-content" tabindex="-1"></a>
          <div class="main-content__container container">
  <div class="region region--breadcrumb grid-full layout--pass--content-medium">
<div id="block-{THEME}-breadcrumbs" class="block block-system block-system-breadcrumb-block">
  <nav class="breadcrumb" role="navigation" aria-labelledby="system-breadcrumb">
    <h2 id="system-breadcrumb" class="visually-hidden">Đường dẫn</h2>
    <div class="breadcrumb__content"><ol class="breadcrumb__list">{crumb}</ol></div>
  </nav>
</div>
  </div>
              <div class="sidebar-grid grid-full">
{main}
{self.sidebar()}
              </div>
          </div>
        </main>
      </div>
    </div>
    <footer class="site-footer">
      <div class="site-footer__inner container">
  <div class="region region--footer-bottom grid-full layout--pass--content-medium">
<div id="block-{THEME}-footer-info" class="block block-block-content">
  <div class="block__content"><div class="text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item"><p><strong>{esc(s.source.upper())}</strong></p><p>Địa chỉ: Số 45, đường Lê Duẩn, thành phố Đắk Mil · Điện thoại: 0262.3852.113 · Email: bbt@vidu-haihai.gov.vn</p><p>Ghi rõ nguồn "{esc(s.source)}" khi phát hành lại thông tin từ website này.</p></div></div>
</div>
  </div>
      </div>
    </footer>
    <div class="overlay" data-drupal-selector="overlay"></div>
  </div>
</div>
  </div>
    <script type="application/json" data-drupal-selector="drupal-settings-json">{json.dumps(drupal_settings, ensure_ascii=False).replace("/", chr(92) + "/")}</script>
<script src="/sites/default/files/js/js_{css[-12:]}.js?scope=footer&amp;delta=0&amp;language=vi&amp;theme={THEME}&amp;include=eJxdjEEKwzAMBD_kWE8ysrMxIrJlLIfS37e0h0IvC8MMS2t2TVkQbaJo4hpkfWArR6b-xGbzJ6jJ6C4"></script>
  </body>
</html>
"""

    # -- node --
    def article_page(self, a: Article) -> str:
        cat = a.category
        promoted = " node--promoted" if stable_int(KEY, "promote", a.native_id) % 3 == 0 else ""
        fields = []
        if a.lead:
            fields.append(
                self.field("field-sapo", "string-long", f"<strong>{esc(a.shown(a.lead))}</strong>")
            )
        if a.lead_image is not None:
            im = a.lead_image
            fields.append(
                self.field(
                    "field-image",
                    "image",
                    f'  <img loading="lazy" src="{attr(im.src)}" width="1100" height="733" alt="{attr(a.shown(im.alt))}" />\n',
                    extra=" primary-image",
                )
            )
        fields.append(
            self.field(
                "body", "text-with-summary", "\n" + _body(a) + "\n", extra=" text-content clearfix"
            )
        )
        fields.append(
            self.field(
                "field-chuyen-muc",
                "entity-reference",
                f'<a href="{attr(listing_path(cat, 1))}" hreflang="vi">{esc(cat.name)}</a>',
                label="Chuyên mục",
            )
        )
        if a.tags:
            lis = "".join(
                f'<li class="field--tags__item"><a href="/tu-khoa/{slugify(t)}" hreflang="vi">{esc(t)}</a></li>'
                for t in a.tags
            )
            fields.append(
                '<div class="field field--name-field-tags field--type-entity-reference field--label-above field--tags">'
                f'\n<h3 class="field__label field--tags__label">Từ khóa</h3>\n<ul class="links field__items field--tags__items">{lis}</ul>\n</div>'
            )
        if a.view_count is not None:
            fields.append(
                f'<div class="node__links"><ul class="links inline"><li class="statistics-counter">{a.view_count} lượt xem</li></ul></div>'
            )
        related = ""
        items = [self.by_id[k] for _, ids in a.related for k in ids]
        if items:
            rows = [
                f'<div class="views-field views-field-title"><span class="field-content">{self.link(r)}</span></div>'
                for r in items
            ]
            related = self.view_block("-tin-lien-quan-block-1", "Tin liên quan", rows)
        content = "\n".join(fields)
        main = f"""<div class="region region--content grid-full layout--pass--content-medium" id="content">
<div id="block-{THEME}-page-title" class="block block-core block-page-title-block">
  <h1 class="title page-title"><span class="field field--name-title field--type-string field--label-hidden">{esc(a.shown(a.title))}</span></h1>
</div>
<div data-drupal-messages-fallback class="hidden messages-list"></div>
<div id="block-{THEME}-content" class="block block-system block-system-main-block">
  <div class="block__content">
<article data-history-node-id="{a.native_id}" class="node node--type-article{promoted} node--view-mode-full">
  <header class="content-narrow">
      {self.meta(a)}
  </header>
  <div class="node__content content-narrow">
{content}
  </div>
</article>
  </div>
</div>
{related}
</div>"""
        images = a.images()
        head = (
            f'\n<link rel="canonical" href="{attr(a.url)}" />'
            f'\n<link rel="shortlink" href="{BASE}/node/{a.native_id}" />'
            f'\n<meta name="description" content="{attr(a.shown(a.brief))}" />'
        )
        if images:
            head += f'\n<meta property="og:image" content="{attr(BASE + images[0].src if images[0].src.startswith("/") else images[0].src)}" />'
        return self.layout(
            title=f"{esc(a.shown(a.title))} | {esc(self.spec.source)}",
            body_class="path-node page-node-type-article",
            main=main,
            head=head,
            current_path=f"node/{a.native_id}",
            crumbs=[(cat.name, listing_path(cat, 1)), (a.shown(a.title), None)],
            settings={
                "statistics": {
                    "data": {"nid": str(a.native_id)},
                    "url": "/core/modules/statistics/statistics.php",
                }
            },
        )

    # -- taxonomy term listings --
    def teaser(self, a: Article) -> str:
        images = a.images()
        image = ""
        if images:
            src = images[0].src
            thumb = src if "/styles/" in src else _styled(src, "medium", a.published)
            image = self.field(
                "field-image",
                "image",
                f'<a href="{attr(a.path)}" hreflang="vi"><img loading="lazy" src="{attr(thumb)}" width="220" height="147" alt="{attr(a.shown(images[0].alt))}" /></a>',
            )
        return f"""<div class="views-row">
<article class="node node--type-article node--view-mode-teaser teaser">
  <header>
    <h2 class="node__title teaser__title"><a href="{attr(a.path)}" rel="bookmark"><span class="field field--name-title field--type-string field--label-hidden">{esc(a.shown(a.title))}</span></a></h2>
    {self.meta(a)}
  </header>
  <div class="teaser__content">
{image}
{self.field("body", "text-with-summary", f"<p>{esc(a.shown(a.brief))}</p>", extra=" text-content clearfix")}
  </div>
</article>
</div>"""

    def pager(self, page: int, pages: int) -> str:
        cur = page - 1  # zero-based
        items = []
        if cur > 0:
            items.append(
                '<li class="pager__item pager__item--control pager__item--first"><a href="?page=0" class="pager__link" title="Đến trang đầu"><span class="visually-hidden">Trang đầu</span>«</a></li>'
            )
            items.append(
                f'<li class="pager__item pager__item--control pager__item--previous"><a href="?page={cur - 1}" class="pager__link" title="Đến trang trước" rel="prev"><span class="visually-hidden">Trang trước</span>‹</a></li>'
            )
        for p in range(pages):
            if p == cur:
                items.append(
                    f'<li class="pager__item pager__item--active pager__item--number"><span class="visually-hidden">Trang hiện tại</span>{p + 1}</li>'
                )
            else:
                items.append(
                    f'<li class="pager__item pager__item--number"><a href="?page={p}" class="pager__link" title="Đến trang {p + 1}"><span class="visually-hidden">Trang</span>{p + 1}</a></li>'
                )
        if cur < pages - 1:
            items.append(
                f'<li class="pager__item pager__item--control pager__item--next"><a href="?page={cur + 1}" class="pager__link" title="Đến trang sau" rel="next"><span class="visually-hidden">Trang sau</span>›</a></li>'
            )
            items.append(
                f'<li class="pager__item pager__item--control pager__item--last"><a href="?page={pages - 1}" class="pager__link" title="Đến trang cuối"><span class="visually-hidden">Trang cuối</span>»</a></li>'
            )
        return f'<nav class="pager" role="navigation" aria-labelledby="pagination-heading">\n<h4 id="pagination-heading" class="visually-hidden">Phân trang</h4>\n<ul class="pager__items js-pager__items">{"".join(items)}</ul>\n</nav>'

    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        rows = "\n".join(self.teaser(a) for a in items)
        main = f"""<div class="region region--content grid-full layout--pass--content-medium" id="content">
<div id="block-{THEME}-page-title" class="block block-core block-page-title-block">
  <h1 class="title page-title">{esc(cat.name)}</h1>
</div>
<div id="block-{THEME}-content" class="block block-system block-system-main-block">
  <div class="block__content">
<div class="views-element-container"><div class="view view-taxonomy-term view-id-taxonomy_term view-display-id-page_1 js-view-dom-id-{stable_int(cat.slug, page):016x}">
<div class="view-header"><div id="taxonomy-term-{cat.native_id}" class="taxonomy-term vocabulary-chuyen-muc"></div></div>
<div class="view-content">
{rows}
</div>
{self.pager(page, pages)}
</div></div>
  </div>
</div>
</div>"""
        head = (
            f'\n<link rel="canonical" href="{BASE}/chuyen-muc/{cat.slug}" />'
            f'\n<link rel="shortlink" href="{BASE}/taxonomy/term/{cat.native_id}" />'
            f'\n<link rel="alternate" type="application/rss+xml" title="{attr(cat.name)}" href="{BASE}/taxonomy/term/{cat.native_id}/feed" />'
        )
        return self.layout(
            title=f"{esc(cat.name)} | {esc(self.spec.source)}"
            + (f" | Trang {page}" if page > 1 else ""),
            body_class="path-taxonomy",
            main=main,
            head=head,
            current_path=f"taxonomy/term/{cat.native_id}",
            crumbs=[(cat.name, None)],
        )

    def home_page(self) -> str:
        rows = "\n".join(self.teaser(a) for a in newest(self.articles)[:6])
        main = f'<div class="region region--content grid-full layout--pass--content-medium" id="content"><div class="views-element-container"><div class="view view-frontpage view-id-frontpage view-display-id-page_1"><div class="view-content">{rows}</div></div></div></div>'
        return self.layout(
            title=esc(self.spec.source),
            body_class="path-frontpage",
            main=main,
            head=f'\n<link rel="canonical" href="{BASE}/" />',
            current_path="node",
            crumbs=[],
        )

    def not_found(self) -> str:
        main = f'<div class="region region--content grid-full layout--pass--content-medium" id="content"><div id="block-{THEME}-page-title" class="block block-core block-page-title-block"><h1 class="title page-title">Không tìm thấy trang</h1></div><div class="block block-system block-system-main-block"><div class="block__content">Không tìm thấy trang được yêu cầu.</div></div></div>'
        return self.layout(
            title=f"Không tìm thấy trang | {esc(self.spec.source)}",
            body_class="path-system",
            main=main,
            head="",
            current_path="system/404",
            crumbs=[],
        )


@functools.cache
def _site() -> Site:
    return Site()


def not_found_page(key: str = KEY) -> Page:
    return html_page(_site().not_found(), status=404)


def build(key: str = KEY) -> Replica:
    site = _site()

    def variants(a: Article) -> dict[str, Page]:  # Redirect module: /node/N -> alias
        return {} if a.path.startswith("/node/") else {f"/node/{a.native_id}": redirect(a.path)}

    replica = assemble_replica(
        key=KEY,
        base=BASE,
        source=SOURCE,
        site=site,
        categories=SPEC.categories,
        per_page=SPEC.per_page,
        listing_path=listing_path,
        static_files={
            "/core/assets/vendor/modernizr/modernizr.min.js": (
                "/* modernizr */\n",
                "application/javascript",
            )
        },
        variants=variants,
    )
    pages = replica.pages
    for cat in SPEC.categories:
        items = newest_first([a for a in site.articles if a.category == cat])
        n = -(-len(items) // SPEC.per_page)
        pages[listing_path(cat, 1) + "?page=0"] = html_page(
            site.listing_page(cat, 1, items[: SPEC.per_page], n)
        )
        pages[f"/taxonomy/term/{cat.native_id}"] = redirect(listing_path(cat, 1))
    return finish_truth(
        replica,
        site.articles,
        id_for=lambda a: f"{KEY}-{a.native_id}" if a.path.startswith("/node/") else None,
    )
