"""Listing rules on small saved pages: article links of any layout, every pager form,
what an item prints beside its link, and the site's section pages."""

from __future__ import annotations

import pytest
from lxml import html

from scraper.extract import generic as g
from scraper.extract.generic import PageContext

BASE = "https://congan.vidu.gov.vn"


def listing(main: str, url: str = BASE + "/tin-tuc/", aside: str = "") -> PageContext:
    markup = (
        "<html><head><title>Tin tức - Công an tỉnh Ví Dụ</title></head><body>"
        '<nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li>'
        '<li><a href="/tin-tuc/">Tin tức sự kiện</a></li><li><a href="/phap-luat/">Pháp luật'
        "</a></li><li><a href='/gioi-thieu'>Giới thiệu</a></li></ul></nav>"
        f'<div class="container">{main}{aside}</div><footer>© Công an tỉnh Ví Dụ</footer>'
        "</body></html>"
    )
    return PageContext(html.document_fromstring(markup), url)


def items(n: int = 5, path: str = "/tin-tuc/bai-viet-so-{n}-1000{n}.html") -> list[str]:
    return [path.format(n=i) for i in range(1, n + 1)]


def item_links(paths: list[str], template: str) -> str:
    return "".join(
        template.format(href=p, title=f"Bài viết số {i} về công tác bảo đảm an ninh trật tự")
        for i, p in enumerate(paths, start=1)
    )


SIDEBAR = (
    '<div class="widget-area"><h3>Tin xem nhiều</h3><ul>'
    '<li><a href="/tin-tuc/mot-bai-xem-nhieu-99991.html">Một bài được xem nhiều nhất tuần</a></li>'
    '<li><a href="/tin-tuc/bai-xem-nhieu-khac-99992.html">Một bài khác được xem nhiều</a></li>'
    "</ul></div>"
)


@pytest.mark.parametrize(
    "template",
    [
        '<div class="news_column"><h3><a href="{href}">{title}</a></h3></div>',  # viewcat_page
        '<div class="list-group"><a class="show h4" href="{href}"><h4>{title}</h4></a></div>',
        '<tr><td><a href="{href}">{title}</a></td><td>20/11/2024</td><td>123</td></tr>',
        '<div class="thumb"><a href="{href}" title="{title}"><img src="/t.jpg"></a></div>',
    ],
)
def test_article_links_in_any_list_layout_not_the_sidebar(template):
    paths = items()
    main = item_links(paths, template)
    if main.startswith("<tr>"):
        main = f"<table>{main}</table>"
    ctx = listing(main, aside=SIDEBAR)
    assert g.find_article_links(ctx) == [BASE + p for p in paths]


def test_a_chrome_named_frame_around_the_list_and_its_sidebar():
    paths = items()
    main = '<div class="view-content">' + item_links(
        paths, '<article><h2><a href="{href}">{title}</a></h2></article>'
    )
    ctx = listing(f'<div class="sidebar-grid grid-full">{main}</div><aside>{SIDEBAR}</aside></div>')
    assert g.find_article_links(ctx) == [BASE + p for p in paths]


@pytest.mark.parametrize(
    ("pager", "url", "expected"),
    [
        ('<link rel="next" href="/tin-tuc/page-2">', "/tin-tuc/", "/tin-tuc/page-2"),
        ('<a href="/tin-tuc/?trang=2">Xem thêm</a>', "/tin-tuc/", "/tin-tuc/?trang=2"),
        ('<a href="/tin-tuc/page-2/" rel="next">2</a>', "/tin-tuc/", "/tin-tuc/page-2/"),
        # NukeViet: the current page links nowhere
        (
            '<ul class="pagination"><li><a href="/tin-tuc/page-1/">1</a></li><li class="active">'
            '<a href="javascript:void(0)">2</a></li><li><a href="/tin-tuc/page-3/">3</a></li></ul>',
            "/tin-tuc/page-2/",
            "/tin-tuc/page-3/",
        ),
        # a numbered pager in a table, the current page in bold
        (
            '<table><tr><td><a href="/tin-tuc?page=1">1</a> <b>2</b> '
            '<a href="/tin-tuc?page=3">3</a></td></tr></table>',
            "/tin-tuc?page=2",
            "/tin-tuc?page=3",
        ),
        # Joomla offsets, Liferay portlet pages
        (
            '<span class="pagination"><strong><span>1</span></strong>'
            '<a href="/index.php?option=com_content&amp;view=category&amp;id=5&amp;limitstart=4">2'
            "</a></span>",
            "/index.php?option=com_content&view=category&id=5",
            "/index.php?option=com_content&view=category&id=5&limitstart=4",
        ),
        (
            '<ul class="pagination"><li class="active"><a href="/web/guest/tin?p_p_id=x&amp;'
            '_x_cur=1">1</a></li><li><a href="/web/guest/tin?p_p_id=x&amp;_x_cur=2">2</a></li>'
            "</ul>",
            "/web/guest/tin",
            "/web/guest/tin?p_p_id=x&_x_cur=2",
        ),
        ('<a href="javascript:__doPostBack(1)">Trang sau</a>', "/tin-tuc/", None),
    ],
)
def test_next_page_forms(pager, url, expected):
    ctx = listing(item_links(items(), '<h3><a href="{href}">{title}</a></h3>') + pager, BASE + url)
    assert g.find_next_page(ctx) == (BASE + expected if expected else None)


def test_a_read_more_link_of_an_item_is_no_next_page():
    main = item_links(
        items(), '<div><h3><a href="{href}">{title}</a></h3><a href="{href}">Xem thêm</a></div>'
    )
    assert g.find_next_page(listing(main)) is None


@pytest.mark.parametrize(
    ("template", "views"),
    [
        ('<div><h3><a href="{href}">{title}</a></h3><span>20/11/2024 / Đã xem: 1.234</span></div>',
         1234),
        ('<tr><td><a href="{href}">{title}</a></td><td>20.11.24</td><td>1234</td></tr>', 1234),
        ('<div><h3><a href="{href}">{title}</a></h3></div>', None),
    ],
)  # fmt: skip
def test_what_an_item_prints_beside_its_link(template, views):
    main = item_links(items(3), template)
    if main.startswith("<tr>"):
        main = (
            "<table><tr><th>Tiêu đề bài viết</th><th>Ngày</th><th>Lượt xem</th></tr>"
            + main
            + "</table>"
        )
    listed = g.listed_articles(listing(main))
    assert [item.view_count for item in listed] == [views] * 3


def test_section_links_of_the_menu():
    ctx = listing(item_links(items(), '<h3><a href="{href}">{title}</a></h3>'))
    assert g.find_section_links(ctx) == [BASE + "/phap-luat/", BASE + "/gioi-thieu"]
