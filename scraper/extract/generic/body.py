"""The article text: which elements hold it, and what inside them is not text.

Text density, as Readability found it: every paragraph of prose (a block whose own,
unlinked text is at least 25 characters) scores its parent and, less, its ancestors, by
its length and its commas (prose has commas, menus do not); candidates start from their
tag and the words of their class and id, and are discounted by their link density. The
best candidate may give way to an ancestor that several good candidates share, and
siblings that continue it (a lead beside the body, paragraphs split by an advert) join it.
If the text found is short, the search is run again with fewer assumptions (chrome
classes not excluded, class words not weighted, no conditional cleaning) and the longest
result wins: a selector or a class word is a hint, never the only way to the text.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lxml import html

from scraper.extract.generic import vocabulary as vocab
from scraper.extract.generic.chrome import (
    far_chrome_marked,
    forget_main,
    near_chrome_marked,
    remember_main,
)
from scraper.extract.generic.context import (
    INLINE_TAGS,
    INVISIBLE_TAGS,
    PARAGRAPH_MIN,
    PageContext,
    split_words,
)
from scraper.extract.generic.lines import SHORT, is_chrome_line, is_meta_line
from scraper.extract.text import clean_line

# Text long enough that the first search is trusted (Readability's threshold).
ENOUGH_TEXT = 500
_TAG_SCORE = {
    "div": 5, "article": 5, "main": 5, "pre": 3, "td": 3, "blockquote": 3,
    "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "form": -3,
    "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
}  # fmt: skip
_ANCESTOR_LEVELS = 5
_ABOVE_HEADLINE_MAX = 100
_NEAR_CHROME_MAX = 500  # longest text of a share bar, tag list or article header
_CLASS_WEIGHT = 25
_SENTENCE_END = re.compile(r"[.!?…:;”\"'»)]\s*$")
_CONDITIONAL_TAGS = frozenset({"table", "ul", "ol", "div", "section", "aside", "form", "dl"})
_LIST_TAGS = frozenset({"ul", "ol", "dl"})
_LINK_LIST_TAGS = frozenset({"ul", "ol", "div", "table", "section", "p", "dl", "nav"})
# List items are menus and link lists far more often than prose.
# (An <h1> is the headline, whose length says nothing of the text around it.)
_UNSCORED = frozenset({"li", "dt", "dd", "ul", "ol", "dl", "tr", "tbody", "table", "html", "h1"})
_NOT_PARAGRAPHS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "th", "caption", "figcaption", "label"}
)
_TABLE_PARTS = frozenset({"tr", "tbody", "thead", "tfoot"})
_EMBED_TAGS = frozenset({"object", "embed", "iframe", "video", "audio"})


@dataclass(frozen=True)
class _Pass:
    strip_chrome: bool = True  # chrome classes do not take part in the search
    weigh_classes: bool = True  # class words add or take points
    clean_conditionally: bool = True  # boxes of links and images inside the text go


_PASSES = (
    _Pass(),
    _Pass(strip_chrome=False),
    _Pass(strip_chrome=False, weigh_classes=False),
    _Pass(strip_chrome=False, weigh_classes=False, clean_conditionally=False),
)


@dataclass(frozen=True)
class MainText:
    container: html.HtmlElement  # the best candidate
    nodes: tuple[html.HtmlElement, ...]  # it and the siblings that continue it, in page order
    rules: _Pass
    length: int  # text left after cleaning
    core: html.HtmlElement  # the best-scoring block before climbing to a wrapper


# --------------------------------------------------------------------------- scoring


def class_weight(el: html.HtmlElement) -> int:
    """+25 for each of class and id that sounds like content, -25 for chrome."""
    weight = 0
    for value in (el.get("class"), el.get("id")):
        if not value:
            continue
        words = split_words(value)
        if vocab.NEGATIVE.search(words):
            weight -= _CLASS_WEIGHT
        if vocab.POSITIVE.search(words):
            weight += _CLASS_WEIGHT
    return weight


def _excluded(
    ctx: PageContext, el: html.HtmlElement, rules: _Pass, memo: dict[html.HtmlElement, bool]
) -> bool:
    """Inside chrome (first pass only), hidden or invisible: its paragraphs do not count."""
    path: list[html.HtmlElement] = []
    node: html.HtmlElement | None = el
    result = False
    while node is not None:
        if node in memo:
            result = memo[node]
            break
        path.append(node)
        if node.tag in INVISIBLE_TAGS or node in ctx.hidden or _structural_chrome(node):
            result = True
            break
        if (
            rules.strip_chrome
            and far_chrome_marked(ctx, node)
            and not vocab.MAYBE_CONTENT.search(ctx.words(node))
        ):
            result = True
            break
        node = node.getparent()
    for seen in path:
        memo[seen] = result
    return result


def _structural_chrome(el: html.HtmlElement) -> bool:
    """A page footer, navigation or complementary box by its tag or role: never the text,
    in any search (class words are only hints, and the retries leave them out)."""
    if el.tag in ("footer", "nav", "aside") and not any(
        a.tag == "article" for a in el.iterancestors()
    ):
        return True
    return (el.get("role") or "").lower() in vocab.FAR_ROLES


def _score_candidates(ctx: PageContext, rules: _Pass) -> dict[html.HtmlElement, float]:
    scores: dict[html.HtmlElement, float] = {}
    excluded: dict[html.HtmlElement, bool] = {}
    for el in ctx.order:
        if el.tag in INLINE_TAGS or el.tag in _UNSCORED:
            continue
        prose = ctx.inline_len[el] - ctx.inline_link_len[el]
        if prose < PARAGRAPH_MIN or _excluded(ctx, el, rules, excluded):
            continue
        if el.getparent() is None:
            continue
        score = 1 + ctx.inline_commas[el] + min(prose // 100, 3)
        _give_to_ancestors(rules, scores, el, score)
    return {el: s * (1 - ctx.link_density(el)) for el, s in scores.items()}


def _give_to_ancestors(
    rules: _Pass,
    scores: dict[html.HtmlElement, float],
    el: html.HtmlElement,
    score: float,
) -> None:
    """A paragraph's score goes to its parent, half of it to the grandparent, less to the
    levels above; a candidate starts with the score of its tag and class words."""
    for level, ancestor in enumerate(el.iterancestors()):
        tag = ancestor.tag
        if level >= _ANCESTOR_LEVELS or tag == "html":
            break
        if ancestor not in scores:
            scores[ancestor] = (_TAG_SCORE.get(tag, 0) if isinstance(tag, str) else 0) + (
                class_weight(ancestor) if rules.weigh_classes else 0
            )
        divider = 1 if level == 0 else 2 if level == 1 else level * 3
        scores[ancestor] += score / divider


def _ranked(ctx: PageContext, scores: dict[html.HtmlElement, float]) -> list[html.HtmlElement]:
    return sorted(scores, key=lambda el: (-scores[el], ctx.position(el)))


def _best(ctx: PageContext, scores: dict[html.HtmlElement, float]) -> html.HtmlElement:
    body = ctx.body
    ranked = _ranked(ctx, scores)
    if not ranked:
        return body
    top = ranked[0]
    top_score = scores[top]
    # several nearly as good candidates under one ancestor: that ancestor is the article
    rivals = [el for el in ranked[1:5] if top_score > 0 and scores[el] / top_score >= 0.75]
    if len(rivals) >= 3:
        top = _rivals_ancestor(top, rivals, body)
    top = _climb(top, scores, body)
    return _outermost_only_child(top, body)


def _rivals_ancestor(
    top: html.HtmlElement, rivals: list[html.HtmlElement], body: html.HtmlElement
) -> html.HtmlElement:
    """The nearest ancestor of the top candidate holding three of its rivals, else itself."""
    for parent in top.iterancestors():
        if parent is body or parent.tag == "html":
            break
        if sum(1 for r in rivals if parent in r.iterancestors()) >= 3:
            return parent
    return top


def _climb(
    top: html.HtmlElement, scores: dict[html.HtmlElement, float], body: html.HtmlElement
) -> html.HtmlElement:
    """Climb while the parent scores better, as long as it scores at all."""
    last = scores.get(top, 0.0)
    threshold = last / 3
    for parent in top.iterancestors():
        if parent is body or parent.tag == "html":
            break
        if parent not in scores:
            continue
        if scores[parent] < threshold:
            break
        if scores[parent] > last:
            return parent
        last = scores[parent]
    return top


def _outermost_only_child(top: html.HtmlElement, body: html.HtmlElement) -> html.HtmlElement:
    """An only child says nothing its parent does not (a table cell stays a cell)."""
    while top is not body:
        parent = top.getparent()
        if parent is None or parent is body or parent.tag in _TABLE_PARTS:
            break
        if sum(1 for c in parent if isinstance(c.tag, str)) != 1:
            break
        top = parent
    return top


def _siblings(
    ctx: PageContext, top: html.HtmlElement, scores: dict[html.HtmlElement, float]
) -> tuple[html.HtmlElement, ...]:
    """The top candidate and those of its siblings that continue the text."""
    parent = top.getparent()
    if parent is None or top is ctx.body:
        return (top,)
    top_score = scores.get(top, 0.0)
    threshold = max(10.0, top_score * 0.2)
    top_class = top.get("class") or ""
    nodes = []
    for sibling in parent:
        if not isinstance(sibling.tag, str):
            continue
        if sibling is top:
            nodes.append(sibling)
            continue
        if sibling.tag in INVISIBLE_TAGS or sibling in ctx.hidden:
            continue
        if far_chrome_marked(ctx, sibling) or near_chrome_marked(ctx, sibling):
            continue
        bonus = top_score * 0.2 if top_class and sibling.get("class") == top_class else 0.0
        if sibling in scores and scores[sibling] + bonus >= threshold:
            nodes.append(sibling)
            continue
        if not _paragraph_like(ctx, sibling):
            continue
        length = ctx.text_len[sibling]
        density = ctx.link_density(sibling)
        long_prose = length > 80 and density < 0.25
        short_sentence = 0 < length <= 80 and density == 0
        if long_prose or (short_sentence and _SENTENCE_END.search(ctx.text(sibling))):
            nodes.append(sibling)
    return tuple(nodes)


def _paragraph_like(ctx: PageContext, el: html.HtmlElement) -> bool:
    """A <p>, or a <div>-like block whose text is all its own (no block inside); never
    a heading or a list item."""
    if el.tag == "p":
        return True
    if el.tag in INLINE_TAGS or el.tag in _NOT_PARAGRAPHS:
        return False
    return ctx.inline_len[el] == ctx.text_len[el] > 0


# --------------------------------------------------------------------------- cleaning


def _conditional_drop(ctx: PageContext, el: html.HtmlElement, weigh: bool) -> bool:
    """Readability's test of a box inside the text: mostly links, images or form fields."""
    weight = class_weight(el) if weigh else 0
    if weight < 0:
        return True
    text = ctx.text(el)
    if text.count(",") + text.count("，") >= 10:
        return False
    if el.tag == "table" and _is_data_table(el):
        return False
    is_list = el.tag in _LIST_TAGS
    paragraphs = len(el.findall(".//p"))
    images = len(el.findall(".//img"))
    items = len(el.findall(".//li")) - 100
    inputs = len(el.findall(".//input"))
    embeds = sum(1 for e in el.iter(*_EMBED_TAGS))
    density = ctx.link_density(el)
    length = len(text)
    if images > 1 and paragraphs / images < 0.5 and not el.xpath("ancestor::figure"):
        return True
    if not is_list and items > paragraphs:
        return True
    if inputs > paragraphs // 3:
        return True
    if not is_list and length < 25 and (images == 0 or images > 2) and density > 0:
        return True
    if not is_list and weight < 25 and density > 0.2:
        return True
    if weight >= 25 and density > 0.5:
        return True
    return (embeds == 1 and length < 75) or embeds > 1


def _is_data_table(table: html.HtmlElement) -> bool:
    if table.get("role") == "presentation" or table.get("datatable") == "0":
        return False
    if table.get("summary") or table.find(".//caption") is not None:
        return True
    if table.xpath(".//th | .//thead | .//tfoot | .//colgroup | .//col"):
        return True
    if table.find(".//table") is not None:
        return False
    rows = len(table.findall(".//tr"))
    cells = max((len(tr.findall("./td")) for tr in table.iter("tr")), default=0)
    return rows >= 10 or cells > 4 or rows * cells > 10


def _doomed(
    ctx: PageContext,
    nodes: Iterable[html.HtmlElement],
    rules: _Pass,
    title: str,
    drop: Iterable[html.HtmlElement],
    headline: html.HtmlElement | None = None,
) -> list[html.HtmlElement]:
    """Elements inside the text nodes that are not article text (outermost only)."""
    drop = set(drop)
    doomed: list[html.HtmlElement] = []
    above = _above(ctx, headline)
    for node in nodes:
        whole = max(ctx.text_len.get(node, 0), 1)
        stack = [c for c in reversed(node) if isinstance(c.tag, str)]
        while stack:
            el = stack.pop()
            if above(el) or _drop_element(ctx, el, rules, title, drop, whole):
                doomed.append(el)
                continue
            stack.extend(c for c in reversed(el) if isinstance(c.tag, str))
    return doomed


def _above(
    ctx: PageContext, headline: html.HtmlElement | None
) -> Callable[[html.HtmlElement], bool]:
    """Short lines above the headline inside the text's container (a section name, a
    breadcrumb, a kicker): no article text."""
    if headline is None:
        return lambda _: False
    start = ctx.position(headline)
    wrappers = set(headline.iterancestors())

    def above(el: html.HtmlElement) -> bool:
        return (
            ctx.position(el) < start
            and el not in wrappers
            and ctx.text_len.get(el, 0) <= _ABOVE_HEADLINE_MAX
            and el.find(".//img") is None
        )

    return above


def _drop_element(
    ctx: PageContext,
    el: html.HtmlElement,
    rules: _Pass,
    title: str,
    drop: set[html.HtmlElement],
    whole: int,
) -> bool:
    if el in drop or el.tag in INVISIBLE_TAGS or el in ctx.hidden:
        return True
    if el.tag == "h1" or el.tag in vocab.NEAR_TAGS - {"footer", "header"}:
        return True
    length = ctx.text_len.get(el, 0)
    block = el.tag not in INLINE_TAGS
    # a share bar, a tag list or a date header is short; a section is not
    near = length < _NEAR_CHROME_MAX and near_chrome_marked(ctx, el)
    if block and length < whole * 0.6 and (far_chrome_marked(ctx, el) or near):
        return True
    if length <= SHORT:
        text = ctx.text(el)
        if text and (
            (title and clean_line(text).casefold() == title.casefold())
            or (block and is_chrome_line(text))
            or (is_meta_line(text) and el.tag not in ("strong", "b", "em", "i"))
        ):
            return True
    if (
        el.tag in _LINK_LIST_TAGS
        and len(el.findall(".//a")) >= 2
        and ctx.link_density(el) > 0.5
        and length < whole * 0.6
    ):
        return True
    return (
        rules.clean_conditionally
        and el.tag in _CONDITIONAL_TAGS
        and length < whole * 0.6
        and _conditional_drop(ctx, el, rules.weigh_classes)
    )


def _chrome_inside(
    ctx: PageContext, nodes: Iterable[html.HtmlElement], doomed: list[html.HtmlElement]
) -> list[html.HtmlElement]:
    """Chrome-named elements inside the nodes, however much text they hold (outermost,
    not inside an element already doomed)."""
    gone = set(doomed)
    found: list[html.HtmlElement] = []
    for node in nodes:
        stack = [c for c in node if isinstance(c.tag, str)]
        while stack:
            el = stack.pop()
            if el in gone:
                continue
            if far_chrome_marked(ctx, el) and not vocab.MAYBE_CONTENT.search(ctx.words(el)):
                found.append(el)
                continue
            stack.extend(c for c in el if isinstance(c.tag, str))
    return found


def _kept_length(
    ctx: PageContext, nodes: Iterable[html.HtmlElement], doomed: list[html.HtmlElement]
) -> int:
    return sum(ctx.text_len.get(n, 0) for n in nodes) - sum(ctx.text_len.get(d, 0) for d in doomed)


# --------------------------------------------------------------------------- the steps


def main_text(ctx: PageContext) -> MainText | None:
    """The article text's elements (memoised): the first search whose text is long
    enough, else the longest of all searches."""

    def search() -> MainText | None:
        best: MainText | None = None
        for rules in _PASSES:
            scores = _score_candidates(ctx, rules)
            if not scores:
                continue
            top = _best(ctx, scores)
            nodes = _siblings(ctx, top, scores)
            doomed = _doomed(ctx, nodes, rules, "", ())
            if rules.strip_chrome:  # what this search left out does not count for it
                doomed += _chrome_inside(ctx, nodes, doomed)
            length = _kept_length(ctx, nodes, doomed)
            found = MainText(top, nodes, rules, length, _ranked(ctx, scores)[0])
            if best is None or length > best.length:
                best = found
            if length >= ENOUGH_TEXT:
                break
        if best is None:  # not one paragraph of prose: whatever the page body says
            body = ctx.body
            length = _kept_length(ctx, (body,), _doomed(ctx, (body,), _PASSES[0], "", ()))
            best = MainText(body, (body,), _PASSES[0], length, body)
        if best is not None:
            remember_main(ctx, best.container, best.core)
        return best

    return ctx.memo("main_text", search)


def adopt_main_text(ctx: PageContext, containers: list[html.HtmlElement]) -> None:
    """An adapter's body containers are the page's main text: the other rules place the
    headline, the date line and the chrome by them instead of searching for it."""
    length = sum(ctx.text_len.get(c, 0) for c in containers)
    found = MainText(containers[0], tuple(containers), _PASSES[0], length, containers[0])
    ctx.remember("main_text", found)
    remember_main(ctx, *containers)


def search_main_text(ctx: PageContext) -> MainText | None:
    """The main text searched for on the whole page, whatever was adopted (an adapter's
    body that yielded no text is no main text)."""
    ctx.forget("main_text")
    forget_main(ctx)
    return main_text(ctx)


def find_main_content(ctx: PageContext) -> html.HtmlElement | None:
    """The element holding the article text (its best candidate)."""
    found = main_text(ctx)
    return found.container if found is not None else None


def article_nodes(
    ctx: PageContext,
    containers: Iterable[html.HtmlElement] | None = None,
    *,
    title: str = "",
    drop: Iterable[html.HtmlElement] = (),
    headline: html.HtmlElement | None = None,
    searched: bool = False,
) -> list[html.HtmlElement]:
    """Copies of the text's elements (the found ones unless `containers` are given, e.g.
    an adapter's body selector) without what is not article text: chrome, the headline
    and short lines above it, date and counter lines, link lists, boxes of links or
    images, and `drop` (e.g. the lead, which the record puts first on its own).
    `searched`: the found ones by a search of the page, even if an adapter's body was
    adopted as the main text (it yielded none)."""
    if containers is None:
        found = search_main_text(ctx) if searched else main_text(ctx)
        if found is None:
            return []
        nodes, rules = found.nodes, found.rules
    else:
        nodes, rules = tuple(containers), _PASSES[0]
    drop = set(drop)
    nodes = tuple(n for n in nodes if n not in drop)
    doomed = set(_doomed(ctx, nodes, rules, title, drop, headline))
    copies = []
    for node in nodes:
        tree = copy.deepcopy(node)
        remove = [c for o, c in zip(node.iter(), tree.iter(), strict=True) if o in doomed]
        for el in remove:
            remove_keep_tail(el)
        copies.append(tree)
    return copies


def remove_keep_tail(node: html.HtmlElement) -> None:
    """Remove an element but keep the text that follows it."""
    parent = node.getparent()
    if parent is None:
        return
    tail, previous = node.tail, node.getprevious()
    parent.remove(node)
    if tail and tail.strip():
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
