"""Page chrome: the parts of a page that are not the article.

An element is chrome by its tag (``nav``, ``aside``, ``footer``...), its ARIA role, or the
words of its class and id (``vocabulary.FAR_CHROME``, ``NEAR_CHROME``), matched as whole
words. Structure has the last word: ``<html>`` and ``<body>`` are never chrome, nor is an
ancestor of the main text (a wrapper called ``page-wrap no-sidebars`` or ``sliderBox``
around the article is not a slider). The text search itself (``body.py``) first leaves
chrome out, then, if what is left is too short, searches again with it.
"""

from __future__ import annotations

from lxml import html

from scraper.extract.generic import vocabulary as vocab
from scraper.extract.generic.context import PageContext, words_match

_NEVER = frozenset({"html", "body"})


def far_chrome_marked(ctx: PageContext, el: html.HtmlElement) -> bool:
    """Marked as page chrome by tag, role or class words (structure not considered)."""
    if el.tag in _NEVER:
        return False
    if el.tag in vocab.FAR_TAGS or (el.get("role") or "").lower() in vocab.FAR_ROLES:
        # an <article>'s own footer (tags, credits) is part of the article
        return not (el.tag == "footer" and any(a.tag == "article" for a in el.iterancestors()))
    words = ctx.words(el)
    return bool(words) and words_match(vocab.FAR_CHROME, words)


def near_chrome_marked(ctx: PageContext, el: html.HtmlElement) -> bool:
    """Marked as the article's own chrome: header, share bar, tag list, pager, meta line."""
    if el.tag in _NEVER:
        return False
    if el.tag in vocab.NEAR_TAGS:
        return True
    words = ctx.words(el)
    return bool(words) and words_match(vocab.NEAR_CHROME, words)


def holds_article(ctx: PageContext, el: html.HtmlElement) -> bool:
    """Whether the element is a wrapper of the article's text rather than a part beside it
    (known once the main text is found: ``remember_main``)."""
    return el in ctx.memo("main_ancestors", frozenset)


def in_chrome(ctx: PageContext, el: html.HtmlElement) -> bool:
    """Whether the element is, or is inside, page chrome (memoised per page)."""
    memo: dict[html.HtmlElement, bool] = ctx.memo("chrome", dict)
    path: list[html.HtmlElement] = []
    node: html.HtmlElement | None = el
    result = False
    while node is not None and node.tag not in _NEVER:
        if node in memo:
            result = memo[node]
            break
        path.append(node)
        if far_chrome_marked(ctx, node) and not holds_article(ctx, node):
            result = True
            break
        node = node.getparent()
    for seen in path:
        memo[seen] = result
    return result


def remember_main(ctx: PageContext, *texts: html.HtmlElement) -> None:
    """Once the main text is known, the ancestors of its container and of its best block
    are never chrome (a container may climb to a wrapper above a "sidebar-grid")."""
    ancestors = {node for el in texts for node in (el, *el.iterancestors())}
    ctx.remember("main_ancestors", frozenset(ancestors))
    ctx.forget("chrome")  # answers given before may change


def forget_main(ctx: PageContext) -> None:
    """Undo ``remember_main``: the main text is to be searched for again."""
    ctx.forget("main_ancestors")
    ctx.forget("chrome")
