"""Short lines and what they are: a date/counter line, a chrome line, a lead-in."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import html

from scraper.extract.dates import find_date_text
from scraper.extract.generic import vocabulary as vocab
from scraper.extract.generic.context import INVISIBLE_TAGS, PageContext
from scraper.extract.views import find_view_count, remove_view_counter

SHORT = 200  # longest text of a date line, a counter or a credit
_PUNCTUATION = re.compile(r"[\s:|/•\-–—,()\[\]]+")


def is_meta_line(text: str) -> bool:
    """A line that prints a date and/or a view counter and little else, not a sentence."""
    if text.endswith((".", "?", "!")):
        return False
    date = find_date_text(text)
    views = find_view_count(text)
    if not date and views is None:
        return False
    rest = remove_view_counter(text)
    if date:
        rest = rest.replace(date, " ")
    rest = vocab.META_WORDS.sub(" ", rest)
    rest = _PUNCTUATION.sub(" ", rest).strip()
    return len(rest.split()) <= 4


def is_chrome_line(text: str) -> bool:
    """ "Tin liên quan", "Chia sẻ", "In bài"...: a short line of the article's chrome."""
    return len(text.split()) <= 6 and bool(vocab.CHROME_LINE.match(text))


def is_lead_in(ctx: PageContext, el: html.HtmlElement) -> bool:
    """A bold or italic opening of a body paragraph ("<strong>Ngày 20/11/2024,</strong> …"):
    the sentence goes on right after it, on the same line."""
    parent = el.getparent()
    return (
        el.tag in ("strong", "b", "em", "i", "u", "font", "span")
        and parent is not None
        and ctx.text_len.get(parent, 0) > ctx.text_len.get(el, 0) + 20
        and len((el.tail or "").strip()) > 10
    )


def short_elements(ctx: PageContext) -> list[tuple[html.HtmlElement, str]]:
    """The largest elements whose text is short and holds no block (a date line, a
    counter, a credit), with their text, in page order (worked out once per page: the
    date, the counter, the credit and the category all read them)."""
    return ctx.memo("short elements", lambda: list(_short_elements(ctx)))


def _short_elements(ctx: PageContext) -> Iterator[tuple[html.HtmlElement, str]]:
    stack = [ctx.root]
    text_len, hidden, blocks_inside = ctx.text_len, ctx.hidden, ctx.blocks_inside
    while stack:
        el = stack.pop()
        if el.tag in INVISIBLE_TAGS or el in hidden:
            continue
        length = text_len.get(el, 0)
        if length == 0:
            continue
        if length <= SHORT and el not in blocks_inside:  # one line: no child starts a block
            yield el, ctx.text(el)
            continue
        stack.extend(reversed([c for c in el if isinstance(c.tag, str)]))
