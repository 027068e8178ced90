"""Body, images and links from lxml elements of an article page."""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple, cast

from lxml import etree, html
from lxml_html_clean import Cleaner

from scraper.extract.text import clean_line
from scraper.extract.urls import is_web_url, join_url

BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
# Never article text, wherever they appear inside a content container.
NON_TEXT_XPATH = (
    ".//script | .//style | .//noscript | .//template | .//iframe | .//form | .//button"
    " | .//select | .//textarea | .//input | .//svg"
)
# Image captions are kept with their image, not in the body text.
CAPTION_XPATH = (
    ".//figcaption | .//table[contains(concat(' ', normalize-space(@class), ' '), ' image ')]"
    " | .//*[contains(concat(' ', normalize-space(@class), ' '), ' image_desc ')]"
    " | .//*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')]"
)

_CLEANER = Cleaner(
    scripts=True,
    javascript=True,
    comments=True,
    style=True,
    inline_style=True,
    links=True,
    meta=True,
    page_structure=False,
    processing_instructions=True,
    embedded=True,
    frames=True,
    forms=True,
    annoying_tags=True,
    remove_unknown_tags=False,
    safe_attrs_only=True,
    safe_attrs=frozenset({"href", "src", "alt", "title", "colspan", "rowspan"}),
)


class Image(NamedTuple):
    url: str
    caption: str | None


class Link(NamedTuple):
    url: str
    title: str


def element_text(element: html.HtmlElement | None) -> str:
    """Visible text of an element as a browser lays it out on one line: inline markup
    joins its text as written ("<a>tỉnh</a>, cùng" is "tỉnh, cùng"), blocks and line
    breaks part words; white space folded, scripts left out."""
    if element is None:
        return ""
    if not len(element) and isinstance(element.tag, str):  # no child: its own text alone
        return "" if element.tag in _INVISIBLE else clean_line(element.text)
    return clean_line(join_fragments(_visible_text(element)))


_NO_SPACE_BEFORE = re.compile(r"^[,.;:!?…)\]}”’%]")
_NO_SPACE_AFTER = re.compile(r"[(\[{“‘]$")


def join_fragments(parts: list[str]) -> str:
    """Text fragments of neighbouring elements as one line: a space between them (CSS
    usually sets inline entries apart), none before punctuation ("tỉnh, cùng")."""
    out: list[str] = []
    for part in parts:
        touching = out and part and not out[-1][-1:].isspace() and not part[:1].isspace()
        if touching and not _NO_SPACE_BEFORE.match(part) and not _NO_SPACE_AFTER.search(out[-1]):
            out.append(" ")
        if part:
            out.append(part)
    return "".join(out)


_INVISIBLE = frozenset({"script", "style", "noscript", "template"})


def _visible_text(element: html.HtmlElement) -> list[str]:
    out: list[str] = []
    append = out.append
    # lxml's own walk (in C, no recursion: any nesting depth): a start prints the text,
    # an end the tail; a comment's or instruction's text is not shown, what follows it is
    walker = etree.iterwalk(element, events=("start", "end", "comment", "pi"))
    for event, node in walker:
        if event == "start":
            if node.tag in _INVISIBLE:
                walker.skip_subtree()  # its end still comes: the tail is printed there
                continue
            if node.tag in BLOCK_TAGS:
                append(" ")  # a block parts words
            if node.text:
                append(node.text)
        elif event == "end":
            if node.tag in BLOCK_TAGS and node.tag not in _INVISIBLE:
                append(" ")
            if node.tail and node is not element:
                append(node.tail)
        elif node.tail:
            append(node.tail)
    return out


def meta_content(root: html.HtmlElement, *names: str, links: bool = False) -> str:
    """The first non-empty <meta> content among `names` (property, name or itemprop);
    with `links`, <link rel=NAME href> counts too (for "canonical")."""
    query = "//meta[@property=$n or @name=$n or @itemprop=$n]/@content"
    if links:
        query += " | //link[@rel=$n]/@href"
    for name in names:
        for value in root.xpath(query, n=name):
            if value.strip():
                return clean_line(value)
    return ""


def text_blocks(containers: Iterable[html.HtmlElement], drop_xpath: str = "") -> list[str]:
    """The text of block-level elements, one string per paragraph, in page order.

    Captions, scripts, forms and whatever `drop_xpath` selects are left out; text that
    sits directly in a container or between blocks counts as its own paragraph.
    """
    blocks: list[str] = []
    for container in containers:
        tree = copy.deepcopy(container)
        for node in [caption_node(img) for img in tree.iter("img")]:
            if node is not None:
                _drop(node)
        for xpath in filter(None, (NON_TEXT_XPATH, CAPTION_XPATH, drop_xpath)):
            for node in tree.xpath(xpath):
                _drop(node)
        blocks.extend(_BlockWalker(tree).blocks)
    return blocks


class _BlockWalker:
    """Splits an element's text at block-level tags (iteratively: any nesting depth)."""

    def __init__(self, root: html.HtmlElement) -> None:
        self.blocks: list[str] = []
        self._line: list[str] = []
        stack: list[tuple[html.HtmlElement, bool]] = [(root, True)]
        while stack:
            node, entering = stack.pop()
            if not isinstance(node.tag, str):  # comments keep the text that follows them
                if node.tail:
                    self._line.append(node.tail)
                continue
            block = node.tag in BLOCK_TAGS
            if entering:
                if block:
                    self._flush()
                if node.text:
                    self._line.append(node.text)
                stack.append((node, False))
                stack.extend((child, True) for child in reversed(node))
                continue
            if block:
                self._flush()
            if node.tail and node is not root:
                self._line.append(node.tail)
        self._flush()

    def _flush(self) -> None:
        text = clean_line(join_fragments(self._line))
        self._line.clear()
        if text:
            self.blocks.append(text)


def _drop(node: html.HtmlElement) -> None:
    """Remove an element but keep the text that follows it."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    previous = node.getprevious()
    parent.remove(node)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


# Where lazy-loading scripts keep the real image while ``src`` holds a placeholder.
LAZY_SRC_ATTRIBUTES = (
    "data-src",
    "data-original",
    "data-lazy-src",
    "data-lazyload",
    "data-lazy",
    "data-url",
    "data-echo",
)
_PLACEHOLDER = re.compile(r"(?:^data:|blank\.|placeholder|spacer\.|lazy[-_.]|loading\.)", re.I)


def image_source(img: html.HtmlElement) -> str:
    """The real image of an <img>: a lazy-loading attribute (``data-src``,
    ``data-original``...) or the largest ``srcset`` candidate when ``src`` is missing or a
    placeholder (a ``data:`` URI, ``blank.gif``); else ``src``."""
    src = (img.get("src") or "").strip()
    lazy = next(filter(None, ((img.get(a) or "").strip() for a in LAZY_SRC_ATTRIBUTES)), "")
    if lazy and not lazy.startswith("data:"):
        return lazy
    if src and not _PLACEHOLDER.search(src):
        return src
    srcset = img.get("srcset") or img.get("data-srcset") or ""
    best = _largest_candidate(srcset)
    if best:
        return best
    return "" if src.startswith("data:") else src


def _largest_candidate(srcset: str) -> str:
    best, best_width = "", -1.0
    for candidate in srcset.split(","):
        parts = candidate.split()
        if not parts or parts[0].startswith("data:"):
            continue
        width = 0.0
        if len(parts) > 1 and re.fullmatch(r"\d+(?:\.\d+)?[wx]", parts[1]):
            width = float(parts[1][:-1])
        if width > best_width:
            best, best_width = parts[0], width
    return best


def images_in(containers: Iterable[html.HtmlElement], base_url: str) -> list[Image]:
    """Every <img> with its caption (figcaption or the old editor's image table)."""
    found: list[Image] = []
    seen: set[str] = set()
    for container in containers:
        for img in container.iter("img"):
            src = image_source(img)
            if not src:
                continue
            url = join_url(base_url, without_control_characters(src))
            if url is None or url in seen or not is_web_url(url):
                continue  # file:///C:/... pasted from Word is no image of the page
            seen.add(url)
            found.append(Image(url, _caption_of(img)))
    return found


def _caption_of(img: html.HtmlElement) -> str | None:
    node = caption_node(img)
    return (element_text(node) or None) if node is not None else None


# Class tokens of caption elements in editors other than CKEditor's figure/image table.
_CAPTION_CLASS = re.compile(r"caption|image_?desc|img_?desc|chu-?thich|photo-?note|desc", re.I)
_SMALL_TABLE_TEXT = 250


def caption_node(img: html.HtmlElement) -> html.HtmlElement | None:
    """The element holding an image's caption, or None.

    Forms: <figure> with <figcaption>; the old editor's ``table.image`` with ``.image_desc``;
    WordPress ``.wp-caption`` with ``.wp-caption-text``; a small table (one image, a short
    text cell); a short line right after an image-only paragraph that is italic or has a
    caption class (the common CKEditor habit of an ``<em>`` line under the photo).
    """
    for ancestor in img.iterancestors():
        if ancestor.tag == "figure":
            return ancestor.find(".//figcaption")
        classes = ancestor.get("class", "").split()
        if ancestor.tag == "table":
            if "image" in classes:
                cells = ancestor.xpath(
                    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' image_desc ')]"
                )
                return cells[0] if cells else None
            if _is_image_table(ancestor):
                return _small_table_caption(ancestor, img)
            break  # a layout table: look beside the image instead
        if "wp-caption" in classes:
            found = ancestor.xpath(".//*[contains(@class, 'wp-caption-text')]")
            return found[0] if found else None
        if ancestor.tag in ("body", "article", "section", "main"):
            break
    return _caption_after(img)


def _is_image_table(table: html.HtmlElement) -> bool:
    # A layout table holds the whole article; an image table holds one image and a line.
    return (
        len(table.xpath(".//img")) == 1
        and not table.xpath(".//table")
        and len(table.xpath(".//tr")) <= 3
        and len(element_text(table)) <= _SMALL_TABLE_TEXT
    )


def _small_table_caption(table: html.HtmlElement, img: html.HtmlElement) -> html.HtmlElement | None:
    for cell in table.iter("td", "th"):
        if img not in cell.iter("img") and element_text(cell):
            return cell
    return None


_CENTRED = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_CAPTION_TAGS = frozenset(
    {"p", "div", "em", "i", "span", "small", "font", "strong", "b", "center", "figcaption"}
)


def _caption_after(img: html.HtmlElement) -> html.HtmlElement | None:
    """A short line right after the image: italic, of a caption class, or centred; inside
    the image's own block (``<img><br><i>…</i>``) or right after the block holding only it."""
    holder = img
    while True:
        parent = holder.getparent()
        if parent is None or parent.tag in ("body", "td", "article", "section", "main"):
            break
        if len(parent.xpath(".//img")) != 1 or element_text(parent):
            break
        holder = parent
    nxt = holder.getnext()
    while nxt is not None and nxt.tag == "br" and not (nxt.tail or "").strip():
        nxt = nxt.getnext()
    if nxt is None or not isinstance(nxt.tag, str) or nxt.tag not in _CAPTION_TAGS:
        return None
    if (holder.tail or "").strip():
        return None  # text runs on after the image: the next element is no caption
    text = element_text(nxt)
    if not text or len(text) > _SMALL_TABLE_TEXT or nxt.xpath(".//img") or nxt.xpath(".//a"):
        return None
    if _CAPTION_CLASS.search(nxt.get("class", "")) or nxt.tag in ("em", "i", "figcaption"):
        return nxt
    italic = "".join(element_text(e) for e in nxt.xpath("./em | ./i | ./*/em | ./*/i"))
    if italic and clean_line(italic) == text:
        return nxt
    centred = _CENTRED.search(nxt.get("style") or "") or nxt.get("align") == "center"
    if centred and len(text) <= 160:
        return nxt  # a short centred line under a photo
    block = img.getparent()
    alone_in_block = (
        holder is img
        and block is not None
        and nxt.getparent() is block
        and nxt.getnext() is None
        and not (nxt.tail or "").strip()
        and not (block.text or "").strip()
    )
    return nxt if alone_in_block and len(text) <= 160 else None


def links_in(
    anchors: Iterable[html.HtmlElement], base_url: str, keep: Callable[[str], bool]
) -> list[Link]:
    """Absolute links whose URL passes `keep`, first occurrence only, text as title."""
    found: list[Link] = []
    seen: set[str] = set()
    for anchor in anchors:
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        url = join_url(base_url, href)
        title = element_text(anchor) or clean_line(anchor.get("title"))
        if url is None or url in seen or not title or not keep(url):
            continue
        seen.add(url)
        found.append(Link(url, title))
    return found


# C0 controls but tab, line feed and carriage return, and DEL: HTML has no use for them
# (a parse error) and lxml cannot even read back an attribute that holds one
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROLS = tuple(chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))


# Every element an HtmlElement (comments, processing instructions and entities their lxml.html
# kinds), chosen in C: lxml.html's own lookup calls back into Python for each element the
# rules touch, to give forms and inputs classes of their own that nothing here uses.
_HTML_CLASSES = etree.ElementDefaultClassLookup(
    element=html.HtmlElement,
    comment=html.HtmlComment,
    pi=html.HtmlProcessingInstruction,
    entity=html.HtmlEntity,
)


def parse_html(text: str) -> html.HtmlElement:
    """The tree of an HTML page as Scrapy's selector builds it (parsel: white space around
    the document and NUL characters dropped, libxml2's forgiving HTML parser with
    huge_tree, an empty page as ``<html/>``), with the quicker element class lookup."""
    body = text.strip().replace("\x00", "").encode("utf-8") or b"<html/>"
    parser = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)
    parser.set_element_class_lookup(_HTML_CLASSES)
    # the class lookup makes every element an HtmlElement; None for markup with no element
    root = cast("html.HtmlElement | None", etree.fromstring(body, parser=parser))
    if root is None:  # "<!-- only a comment -->"
        root = cast(html.HtmlElement, etree.fromstring(b"<html/>", parser=parser))
    return root


def has_control_characters(text: str) -> bool:
    # one substring search per character (memchr-like, in C) is 3x quicker on a page
    # than the character class, which the regex engine tries at every position
    return any(control in text for control in _CONTROLS)


def without_control_characters(text: str) -> str:
    return _CONTROL_CHARACTERS.sub("", text)


# Deeper than this, a page is no article layout (real ones nest a few dozen levels): every
# rule that walks an element's subtree would cost depth x elements.
MAX_NESTING = 512
# libxml2's HTML parser (huge_tree, as Scrapy's selectors use it) stops nesting at 2048 and
# drops what lies deeper: a tree this deep may have lost its text.
PARSER_NESTING_LIMIT = 2000


@functools.lru_cache(maxsize=8)
def _deeper_than(levels: int) -> etree.XPath:
    # /*/*/…: each step is the elements one level deeper, so every element is visited
    # once (//*[ancestor::*[N]] reads each one's ancestors: 1.8x slower on real pages)
    return etree.XPath("boolean(/" + "/".join(["*"] * (levels + 1)) + ")")


def nests_deeper_than(root: html.HtmlElement, levels: int) -> bool:
    """Whether the document of `root` nests deeper than `levels` (>= 1) elements: an
    element with `levels` elements above it. One XPath in libxml2, four times quicker
    than walking the tree in Python."""
    return bool(_deeper_than(levels)(root))


def nesting_depth(root: html.HtmlElement) -> int:
    """How deep the tree nests, in one pass without recursion."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def collapse_wrappers(root: html.HtmlElement) -> None:
    """Unwrap elements whose whole content is one child element (no text of their own):
    ten thousand nested <div>s read like one. Only called on a page nested past
    MAX_NESTING, so an ordinary page's tree is never touched."""
    wrappers = [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and element is not root
        and element.tag not in ("body", "head")
        and len(element) == 1
        and not (element.text or "").strip()
        and not (element[0].tail or "").strip()
        and not element.attrib
    ]
    for element in wrappers:
        element.drop_tag()


def _drop_unaddressable_attributes(tree: html.HtmlElement) -> None:
    """Take out the attributes whose name starts with "{" (``<div {{attrs}}>``, a template
    left unrendered, or bytes that are no HTML): libxml2's HTML parser keeps them, but
    lxml reads such a name as "{namespace}name" and cannot get, set or delete it, so the
    Cleaner would raise on the page."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        names = element.attrib.keys()
        if any(name.startswith("{") for name in names):
            kept = [(k, v) for k, v in element.attrib.items() if not k.startswith("{")]
            element.attrib.clear()
            for name, value in kept:
                element.set(name, value)


def clean_html(containers: Iterable[html.HtmlElement], base_url: str, drop_xpath: str = "") -> str:
    """The containers' markup with absolute links and no scripts, styles, forms or handlers."""
    parts: list[str] = []
    for container in containers:
        tree = copy.deepcopy(container)
        _drop_unaddressable_attributes(tree)
        # absolute links; one no parser can split ("http://[::1") is taken out (lxml's
        # make_links_absolute would still apply a <base href> without catching its errors)
        tree.rewrite_links(lambda link: join_url(base_url, link), resolve_base_href=False)
        if drop_xpath:
            for node in tree.xpath(drop_xpath):
                _drop(node)
        _CLEANER(tree)  # in place: the tree is our copy (clean_html would copy it again)
        parts.append(html.tostring(tree, encoding="unicode", method="html").strip())
    return "\n".join(parts)
