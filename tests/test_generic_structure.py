"""The generic rules grounded in structure: one small saved page per rule.

Each page is the least markup that shows the trap: a chrome-named wrapper around the
article, an inline link with a chrome-like class, lazy images, captions in cells and
centred lines, a lead beside the text, a sidebar item's date, two-digit years, view
counter and credit forms, a category label, paragraphs written with <br><br>.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree, html

from scraper.extract import generic as g
from scraper.extract.generic import PageContext, context
from scraper.extract.generic import metadata as md
from scraper.extract.generic import vocabulary as vocab
from scraper.extract.generic.context import (
    INLINE_TAGS,
    INVISIBLE_TAGS,
    hidden_by_markup,
    is_hidden,
    split_words,
    words_match,
)
from scraper.extract.html import images_in, text_blocks
from scraper.platforms.generic import GenericAdapter
from scraper.site_profile import SiteProfile
from testbed.replica import HOLDOUT_KEYS, UNSEEN_KEYS, build_replica

URL = "https://congan.vidu.gov.vn/tin-tuc/bai-viet-123456.html"
PROFILE = SiteProfile(
    key="vidu",
    name="Công an tỉnh Ví Dụ",
    base_url="https://congan.vidu.gov.vn",
    platform="generic",
    start_paths=("/tin-tuc/",),
)
TITLE = "Công an huyện tổ chức hội nghị tổng kết công tác năm"
PARAGRAPHS = (
    "Ngày 20/11/2024, Công an huyện tổ chức hội nghị tổng kết, đánh giá kết quả công tác "
    "bảo đảm an ninh, trật tự trên địa bàn trong năm qua.",
    "Hội nghị đã chỉ ra những hạn chế, nguyên nhân và bài học kinh nghiệm, đồng thời đề ra "
    "phương hướng, nhiệm vụ trọng tâm, giải pháp cho thời gian tới.",
    "Lãnh đạo Công an tỉnh ghi nhận, biểu dương kết quả các đơn vị đã đạt được, yêu cầu "
    "tiếp tục nâng cao chất lượng các mặt công tác, bảo đảm tuyệt đối an toàn.",
)
PROSE = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
SIDEBAR = (
    '<div class="sidebar"><div class="box"><h3>Tin mới</h3><ul>'
    '<li><a href="/tin-tuc/bai-khac-99991.html">Một bài khác được đăng mới nhất trong tuần</a>'
    " <span>(21/01/2025 10:00)</span> <span>9.999 lượt xem</span></li></ul></div></div>"
)


def record(body: str, head: str = "", url: str = URL) -> dict:
    markup = (
        f"<html><head><title>{TITLE} - Công an tỉnh Ví Dụ</title>{head}</head><body>"
        '<nav class="menu"><a href="/">Trang chủ</a> <a href="/tin-tuc/">Tin tức</a></nav>'
        f"{body}{SIDEBAR}<footer>Bản quyền © Công an tỉnh Ví Dụ</footer></body></html>"
    )
    return GenericAdapter(PROFILE).parse_article(html.document_fromstring(markup), url)


def article(inner: str = PROSE, meta: str = "Đăng ngày: 20/11/2024 08:30") -> str:
    return f'<div class="detail"><h1>{TITLE}</h1><div class="info">{meta}</div>{inner}</div>'


# -- chrome by whole words, never the text's wrappers ---------------------------------------
@pytest.mark.parametrize(
    "wrapper",
    ["header-spacing", "no-sidebars", "one-sidebar", "Page-ad-margins", "sliderBox",
     "PageBuilder-pageRow", "page-wrap nav-open", "sidebar-grid grid-full"],
)  # fmt: skip
def test_a_chrome_like_wrapper_class_never_removes_the_article(wrapper):
    rec = record(f'<div class="{wrapper}"><div class="inner">{article()}</div></div>')
    assert rec["body"] == "\n\n".join(PARAGRAPHS)
    assert rec["published_at"] == "2024-11-20T08:30:00+07:00"


def test_chrome_like_classes_on_html_and_body_are_ignored():
    markup = (
        '<html class="no-sidebars header-spacing"><head><title>x</title></head>'
        f'<body class="one-sidebar sidebar-left">{article()}</body></html>'
    )
    rec = GenericAdapter(PROFILE).parse_article(html.document_fromstring(markup), URL)
    assert rec["body"] == "\n\n".join(PARAGRAPHS)


def test_inline_links_stay_as_text():
    sentence = (
        "Tham dự hội nghị có đồng chí Phó "
        '<a class="cms-relate" href="/tin-tuc/giam-doc-77777.html">Giám đốc Công an tỉnh</a>'
        ", cùng lãnh đạo các phòng nghiệp vụ và Công an các huyện."
    )
    rec = record(article(PROSE + f"<p>{sentence}</p>"))
    assert "Phó Giám đốc Công an tỉnh, cùng lãnh đạo" in rec["body"]


def test_a_share_bar_and_tags_inside_the_text_are_left_out():
    inner = (
        PROSE + '<div class="share-tools"><a href="https://facebook.com/x">Chia sẻ</a></div>'
        '<div class="post-tags">Từ khóa: <a href="/tag/an-ninh">an ninh</a></div>'
    )
    rec = record(article(inner))
    assert rec["body"] == "\n\n".join(PARAGRAPHS)
    assert rec["tags"] == ["an ninh"]


@pytest.mark.parametrize(
    "label",
    [
        "Tags: ",
        "\u00a0Từ khoá: ",  # a no-break space before the label
        "<!-- tags -->Từ khóa: ",  # the label is the text after a comment
        "<b>TAGS</b>: ",  # split over two runs, in capitals
        unicodedata.normalize("NFD", "Từ khóa: "),  # decomposed
    ],
)
def test_links_after_a_tags_label_in_a_box_of_no_class_are_the_tags(label: str) -> None:
    rec = record(article(PROSE + f'<div>{label}<a href="/tag/an-ninh">an ninh</a></div>'))
    assert rec["tags"] == ["an ninh"]


# -- images and captions ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("img", "expected"),
    [
        ('<img src="data:image/gif;base64,R0lGOD" data-src="/up/a.jpg">', "/up/a.jpg"),
        ('<img src="/img/blank.gif" data-original="/up/b.jpg">', "/up/b.jpg"),
        ('<img src="data:image/gif;base64,R0l" srcset="/up/s.jpg 300w, /up/l.jpg 1200w">',
         "/up/l.jpg"),
        ('<img data-lazy-src="/up/c.jpg">', "/up/c.jpg"),
    ],
)  # fmt: skip
def test_lazy_images_give_the_real_image(img, expected):
    root = html.fragment_fromstring(f"<div><p>{img}</p></div>")
    [image] = images_in([root], "https://congan.vidu.gov.vn/")
    assert image.url == "https://congan.vidu.gov.vn" + expected


@pytest.mark.parametrize(
    "photo",
    [
        '<table><tr><td><img src="/a.jpg"></td></tr><tr><td class="image_desc">Toàn cảnh'
        " hội nghị</td></tr></table>",
        '<p><img src="/a.jpg"></p><p style="text-align: center;">Toàn cảnh hội nghị</p>',
        '<div align="center"><img src="/a.jpg"><br><i>Toàn cảnh hội nghị</i></div>',
        '<div class="photo"><img src="/a.jpg"><span class="photo-note">Toàn cảnh hội nghị'
        "</span></div>",
        "<figure><img src='/a.jpg'><figcaption>Toàn cảnh hội nghị</figcaption></figure>",
    ],
)
def test_captions_go_with_their_image_and_never_into_the_body(photo):
    rec = record(article(PARAGRAPHS[0].join(("<p>", "</p>")) + photo + PROSE))
    assert rec["images"] == [
        {"url": "https://congan.vidu.gov.vn/a.jpg", "caption": "Toàn cảnh hội nghị"}
    ]
    assert "Toàn cảnh" not in rec["body"]


# -- lead ------------------------------------------------------------------------------------
def test_a_lead_beside_the_text_is_the_summary_and_starts_the_body():
    lead = (
        "Sáng nay, Công an tỉnh tổ chức hội nghị tổng kết công tác năm 2024 và triển khai "
        "nhiệm vụ năm 2025."
    )
    body = (
        f'<div class="detail"><h1>{TITLE}</h1><div class="info">Đăng ngày: 20/11/2024</div>'
        f'<h2 class="sapo">{lead}</h2><div class="content">{PROSE}</div></div>'
    )
    rec = record(body)
    assert rec["summary"] == lead
    assert rec["body"].split("\n\n") == [lead, *PARAGRAPHS]


# -- dates -----------------------------------------------------------------------------------
def test_the_date_near_the_headline_beats_a_sidebar_item_before_it():
    sidebar_first = (
        '<div class="col"><ul><li><a href="/tin-tuc/bai-khac-88881.html">Một bài khác được '
        "đăng trước đó ở cột bên trái</a> (19/11/2024 07:00)</li></ul></div>"
    )
    rec = record(sidebar_first + article(meta="20/11/2024 08:30"))
    assert rec["published_at"] == "2024-11-20T08:30:00+07:00"


@pytest.mark.parametrize(
    ("meta", "iso"),
    [
        ("Cập nhật: 24/12/12", "2012-12-24T00:00:00+07:00"),
        ("Published on 03-08-2011", "2011-08-03T00:00:00+07:00"),
        ("(Cập nhật: 20/11/2024) - Lượt xem: 1.234", "2024-11-20T00:00:00+07:00"),
    ],
)
def test_date_forms(meta, iso):
    assert record(article(meta=meta))["published_at"] == iso


def test_json_ld_date_when_the_page_prints_a_relative_one():
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
        '"NewsArticle", "headline": "x", "datePublished": "2024-11-20T08:30:00+07:00"}</script>'
    )
    rec = record(article(meta="2 giờ trước"), head=ld)
    assert rec["published_at"] == "2024-11-20T08:30:00+07:00"


# -- view counters ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("meta", "views"),
    [
        ("Đăng ngày: 20/11/2024 | Số lần xem: 169", 169),
        ("20/11/2024 | 1.234 lượt xem", 1234),
        ("20/11/2024 - Lượt truy cập: 2.048", 2048),
        ("20/11/2024", None),
    ],
)
def test_view_counter_forms_and_no_counter_from_the_sidebar(meta, views):
    assert record(article(meta=meta))["view_count"] == views


# -- credits ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("credit", "author"),
    [
        ("<p><strong>Theo Thanh Niên</strong></p>", "Thanh Niên"),
        ("<p>(Theo VnExpress)</p>", "VnExpress"),
        ('<p style="text-align:right"><b>Minh Đức</b></p><p>Chia sẻ</p>', "Minh Đức"),
        ("<p><b>Phạm Quốc Việt , Hoàng Anh</b></p>", "Phạm Quốc Việt, Hoàng Anh"),
    ],
)
def test_credit_forms_at_the_end_of_the_text(credit, author):
    rec = record(article(PROSE + credit))
    assert rec["author"] == author
    assert rec["body"] == "\n\n".join(PARAGRAPHS)


def test_a_cms_account_is_no_author():
    rec = record(article(PROSE), head='<meta name="author" content="Administrator">')
    assert rec["author"] is None


# -- category --------------------------------------------------------------------------------
def test_category_from_a_label():
    rec = record(article(meta="Chuyên mục: An ninh trật tự | 20/11/2024"))
    assert rec["category"] == "An ninh trật tự | 20/11/2024" or rec["category"] == "An ninh trật tự"


# -- old hand-made pages -----------------------------------------------------------------------
def test_paragraphs_written_with_double_line_breaks():
    page = (
        '<table><tr><td width="200">' + SIDEBAR + "</td><td>"
        f'<font size="3"><b>{TITLE}</b></font><br><font size="1">(Cập nhật: 20/11/2024)</font>'
        "<br><br><font>" + "<br><br>".join(PARAGRAPHS) + "<br><br>"
        '<div align="right"><b>Minh Đức</b></div></font></td></tr></table>'
    )
    markup = (
        f"<html><head><title>Công an tỉnh Ví Dụ - {TITLE}</title></head><body>{page}</body></html>"
    )
    rec = GenericAdapter(PROFILE).parse_article(html.document_fromstring(markup), URL)
    assert rec["title"] == TITLE
    assert rec["body"].split("\n\n") == list(PARAGRAPHS)
    assert (rec["published_at"], rec["author"]) == ("2024-11-20T00:00:00+07:00", "Minh Đức")


def test_hidden_elements_are_no_text():
    inner = PROSE + '<div class="hidden">Nội dung ẩn không phải bài viết, chỉ để máy đọc.</div>'
    inner += '<p style="display:none">Một đoạn ẩn nữa, cũng không phải bài viết.</p>'
    assert record(article(inner))["body"] == "\n\n".join(PARAGRAPHS)


def test_context_measures_once():
    ctx = PageContext(html.document_fromstring(f"<html><body>{article()}</body></html>"), URL)
    assert g.main_text(ctx) is g.main_text(ctx)  # memoised per page
    assert ctx.text_len[ctx.body] >= sum(len(p) for p in PARAGRAPHS)
    assert text_blocks(g.article_nodes(ctx, title=TITLE)) == list(PARAGRAPHS)


@functools.cache
def _replica_pages() -> tuple[bytes, ...]:
    """Four article pages of two dedicated sites and of every unseen and held-out layout:
    what the rules spelled out in a test are compared on, beside hand-written markup."""
    pages: list[bytes] = []
    for key in ("hungyen", "quangtri", *UNSEEN_KEYS, *HOLDOUT_KEYS):
        replica = build_replica(key)
        pages += [replica.pages[path].body for path in replica.article_paths[:4]]
    return tuple(pages)


HIDING = """<html><body>
<div hidden class="x">1</div><img hidden src="a.png"><img aria-hidden="true" class="hidden">
<p aria-hidden="false" class="d-none">2</p><span style="display: none">3</span>
<span style="DISPLAY:NONE" hidden>4</span><img style="visibility:hidden" src="b.png">
<p class="sr-only\u00a0x">5</p><p class="visually-hidden other">6</p><p class="hiddenx">7</p>
</body></html>"""


def test_hidden_by_markup_is_what_is_hidden_says_of_each_element() -> None:
    pages = [HIDING.encode(), *_replica_pages()]
    for body in pages:
        root = html.fromstring(body)
        attributes: dict[str, list[tuple[html.HtmlElement, str]]] = {}
        for el in root.iter(etree.Element):
            for name, value in el.items():
                attributes.setdefault(name, []).append((el, value))
        expected = {el for el in root.iter(etree.Element) if is_hidden(el)}
        assert hidden_by_markup(attributes) == expected


def test_blocks_inside_are_the_measured_elements_with_a_block_child() -> None:
    """The measuring pass's one-line facts: what looking at each element's children says
    (a comment is no child; a script, a hidden child and an <img> are; inline tags not)."""
    odd = (
        "<html><body><p>Ngày <b>20/11</b><!-- c --> <br>2024</p><div><span>a</span>"
        "<script>x</script></div><h3><span>Tin</span><div>liên quan</div></h3>"
        "<p>x<img src='a.png'></p><div hidden><p>ẩn</p></div>"
        "<em><span hidden>b</span></em></body></html>"
    )
    pages = [odd.encode(), HIDING.encode(), *_replica_pages()]
    for body in pages:
        ctx = PageContext(html.document_fromstring(body), URL)
        measured = [
            el
            for el in ctx.root.iter(etree.Element)
            if el.tag not in INVISIBLE_TAGS and el not in ctx.hidden
        ]
        expected = {
            el
            for el in measured
            if any(isinstance(c.tag, str) and c.tag not in INLINE_TAGS for c in el)
        }
        assert ctx.blocks_inside == expected


@given(st.from_regex(vocab.RELATED_HEADING))
def test_every_related_heading_starts_with_one_of_its_initials(text):
    assert text[:1].lower() in vocab.RELATED_HEADING_INITIALS


RELATED_HEADINGS = (
    "<html><body><div class='main'><p>Bài viết.</p></div>"
    "<div><h3>  TIN LIÊN QUAN</h3><ul><li><a href='/a-1.html'>Một</a></li></ul></div>"
    "<div><h4><span>Đọc</span> thêm</h4><a href='/a-2.html'>Hai</a></div>"
    "<div><b>\u00a0Các tin khác</b><a href='/a-3.html'>Ba</a></div>"
    "<div><h3 hidden>Tin mới hơn</h3><a href='/a-4.html'>Bốn</a></div>"
    "<div><p>Xem thêm<svg></svg></p><a href='/a-5.html'>Năm</a></div>"
    "<div><h3>» Tin cũ hơn</h3><a href='/a-6.html'>Sáu</a></div>"
    "<div><h3>Hình ảnh</h3><a href='/a-7.html'>Bảy</a></div></body></html>"
)


def test_related_boxes_are_those_the_spelled_out_rule_finds():
    """The quick look at an element's own first letter rules out no heading the rule
    itself would take."""
    pages = [RELATED_HEADINGS.encode(), *_replica_pages()]
    found_any = 0
    for body in pages:
        ctx = PageContext(html.document_fromstring(body), URL)
        spelled_out = []
        for el in ctx.order:
            if not md._is_related_heading(ctx, el) or md.in_sidebar(ctx, el):
                continue
            box = el.getparent()
            while box is not None and not any(el not in a.iterancestors() for a in box.iter("a")):
                box = box.getparent()
            if box is not None and box.tag not in ("body", "html") and ctx.text_len[box] < 3000:
                spelled_out.append(box)
        assert md._boxes_under_related_headings(ctx) == spelled_out
        found_any += bool(spelled_out)
    assert found_any > len(pages) // 4  # the pages do have such headings


def test_classed_and_marked_elements_are_what_asking_each_element_says():
    odd = (
        "<html><body><div class='' id='tin-lien-quan'><p class='tags  x'>a</p></div>"
        "<span id=''>b</span><h2 class='PostTitle' id='title-9'>c</h2><!-- c -->"
        "<b class='\u00a0author'>d</b><i class='meta' id=''>e</i></body></html>"
    )
    pages = [odd.encode(), HIDING.encode(), *_replica_pages()]
    patterns = (vocab.RELATED_WORDS, vocab.TAG_WORDS, vocab.AUTHOR_WORDS, md._TITLE_WORD)
    for body in pages:
        ctx = PageContext(html.document_fromstring(body), URL)
        asked = [
            (el, words)
            for el in ctx.root.iter(etree.Element)
            if (el.get("class") or el.get("id"))
            and (words := split_words(f"{el.get('class', '')} {el.get('id', '')}"))
        ]
        assert ctx.classed == asked
        for pattern in patterns:
            assert ctx.marked(pattern) == [el for el, w in asked if words_match(pattern, w)]


def test_the_known_matches_of_a_pattern_are_bounded():
    pattern = re.compile(r"(?:^| )x(?= |$)")
    for n in range(context._KNOWN_MATCHES_MAX * 2):
        page = html.document_fromstring(f"<html><body><p id='p{n}' class='x'>a</p></body></html>")
        assert len(PageContext(page, URL).marked(pattern)) == 1
        assert len(context._known_matches(pattern)) <= context._KNOWN_MATCHES_MAX + 1
