"""``holdout_portal``: a provincial e-government portal ("Cổng thông tin điện tử") on
SharePoint 2013 with a Vietnamese vendor's news web parts (strictly held-out layout).

SEEN (public pages and public code that reads them; see docs/cms/holdout.md):
article URLs of such portals ``/portal/Pages/{Y}-{M}-{D}/{Title-Slug}{suffix}.aspx`` with the
date unpadded, the title's case kept and its diacritics stripped, each space one ``-``,
punctuation dropped (so ``--`` where a dash stood), the slug cut at 50 characters and a short
random lower-case suffix glued on (dienbien.gov.vn, namdinh.gov.vn, ninhthuan.gov.vn,
mpi.gov.vn links quoted in public repositories); category pages
``/portal/Pages/{Category-Name}.aspx`` paged with ``?PageIndex=N``, an article title in a
``tandan-p-article-news-title`` element (not ``h1``), the summary in
``tandan-p-article-news-summary``, the date in ``tandan-span-date-publish`` after "Đăng ngày",
the text in ``tandan-p-article-main`` / ``ms-rtestate-field``, a ``social-share`` bar and
the "Tin khác" list in ``tandan-div-article-other``, the page title
"{title} - CỔNG THÔNG TIN ĐIỆN TỬ ..." (the selectors of a public crawler of
dienbien.gov.vn); uploaded photos under ``/portal/Photos/{YYYY-MM-DD}/{hash}.jpg``
(ninhthuan.gov.vn, quoted in a public repository); SharePoint's shell (``form#aspnetForm``
with ``__VIEWSTATE``/``__REQUESTDIGEST``, ``s4-workspace``, ``DeltaPlaceHolderMain``,
``_spPageContextInfo``, ``/_layouts/15/{LCID}/`` resources, LCID 1066 for Vietnamese).

ASSUMED: the rest of the vendor's class names, the layout of the columns, the "Lượt xem: N"
counter next to the date, the second in the date line, the right column's "Tin nổi bật" and
"Tin xem nhiều" boxes, which credits sit in the text and which in an author line below it,
the ``/`` -> ``/portal/Pages/default.aspx`` redirect, the domain and all text.
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import functools
import random
import string
import unicodedata
from datetime import datetime

from .assemble import assemble_replica, newest_first
from .holdout_kit import (
    finish_truth,
    most_viewed,
    newest,
    redirect,
    stable_int,
    stable_rng,
    with_seconds,
)
from .kit import Spec, credit_forms, plan
from .markup import attr, esc, html_page, share_links
from .model import Article, Category, Image, Page, Replica, dotted
from .unseen_kit import body_html, relocate, uncaption, with_forms

KEY = "holdout_portal"
BASE = "https://congan.vidu-haimuoi.gov.vn"
SOURCE = "Công an tỉnh Ví Dụ Hai Mươi"
SITE_TITLE = "CỔNG THÔNG TIN ĐIỆN TỬ CÔNG AN TỈNH VÍ DỤ HAI MƯƠI"
HOME = "/portal/Pages/default.aspx"


def _date(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    return "", True  # printed with its second, set after planning (see Site)


SPEC = Spec(
    key=KEY,
    base=BASE,
    source=SOURCE,
    seed=20501,
    categories=(
        Category("Tin hoạt động", "Tin-hoat-dong", 0, ("force", "admin", "honours")),
        Category("An ninh trật tự", "An-ninh-trat-tu", 0, ("crime", "drugs", "patrol")),
    ),
    path_for=lambda cat, slug, n, m: f"/portal/Pages/{m.year}-{m.month}-{m.day}/{slug}.aspx",
    dates=_date,
    credit_forms=with_forms(credit_forms(18), {13: "theo"}),
    per_category=9,
    per_page=5,
    first_day=datetime(2023, 4, 3).date(),
    last_day=datetime(2025, 9, 28).date(),
    id_base=4600,
    ids_per_day=1.4,
    nfd=3,
    no_views=2,
    leads=6,
)
SPECS = {KEY: SPEC}


def portal_slug(title: str) -> str:
    """The portal's page name: case kept, diacritics dropped, spaces to '-', punctuation out."""
    t = unicodedata.normalize("NFC", title).replace("đ", "d").replace("Đ", "D")
    t = "".join(c for c in unicodedata.normalize("NFD", t) if not unicodedata.combining(c))
    out = "".join(
        "-" if c.isspace() else c for c in t if c.isspace() or (c.isascii() and c.isalnum())
    )
    return out[:50]


def suffix(title: str) -> str:
    rng = stable_rng(KEY, "suffix", title)
    return "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(6))


def article_path(a: Article) -> str:
    m = a.published
    return f"/portal/Pages/{m.year}-{m.month}-{m.day}/{portal_slug(a.title)}{suffix(a.title)}.aspx"


def listing_path(cat: Category, page: int) -> str:
    return f"/portal/Pages/{cat.slug}.aspx" + ("" if page == 1 else f"?PageIndex={page}")


def _photos(a: Article, name: str) -> str:
    h = f"{stable_int(KEY, name):012x}{stable_int(name, a.native_id):012x}"
    return f"/portal/Photos/{a.published:%Y-%m-%d}/{h[:16]}z{stable_int(name) % 10**13:013d}_{h[8:24]}.jpg"


def _image(a: Article, im: Image) -> str:
    alt = attr(a.shown(im.alt))
    style = stable_int(im.src) % 3
    img = f'<img alt="{alt}" src="{attr(im.src)}" style="width: 600px; height: 400px;" />'
    if im.caption is None:
        return f'<p style="text-align: center;">{img}</p>'
    cap = esc(a.shown(im.caption))
    if style == 0:
        return (
            '<table align="center" border="0" cellpadding="1" cellspacing="1" style="width: 600px;"><tbody>'
            f"<tr><td>{img}</td></tr>"
            f'<tr><td style="text-align: center;"><span style="font-size: 12px;"><em>{cap}</em></span></td></tr>'
            "</tbody></table>"
        )
    return f'<p style="text-align: center;">{img}</p>\n<p style="text-align: center;"><em>{cap}</em></p>'


def _in_text(a: Article) -> bool:
    """Editors type the credit as the last paragraph, or fill the author box below the text."""
    return stable_int(KEY, "credit", a.native_id) % 2 == 0


class Site:
    def __init__(self) -> None:
        self.spec = SPEC
        articles = plan(SPEC)
        with_seconds(articles, SPEC.seed + 1)
        relocate(articles, BASE, _photos)
        uncaption(articles, (1, 7))
        for a in articles:
            a.published_text = a.published.strftime("%d/%m/%Y %H:%M:%S")
            a.path = article_path(a)
            a.url = BASE + a.path  # no canonical link: the address as linked
        self.articles = articles
        self.by_id = {a.native_id: a for a in articles}

    # -- chrome --
    def hidden_inputs(self, seed: str) -> str:
        rng = stable_rng(KEY, "viewstate", seed)
        state = "".join(rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(180))
        digest = "".join(rng.choice("0123456789ABCDEF") for _ in range(128))
        return (
            '<div class="aspNetHidden">\n'
            '<input type="hidden" name="_wpcmWpid" id="_wpcmWpid" value="" />\n'
            '<input type="hidden" name="wpcmVal" id="wpcmVal" value="" />\n'
            '<input type="hidden" name="MSOWebPartPage_PostbackSource" id="MSOWebPartPage_PostbackSource" value="" />\n'
            '<input type="hidden" name="MSOTlPn_SelectedWpId" id="MSOTlPn_SelectedWpId" value="" />\n'
            f'<input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="0x{digest},{rng.randint(10, 28):02d} Sep 2025 0{rng.randint(1, 9)}:{rng.randint(10, 59)}:{rng.randint(10, 59)} -0000" />\n'
            f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUBMA9kFgJmD2QWAgIBD2QW{state}" />\n'
            "</div>"
        )

    def box(self, title: str, body: str, cls: str) -> str:
        return f'<div class="tandan-box {cls}"><div class="tandan-box-title"><span>{esc(title)}</span></div><div class="tandan-box-content">{body}</div></div>'

    def right_column(self) -> str:
        hot = "".join(
            f'<li><a href="{attr(x.path)}" title="{attr(x.shown(x.title))}">{esc(x.shown(x.title))}</a> <span class="tandan-date">({x.published:%d/%m/%Y})</span></li>'
            for x in newest(self.articles)[:5]
        )
        most = "".join(
            f'<li><a href="{attr(x.path)}">{esc(x.shown(x.title))}</a></li>'
            for x in most_viewed(self.articles, 5)
        )
        links = (
            '<select onchange="if(this.value!=\'\')window.open(this.value);" class="tandan-select">'
            '<option value="">-- Liên kết website --</option>'
            '<option value="https://bocongan.gov.vn">Cổng TTĐT Bộ Công an</option>'
            '<option value="https://dichvucong.bocongan.gov.vn">Cổng dịch vụ công Bộ Công an</option>'
            '<option value="https://vidu-haimuoi.gov.vn">Cổng TTĐT tỉnh Ví Dụ Hai Mươi</option></select>'
        )
        counter = "<p>Đang truy cập: <b>58</b></p><p>Hôm nay: <b>1.942</b></p><p>Tổng lượt truy cập: <b>3.418.027</b></p>"
        return (
            self.box("Tin nổi bật", f'<ul class="tandan-list-hot">{hot}</ul>', "tandan-box-hot")
            + self.box(
                "Tin xem nhiều", f'<ul class="tandan-list-most">{most}</ul>', "tandan-box-most"
            )
            + self.box("Liên kết website", links, "tandan-box-links")
            + self.box("Thống kê truy cập", counter, "tandan-box-counter")
        )

    def layout(
        self, *, title: str, action: str, main: str, head: str = "", current: str = ""
    ) -> str:
        s = self.spec
        menu = "".join(
            f'<li class="{"active" if current == c.slug else ""}"><a href="{attr(listing_path(c, 1))}">{esc(c.name)}</a></li>'
            for c in s.categories
        )
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="vi-vn" dir="ltr">
<head><meta http-equiv="X-UA-Compatible" content="IE=10" /><meta name="GENERATOR" content="Microsoft SharePoint" /><meta http-equiv="Content-type" content="text/html; charset=utf-8" /><meta http-equiv="Expires" content="0" /><meta name="viewport" content="width=device-width, initial-scale=1.0" /><title>
	{title}
</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/corev15.css?rev=2ZLPnqIcVHYlNmDAMDAVgA%3D%3D"/>
<link rel="stylesheet" type="text/css" href="/portal/Style%20Library/TanDan/css/portal.css"/>
<script type="text/javascript" src="/_layouts/15/init.js?rev=ZqJkVVPkrbSStCdi9EW0Pg%3D%3D"></script>
<script type="text/javascript" src="/portal/Style%20Library/TanDan/js/jquery-1.11.3.min.js"></script>{head}
<link rel="shortcut icon" href="/portal/Style%20Library/TanDan/images/favicon.ico" type="image/vnd.microsoft.icon" id="favicon" />
</head>
<body>
<div id="imgPrefetch" style="display:none"><img src="/_layouts/15/images/spcommon.png?rev=23" /></div>
<form method="post" action="{attr(action)}" onsubmit="javascript:return WebForm_OnSubmit();" id="aspnetForm">
{self.hidden_inputs(action)}
<script type="text/javascript">
//<![CDATA[
var _spPageContextInfo = {{webServerRelativeUrl: "\\u002fportal", webAbsoluteUrl: "https:\\u002f\\u002fcongan.vidu-haimuoi.gov.vn\\u002fportal", siteAbsoluteUrl: "https:\\u002f\\u002fcongan.vidu-haimuoi.gov.vn", serverRequestPath: "{attr(action)}", layoutsUrl: "_layouts\\u002f15", webTitle: "Công an tỉnh", webTemplate: "53", currentLanguage: 1066, currentUICultureName: "vi-VN", currentCultureName: "vi-VN", userId: 0, pageListId: "{{5f6a1d5e-4b8c-4f1d-9a52-3f2c0c1de077}}", siteClientTag: "1$$15.0.5023.1000"}};
//]]>
</script>
<div id="ms-designer-ribbon"></div>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div class="tandan-header"><div class="tandan-header-inner"><a href="{HOME}" class="tandan-logo"><img src="/portal/Style%20Library/TanDan/images/logo-cong-an.png" alt="Công an nhân dân" /></a>
<div class="tandan-site-name"><p class="tandan-site-name-1">CỔNG THÔNG TIN ĐIỆN TỬ</p><p class="tandan-site-name-2">CÔNG AN TỈNH VÍ DỤ HAI MƯƠI</p></div>
<div class="tandan-search"><input type="text" name="txtSearch" placeholder="Tìm kiếm..." /><a href="javascript:void(0)" class="tandan-search-btn">Tìm</a></div></div></div>
<div class="tandan-menu"><ul><li class="{"active" if current == "home" else ""}"><a href="{HOME}">Trang chủ</a></li><li><a href="/portal/Pages/Gioi-thieu.aspx">Giới thiệu</a></li>{menu}<li><a href="/portal/Pages/Van-ban.aspx">Văn bản</a></li><li><a href="/portal/Pages/Hoi-dap.aspx">Hỏi đáp</a></li><li><a href="/portal/Pages/Lien-he.aspx">Liên hệ</a></li></ul></div>
<div class="tandan-marquee"><marquee scrollamount="3">Chào mừng bạn đến với Cổng thông tin điện tử Công an tỉnh Ví Dụ Hai Mươi - Đường dây nóng: 069.2345.113</marquee></div>
<div class="tandan-main">
<div class="tandan-left"><div id="DeltaPlaceHolderMain">
{main}
</div></div>
<div class="tandan-right">{self.right_column()}</div>
</div>
<div class="tandan-footer"><p><b>{esc(SITE_TITLE)}</b></p><p>Cơ quan chủ quản: Công an tỉnh Ví Dụ Hai Mươi - Địa chỉ: Số 18, đường Trần Hưng Đạo, thành phố Điện Lâm</p><p>Điện thoại: 069.2345.113 - Email: congan@vidu-haimuoi.gov.vn</p><p>Giấy phép số 12/GP-TTĐT do Sở Thông tin và Truyền thông cấp. Ghi rõ nguồn khi phát hành lại thông tin từ cổng này.</p></div>
</div></div>
</form>
</body>
</html>
"""

    # -- article --
    def article_page(self, a: Article) -> str:
        cat = a.category
        views = (
            f' <span class="tandan-span-sep">|</span> <span class="tandan-span-view">Lượt xem: {dotted(a.view_count)}</span>'
            if a.view_count is not None
            else ""
        )
        summary = (
            f'<p class="tandan-p-article-news-summary"><strong>{esc(a.shown(a.lead))}</strong></p>'
            if a.lead
            else ""
        )
        text_credit = a.credit is not None and _in_text(a)
        author = ""
        if a.credit is not None and not text_credit:
            author = f'<div class="tandan-p-article-author" style="text-align: right;"><b>{esc(a.shown(a.credit.byline))}</b></div>'
        body = body_html(a, _image, p_attrs=' style="text-align: justify;"', credit=None)
        if text_credit:
            assert a.credit is not None
            body += f'\n<p style="text-align: right;"><strong>{esc(a.shown(a.credit.byline))}</strong></p>'
        fb, zalo = share_links(a.url)
        share = (
            '<div class="social-share"><span>Chia sẻ:</span> '
            f'<a href="{attr(fb)}" target="_blank" class="share-facebook" title="Chia sẻ lên Facebook">Facebook</a> '
            f'<a href="{attr(zalo)}" target="_blank" class="share-zalo" title="Chia sẻ lên Zalo">Zalo</a> '
            '<a href="javascript:window.print();" class="share-print">In bài viết</a> '
            f'<a href="mailto:?subject={attr(a.shown(a.title))}&amp;body={attr(a.url)}" class="share-mail">Gửi email</a></div>'
        )
        others = ""
        items = [self.by_id[i] for _, ids in a.related for i in ids]
        if items:
            lis = "".join(
                f'<li><a href="{attr(r.path)}">{esc(r.shown(r.title))}</a><span class="tandan-date"> ({r.published:%d/%m/%Y})</span></li>'
                for r in items
            )
            others = f'<div class="tandan-div-article-other"><div class="tandan-title-other">Tin khác</div><ul>{lis}</ul></div>'
        main = f"""<div class="ms-webpart-zone ms-fullWidth"><div id="MSOZoneCell_WebPartWPQ2" class="s4-wpcell-plain ms-webpartzone-cell ms-webpart-cell-vertical ms-fullWidth">
<div class="tandan-breadcrumb"><a href="{HOME}">Trang chủ</a> <span>»</span> <a href="{attr(listing_path(cat, 1))}">{esc(cat.name)}</a></div>
<div class="tandan-article-detail">
<p class="tandan-p-article-news-title">{esc(a.shown(a.title))}</p>
<div class="tandan-article-info"><span class="tandan-span-date-publish">Đăng ngày: {esc(a.published_text)}</span>{views}</div>
{summary}
<div class="tandan-p-article-main"><div id="ctl00_PlaceHolderMain_ctl01__ControlWrapper_RichHtmlField" class="ms-rtestate-field" style="display:inline" aria-labelledby="ctl00_PlaceHolderMain_ctl01_label"><div class="ExternalClass{stable_int(a.path):08X}">
{body}
</div></div></div>
{author}
{share}
{others}
</div>
</div></div>"""
        head = (
            f'\n<meta name="description" content="{attr(a.shown(a.brief))}" />'
            f'\n<meta property="og:title" content="{attr(a.shown(a.title))}" />'
            f'\n<meta property="og:url" content="{attr(a.url)}" />'
        )
        images = a.images()
        if images:
            src = images[0].src
            head += f'\n<meta property="og:image" content="{attr(src if src.startswith("http") else BASE + src)}" />'
        action = "./" + a.path.rsplit("/", 1)[1]
        return self.layout(
            title=f"{esc(a.shown(a.title))} - {esc(SITE_TITLE)}",
            action=action,
            main=main,
            head=head,
            current=cat.slug,
        )

    # -- listings --
    def pager(self, page: int, pages: int) -> str:
        out = ["<span>Trang:</span>"]
        if page > 1:
            out.append(f'<a href="?PageIndex={page - 1}" title="Trang trước">Trước</a>')
        out.extend(
            f'<span class="active">{p}</span>' if p == page else f'<a href="?PageIndex={p}">{p}</a>'
            for p in range(1, pages + 1)
        )
        if page < pages:
            out.append(f'<a href="?PageIndex={page + 1}" title="Trang sau">Sau</a>')
            out.append(f'<a href="?PageIndex={pages}" title="Trang cuối">Cuối</a>')
        return f'<div class="tandan-paging">{" ".join(out)}</div>'

    def item(self, a: Article, first: bool) -> str:
        images = a.images()
        thumb = ""
        if images:
            thumb = f'<a class="tandan-news-img" href="{attr(a.path)}"><img src="{attr(images[0].src)}" alt="{attr(a.shown(a.title))}" width="{200 if first else 120}" /></a>'
        cls = "tandan-news-first" if first else "tandan-news-item"
        return (
            f'<div class="{cls}">{thumb}<div class="tandan-news-text"><a class="tandan-news-title" href="{attr(a.path)}">{esc(a.shown(a.title))}</a>'
            f'<span class="tandan-date"> ({a.published:%d/%m/%Y})</span><p class="tandan-news-summary">{esc(a.shown(a.brief))}</p></div></div>'
        )

    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        rows = "\n".join(self.item(a, k == 0 and page == 1) for k, a in enumerate(items))
        main = f"""<div class="tandan-breadcrumb"><a href="{HOME}">Trang chủ</a> <span>»</span> <span>{esc(cat.name)}</span></div>
<div class="tandan-category"><div class="tandan-category-title"><span>{esc(cat.name)}</span></div>
{rows}
{self.pager(page, pages)}
</div>"""
        return self.layout(
            title=f"{esc(cat.name)} - {esc(SITE_TITLE)}",
            action=f"./{cat.slug}.aspx" + ("" if page == 1 else f"?PageIndex={page}"),
            main=main,
            current=cat.slug,
        )

    def home_page(self) -> str:
        blocks = []
        for cat in self.spec.categories:
            items = newest([a for a in self.articles if a.category == cat])[:4]
            rows = "\n".join(self.item(a, k == 0) for k, a in enumerate(items))
            blocks.append(
                f'<div class="tandan-home-cat"><div class="tandan-category-title"><a href="{attr(listing_path(cat, 1))}">{esc(cat.name)}</a></div>{rows}</div>'
            )
        return self.layout(
            title=esc(SITE_TITLE), action="./default.aspx", main="\n".join(blocks), current="home"
        )

    def not_found(self) -> str:
        main = '<div class="tandan-error"><p>Trang bạn yêu cầu không tồn tại hoặc đã bị xóa.</p><p><a href="/portal/Pages/default.aspx">Quay về trang chủ</a></p></div>'
        return self.layout(title=f"Lỗi - {esc(SITE_TITLE)}", action="./default.aspx", main=main)


@functools.cache
def _site() -> Site:
    return Site()


def not_found_page(key: str = KEY) -> Page:
    return html_page(_site().not_found(), status=404)


def build(key: str = KEY) -> Replica:
    site = _site()
    replica = assemble_replica(
        key=KEY,
        base=BASE,
        source=SOURCE,
        site=site,
        categories=SPEC.categories,
        per_page=SPEC.per_page,
        listing_path=listing_path,
        static_files={
            "/portal/Style%20Library/TanDan/css/portal.css": ("/* portal */\n", "text/css")
        },
    )
    pages = replica.pages
    pages[HOME] = pages["/"]
    pages["/"] = redirect(HOME, 302)
    for cat in SPEC.categories:  # the pager links page 1 as ?PageIndex=1
        items = newest_first([a for a in site.articles if a.category == cat])
        n = -(-len(items) // SPEC.per_page)
        pages[listing_path(cat, 1) + "?PageIndex=1"] = html_page(
            site.listing_page(cat, 1, items[: SPEC.per_page], n)
        )
    return finish_truth(replica, site.articles, id_for=lambda a: None)
