"""What every generic rule needs to know about one page, worked out once.

``PageContext`` is built once per page and handed to every step (title, date, body,
listing...). It holds the facts measured in a single pass over the tree (document order,
text and link lengths, hidden elements), the page's metadata (meta
tags, JSON-LD) and a memo where steps keep what they derive (the headline node, the main
text container, the chrome map), so no fact is worked out twice and no state lives on an
adapter.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property, lru_cache
from typing import Any, TypeVar, cast

from lxml import etree, html

from scraper.extract.html import element_text
from scraper.extract.text import clean_line

T = TypeVar("T")

# The attributes the measuring pass reads into PageContext.attributes: what hiding, the
# selector index and the rules that look for markup (author, breadcrumb, datePublished) ask.
READ_ATTRIBUTES = frozenset(
    {"class", "id", "style", "hidden", "aria-hidden", "rel", "itemprop", "itemtype"}
)
# Tags whose text is never shown.
INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
# Tags that flow inside a line; everything else starts a block of its own.
INLINE_TAGS = frozenset(
    {
        "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del",
        "dfn", "em", "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "s",
        "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
        "wbr",
    }
)  # fmt: skip
# A block whose own text (not counting links) is this long is a paragraph of prose.
PARAGRAPH_MIN = 25
# Class names of CSS frameworks that hide an element (Bootstrap, WordPress, Tailwind).
HIDDEN_CLASSES = frozenset(
    {"hidden", "hide", "d-none", "sr-only", "visually-hidden", "screen-reader-text", "invisible"}
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPLIT_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NON_WORD = re.compile(r"[^a-z0-9]+|(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")


def folded_len(text: str | None) -> int:
    """Length of a text fragment with its white space folded."""
    if not text:
        return 0
    parts = text.split()
    return sum(map(len, parts)) + len(parts) - 1 if parts else 0


@lru_cache(maxsize=4096)  # a site repeats its class names on every page
def split_words(value: str) -> str:
    """Class or id value as space-separated lower-case words ("sliderBox" -> "slider box")."""
    words: list[str] = []
    for name in value.split():
        words += [w for w in _NON_WORD.split(_SPLIT_CAMEL.sub("-", name).lower()) if w]
    return " ".join(words)


@lru_cache(maxsize=1 << 15)  # class words repeat on every page of a site
def words_match(pattern: re.Pattern[str], words: str) -> bool:
    """Whether class or id words (``split_words``) match a vocabulary pattern."""
    return pattern.search(words) is not None


# words -> whether they match, per vocabulary pattern: ``PageContext.marked`` asks it of
# every classed element of every page, and a plain dict answers quicker than lru_cache.
# Each is emptied when full: ids make some class words unique to one page.
_KNOWN_MATCHES: dict[re.Pattern[str], dict[str, bool]] = {}
_KNOWN_MATCHES_MAX = 4096


def _known_matches(pattern: re.Pattern[str]) -> dict[str, bool]:
    known = _KNOWN_MATCHES.setdefault(pattern, {})
    if len(known) > _KNOWN_MATCHES_MAX:
        known.clear()
    return known


def is_hidden(el: html.HtmlElement) -> bool:
    """Hidden by its own markup: the hidden attribute, aria-hidden, display:none, or a
    hiding class ("hidden", "d-none", "sr-only")."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return el.tag != "img"
    if _HIDDEN_STYLE.search(el.get("style") or ""):
        return True
    return not HIDDEN_CLASSES.isdisjoint((el.get("class") or "").split())


def hidden_by_markup(
    attributes: Mapping[str, list[tuple[html.HtmlElement, str]]],
) -> set[html.HtmlElement]:
    """The elements ``is_hidden`` says yes to, from the page's attributes already read
    (each element's own attributes are not asked for again)."""
    flagged = {el for el, _ in attributes.get("hidden", ())}
    flagged.update(el for el, value in attributes.get("aria-hidden", ()) if value == "true")
    hidden = {el for el in flagged if el.tag != "img"}  # flagged decides, whatever else
    hidden.update(
        el
        for el, value in attributes.get("style", ())
        if el not in flagged and _HIDDEN_STYLE.search(value)
    )
    hidden.update(
        el
        for el, value in attributes.get("class", ())
        if el not in flagged and not HIDDEN_CLASSES.isdisjoint(value.split())
    )
    return hidden


def split_br_paragraphs(root: html.HtmlElement) -> None:
    """Paragraphs written as text runs between ``<br><br>`` (old editors, hand-made pages)
    become ``<p>`` elements, as Readability does, so that a date line, a credit or a list of
    links among them is an element of its own. Single ``<br>`` line breaks stay."""
    regrouped: set[html.HtmlElement] = set()
    for el in [e for e in root.iter("br") if _starts_double_br(e)]:
        parent = el.getparent()
        if parent is not None and parent not in regrouped:
            regrouped.add(parent)
            _regroup(parent)


def _starts_double_br(br: html.HtmlElement) -> bool:
    following = br.getnext()
    return (
        following is not None
        and following.tag == "br"
        and not (br.tail or "").strip()
        and br.getparent() is not None
    )


def _regroup(parent: html.HtmlElement) -> None:
    items: list[str | html.HtmlElement] = [parent.text] if parent.text else []
    for child in list(parent):
        tail, child.tail = child.tail, None
        parent.remove(child)
        items.append(child)
        if tail:
            items.append(tail)
    parent.text = None
    run: list[str | html.HtmlElement] = []
    index = 0
    while index < len(items):
        item = items[index]
        if isinstance(item, str) or (item.tag in INLINE_TAGS and item.tag != "br"):
            run.append(item)
        elif item.tag == "br":
            ahead = index + 1
            while ahead < len(items) and _is_blank(items[ahead]):
                ahead += 1
            if ahead < len(items) and _is_br(items[ahead]):
                _close_run(parent, run)
                while ahead < len(items) and (_is_blank(items[ahead]) or _is_br(items[ahead])):
                    ahead += 1
                index = ahead
                continue
            run.append(item)
        else:  # a block of its own ends the paragraph
            _close_run(parent, run)
            parent.append(item)
        index += 1
    _close_run(parent, run)


def _is_blank(item: str | html.HtmlElement) -> bool:
    return isinstance(item, str) and not item.strip()


def _is_br(item: str | html.HtmlElement) -> bool:
    return not isinstance(item, str) and item.tag == "br"


def _close_run(parent: html.HtmlElement, run: list[str | html.HtmlElement]) -> None:
    if any(not _is_blank(i) and not _is_br(i) for i in run):
        paragraph = parent.makeelement("p", {})
        for item in run:
            if isinstance(item, str):
                last = paragraph[-1] if len(paragraph) else None
                if last is None:
                    paragraph.text = (paragraph.text or "") + item
                else:
                    last.tail = (last.tail or "") + item
            else:
                paragraph.append(item)
        parent.append(paragraph)
    run.clear()


class PageContext:
    """One page: its tree, its URL, and the facts every rule shares."""

    def __init__(self, root: html.HtmlElement, url: str, *, honour_hidden: bool = True) -> None:
        self.root = root
        self.url = url
        # False: a page that hides its whole text until a script shows it is still read
        self.honour_hidden = honour_hidden
        self._memo: dict[str, Any] = {}
        self._words: dict[html.HtmlElement, str] = {}
        self._texts: dict[html.HtmlElement, str] = {}
        self._marked: dict[re.Pattern[str], list[html.HtmlElement]] = {}
        split_br_paragraphs(root)
        self.order: dict[html.HtmlElement, int] = {}
        self.text_len: dict[html.HtmlElement, int] = {}
        self.link_len: dict[html.HtmlElement, int] = {}
        self.inline_len: dict[html.HtmlElement, int] = {}  # text outside child blocks
        self.inline_link_len: dict[html.HtmlElement, int] = {}
        self.inline_commas: dict[html.HtmlElement, int] = {}
        self.hidden: set[html.HtmlElement] = set()
        # visible elements with a child element that starts a block of its own (not a
        # one-line element: a date line, a counter, a heading)
        self.blocks_inside: set[html.HtmlElement] = set()
        # READ_ATTRIBUTES by name: (element, value) pairs in page order
        self.attributes: dict[str, list[tuple[html.HtmlElement, str]]] = {
            name: [] for name in READ_ATTRIBUTES
        }
        self._measure()

    # -- the one pass over the tree ----------------------------------------------------------
    def _measure(self) -> None:
        elements = list(self.root.iter(etree.Element))  # elements only, filtered in C
        self.order = {el: i for i, el in enumerate(elements)}
        self._read_attributes(elements)
        hidden, invisible, inline_tags = self.hidden, INVISIBLE_TAGS, INLINE_TAGS
        blocks_inside = self.blocks_inside
        text_len, link_len = self.text_len, self.link_len
        inline_len, inline_link_len, inline_commas = (
            self.inline_len,
            self.inline_link_len,
            self.inline_commas,
        )
        for el in reversed(elements):  # children before their parents
            tag = el.tag
            if tag in invisible or el in hidden:
                text_len[el] = link_len[el] = inline_len[el] = inline_link_len[el] = 0
                inline_commas[el] = 0
                continue
            text = el.text
            if text and not text.isspace():  # most text between tags is indentation
                total = inline = folded_len(text)
                commas = _commas(text)
            else:
                total = inline = commas = 0
            links = inline_links = 0
            for child in el:
                tail = child.tail
                if tail and not tail.isspace():
                    length = folded_len(tail)
                    total += length
                    inline += length
                    commas += _commas(tail)
                child_len = text_len.get(child)
                if child_len is None:  # a comment or processing instruction
                    continue
                total += child_len
                links += link_len[child]
                if child.tag in inline_tags:
                    inline += child_len
                    inline_links += link_len[child]
                    commas += inline_commas[child]
                else:
                    blocks_inside.add(el)
            if tag == "a":
                links = inline_links = total
            text_len[el] = total
            link_len[el] = links
            inline_len[el] = inline
            inline_link_len[el] = inline_links
            inline_commas[el] = commas

    def _read_attributes(self, elements: list[html.HtmlElement]) -> None:
        """The page's READ_ATTRIBUTES by name, read once (a Python look at each element is
        quicker than an XPath per query), and the elements hidden by their own markup."""
        attributes = self.attributes
        for el in elements:
            names = el.keys()  # most elements have none; names cost less than values
            for name in names:
                if name in attributes:
                    attributes[name].append((el, el.get(name, "")))
        if self.honour_hidden:
            self.hidden = {
                el for el in hidden_by_markup(attributes) if el.tag not in INVISIBLE_TAGS
            }

    # -- lookups -------------------------------------------------------------------------
    def having(self, name: str, value: str | None = None) -> list[html.HtmlElement]:
        """The elements carrying attribute `name` (one of READ_ATTRIBUTES) with that
        `value` (any value: None), in page order."""
        return [el for el, v in self.attributes[name] if value is None or v == value]

    def words(self, el: html.HtmlElement) -> str:
        """The element's class and id as words (see ``split_words``)."""
        found = self._words.get(el)
        if found is None:
            found = split_words(f"{el.get('class', '')} {el.get('id', '')}")
            self._words[el] = found
        return found

    @cached_property
    def classed(self) -> list[tuple[html.HtmlElement, str]]:
        """The elements that have class or id words, in page order, with them: most
        elements have none, so a rule looking for a class word reads only these (found
        from the attributes the measuring pass read, not by asking every element)."""
        classes = dict(self.attributes["class"])
        ids = dict(self.attributes["id"])
        found = []
        for el in sorted(classes.keys() | ids.keys(), key=self.order.__getitem__):
            words = self._words.get(el)
            if words is None:
                words = self._words[el] = split_words(f"{classes.get(el, '')} {ids.get(el, '')}")
            if words:
                found.append((el, words))
        return found

    def marked(self, pattern: re.Pattern[str]) -> list[html.HtmlElement]:
        """The elements whose class or id words match `pattern`, in page order (worked
        out once per page and pattern)."""
        found = self._marked.get(pattern)
        if found is None:
            known = _known_matches(pattern)
            found = []
            for el, words in self.classed:
                hit = known.get(words)
                if hit is None:
                    hit = known[words] = pattern.search(words) is not None
                if hit:
                    found.append(el)
            self._marked[pattern] = found
        return found

    def in_order(self, elements: Iterable[html.HtmlElement]) -> list[html.HtmlElement]:
        """Elements of this page, each once, in page order."""
        return sorted(set(elements), key=self.position)

    def text(self, el: html.HtmlElement) -> str:
        """The element's visible text (``element_text``), worked out once per element: the
        rules ask for the same lines many times. The tree must not change once the
        context is built (steps that remove nodes work on copies)."""
        found = self._texts.get(el)
        if found is None:
            found = self._texts[el] = element_text(el)
        return found

    def link_density(self, el: html.HtmlElement) -> float:
        total = self.text_len.get(el, 0)
        return min(self.link_len.get(el, 0) / total, 1.0) if total else 0.0

    def position(self, el: html.HtmlElement) -> int:
        return self.order.get(el, 0)

    def is_visible(self, el: html.HtmlElement) -> bool:
        """Neither the element nor an ancestor is hidden or invisible."""
        node: html.HtmlElement | None = el
        while node is not None:
            if node in self.hidden or node.tag in INVISIBLE_TAGS:
                return False
            node = node.getparent()
        return True

    @cached_property
    def body(self) -> html.HtmlElement:
        found = self.root.find(".//body")
        return found if found is not None else self.root

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """A fact a step derives once per page (the headline, the main text...)."""
        if key in self._memo:
            return cast(T, self._memo[key])  # stored by this method under this key
        value = compute()
        self._memo[key] = value
        return value

    def remember(self, key: str, value: Any) -> None:
        self._memo[key] = value

    def forget(self, key: str) -> None:
        self._memo.pop(key, None)

    # -- metadata ------------------------------------------------------------------------
    @cached_property
    def meta(self) -> dict[str, str]:
        """First non-empty content of each <meta> by property, name or itemprop (lower-case),
        and of <link> by rel ("canonical", "next", "shortlink")."""
        found: dict[str, str] = {}
        names: tuple[str | None, ...]
        for el in self.root.iter("meta", "link"):
            if el.tag == "meta":
                value = clean_line(el.get("content"))
                names = (el.get("property"), el.get("name"), el.get("itemprop"))
            else:
                value = (el.get("href") or "").strip()
                names = tuple((el.get("rel") or "").split())
            for name in names:
                if name and value:
                    found.setdefault(name.lower(), value)
        return found

    def meta_value(self, *names: str) -> str:
        for name in names:
            value = self.meta.get(name.lower())
            if value:
                return value
        return ""

    @cached_property
    def json_ld(self) -> list[dict[str, Any]]:
        """Article-like objects of the JSON-LD scripts (graphs and lists flattened)."""
        out: list[dict[str, Any]] = []
        for script in self.root.iter("script"):
            if (script.get("type") or "").lower() != "application/ld+json":
                continue
            try:
                data = json.loads(script.text or "")
            except ValueError:
                continue
            stack = data if isinstance(data, list) else [data]
            while stack:
                item = stack.pop(0)
                if not isinstance(item, dict):
                    continue
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
                if any(k in item for k in ("headline", "datePublished", "articleBody")):
                    out.append(item)
        return out

    @cached_property
    def scripts(self) -> str:
        """The text of every inline script, joined (CMS signatures live there)."""
        return " ".join(s.text or "" for s in self.root.iter("script"))

    @cached_property
    def resource_urls(self) -> list[str]:
        """Every href and src on the page, as written (CMS directories show there)."""
        return [str(v) for v in self.root.xpath("//@href | //@src")]

    @cached_property
    def doc_title(self) -> str:
        return clean_line(self.root.findtext(".//title") or "")

    @cached_property
    def site_name(self) -> str:
        return self.meta_value("og:site_name", "application-name")


def _commas(text: str | None) -> int:
    return text.count(",") + text.count("，") if text else 0
