"""The indexed CSS matcher gives cssselect's answer: the same elements, in page order."""

from __future__ import annotations

import pytest
from cssselect import GenericTranslator
from lxml import etree, html

from scraper.extract.css import PageIndex, compile_css
from scraper.platforms import PLATFORMS
from scraper.platforms.base import HINTS
from testbed.replica import HOLDOUT_KEYS, SITE_KEYS, UNSEEN_KEYS, build_replica


def _index(root: html.HtmlElement) -> PageIndex:
    elements = list(root.iter(etree.Element))
    attributes: dict[str, list[tuple[html.HtmlElement, str]]] = {}
    for el in elements:
        for name, value in el.items():
            attributes.setdefault(name, []).append((el, value))
    return PageIndex(root, {el: i for i, el in enumerate(elements)}, attributes)


def _xpath(root: html.HtmlElement, css: str) -> list[html.HtmlElement]:
    return list(etree.XPath(GenericTranslator().css_to_xpath(css))(root))


def _adapter_selectors() -> list[str]:
    names = {attr for attrs in HINTS.values() for attr in attrs} | {"body_noise_css"}
    names |= {n for a in PLATFORMS.values() for n in dir(a) if n.endswith("_css")}
    found = {getattr(a, n, None) for a in PLATFORMS.values() for n in names}
    return sorted(css for css in found if isinstance(css, str) and css)


def test_every_adapter_selector_on_every_replica_page() -> None:
    selectors = _adapter_selectors()
    assert len(selectors) > 30  # the adapters' hints, not an empty list
    pages = 0
    for key in (*SITE_KEYS, *UNSEEN_KEYS, *HOLDOUT_KEYS):
        replica = build_replica(key)
        for path in [*replica.article_paths[:3], *list(replica.pages)[:3]]:
            page = replica.pages[path]
            if "html" not in page.content_type:
                continue
            root = html.fromstring(page.body)
            index = _index(root)
            pages += 1
            for css in selectors:
                assert compile_css(css)(index) == _xpath(root, css), (key, path, css)
    assert pages > 100


PAGE = """<html><body>
<div class="a  b" id="x"><p class="c">1</p><div class="d"><p class="c">2</p></div></div>
<ul class="pagination"><li><a rel="nofollow next" href="?p=2">2</a></li></ul>
<article id="post-12" class="post"><span class="c d">3</span><p class="c\u00a0e">4</p></article>
<div class="b"><div class="a"><p class="c">5</p></div></div>
<div><!-- a comment --><?pi x?><p class="">6</p></div><p title="">7</p>
</body></html>"""


@pytest.mark.parametrize(
    "css",
    [
        ".a .c",
        ".a > .c",
        ".a .d .c",
        ".b .a .c",
        ".a > .d > .c",
        "div.a.b p.c",
        "#x .c, .d .c",
        ".c, .d",
        "#x",
        "#post-12 .c",
        "article[id^=post-]",
        "article[id$='-12'] span",
        "[id*=ost]",
        "a[rel~=next]",
        "ul.pagination a[rel~=next]",
        "a[rel~='nofollow next']",
        "a[rel=next]",
        "p[title]",
        "p[title='']",
        "p[title^='']",
        "p[class~='']",
        ".e",
        "p",
        "*",
        "div > *",
        ".a *",
        "body > div p",
        "li:first-child a",
        "p:not(.c)",
        "div ~ p",
        "a[rel|=nofollow]",
    ],
)
def test_matches_what_cssselect_selects(css: str) -> None:
    root = html.fromstring(PAGE)
    assert compile_css(css)(_index(root)) == _xpath(root, css)
