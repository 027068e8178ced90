"""``holdout_legacy``: an old hand-built PHP portal of a provincial police (strictly held-out):
one big layout table, ``<font>`` tags, ``<br><br>`` between paragraphs, photos centred with
an italic caption under them, pages in windows-1258.

SEEN (public facts; see docs/cms/holdout.md): windows-1258 is the Windows code page for
Vietnamese: base letters with circumflex, breve and horn (â ê ô ă ơ ư) and đ are single
bytes, most toned vowels are a base letter followed by one of five combining tone marks
(0xCC, 0xEC, 0xD2, 0xDE, 0xF2), so the decoded text is not NFC; its IANA name is
``windows-1258``. HTML's encoding sniffing reads a ``<meta http-equiv="Content-Type">``
within the first 1024 bytes when the HTTP header names no charset. Research notes on real
Vietnamese police portals: ``(Cập nhật: 20/11/2024)`` date lines, ``Lượt xem`` / ``Đã xem``
counters, ``11:10 18/07/2022`` and ``21 tháng 09 năm 2025`` date forms, ``xem.php?id=N`` /
``/tin/N.htm`` article addresses, ``?page=2`` / ``&p=2`` listings with "Trang sau" and "»",
bold right-aligned credit lines.

ASSUMED: the page names (``index.php``, ``danhmuc.php?cm=C``, ``xem.php?id=N``), the
``&cm=C`` menu parameter on some links (ignored by the server: the same page), the
``/tin/N.htm`` rewrite used only by the "Tin xem nhiều" box, relative links and image paths
without a leading ``/``, ``http://`` only, the counters (on the article page in one category,
only in the listing rows of the other), the mix of date forms typed by editors, the layout and
colours, the domain and all text.
"""

# ruff: noqa: E501 - page templates: one line of source per line of markup

from __future__ import annotations

import functools
import random
from dataclasses import replace
from datetime import datetime

from .assemble import assemble_replica, newest_first
from .holdout_kit import encode_cp1258, finish_truth, most_viewed, newest, stable_int
from .kit import Spec, credit_forms, plan
from .markup import attr, esc
from .model import Article, Category, Figure, Heading, Image, Page, Para, Raw, Replica, dotted
from .unseen_kit import relocate, uncaption

KEY = "holdout_legacy"
BASE = "http://congan.vidu-haiba.gov.vn"
SOURCE = "Công an tỉnh Ví Dụ Hai Ba"
CHARSET = "windows-1258"
CONTENT_TYPE = "text/html"  # the server names no charset: only the page does


def _date(rng: random.Random, i: int, m: datetime) -> tuple[str, bool]:
    form = stable_int(KEY, "date", m.isoformat()) % 20
    if form < 5:
        return f"{m:%H:%M %d/%m/%Y}", True
    if form < 8:
        return f"{m.day:02d} tháng {m.month:02d} năm {m.year}", False
    return f"{m:%d/%m/%Y}", False


LOCAL = Category("Tin trong tỉnh", "tin-trong-tinh", 1, ("force", "patrol", "traffic"))
FIRE = Category("Phòng cháy chữa cháy", "phong-chay-chua-chay", 4, ("fire", "honours", "admin"))
SPEC = Spec(
    key=KEY,
    base=BASE,
    source=SOURCE,
    seed=23804,
    categories=(LOCAL, FIRE),
    path_for=lambda cat, slug, n, m: f"/xem.php?id={n}",
    dates=_date,
    credit_forms=credit_forms(16),
    per_page=5,
    first_day=datetime(2021, 5, 3).date(),
    last_day=datetime(2025, 6, 27).date(),
    id_base=352,
    ids_per_day=0.45,
    nfd=0,  # windows-1258 bytes decode to decomposed tones on every page anyway
    no_views=2,
    leads=4,
)
SPECS = {KEY: SPEC}


def listing_path(cat: Category, page: int) -> str:
    return f"/danhmuc.php?cm={cat.native_id}" + ("" if page == 1 else f"&p={page}")


def _upload(a: Article, name: str) -> str:
    return f"/upload/tintuc/{a.published:%Y}/{a.published:%m}/{name}"


def _rel(src: str) -> str:
    """The old editor writes image paths relative to the site root, without the slash."""
    return src if src.startswith("http") else src.lstrip("/")


def _image(a: Article, im: Image) -> str:
    img = f'<img src="{attr(im.src)}" width="450" border="0" alt="{attr(im.alt)}">'
    if im.caption is None:
        return f"<center>{img}</center><br>"
    return f"<center>{img}<br><i>{esc(im.caption)}</i></center><br>"


def _body(a: Article) -> str:
    out = []
    if a.lead:
        out.append(f"<b>{esc(a.lead)}</b><br><br>")
    for b in a.blocks:
        if isinstance(b, Para):
            inner = esc(b.text)
            if b.bold:
                inner = f"<b>{esc(b.bold)}</b>{esc(b.text[len(b.bold) :])}"
            out.append(f"{inner}<br><br>")
        elif isinstance(b, Heading):
            out.append(f"<b>{esc(b.text)}</b><br><br>")
        elif isinstance(b, Figure):
            out.append(_image(a, b.image))
        elif isinstance(b, Raw):
            out.append(b.html)
    if a.credit is not None:
        out.append(f'<div align="right"><b>{esc(a.credit.byline)}</b></div>')
    return "\n".join(out)


class Site:
    def __init__(self) -> None:
        self.spec = SPEC
        articles = plan(SPEC)
        relocate(articles, BASE, _upload)
        for a in articles:
            a.blocks = [
                Figure(replace(b.image, src=_rel(b.image.src))) if isinstance(b, Figure) else b
                for b in a.blocks
            ]
        uncaption(articles, (1, 5))
        for a in articles:
            a.url = BASE + a.path  # no canonical: the address without the menu parameter
        self.articles = articles
        self.by_id = {a.native_id: a for a in articles}

    def link(self, a: Article, cm: bool = False) -> str:
        return f"xem.php?id={a.native_id}" + (f"&cm={a.category.native_id}" if cm else "")

    def left(self) -> str:
        def box(title: str, body: str) -> str:
            return (
                '<table width="100%" border="0" cellpadding="3" cellspacing="0">'
                f'<tr><td bgcolor="#990000"><font face="Arial" size="2" color="#FFFFFF"><b>&nbsp;{esc(title)}</b></font></td></tr>'
                f'<tr><td><font face="Arial" size="2">{body}</font></td></tr></table><br>'
            )

        latest = "".join(
            f'<img src="images/bullet.gif" width="7" height="7"> <a href="{self.link(a)}">{esc(a.title)}</a> <font size="1" color="#999999">({a.published:%d/%m/%Y})</font><br>'
            for a in newest(self.articles)[:5]
        )
        most = "".join(
            f'<img src="images/bullet.gif" width="7" height="7"> <a href="/tin/{a.native_id}.htm">{esc(a.title)}</a><br>'
            for a in most_viewed(self.articles, 5)
        )
        links = (
            '<select name="lienket" onChange="window.open(this.options[this.selectedIndex].value)" style="width:160px">'
            '<option value="#">--- Liên kết ---</option><option value="http://www.mps.gov.vn">Bộ Công an</option>'
            '<option value="http://www.cand.com.vn">Báo Công an nhân dân</option></select>'
        )
        counter = (
            'Số lượt truy cập:<br><b><font color="#990000">1.286.455</font></b><br>Đang xem: 12'
        )
        return (
            box("Tin mới", latest)
            + box("Tin xem nhiều", most)
            + box("Liên kết website", links)
            + box("Thống kê", counter)
        )

    def layout(self, *, title: str, main: str) -> str:
        menu = " | ".join(
            ['<a href="index.php" class="menu"><font color="#FFFFFF"><b>Trang chủ</b></font></a>']
            + [
                f'<a href="{attr(listing_path(c, 1)[1:])}" class="menu"><font color="#FFFFFF"><b>{esc(c.name)}</b></font></a>'
                for c in self.spec.categories
            ]
            + ['<a href="lienhe.php" class="menu"><font color="#FFFFFF"><b>Liên hệ</b></font></a>']
        )
        return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={CHARSET}">
<title>{title}</title>
<meta name="keywords" content="cong an, an ninh, trat tu, phong chay chua chay">
<link href="style.css" rel="stylesheet" type="text/css">
<script language="JavaScript" src="js/menu.js"></script>
</head>
<body bgcolor="#E8E8E8" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<table width="778" border="0" align="center" cellpadding="0" cellspacing="0" bgcolor="#FFFFFF">
<tr><td colspan="3"><a href="index.php"><img src="images/banner.jpg" width="778" height="120" border="0" alt="{attr(SOURCE)}"></a></td></tr>
<tr><td colspan="3" bgcolor="#003366" height="24"><font face="Arial" size="2">&nbsp;{menu}</font></td></tr>
<tr>
<td width="180" valign="top" bgcolor="#F0F0F0">{self.left()}</td>
<td width="8">&nbsp;</td>
<td width="590" valign="top">
{main}
</td>
</tr>
<tr><td colspan="3" align="center" bgcolor="#003366"><font face="Arial" size="1" color="#FFFFFF">Bản quyền &copy; 2006 {esc(SOURCE)}<br>Địa chỉ: Số 9 đường Quang Trung, thành phố Cửa Hội - Điện thoại: 038.3844.113<br>Ghi rõ nguồn khi phát hành lại thông tin từ website này</font></td></tr>
</table>
</body>
</html>
"""

    # -- article --
    def article_page(self, a: Article) -> str:
        cat = a.category
        views = ""
        if cat == LOCAL and a.view_count is not None:
            views = f"&nbsp;&nbsp;-&nbsp;&nbsp;Lượt xem: {dotted(a.view_count)}"
        others = ""
        items = [self.by_id[k] for _, ids in a.related for k in ids]
        if items:
            rows = "".join(
                f'<img src="images/arrow.gif" width="8" height="8"> <a href="{self.link(r, cm=True)}">{esc(r.title)}</a> <font size="1" color="#999999">({r.published:%d/%m/%Y})</font><br>'
                for r in items
            )
            others = f'<br><font face="Arial" size="2" color="#990000"><b>Các tin khác:</b></font><br><font face="Arial" size="2">{rows}</font>'
        main = f"""<table width="100%" border="0" cellpadding="5" cellspacing="0"><tr><td>
<font face="Arial" size="2"><a href="{attr(listing_path(cat, 1)[1:])}"><font color="#003399"><b>{esc(cat.name)}</b></font></a></font><br>
<font face="Times New Roman" size="4" color="#990000"><b>{esc(a.title)}</b></font><br>
<font face="Arial" size="1" color="#666666">(Cập nhật: {esc(a.published_text)}){views}</font><br><br>
<font face="Arial" size="2">
{_body(a)}
</font>
<br><div align="right"><font face="Arial" size="1"><a href="javascript:window.print()">[In trang]</a> <a href="javascript:history.back()">[Quay lại]</a></font></div>
{others}
</td></tr></table>"""
        return self.layout(title=f"{esc(SOURCE)} - {esc(a.title)}", main=main)

    # -- listings --
    def pager(self, cat: Category, page: int, pages: int) -> str:
        def href(p: int) -> str:
            return f"danhmuc.php?cm={cat.native_id}&p={p}"

        out = ["Trang:"]
        if page > 1:
            out.append(f'<a href="{href(page - 1)}">« Trang trước</a>')
        out.extend(
            f"<b>[{p}]</b>" if p == page else f'<a href="{href(p)}">{p}</a>'
            for p in range(1, pages + 1)
        )
        if page < pages:
            out.append(f'<a href="{href(page + 1)}">Trang sau »</a>')
        return f'<div align="center"><font face="Arial" size="2">{" ".join(out)}</font></div>'

    def row(self, a: Article) -> str:
        images = [b.image for b in a.blocks if isinstance(b, Figure)]
        thumb = (
            f'<a href="{self.link(a)}"><img src="{attr(images[0].src)}" width="100" height="75" border="0"></a>'
            if images
            else '<img src="images/noimage.gif" width="100" height="75" border="0">'
        )
        seen = (
            f' <font size="1" color="#999999">(Đã xem: {a.view_count})</font>'
            if a.category == FIRE and a.view_count is not None
            else ""
        )
        return (
            '<table width="100%" border="0" cellpadding="3" cellspacing="0"><tr>'
            f'<td width="110" valign="top">{thumb}</td>'
            f'<td valign="top"><font face="Arial" size="2"><a href="{self.link(a)}"><b>{esc(a.title)}</b></a></font> <font face="Arial" size="1" color="#999999">({a.published:%d/%m/%Y})</font>{seen}<br>'
            f'<font face="Arial" size="2">{esc(a.brief)}</font></td></tr></table><hr size="1" color="#CCCCCC" noshade>'
        )

    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str:
        rows = "\n".join(self.row(a) for a in items)
        main = f"""<table width="100%" border="0" cellpadding="5" cellspacing="0"><tr><td>
<font face="Arial" size="3" color="#990000"><b>{esc(cat.name.upper())}</b></font><hr size="2" color="#990000" noshade>
{rows}
{self.pager(cat, page, pages)}
</td></tr></table>"""
        return self.layout(title=f"{esc(SOURCE)} - {esc(cat.name)}", main=main)

    def home_page(self) -> str:
        parts = []
        for cat in self.spec.categories:
            items = newest([a for a in self.articles if a.category == cat])[:3]
            parts.append(
                f'<font face="Arial" size="3" color="#990000"><b>{esc(cat.name.upper())}</b></font> <font size="1"><a href="{attr(listing_path(cat, 1)[1:])}">[Xem tiếp]</a></font><hr size="2" color="#990000" noshade>'
                + "\n".join(self.row(a) for a in items)
            )
        main = f'<table width="100%" border="0" cellpadding="5" cellspacing="0"><tr><td>{"<br>".join(parts)}</td></tr></table>'
        return self.layout(title=f"{esc(SOURCE)} - Trang chủ", main=main)

    def not_found(self) -> str:
        main = '<table width="100%" cellpadding="20"><tr><td align="center"><font face="Arial" size="3" color="#990000"><b>Không tìm thấy trang yêu cầu!</b></font><br><br><a href="index.php">Về trang chủ</a></td></tr></table>'
        return self.layout(title=f"{esc(SOURCE)} - Lỗi", main=main)


def _page(markup: str, status: int = 200) -> Page:
    return Page(body=encode_cp1258(markup), content_type=CONTENT_TYPE, status=status)


@functools.cache
def _site() -> Site:
    return Site()


def not_found_page(key: str = KEY) -> Page:
    return _page(_site().not_found(), status=404)


def build(key: str = KEY) -> Replica:
    site = _site()

    def variants(a: Article) -> dict[str, Page]:
        markup = site.article_page(a)
        return {
            f"/xem.php?id={a.native_id}&cm={a.category.native_id}": _page(markup),
            f"/tin/{a.native_id}.htm": _page(markup),
        }

    replica = assemble_replica(
        key=KEY,
        base=BASE,
        source=SOURCE,
        site=site,
        categories=SPEC.categories,
        per_page=SPEC.per_page,
        listing_path=listing_path,
        static_files={"/style.css": ("a.menu { text-decoration: none }\n", "text/css")},
        variants=variants,
    )
    pages = replica.pages
    for path, page in list(pages.items()):
        if page.content_type.startswith("text/html") and page.status == 200:
            if page.content_type == CONTENT_TYPE:
                continue  # already encoded (variants)
            pages[path] = _page(page.body.decode("utf-8"))
    pages["/index.php"] = pages["/"]
    for cat in SPEC.categories:  # the pager links page 1 as &p=1
        items = newest_first([a for a in site.articles if a.category == cat])
        n = -(-len(items) // SPEC.per_page)
        pages[listing_path(cat, 1) + "&p=1"] = _page(
            site.listing_page(cat, 1, items[: SPEC.per_page], n)
        )
    return finish_truth(replica, site.articles, id_for=lambda a: f"{KEY}-{a.native_id}")
