"""CSS selectors matched from a page's class and id index, not by testing every element.

cssselect turns ``.news_column .hometext`` into an XPath that compares the class string
of every element of the page; a selector of an adapter costs as much as parsing the page.
Most elements have no class, and every adapter's selector ends in a class, an id or a
tag, so here the selector's last part picks its candidates from an index of the page
(elements by class, by id; lxml's own walk by tag), and each candidate is checked against
that part and against its ancestors for the parts before it. The answer is cssselect's:
the same elements in page order (tests/test_css.py compares both on every replica page).
What this matcher does not know (pseudo-classes, ``:not``, sibling combinators, attribute
operators other than ``=``, ``~=``, ``^=``, ``$=``, ``*=``) runs as cssselect's XPath.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple

from cssselect import GenericTranslator, parse
from cssselect.parser import Attrib, Class, CombinedSelector, Element, Hash, Tree
from lxml import etree, html

# normalize-space() splits on XML white space only; str.split() would also split at NBSP
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_ANY_SPACE = re.compile(r"[ \t\r\n\f]")  # a "~=" value holding one matches nothing


def _tokens(value: str | None) -> list[str]:
    return _XML_SPACE.split(value.strip(" \t\r\n")) if value else []


class _Compound(NamedTuple):
    """One part of a selector without combinators: ``ul.pagination``, ``a[rel~=next]``."""

    tag: str | None  # None: any element
    classes: tuple[str, ...]
    ids: tuple[str, ...]
    attributes: tuple[tuple[str, str, str], ...]  # (name, operator, value)

    def matches(self, el: html.HtmlElement) -> bool:
        if self.tag is not None and el.tag != self.tag:
            return False
        if self.ids and any(el.get("id") != i for i in self.ids):
            return False
        if self.classes:
            have = _tokens(el.get("class"))
            if any(c not in have for c in self.classes):
                return False
        return all(_attribute_matches(el.get(n), op, v) for n, op, v in self.attributes)


def _attribute_matches(have: str | None, operator: str, value: str) -> bool:
    """cssselect's XPath for each operator (an empty value matches nothing but "=")."""
    if have is None:
        return False
    if operator == "exists":
        return True
    if operator == "=":
        return have == value
    if not value:
        return False
    if operator == "~=":
        return not _ANY_SPACE.search(value) and value in _tokens(have)
    if operator == "^=":
        return have.startswith(value)
    if operator == "$=":
        return have.endswith(value)
    return value in have  # "*="


_OPERATORS = frozenset({"exists", "=", "~=", "^=", "$=", "*="})


def _compound(tree: Tree) -> _Compound | None:
    classes: list[str] = []
    ids: list[str] = []
    attributes: list[tuple[str, str, str]] = []
    node: Tree = tree
    while not isinstance(node, Element):
        if isinstance(node, Class):
            classes.append(node.class_name)
            node = node.selector
        elif isinstance(node, Hash):
            ids.append(node.id)
            node = node.selector
        elif isinstance(node, Attrib) and node.namespace is None and node.operator in _OPERATORS:
            value = node.value
            text = "" if value is None else str(getattr(value, "value", value))
            attributes.append((node.attrib, node.operator, text))
            node = node.selector
        else:
            return None
    if node.namespace is not None:
        return None
    return _Compound(node.element, tuple(classes), tuple(ids), tuple(attributes))


# A selector as its parts left to right, each with the combinator before it ("" first):
# ``a b > c`` is (("", a), (" ", b), (">", c)).
_Chain = tuple[tuple[str, _Compound], ...]


def _chain(tree: Tree) -> _Chain | None:
    parts: list[tuple[str, _Compound]] = []
    while isinstance(tree, CombinedSelector):
        right = _compound(tree.subselector)
        if tree.combinator not in (" ", ">") or right is None:
            return None
        parts.append((tree.combinator, right))
        tree = tree.selector
    first = _compound(tree)
    if first is None:
        return None
    parts.append(("", first))
    return tuple(reversed(parts))


class PageIndex:
    """A page's elements by class and by id, built on the first selector that needs it."""

    def __init__(
        self,
        root: html.HtmlElement,
        order: dict[html.HtmlElement, int],
        attributes: Mapping[str, list[tuple[html.HtmlElement, str]]],
    ) -> None:
        """`order`: each element's place in the page; `attributes`: the (element, value)
        pairs of each attribute name, in page order."""
        self.root = root
        self.order = order
        self.by_class: dict[str, list[html.HtmlElement]] = defaultdict(list)
        self.by_id: dict[str, list[html.HtmlElement]] = defaultdict(list)
        for el, value in attributes.get("class", ()):
            for name in dict.fromkeys(_tokens(value)):
                self.by_class[name].append(el)
        for el, value in attributes.get("id", ()):
            self.by_id[value].append(el)

    def candidates(self, part: _Compound) -> Iterable[html.HtmlElement] | None:
        """The elements of the page that may match `part` by its id or a class; None when
        it names neither."""
        if part.ids:
            return self.by_id.get(part.ids[0], ())
        if part.classes:
            return self.by_class.get(part.classes[0], ())
        return None

    def matching(self, chain: _Chain) -> list[html.HtmlElement]:
        """The elements matching a selector, left to right: each part's matches are taken
        from the index when it names an id or a class (and kept if they sit under the
        matches so far), else from lxml's walk under them by tag."""
        found: list[html.HtmlElement] = []
        for combinator, part in chain:
            indexed = self.candidates(part)
            if not combinator:  # the first part: anywhere on the page
                pool = indexed if indexed is not None else self._walk(self.root, part, True)
                found = [el for el in pool if isinstance(el.tag, str) and part.matches(el)]
            elif indexed is not None:
                above = set(found)
                found = [
                    el
                    for el in indexed
                    if part.matches(el) and _under(el, above, direct=combinator == ">")
                ]
            else:
                under: dict[html.HtmlElement, None] = {}
                for holder in found:
                    pool = holder if combinator == ">" else self._walk(holder, part, False)
                    under.update(
                        (el, None) for el in pool if isinstance(el.tag, str) and part.matches(el)
                    )
                found = sorted(under, key=self.order.__getitem__) if len(found) > 1 else [*under]
            if not found:
                break
        return found

    @staticmethod
    def _walk(
        holder: html.HtmlElement, part: _Compound, itself: bool
    ) -> Iterable[html.HtmlElement]:
        elements = holder.iter(part.tag) if part.tag else holder.iter(etree.Element)
        return elements if itself else (el for el in elements if el is not holder)


def _under(el: html.HtmlElement, holders: set[html.HtmlElement], *, direct: bool) -> bool:
    if direct:
        return el.getparent() in holders
    return any(a in holders for a in el.iterancestors())


Selector = Callable[[PageIndex], list[html.HtmlElement]]


@lru_cache(maxsize=512)
def compile_css(css: str) -> Selector:
    """A function giving the elements that match `css` on an indexed page, in page order
    (compiled once per selector)."""
    chains = []
    for selector in parse(css):
        chain = None if selector.pseudo_element else _chain(selector.parsed_tree)
        if chain is None:  # a selector this matcher does not read: cssselect's XPath
            xpath = etree.XPath(GenericTranslator().css_to_xpath(css))
            return lambda page: list(xpath(page.root))
        chains.append(chain)

    def run(page: PageIndex) -> list[html.HtmlElement]:
        if len(chains) == 1:
            return page.matching(chains[0])  # in page order
        found = {el: None for chain in chains for el in page.matching(chain)}
        return sorted(found, key=page.order.__getitem__)

    return run
