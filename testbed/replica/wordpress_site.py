"""WordPress replicas: congan.quangtri.gov.vn (a news theme) and congan.sonla.gov.vn (tagDiv
"Newspaper" theme, REST API on).

SEEN (docs/sites.md): both sites run WordPress; Quảng Trị's theme lists posts as
``h3.entry-title a``. ASSUMED: everything else — permalinks (``/{yyyy}/{mm}/{slug}/`` on
Quảng Trị, ``/{slug}/`` on Sơn La), category archives ``/category/{slug}/page/N/``, the
themes' class names (written after the public markup of WordPress core and of those
themes, no code copied), the Post Views Counter markup, the related-posts box, Sơn La's
REST API answering ``/wp-json/wp/v2/posts`` with a post-views field, Quảng Trị's answering
404 (REST turned off by a security plugin), the posting accounts.
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import functools
import json
from dataclasses import replace
from datetime import datetime

from .assemble import assemble_replica, newest_first
from .kit import Spec, credit_forms, plan
from .markup import attr, esc, html_page, paragraph, share_links
from .model import Article, Category, Credit, Figure, Heading, Page, Para, Raw, Replica, dotted
from .text import slugify

WEEKDAYS_WP = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
REST_PATH = "/wp-json/wp/v2/posts"


def rest_path(page: int, per_page: int) -> str:
    """One page of the posts collection as a client asks for it (the REST API's documented
    parameters): newest first, authors and terms embedded. The server matches the query
    exactly, so this is the spelling the spider is expected to send."""
    return f"{REST_PATH}?per_page={per_page}&page={page}&orderby=date&order=desc&_embed=1"


def listing_path(cat: Category, page: int) -> str:
    return f"/category/{cat.slug}/" if page == 1 else f"/category/{cat.slug}/page/{page}/"


def _date_only(rng, i: int, m: datetime) -> tuple[str, bool]:
    # The theme prints d/m/Y; <time datetime> carries the time, so the record has it.
    return m.strftime("%d/%m/%Y"), True


def _date_weekday(rng, i: int, m: datetime) -> tuple[str, bool]:
    return f"{WEEKDAYS_WP[m.weekday()]}, {m:%d/%m/%Y %H:%M}", True


SPECS = {
    "quangtri": Spec(
        key="quangtri",
        base="https://congan.quangtri.gov.vn",
        source="Công an tỉnh Quảng Trị",
        seed=7401,
        categories=(
            Category("Tin tức - Sự kiện", "tin-tuc-su-kien", 0, ("force", "honours", "youth")),
            Category("An ninh trật tự", "an-ninh-trat-tu", 0, ("traffic", "crime", "fraud")),
        ),
        path_for=lambda cat, slug, n, m: f"/{m:%Y}/{m:%m}/{slug}/",
        dates=_date_only,
        credit_forms=credit_forms(16),
        id_base=18000,
        tags=True,
        accounts=("admin", "Ban biên tập", "Thanh Hải"),
    ),
    "sonla": Spec(
        key="sonla",
        base="https://congan.sonla.gov.vn",
        source="Công an tỉnh Sơn La",
        seed=2602,
        categories=(
            Category("Hoạt động lực lượng", "hoat-dong-luc-luong", 0, ("force", "youth", "admin")),
            Category("Cảnh báo tội phạm", "canh-bao-toi-pham", 0, ("fraud", "drugs", "crime")),
        ),
        path_for=lambda cat, slug, n, m: f"/{slug}/",
        dates=_date_weekday,
        credit_forms=credit_forms(16),
        id_base=41000,
        ids_per_day=5.0,
        tags=True,
        accounts=("admin", "Ban biên tập", "Lò Văn Hùng", "quantri"),
    ),
}
# Who each posting account is, for a post that prints no credit line: a desk or a person is
# credited by the account's display name; a system account ("admin", "quantri") is no one.
ACCOUNT_AUTHOR: dict[str, str | None] = {
    "admin": None,
    "quantri": None,
    "Ban biên tập": "Ban biên tập",
    "Thanh Hải": "Thanh Hải",
    "Lò Văn Hùng": "Lò Văn Hùng",
}
REST_ON = {"quangtri": False, "sonla": True}
THEME = {"quangtri": "news", "sonla": "newspaper"}


def _wp_upload(a: Article, src: str) -> str:
    # WordPress keeps uploads by month under /wp-content/uploads/YYYY/MM/
    return src.replace(
        f"/uploads/news/{a.published:%Y_%m}/", f"/wp-content/uploads/{a.published:%Y/%m}/"
    )


def _articles(spec: Spec) -> list[Article]:
    articles = plan(spec)
    for a in articles:
        a.blocks = [
            Figure(replace(b.image, src=_wp_upload(a, b.image.src))) if isinstance(b, Figure) else b
            for b in a.blocks
        ]
        author = ACCOUNT_AUTHOR[a.account] if a.account else None
        if a.credit is None and author:
            # No credit line in the post: the account's name is the credit (a desk or a
            # person; an "admin" account is neither).
            a.credit = Credit(a.account, author, "account")
    return articles


class Site:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.theme = THEME[spec.key]
        self.articles = _articles(spec)
        self.by_id = {a.native_id: a for a in self.articles}
        self.cat_ids = {c: 3 + k for k, c in enumerate(spec.categories)}

    # -- chrome --
    def layout(
        self, *, title: str, canonical: str, body_class: str, main: str, head: str = ""
    ) -> str:
        s = self.spec
        menu = "".join(
            f'<li class="menu-item"><a href="{attr(s.base + listing_path(c, 1))}">{esc(c.name)}</a></li>'
            for c in s.categories
        )
        rest_link = (
            f'<link rel="https://api.w.org/" href="{s.base}/wp-json/">\n' if REST_ON[s.key] else ""
        )
        latest = newest_first(self.articles)[:5]
        popular = sorted(self.articles, key=lambda a: (-(a.view_count or 0), -a.native_id))[:5]

        def widget(heading: str, items: list[Article], cls: str) -> str:
            lis = "".join(
                f'<li><a href="{attr(a.url)}">{esc(a.shown(a.title))}</a></li>' for a in items
            )
            return (
                f'<section class="widget {cls}"><h2 class="widget-title">{heading}</h2>'
                f"<ul>{lis}</ul></section>"
            )

        sidebar = widget("Tin mới", latest, "widget_recent_entries") + widget(
            "Tin xem nhiều", popular, "widget_top-posts"
        )
        return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<meta name="generator" content="WordPress 6.4.3">
<meta property="og:locale" content="vi_VN">
<meta property="og:site_name" content="{attr(s.source)}">
<meta property="og:url" content="{attr(canonical)}">
<link rel="canonical" href="{attr(canonical)}">
{rest_link}{head}<link rel="stylesheet" href="/wp-content/themes/{self.theme}/style.css?ver=6.4.3">
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1"></script>
</head>
<body class="{body_class}">
<div id="page" class="site">
<header id="masthead" class="site-header">
  <div class="site-branding"><p class="site-title"><a href="{s.base}/" rel="home">{esc(s.source)}</a></p>
  <p class="site-description">Trang thông tin điện tử</p></div>
  <nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
  <li class="menu-item"><a href="{s.base}/">Trang chủ</a></li>{menu}</ul></nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
{main}
</main></div>
<aside id="secondary" class="widget-area">{sidebar}</aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">
<p>Bản quyền thuộc {esc(s.source)}. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p>
<p>Điện thoại đường dây nóng: 069.2.123.113</p></div></footer>
</div>
</body>
</html>
"""

    # -- article --
    def content(self, a: Article) -> str:
        out = []
        for b in a.blocks:
            if isinstance(b, Para):
                out.append(paragraph(a, b.text, b.bold, "text-align: justify;"))
            elif isinstance(b, Heading):
                out.append(f"<h2>{esc(a.shown(b.text))}</h2>")
            elif isinstance(b, Figure):
                im = b.image
                src, alt = (
                    attr(self.spec.base + im.src if im.src.startswith("/") else im.src),
                    attr(a.shown(im.alt)),
                )
                if self.theme == "news":  # block editor figure
                    cap = (
                        f'<figcaption class="wp-element-caption">{esc(a.shown(im.caption))}</figcaption>'
                        if im.caption
                        else ""
                    )
                    out.append(
                        f'<figure class="wp-block-image size-large"><img src="{src}" alt="{alt}" width="1024">{cap}</figure>'
                    )
                elif im.caption:  # classic editor caption shortcode output
                    out.append(
                        f'<div class="wp-caption aligncenter" style="width: 810px"><img class="size-large" src="{src}" alt="{alt}" width="800">'
                        f'<p class="wp-caption-text">{esc(a.shown(im.caption))}</p></div>'
                    )
                else:
                    out.append(
                        f'<p><img class="aligncenter size-large" src="{src}" alt="{alt}" width="800"></p>'
                    )
            elif isinstance(b, Raw):
                out.append(b.html)
        if a.credit and a.credit.placement == "body":
            out.append(
                f'<p style="text-align: right;"><strong>{esc(a.shown(a.credit.byline))}</strong></p>'
            )
        if self.theme == "news":  # Jetpack sharing is appended to the content
            fb, zalo = share_links(a.url)
            out.append(
                '<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Chia sẻ:</h3>'
                f'<ul><li><a class="share-facebook" href="{attr(fb)}">Facebook</a></li>'
                f'<li><a class="share-zalo" href="{attr(zalo)}">Zalo</a></li></ul></div>'
            )
        return "\n".join(out)

    def article_page(self, a: Article) -> str:
        s = self.spec
        cat = a.category
        cat_link = f'<a href="{attr(s.base + listing_path(cat, 1))}" rel="category tag">{esc(cat.name)}</a>'
        iso = a.published.strftime("%Y-%m-%dT%H:%M:%S+07:00")
        account = a.account or "admin"
        author_link = f'<a class="url fn n" href="{s.base}/author/{slugify(account) or "admin"}/">{esc(account)}</a>'
        tags = "".join(
            f'<a href="{s.base}/tag/{slugify(t)}/" rel="tag">{esc(t)}</a>' for t in a.tags
        )
        related = ""
        if a.related:
            items = [self.by_id[i] for _, ids in a.related for i in ids]
            if self.theme == "news":
                lis = "".join(
                    f'<li><h4 class="entry-title"><a href="{attr(r.url)}">{esc(r.shown(r.title))}</a></h4></li>'
                    for r in items
                )
                related = f'<div class="related-posts"><h3 class="related-title">Bài viết liên quan</h3><ul>{lis}</ul></div>'
            else:
                cells = "".join(
                    f'<div class="td-related-span4"><div class="td_module_related_posts"><div class="td-module-thumb">'
                    f'<a href="{attr(r.url)}" title="{attr(r.shown(r.title))}"><img src="/wp-content/uploads/thumb-{r.native_id}.jpg" alt=""></a></div>'
                    f'<h3 class="entry-title td-module-title"><a href="{attr(r.url)}" rel="bookmark">{esc(r.shown(r.title))}</a></h3></div></div>'
                    for r in items
                )
                related = (
                    '<div class="td_block_wrap td_block_related_posts"><h4 class="td-related-title">'
                    '<a class="td-related-left td-cur-simple-item" href="#">Bài viết liên quan</a></h4>'
                    f'<div class="td-related-row">{cells}</div></div>'
                )
        comments = (
            '<div id="comments" class="comments-area"><div id="respond" class="comment-respond">'
            '<h3 id="reply-title" class="comment-reply-title">Trả lời</h3>'
            '<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">'
            '<p class="comment-notes">Email của bạn sẽ không được hiển thị công khai.</p>'
            '<p class="comment-form-comment"><textarea id="comment" name="comment"></textarea></p>'
            '<p class="form-submit"><input name="submit" type="submit" class="submit" value="Phản hồi"></p>'
            "</form></div></div>"
        )
        if self.theme == "news":
            views = ""
            if a.view_count is not None:
                views = (
                    f'<div class="post-views content-post post-{a.native_id} entry-meta">'
                    '<span class="post-views-icon dashicons dashicons-chart-bar"></span> '
                    '<span class="post-views-label">Lượt xem:</span> '
                    f'<span class="post-views-count">{dotted(a.view_count)}</span></div>'
                )
            tag_line = f'<span class="tags-links">Từ khóa: {tags}</span>' if tags else ""
            main = f"""<article id="post-{a.native_id}" class="post-{a.native_id} post type-post status-publish format-standard hentry">
<header class="entry-header">
<div class="entry-meta"><span class="cat-links">{cat_link}</span></div>
<h1 class="entry-title">{esc(a.shown(a.title))}</h1>
<div class="entry-meta"><span class="posted-on">Đăng ngày <a href="{attr(a.url)}" rel="bookmark"><time class="entry-date published" datetime="{iso}">{esc(a.published_text)}</time><time class="updated" datetime="{iso}">{esc(a.published_text)}</time></a></span><span class="byline"> bởi <span class="author vcard">{author_link}</span></span>{views}</div>
</header>
<div class="entry-content">
{self.content(a)}
</div>
<footer class="entry-footer">{tag_line}</footer>
</article>
{related}
<nav class="navigation post-navigation"><h2 class="screen-reader-text">Điều hướng bài viết</h2></nav>
{comments}"""
        else:
            views = ""
            if a.view_count is not None:
                views = f'<div class="td-post-views"><i class="td-icon-views"></i><span class="td-nr-views-{a.native_id}">{dotted(a.view_count)}</span></div>'
            tag_box = ""
            if tags:
                tag_lis = "".join(
                    f'<li><a href="{s.base}/tag/{slugify(t)}/">{esc(t)}</a></li>' for t in a.tags
                )
                tag_box = f'<div class="td-post-source-tags"><ul class="td-tags td-post-small-box clearfix"><li><span>TAGS</span></li>{tag_lis}</ul></div>'
            fb, zalo = share_links(a.url)
            main = f"""<article id="post-{a.native_id}" class="post-{a.native_id} post type-post status-publish">
<div class="td-post-header">
<ul class="td-category"><li class="entry-category"><a href="{attr(s.base + listing_path(cat, 1))}">{esc(cat.name)}</a></li></ul>
<header class="td-post-title">
<h1 class="entry-title">{esc(a.shown(a.title))}</h1>
<div class="td-module-meta-info">
<div class="td-post-author-name"><div class="td-author-by">Bởi</div> {author_link}<div class="td-author-line"> - </div></div>
<span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{iso}">{esc(a.published_text)}</time></span>
{views}
</div>
</header>
</div>
<div class="td-post-sharing-top"><div class="td-post-sharing td-ps-bg"><a class="td-social-sharing-button td-social-facebook" href="{attr(fb)}"><span class="td-social-but-text">Facebook</span></a><a class="td-social-sharing-button td-social-zalo" href="{attr(zalo)}"><span class="td-social-but-text">Zalo</span></a></div></div>
<div class="td-post-content tagdiv-type">
{self.content(a)}
</div>
<footer>{tag_box}</footer>
</article>
{related}
{comments}"""
        images = a.images()
        og_img = ""
        if images:
            src = images[0].src if images[0].src.startswith("http") else s.base + images[0].src
            og_img = f'<meta property="og:image" content="{attr(src)}">\n'
        head = (
            f'<meta property="og:type" content="article">\n<meta property="og:title" content="{attr(a.shown(a.title))}">\n'
            f'<meta property="article:published_time" content="{iso}">\n{og_img}'
            f'<link rel="shortlink" href="{s.base}/?p={a.native_id}">\n'
        )
        return self.layout(
            title=f"{a.shown(a.title)} – {s.source}",
            canonical=a.url,
            body_class=f"post-template-default single single-post postid-{a.native_id} single-format-standard",
            main=main,
            head=head,
        )

    # -- listings --
    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        s = self.spec
        rows = []
        for a in items:
            title = esc(a.shown(a.title))
            if self.theme == "news":
                rows.append(
                    f'<article id="post-{a.native_id}" class="post-{a.native_id} post type-post">'
                    f'<h3 class="entry-title"><a href="{attr(a.url)}" rel="bookmark">{title}</a></h3>'
                    f'<div class="entry-meta"><span class="posted-on"><time class="entry-date published">{a.published:%d/%m/%Y}</time></span></div>'
                    f'<div class="entry-summary"><p>{esc(a.shown(a.brief))}</p></div></article>'
                )
            else:
                rows.append(
                    f'<div class="td_module_10 td_module_wrap"><div class="td-module-thumb"><a href="{attr(a.url)}" title="{attr(a.shown(a.title))}">'
                    f'<img src="/wp-content/uploads/thumb-{a.native_id}.jpg" alt=""></a></div><div class="item-details">'
                    f'<h3 class="entry-title td-module-title"><a href="{attr(a.url)}" rel="bookmark" title="{attr(a.shown(a.title))}">{title}</a></h3>'
                    f'<div class="td-module-meta-info"><span class="td-post-date"><time class="entry-date updated td-module-date">{a.published:%d/%m/%Y}</time></span></div>'
                    f'<div class="td-excerpt">{esc(a.shown(a.brief))}</div></div></div>'
                )
        nav = ""
        if pages > 1:
            nums = "".join(
                f'<span aria-current="page" class="page-numbers current">{p}</span>'
                if p == page
                else f'<a class="page-numbers" href="{attr(s.base + listing_path(cat, p))}">{p}</a>'
                for p in range(1, pages + 1)
            )
            if self.theme == "news":
                nxt = (
                    f'<a class="next page-numbers" href="{attr(s.base + listing_path(cat, page + 1))}">Trang sau »</a>'
                    if page < pages
                    else ""
                )
                prv = (
                    f'<a class="prev page-numbers" href="{attr(s.base + listing_path(cat, page - 1))}">« Trang trước</a>'
                    if page > 1
                    else ""
                )
                nav = f'<nav class="navigation pagination"><div class="nav-links">{prv}{nums}{nxt}</div></nav>'
            else:
                nxt = (
                    f'<a href="{attr(s.base + listing_path(cat, page + 1))}" aria-label="next-page"><i class="td-icon-menu-right"></i></a>'
                    if page < pages
                    else ""
                )
                nav = f'<div class="page-nav td-pb-padding-side">{nums}{nxt}<span class="pages">Trang {page} / {pages}</span></div>'
        head_title = cat.name if page == 1 else f"{cat.name} – Trang {page}"
        main = (
            f'<header class="page-header"><h1 class="page-title">{esc(cat.name)}</h1></header>\n'
            + "\n".join(rows)
            + "\n"
            + nav
        )
        return self.layout(
            title=f"{head_title} – {s.source}",
            canonical=s.base + listing_path(cat, page),
            body_class=f"archive category category-{cat.slug}",
            main=main,
        )

    def home_page(self) -> str:
        items = newest_first(self.articles)[:6]
        main = "\n".join(
            f'<article class="post"><h3 class="entry-title"><a href="{attr(a.url)}">{esc(a.shown(a.title))}</a></h3></article>'
            for a in items
        )
        return self.layout(
            title=self.spec.source,
            canonical=self.spec.base + "/",
            body_class="home blog",
            main=main,
        )

    def not_found(self) -> str:
        main = '<section class="error-404 not-found"><h1 class="page-title">Không tìm thấy trang</h1><p>Trang bạn tìm không tồn tại.</p></section>'
        return self.layout(
            title=f"Không tìm thấy trang – {self.spec.source}",
            canonical=self.spec.base + "/",
            body_class="error404",
            main=main,
        )

    # -- REST API --
    def rest_post(self, a: Article) -> dict:
        s = self.spec
        cat = a.category
        account = a.account or "admin"
        terms = [
            [{"id": self.cat_ids[cat], "name": cat.name, "slug": cat.slug, "taxonomy": "category"}]
        ]
        terms.append(
            [
                {"id": 100 + k, "name": t, "slug": slugify(t), "taxonomy": "post_tag"}
                for k, t in enumerate(a.tags)
            ]
        )
        post = {
            "id": a.native_id,
            "date": a.published.strftime("%Y-%m-%dT%H:%M:%S"),
            "date_gmt": (a.published.replace(hour=(a.published.hour - 7) % 24)).strftime(
                "%Y-%m-%dT%H:%M:%S"
            ),
            "guid": {"rendered": f"{s.base}/?p={a.native_id}"},
            "modified": a.published.strftime("%Y-%m-%dT%H:%M:%S"),
            "slug": a.slug,
            "status": "publish",
            "type": "post",
            "link": a.url,
            "title": {"rendered": esc(a.shown(a.title))},
            "content": {"rendered": self.content(a) + "\n", "protected": False},
            "excerpt": {"rendered": f"<p>{esc(a.shown(a.brief))}</p>\n", "protected": False},
            "author": 2,
            "categories": [self.cat_ids[cat]],
            "tags": [100 + k for k in range(len(a.tags))],
            "_embedded": {
                "author": [{"id": 2, "name": account, "slug": slugify(account) or "admin"}],
                "wp:term": terms,
            },
        }
        if a.view_count is not None:
            post["post_views_count"] = a.view_count  # ASSUMED: a post-views plugin's field
        return post

    def rest_pages(self) -> dict[str, Page]:
        """/wp-json/wp/v2/posts pages, as the spider asks for them (newest first)."""
        ordered = sorted(self.articles, key=lambda a: a.published, reverse=True)
        pages: dict[str, Page] = {}
        for per_page in (10, 20):
            total = -(-len(ordered) // per_page)
            for number in range(1, total + 2):
                path = rest_path(number, per_page)
                chunk = ordered[(number - 1) * per_page : number * per_page]
                if chunk:
                    body = json.dumps([self.rest_post(a) for a in chunk], ensure_ascii=False)
                    headers = (("X-WP-Total", str(len(ordered))), ("X-WP-TotalPages", str(total)))
                    pages[path] = Page(
                        body.encode("utf-8"), "application/json; charset=UTF-8", 200, headers
                    )
                else:  # what WordPress answers past the last page
                    err = {
                        "code": "rest_post_invalid_page_number",
                        "message": "Số trang yêu cầu lớn hơn số trang có sẵn.",
                        "data": {"status": 400},
                    }
                    pages[path] = Page(
                        json.dumps(err, ensure_ascii=False).encode("utf-8"),
                        "application/json; charset=UTF-8",
                        400,
                    )
        pages[REST_PATH] = replace(pages[rest_path(1, 10)])
        return pages


STATIC = {
    "/wp-content/themes/news/style.css": ("/* news theme placeholder */\n", "text/css"),
    "/wp-content/themes/newspaper/style.css": ("/* Newspaper theme placeholder */\n", "text/css"),
    "/wp-includes/js/jquery/jquery.min.js": (
        "/* jquery placeholder */\n",
        "application/javascript",
    ),
}


@functools.cache
def _site(key: str) -> Site:
    return Site(SPECS[key])


def not_found_page(key: str) -> Page:
    return html_page(_site(key).not_found(), status=404)


def build(key: str) -> Replica:
    site = _site(key)
    replica = assemble_replica(
        key=key,
        base=site.spec.base,
        source=site.spec.source,
        site=site,
        categories=site.spec.categories,
        per_page=site.spec.per_page,
        listing_path=listing_path,
        static_files=STATIC,
    )
    if REST_ON[key]:
        replica.pages.update(site.rest_pages())
    return replica
