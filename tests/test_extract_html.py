import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree, html
from parsel import Selector

from scraper.extract.html import (
    _CONTROL_CHARACTERS,
    _visible_text,
    clean_html,
    element_text,
    has_control_characters,
    images_in,
    join_fragments,
    links_in,
    nesting_depth,
    nests_deeper_than,
    parse_html,
    text_blocks,
    without_control_characters,
)
from scraper.extract.text import clean_line
from testbed.replica import SITE_KEYS, UNSEEN_KEYS, build_replica

PAGE = html.fromstring(
    """<div class="content">
    <p>Đoạn  một <b>đậm</b>.</p>
    Văn bản rời.
    <script>var x = "không phải văn bản";</script>
    <figure class="image">
      <img src="/uploads/a.jpg" alt="a"><figcaption>Toàn cảnh hội nghị</figcaption>
    </figure>
    <table class="image" align="center"><tbody>
      <tr><td><img src="https://cdn.vn/b.jpg"></td></tr>
      <tr><td class="image_desc">Hiện trường vụ án</td></tr></tbody></table>
    <p><img src="/uploads/c.jpg"></p>
    <h3>Tiểu mục</h3>
    <p onclick="alert(1)" style="color:red">Dòng một<br>Dòng hai</p>
    <form><input value="Gửi"></form>
    </div>"""
)


def test_text_blocks_split_paragraphs_and_skip_captions_and_scripts():
    assert text_blocks([PAGE]) == [
        "Đoạn một đậm.",
        "Văn bản rời.",
        "Tiểu mục",
        "Dòng một",
        "Dòng hai",
    ]


def test_text_blocks_drop_extra_elements():
    assert "Tiểu mục" not in text_blocks([PAGE], drop_xpath=".//h3")


def test_images_with_their_captions():
    images = images_in([PAGE], "https://congan.hungyen.gov.vn/bai-c1.html")
    assert [tuple(i) for i in images] == [
        ("https://congan.hungyen.gov.vn/uploads/a.jpg", "Toàn cảnh hội nghị"),
        ("https://cdn.vn/b.jpg", "Hiện trường vụ án"),
        ("https://congan.hungyen.gov.vn/uploads/c.jpg", None),
    ]


def test_links_are_absolute_unique_and_filtered():
    root = html.fromstring(
        '<ul><li><a href="/a-c1.html">Bài một</a></li><li><a href="/a-c1.html">lặp</a></li>'
        '<li><a href="javascript:void(0)">x</a></li><li><a href="/lien-he">Liên hệ</a></li></ul>'
    )
    links = links_in(root.iter("a"), "https://x.vn/", lambda url: url.endswith(".html"))
    assert [tuple(link) for link in links] == [("https://x.vn/a-c1.html", "Bài một")]


def test_clean_html_has_no_scripts_styles_or_handlers():
    cleaned = clean_html([PAGE], "https://x.vn/p.html")
    assert "<script" not in cleaned
    assert "onclick" not in cleaned
    assert "style=" not in cleaned
    assert "<form" not in cleaned
    assert 'src="https://x.vn/uploads/a.jpg"' in cleaned
    assert "Toàn cảnh hội nghị" in cleaned


_ODD_MARKUP = [
    "",
    "   ",
    "<!-- only a comment -->",
    "plain text, no tag",
    "\x00<p>a NUL first</p>",
    "<p>unclosed <b>bold <i>and italic",
    "<html><body><form><input name=q><select><option>x</select><textarea>t</textarea>"
    "<label for=q>Tìm</label></form></body></html>",
    "<?xml version='1.0'?><html><body><p>Đoạn</p></body></html>",
    "<table><tr><td>ô<td>ô</table>&nbsp;&amp;&#x1F600;",
    "<p>\u0301a</p><span>\u00a0</span><b> x\ty </b><script>x</script><br><i></i>",
    "<div>Mo\u0309 <em>đa\u0300u</em></div><!-- c -->tail",
]


def _replica_pages() -> list[str]:
    pages = []
    for key in (*SITE_KEYS[:4], *UNSEEN_KEYS[:4]):
        replica = build_replica(key)
        pages += [replica.pages[path].body.decode("utf-8") for path in replica.article_paths[:2]]
    return pages


@pytest.mark.parametrize("text", _ODD_MARKUP + _replica_pages())
def test_parse_html_builds_the_tree_scrapy_selectors_build(text):
    ours, scrapys = parse_html(text), Selector(text=text or " ").root
    assert etree.tostring(ours, encoding="unicode") == etree.tostring(scrapys, encoding="unicode")
    assert all(isinstance(el, html.HtmlElement) for el in ours.iter(etree.Element))


@pytest.mark.parametrize("text", _ODD_MARKUP + _replica_pages())
def test_element_text_of_a_childless_element_is_its_walk(text):
    """The quick answer for an element with no child is what the walk gives."""
    for el in parse_html(text).iter(etree.Element):
        assert element_text(el) == clean_line(join_fragments(_visible_text(el)))


_NESTED = [
    "<div>" * 40 + "x",
    "<p>a</p>" + "<span>" * 25 + "b" + "</span>" * 25 + "<ul><li><b><i>c</i></b></li></ul>",
    "<table>" + "<tr><td>" * 12 + "<!-- c --><?pi x?>" + "</td></tr>" * 12 + "</table>",
]


@pytest.mark.parametrize("text", _ODD_MARKUP + _NESTED + _replica_pages())
def test_nests_deeper_than_says_what_the_depth_is(text):
    """The one-XPath check against the depth counted by walking the tree."""
    root = parse_html(text)
    depth = nesting_depth(root)
    for levels in range(1, 48):
        assert nests_deeper_than(root, levels) is (depth > levels), levels


@given(st.text(alphabet=st.sampled_from("aĐ \t\n\r\x00\x01\x08\x0b\x0c\x0e\x1f\x7f\x80\u0301")))
def test_control_characters_are_found_as_the_character_class_finds_them(text):
    assert has_control_characters(text) is bool(_CONTROL_CHARACTERS.search(text))
    assert not has_control_characters(without_control_characters(text))
