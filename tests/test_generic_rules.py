"""Each generic field rule on small pages, including the Vietnamese traps of docs/sites.md."""

from __future__ import annotations

import unicodedata

import pytest
from lxml import html

from scraper.extract import generic as g
from scraper.extract.dates import find_date_text, parse_iso_datetime
from scraper.extract.generic import PageContext
from scraper.extract.html import images_in, text_blocks
from scraper.platforms.generic import GenericAdapter
from scraper.profiles import profile_from_mapping

SIDEBAR = """<div class="col-right"><div class="box"><div class="box-title">Tin xem nhiều</div>
<ul><li><a href="/tin/khac-mot-99991/">Một bài khác được xem nhiều nhất tuần</a>
<span>(21/01/2020) 9.999 lượt xem</span></li></ul></div></div>"""
MENU = """<nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li>
<li><a href="/tin-tuc/">Tin tức sự kiện của Công an tỉnh</a></li></ul></nav>"""


URL = "https://congan.vidu.gov.vn/tin-tuc/bai-viet-123456/"


def page(body: str, head: str = "", url: str = URL) -> PageContext:
    root = html.document_fromstring(
        f"<html><head><title>Tiêu đề bài - Công an tỉnh Ví Dụ</title>{head}</head>"
        f"<body>{MENU}{body}{SIDEBAR}<footer>Cập nhật lúc 08:00 ngày 01/01/2020</footer>"
        "</body></html>"
    )
    return PageContext(root, url)


def context(markup: str, url: str = URL) -> PageContext:
    return PageContext(html.document_fromstring(markup), url)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


PROSE = (
    "<p>Ngày 20/11/2024, Công an huyện tổ chức hội nghị tổng kết, đánh giá kết quả công tác "
    "bảo đảm an ninh, trật tự trên địa bàn trong năm qua.</p>"
    "<p>Hội nghị đã chỉ ra những hạn chế, nguyên nhân và bài học kinh nghiệm, đồng thời đề ra "
    "phương hướng, nhiệm vụ trọng tâm, giải pháp cho thời gian tới.</p>"
    "<p>Lãnh đạo Công an tỉnh ghi nhận, biểu dương kết quả các đơn vị đã đạt được, yêu cầu "
    "tiếp tục nâng cao chất lượng các mặt công tác.</p>"
)


# -- title ---------------------------------------------------------------------------------
def test_title_is_the_heading_matching_og_title_not_the_logo_h1():
    root = page(
        '<h1 class="logo"><a href="/">Công an tỉnh Ví Dụ</a></h1>'
        '<h2 class="tieu-de">Tiêu đề bài</h2>',
        '<meta property="og:title" content="Tiêu đề bài">',
    )
    assert g.find_title(root) == "Tiêu đề bài"
    assert g.headline(root).tag == "h2"


def test_title_falls_back_to_title_without_the_site_name():
    root = context(
        "<html><head><title>Bắt giữ đối tượng trộm cắp | Công an tỉnh Ví Dụ</title>"
        '<meta property="og:site_name" content="Công an tỉnh Ví Dụ"></head><body></body></html>'
    )
    assert g.find_title(root) == "Bắt giữ đối tượng trộm cắp"


def test_title_in_nfd_comes_out_nfc():
    root = page(f"<h1>{nfd('Tiêu đề bài')}</h1>")
    assert g.find_title(root) == "Tiêu đề bài"


# -- dates ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "text", "iso"),
    [
        ("Đăng ngày: 20/11/2024 - Lượt xem: 66", "20/11/2024", "2024-11-20T00:00:00+07:00"),
        ("Ngày đăng: 09/10/2025 17:55", "09/10/2025 17:55", "2025-10-09T17:55:00+07:00"),
        (
            "Cập nhật lúc 14:35 ngày 05/12/2023",
            "14:35 ngày 05/12/2023",
            "2023-12-05T14:35:00+07:00",
        ),
        (
            "Thứ 6, 16.02.2024 | 23:46:40",
            "Thứ 6, 16.02.2024 | 23:46:40",
            "2024-02-16T23:46:40+07:00",
        ),
        ("21 tháng 09 năm 2025", "21 tháng 09 năm 2025", "2025-09-21T00:00:00+07:00"),
        ("11:10 18/07/2022", "11:10 18/07/2022", "2022-07-18T11:10:00+07:00"),
    ],
)
def test_published_from_the_line_near_the_headline(line, text, iso):
    root = page(
        f'<div class="detail"><h1>Tiêu đề bài</h1><div class="info">{line}</div>{PROSE}</div>'
    )
    assert g.find_published(root) == g.Published(text, iso)


def test_label_beats_a_date_in_the_text_and_bold_lead_ins_are_no_date_lines():
    root = page(
        '<div class="detail"><h1>Tiêu đề bài</h1><p><strong>Ngày 01/02/2024,</strong> Công an '
        'huyện tổ chức hội nghị tổng kết công tác năm.</p><div class="meta">Tác giả: PV | '
        "Ngày đăng: 03/02/2024</div></div>"
    )
    assert g.find_published(root).text == "03/02/2024"


def test_machine_time_completes_a_printed_date():
    root = page(
        '<h1>Tiêu đề bài</h1><span class="date">20/11/2024</span>',
        '<meta property="article:published_time" content="2024-11-20T01:30:00Z">',
    )
    assert g.find_published(root) == g.Published("20/11/2024", "2024-11-20T08:30:00+07:00")


@pytest.mark.parametrize(
    "head_or_body",
    [
        '<time datetime="2024-11-20T08:30:00+07:00"></time>',
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2024-11-20T08:30:00+07:00"}</script>',
    ],
)
def test_machine_dates_alone(head_or_body):
    root = page(f"<h1>Tiêu đề bài</h1>{head_or_body}")
    assert g.find_published(root) == g.Published(None, "2024-11-20T08:30:00+07:00")


def test_sidebar_and_footer_dates_are_ignored():
    assert g.find_published(page("<h1>Tiêu đề bài</h1>" + PROSE.replace("20/11/2024", "x"))) == (
        g.Published(None, None)
    )


def test_find_date_text_and_iso_parsing():
    assert find_date_text("Tác giả: PV | Thứ hai - 20/11/2024 08:30 | 12 lượt xem") == (
        "Thứ hai - 20/11/2024 08:30"
    )
    assert find_date_text("Không có ngày") is None
    assert parse_iso_datetime("2024-11-20")[1] is False
    assert parse_iso_datetime("không phải ngày") is None


# -- views ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("markup", "views"),
    [
        ('<div class="info">Lượt xem: 1.234</div>', 1234),
        ('<div class="info">Đã xem: 2407</div>', 2407),
        ('<div class="info">Lượt đọc: 12.408</div>', 12408),
        ('<div class="info">Cập nhật: 09/08/2024 106 lượt xem</div>', 106),
        ('<div class="post-views"><i class="icon-eye"></i> 3.021</div>', 3021),
        ('<div class="info">20/11/2024</div>', None),
    ],
)
def test_views_near_the_headline(markup, views):
    root = page(f'<div class="detail"><h1>Tiêu đề bài</h1>{markup}{PROSE}</div>')
    assert g.find_views(root) == views


# -- credit --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("last", "author"),
    [
        ("Phương Huyền – Công an tỉnh", "Phương Huyền"),
        ("Thuỳ Hương - Công an tỉnh", "Thuỳ Hương"),
        ("Tác giả: Minh Đức", "Minh Đức"),
        ("Nguyễn Văn An (Phòng Tham mưu)", "Nguyễn Văn An"),
        ("PV", "PV"),
        ("CTV", "CTV"),
        ("Ban biên tập", "Ban biên tập"),
    ],
)
def test_credit_line_at_the_end_of_the_body(last, author):
    blocks = ["Đoạn một của bài viết, có dấu phẩy.", nfd(last)]
    credit = g.find_credit(page(""), blocks)
    assert credit is not None
    assert credit.author == author
    assert blocks == ["Đoạn một của bài viết, có dấu phẩy."]


def test_credit_from_byline_markup_and_meta():
    root = page(
        '<h1>Tiêu đề bài</h1><span class="byline">Bởi <a rel="author">Lò Văn Hùng</a></span>'
    )
    assert g.find_credit(root, ["Câu cuối của bài."]).author == "Lò Văn Hùng"
    root = page("<h1>Tiêu đề bài</h1>", '<meta name="author" content="Hoàng Anh">')
    assert g.find_credit(root, []).author == "Hoàng Anh"


def test_meta_author_naming_the_site_or_an_account_is_no_credit():
    for name in ("Công an tỉnh Ví Dụ", "admin", "congan.vidu.gov.vn"):
        root = page("<h1>Tiêu đề bài</h1>", f'<meta name="author" content="{name}">')
        assert g.find_credit(root, ["Câu cuối của bài."], site="Công an tỉnh Ví Dụ") is None


# -- body ----------------------------------------------------------------------------------
def test_main_content_despite_chrome_share_comments_and_related():
    root = page(
        f'<div class="detail"><h1>Tiêu đề bài</h1><div class="date">Đăng ngày: 20/11/2024</div>'
        f'<div class="noidung">{PROSE}<p style="text-align:right"><b>PV</b></p>'
        '<div class="share"><a href="https://facebook.com/x">Facebook</a> Chia sẻ</div></div>'
        '<div class="tinlienquan"><p>Tin liên quan</p><ul><li><a href="/a-12345/">Bài liên '
        'quan thứ nhất của chuyên mục</a></li><li><a href="/b-12346/">Bài liên quan thứ hai của'
        " chuyên mục</a></li></ul></div>"
        '<div class="comment"><form><textarea></textarea><button>Gửi bình luận</button></form>'
        "</div></div>"
    )
    blocks = text_blocks(g.article_nodes(root, title="Tiêu đề bài"))
    assert len(blocks) == 4
    assert blocks[0].startswith("Ngày 20/11/2024")
    assert blocks[-1] == "PV"
    related = [a.get("href") for a in g.find_related_anchors(root)]
    assert related == ["/a-12345/", "/b-12346/"]


def test_main_content_in_nested_layout_tables():
    root = page(
        '<table width="100%"><tr><td class="left"><a href="/">Trang chủ</a></td><td>'
        '<table><tr><td class="Head">Tin tức</td></tr><tr><td><table><tr><td class="Normal">'
        f"{PROSE}</td></tr></table></td></tr></table></td></tr></table>"
    )
    container = g.find_main_content(root)
    assert container.get("class") == "Normal"


def test_captions_stay_with_their_images_in_small_tables_and_italic_lines():
    root = html.fragment_fromstring(
        "<div><p>Đoạn văn đầu tiên của bài viết.</p>"
        '<table><tr><td><img src="/a.jpg"></td></tr><tr><td>Hiện trường vụ án</td></tr></table>'
        '<p><img src="/b.jpg"></p><p><em>Toàn cảnh hội nghị</em></p><p>Đoạn cuối.</p></div>'
    )
    images = images_in([root], "https://x.vn/")
    assert [(i.url, i.caption) for i in images] == [
        ("https://x.vn/a.jpg", "Hiện trường vụ án"),
        ("https://x.vn/b.jpg", "Toàn cảnh hội nghị"),
    ]
    assert text_blocks([root]) == ["Đoạn văn đầu tiên của bài viết.", "Đoạn cuối."]


# -- listings ------------------------------------------------------------------------------
LISTING = (
    '<div class="list"><h1>Tin tức</h1>'
    + "".join(
        f'<div class="item"><h3><a href="/tin-tuc/202503/bai-so-{n}-12{n:03d}/">Bài viết số {n} '
        f"về công tác bảo đảm an ninh</a></h3></div>"
        for n in range(1, 6)
    )
    + "</div>"
)


def test_article_links_of_the_main_list_only():
    root = page(LISTING, url="https://congan.vidu.gov.vn/tin-tuc/")
    links = g.find_article_links(root)
    assert links == [
        f"https://congan.vidu.gov.vn/tin-tuc/202503/bai-so-{n}-12{n:03d}/" for n in range(1, 6)
    ]


@pytest.mark.parametrize(
    ("pager", "url", "expected"),
    [
        ('<a rel="next" href="/tin-tuc/page-2">2</a>', "/tin-tuc/", "/tin-tuc/page-2"),
        (
            '<a href="/tin-tuc?page=1">1</a><a href="/tin-tuc?page=3">Trang sau »</a>',
            "/tin-tuc?page=2",
            "/tin-tuc?page=3",
        ),
        (
            '<ul class="pagination"><li class="active"><span>2</span></li>'
            '<li><a href="/tin-tuc?page=3">3</a></li></ul>',
            "/tin-tuc?page=2",
            "/tin-tuc?page=3",
        ),
        (
            '<a href="/tin-tuc/page-3">3</a><a href="/tin-tuc/page-1">1</a>',
            "/tin-tuc/page-2",
            "/tin-tuc/page-3",
        ),
        ('<a href="javascript:__doPostBack(1)">»</a>', "/tin-tuc/", None),
    ],
)
def test_next_listing_page(pager, url, expected):
    base = "https://congan.vidu.gov.vn"
    root = page(LISTING + pager, url=base + url)
    assert g.find_next_page(root) == (base + expected if expected else None)


# -- the adapter -----------------------------------------------------------------------------
def test_generic_adapter_record_and_ids():
    profile = profile_from_mapping(
        {
            "key": "vidu",
            "name": "Công an tỉnh Ví Dụ",
            "base_url": "https://congan.vidu.gov.vn",
            "platform": "generic",
            "start_paths": ["/tin-tuc/"],
        },
        "test",
    )
    adapter = GenericAdapter(profile)
    root = html.document_fromstring(
        "<html><head><title>Tiêu đề bài - Công an tỉnh Ví Dụ</title></head><body>"
        + MENU
        + (
            '<ul class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc/">'
            'Tin tức</a></li></ul><div class="detail"><h1>Tiêu đề bài</h1><div class="info">'
            f"Đăng ngày: 20/11/2024 - Lượt xem: 1.234</div>{PROSE}"
            '<p style="text-align:right"><strong>Ban biên tập</strong></p></div>'
        )
        + SIDEBAR
        + "</body></html>"
    )
    record = adapter.parse_article(root, "https://congan.vidu.gov.vn/tin-tuc/bai-viet-123456/")
    assert record["id"] == "vidu-123456"
    assert (record["title"], record["category"]) == ("Tiêu đề bài", "Tin tức")
    assert (record["published_at"], record["view_count"]) == ("2024-11-20T00:00:00+07:00", 1234)
    assert record["author"] == "Ban biên tập"
    assert record["body"].count("\n\n") == 2
    short = adapter.article_id("https://congan.vidu.gov.vn/tin-tuc/tet-2025")
    assert short.startswith("vidu-u")  # a year is no article number
    assert adapter.article_id("https://congan.vidu.gov.vn/Pages/x.aspx?ItemID=77") == "vidu-77"
    assert not adapter.is_article_url("https://congan.vidu.gov.vn/tin-tuc/")
    assert (
        adapter.canonical_url(
            "https://congan.vidu.gov.vn/a/b?inheritRedirect=false&redirect=https%3A%2F%2Fx"
        )
        == "https://congan.vidu.gov.vn/a/b"
    )
