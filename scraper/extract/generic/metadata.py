"""Everything around the text: headline, date, view counter, credit, lead, category,
tags, related links, lead images.

Each rule leans on what news pages share: the headline matches og:title or <title>; the
date line and the counter sit next to the headline (or in the article's own header) and
often carry a label; the credit closes the text or sits in author markup; boxes of other
articles (a sidebar's "Tin mới", a related list) announce themselves by heading or
class. The values are read by the shared extractors (dates, views, credits), so each field
has one parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from lxml import etree, html

from scraper.extract.credits import Credit, looks_like_name, parse_credit
from scraper.extract.dates import (
    find_date_text,
    has_time_of_day,
    parse_iso_datetime,
    parse_vietnamese_datetime,
    to_iso,
)
from scraper.extract.generic import vocabulary as vocab
from scraper.extract.generic.body import main_text
from scraper.extract.generic.chrome import in_chrome, near_chrome_marked
from scraper.extract.generic.context import INLINE_TAGS, PageContext
from scraper.extract.generic.lines import (
    is_chrome_line,
    is_lead_in,
    is_meta_line,
    short_elements,
)
from scraper.extract.html import caption_node
from scraper.extract.text import clean_line, nfc
from scraper.extract.views import bare_count, find_view_count

_MIN_TITLE_WORDS = 4
_TITLE_WORD = re.compile(r"(?:^| )title(?: |$)")
_BREADCRUMB_WORD = re.compile(r"(?:^| )breadcrumb")
# How far after the headline (elements in page order) its date stamp may be.
_STAMP_REACH = 40
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—:»·/]\s+")
_CREDIT_LINE = re.compile(r"(?:tác\s+giả|bài\s*(?:và\s+ảnh)?\s*:|theo\s)", re.IGNORECASE)


# What a box heading may hold besides its words: inline markup and an icon.
_HEADING_CHILDREN = INLINE_TAGS | {"svg", "use", "path"}


class Published(NamedTuple):
    text: str | None  # as printed, label left out
    iso: str | None  # ISO 8601 in +07:00


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def _prepared(ctx: PageContext) -> PageContext:
    """The main text is found first: its ancestors are never chrome for the other rules."""
    main_text(ctx)
    return ctx


def in_anchor(el: html.HtmlElement) -> bool:
    return el.tag == "a" or any(a.tag == "a" for a in el.iterancestors())


# --------------------------------------------------------------------------- headline


def strip_site_name(title: str, site: str = "") -> str:
    """ "<Headline> - Công an tỉnh X" -> "<Headline>": the site's part is the known site name,
    else the shorter side of the last separator."""
    title = clean_line(title)
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    if site:
        kept = [p for p in parts if not _same(p, site)]
        if len(kept) < len(parts):
            return " - ".join(kept) if kept else title
    head, tail = title.rsplit(_TITLE_SEPARATOR.findall(title)[-1], 1)
    return head if len(head) >= len(tail) else tail


def _title_refs(ctx: PageContext) -> list[str]:
    refs = [ctx.meta_value("og:title", "twitter:title")]
    refs += [clean_line(i["headline"]) for i in ctx.json_ld if isinstance(i.get("headline"), str)]
    refs.append(ctx.doc_title)
    return [r for r in dict.fromkeys(refs) if r]


def headline(ctx: PageContext) -> html.HtmlElement | None:
    """The element printing the headline (memoised): the heading that matches og:title,
    JSON-LD or <title>, else the first <h1> outside page chrome that does not link home."""
    return ctx.memo("headline", lambda: _find_headline(ctx))


def adopt_headline(ctx: PageContext, el: html.HtmlElement) -> None:
    """An adapter's headline element is the one the other rules place things by (the
    date line and the counter nearest it, the lead under it): not searched for again."""
    ctx.remember("headline", el)


def _find_headline(ctx: PageContext) -> html.HtmlElement | None:
    _prepared(ctx)
    headings = _headings(ctx)
    refs = _title_refs(ctx)
    found = _heading_matching(ctx, headings, refs)
    if found is None:
        found = next(
            (
                el
                for el, text in headings
                if el.tag == "h1" and len(text.split()) >= 2 and not el.xpath(".//a[@href='/']")
            ),
            None,
        )
    return found if found is not None else _headline_without_heading(ctx, refs)


def _headings(ctx: PageContext) -> list[tuple[html.HtmlElement, str]]:
    """Headings (and elements of a "title" class) outside chrome, with their short text."""
    headings = []
    for el in ctx.in_order([*ctx.root.iter("h1", "h2", "h3"), *ctx.marked(_TITLE_WORD)]):
        if el.tag in ("title", "a", "meta") or in_chrome(ctx, el) or el in ctx.hidden:
            continue
        text = ctx.text(el)
        if text and len(text) <= 300:
            headings.append((el, text))
    return headings


def _heading_matching(
    ctx: PageContext, headings: list[tuple[html.HtmlElement, str]], refs: list[str]
) -> html.HtmlElement | None:
    """The heading printing a reference title: exactly, else the longest heading printed
    inside it."""
    for ref in refs:
        for el, text in headings:
            if _same(text, ref):
                return _outermost_same(ctx, el, text)
    for ref in refs:
        inside = [
            (el, text)
            for el, text in headings
            if len(text.split()) >= _MIN_TITLE_WORDS and text.casefold() in ref.casefold()
        ]
        if inside:
            el, text = max(inside, key=lambda pair: len(pair[1]))
            return _outermost_same(ctx, el, text)
    return None


_HEADLINE_HOLDERS = frozenset({"b", "strong", "font", "span", "div", "td", "p", "center"})
# What may wrap a headline printing nothing else (not a block: a block is its line).
_HEADLINE_WRAPPERS = frozenset({"h1", "h2", "h3", "b", "strong", "font", "span", "a"})


def _headline_without_heading(ctx: PageContext, refs: list[str]) -> html.HtmlElement | None:
    """A page with no heading element (old hand-made pages print the headline in bold
    <font>): the outermost short element whose text starts with the <title>'s headline."""
    cores = [strip_site_name(ref, ctx.site_name) for ref in refs]
    cores = [c.casefold() for c in cores if len(c.split()) >= _MIN_TITLE_WORDS]
    if not cores:
        return None
    found: list[tuple[int, int, html.HtmlElement]] = []
    for el in ctx.order:
        if el.tag not in _HEADLINE_HOLDERS or ctx.text_len.get(el, 0) > 300 or in_anchor(el):
            continue
        text = ctx.text(el).casefold()
        starts = any(text.startswith(c) and len(text) <= 2 * len(c) + 40 for c in cores)
        if text and starts and not in_chrome(ctx, el) and ctx.is_visible(el):
            found.append((len(text), ctx.position(el), el))
    if not found:
        return None
    _, _, el = min(found, key=lambda item: item[:2])  # the headline alone, not its line
    return _outermost_same(ctx, el, ctx.text(el))


def _outermost_same(ctx: PageContext, el: html.HtmlElement, text: str) -> html.HtmlElement:
    """The heading itself rather than a span inside it printing the same text."""
    for parent in el.iterancestors():
        if parent.tag in _HEADLINE_WRAPPERS and ctx.text(parent) == text:
            el = parent
        else:
            break
    return el


def find_title(ctx: PageContext) -> str:
    """The headline: its element's text, else og:title/JSON-LD, else <title> without the
    site name."""
    node = headline(ctx)
    if node is not None:
        return ctx.text(node)
    refs = _title_refs(ctx)
    fallback = next((r for r in refs if r != ctx.doc_title), ctx.doc_title)
    return strip_site_name(fallback, ctx.site_name)


# --------------------------------------------------------------------------- places


def _distance(ctx: PageContext, el: html.HtmlElement, anchor: html.HtmlElement | None) -> int:
    if anchor is None:
        return ctx.position(el)
    gap = ctx.position(el) - ctx.position(anchor)
    # above the headline is much less likely (a left column, a ticker, a site counter)
    return gap if gap >= 0 else -gap * 4 + 20


def in_box_headed(ctx: PageContext, el: html.HtmlElement, limit: int = 6) -> bool:
    """Inside a box whose heading names a list of other articles ("Tin mới", "Xem nhiều")."""
    for level, box in enumerate(el.iterancestors()):
        if level >= limit or box.tag in ("body", "html"):
            return False
        first = next((c for c in box if isinstance(c.tag, str)), None)
        if first is None or first is el or first in el.iterancestors():
            continue  # the element itself opens the box: no heading above it
        if ctx.text_len.get(first, 0) <= 40:
            text = ctx.text(first)
            heading = vocab.BOX_HEADING.match(text) or vocab.RELATED_HEADING.match(text)
            # the whole first child is the heading, not a heading followed by its links
            if heading and len(text[heading.end() :].split()) <= 1:
                return True
    return False


def in_listing_item(ctx: PageContext, el: html.HtmlElement, limit: int = 3) -> bool:
    """Part of an item that links another article by its headline (a sidebar's or a
    related list's "title + date" item), not of the article's own header."""
    here = ctx.url.split("#")[0].rstrip("/")
    for level, item in enumerate(el.iterancestors()):
        if level >= limit or item.tag in ("body", "html") or ctx.text_len.get(item, 0) > 400:
            return False
        for a in item.iter("a"):
            href = (a.get("href") or "").split("#")[0].rstrip("/")
            if href and not here.endswith(href) and len(ctx.text(a).split()) >= 5:
                return True
    return False


def _lines_printing(
    ctx: PageContext, prints: Callable[[str], object]
) -> list[tuple[html.HtmlElement, str]]:
    """The short lines whose text `prints` something (a date, a counter), in page order."""
    return [(el, text) for el, text in short_elements(ctx) if prints(text)]


def _placed_as_meta(ctx: PageContext, el: html.HtmlElement) -> bool:
    """Where the article's own date or counter line may sit: not in page chrome, a link,
    a box of other articles or an item linking another article. Asked of the lines
    nearest the headline first, and only until one answers: it reads the structure."""
    _prepared(ctx)
    if in_chrome(ctx, el) or in_anchor(el) or in_box_headed(ctx, el):
        return False
    return not in_listing_item(ctx, el)


# --------------------------------------------------------------------------- date


def find_published(ctx: PageContext) -> Published:
    """The publication date: a labelled line near the headline ("Đăng ngày:", "Ngày đăng:"),
    else a line that prints little but a date, else <time datetime>, article:published_time
    or JSON-LD; a machine-readable time of day completes a printed date without one."""
    return ctx.memo("published", lambda: _published(ctx))


def _published(ctx: PageContext) -> Published:
    found = _printed_dates(ctx)
    machine = machine_published(ctx)
    if found and (found[0][0] < _ANY_LINE or machine is None):
        printed = found[0][2]
        moment = parse_vietnamese_datetime(printed)
        if (
            moment is not None
            and machine is not None
            and machine[1]
            and not has_time_of_day(printed)
            and machine[0].date() == moment.date()
        ):
            moment = machine[0]
        return Published(printed, to_iso(moment))
    if machine is not None:
        exact = machine[0]
        # the printed form of the machine date, if some line near the headline shows it
        shown = next(
            (
                text
                for _, _, text in found
                if (day := parse_vietnamese_datetime(text)) and day.date() == exact.date()
            ),
            None,
        )
        return Published(shown, to_iso(exact))
    return Published(None, None)


# How a printed date ranks by what its line says around it (lower is better).
_PUBLISH_LABELLED, _MODIFY_LABELLED, _DATE_LINE, _ANY_LINE = 0.0, 0.5, 1.0, 2.0


def _printed_dates(ctx: PageContext) -> list[tuple[float, int, str]]:
    """The dates printed on the page's short lines as (rank, distance from the headline,
    date as printed), best first."""
    title = headline(ctx)
    found: list[tuple[float, int, str]] = []
    for el, text in _lines_printing(ctx, find_date_text):
        if is_lead_in(ctx, el) or not _placed_as_meta(ctx, el):
            continue
        date_text = find_date_text(text)
        if not date_text:
            continue
        distance = _distance(ctx, el, title)
        found.append((_date_rank(text, date_text, distance), distance, date_text))
    found.sort(key=lambda item: item[:2])
    return found


def _date_rank(text: str, date_text: str, distance: int) -> float:
    before = text[: text.find(date_text)]
    if vocab.PUBLISH_LABEL.search(before):
        return _PUBLISH_LABELLED
    if vocab.MODIFIED_LABEL.search(before):
        # "Cập nhật:" is the only date many portals print; a publication label wins
        return _MODIFY_LABELLED
    if is_meta_line(text) or (
        # a stamp with its time of day right under the headline, among other fields
        has_time_of_day(date_text) and distance <= _STAMP_REACH and len(text) <= 160
    ):
        return _DATE_LINE
    return _ANY_LINE


def machine_published(ctx: PageContext) -> tuple[datetime, bool] | None:
    """(moment, has a time of day) from <time>/itemprop nearest the headline, the meta
    tags or JSON-LD, in that order of trust."""
    title = headline(ctx)
    marked = []
    for el in ctx.in_order([*ctx.root.iter("time"), *ctx.having("itemprop", "datePublished")]):
        if el.tag != "meta" and (in_chrome(ctx, el) or in_listing_item(ctx, el)):
            continue
        value = el.get("datetime") or el.get("content") or ""
        if parse_iso_datetime(value):
            published = el.get("itemprop") == "datePublished" or "publish" in ctx.words(el)
            marked.append((not published, _distance(ctx, el, title), value))
    values = [value for *_, value in sorted(marked)]
    values.append(
        ctx.meta_value(
            "article:published_time", "og:published_time", "pubdate", "publishdate", "date",
            "dc.date.issued", "dc.date",
        )
    )  # fmt: skip
    values += [str(item.get("datePublished", "")) for item in ctx.json_ld]
    for value in values:
        parsed = parse_iso_datetime(value)
        if parsed:
            return parsed
    return None


# --------------------------------------------------------------------------- views


def find_views(ctx: PageContext) -> int | None:
    """The view counter nearest the headline ("Lượt xem: 1.234", "Đã xem", "N lượt xem")."""
    title = headline(ctx)
    lines = [
        (_distance(ctx, el, title), ctx.position(el), el, count)
        for el, text in short_elements(ctx)
        if (count := find_view_count(text)) is not None  # "Lượt xem: 0" is a counter
    ]
    # nearest first (page order among equals): the first one placed as a counter is it
    for _, _, el, count in sorted(lines, key=lambda line: line[:2]):
        if _placed_as_meta(ctx, el) and not _in_site_statistics(ctx, el):
            return count
    for el in ctx.marked(vocab.VIEWS_WORDS):  # an eye icon and a bare number in a "views" element
        if el.tag in INLINE_TAGS - {"span", "b", "strong", "em", "i", "small"}:
            continue
        if ctx.text_len.get(el, 0) > 20:
            continue
        count = bare_count(ctx.text(el))
        if count is not None and not in_chrome(ctx, el):
            return count
    return None


def _in_site_statistics(ctx: PageContext, el: html.HtmlElement, levels: int = 3) -> bool:
    """Part of the site's visitor statistics ("Đang trực tuyến", "Tổng lượt truy cập")."""
    for node in (el, *list(el.iterancestors())[:levels]):
        if node.tag in ("body", "html") or ctx.text_len.get(node, 0) > 400:
            return False
        if vocab.SITE_STATISTICS.search(ctx.text(node)):
            return True
    return False


# --------------------------------------------------------------------------- credit


def find_credit(ctx: PageContext, blocks: list[str], *, site: str = "") -> Credit | None:
    """Who wrote it: a credit among the text's last lines (then removed from `blocks`,
    with the share or chrome lines after it), else author markup (".author", a
    "Tác giả:" line, rel=author), else JSON-LD or meta author unless that names the site
    or a CMS account."""
    credit = credit_in_last_lines(blocks)
    if credit is None:
        _prepared(ctx)
        credit = _marked_credit(ctx)
    if credit is None:
        credit = _credit_line(ctx)
    return credit if credit is not None else _declared_credit(ctx, site)


def _marked_credit(ctx: PageContext) -> Credit | None:
    """A visible element of author markup (rel/itemprop author, an author class)."""
    declared = [*ctx.having("rel", "author"), *ctx.having("itemprop", "author")]
    for el in ctx.in_order([*declared, *ctx.marked(vocab.AUTHOR_WORDS)]):
        if in_chrome(ctx, el) or ctx.text_len.get(el, 0) > 120:
            continue
        if not ctx.is_visible(el):
            continue  # NukeViet's hidden schema.org author falls back to the posting account
        credit = credit_from_markup(ctx.text(el))
        if credit is not None:
            return credit
    return None


def _credit_line(ctx: PageContext) -> Credit | None:
    """A short "Tác giả: …" / "Bài và ảnh: …" / "Theo …" line outside chrome."""
    for el, text in short_elements(ctx):
        if _CREDIT_LINE.match(text) and not in_chrome(ctx, el):
            credit = parse_credit(text)
            if credit is not None:
                return credit
    return None


def _declared_credit(ctx: PageContext, site: str) -> Credit | None:
    """The JSON-LD or meta author, unless it names the site, the police or a CMS account."""
    names = [str(a.get("name", "")) for item in ctx.json_ld for a in _json_ld_authors(item)]
    names.append(ctx.meta_value("author", "article:author", "dc.creator"))
    for name in map(clean_line, filter(None, names)):
        if site and (_same(name, site) or site.casefold() in name.casefold()):
            continue
        if "công an" in name.lower() or "." in name or "/" in name:
            continue
        credit = credit_from_markup(name)
        if credit is not None:
            return credit
    return None


def credit_in_last_lines(blocks: list[str], lines: int = 3) -> Credit | None:
    """A credit line closing the text, or followed only by share/chrome lines; it and what
    follows it are taken out of `blocks`."""
    for back in range(1, min(lines, len(blocks)) + 1):
        index = len(blocks) - back
        credit = parse_credit(blocks[index])
        if credit is not None:
            after = blocks[index + 1 :]
            if all(is_chrome_line(line) or len(line.split()) <= 3 for line in after):
                del blocks[index:]
                return credit
        if not (is_chrome_line(blocks[index]) or len(blocks[index].split()) <= 3):
            return None
    return None


def credit_from_markup(text: str) -> Credit | None:
    """A credit from author markup: "Bởi Lò Văn Hùng", "Tác giả: PV", a bare name; a CMS
    account ("Viết bởi Administrator") is nobody."""
    text = clean_line(text).strip(" -–—|,:")
    if not text or len(text) > 90:
        return None
    labelled = parse_credit(text)
    if labelled is not None and labelled.author != text:
        return None if _is_account(labelled.author) else labelled
    name = vocab.AUTHOR_PREFIX.sub("", text).strip()
    if _is_account(name):
        return None
    if name and looks_like_name(name):
        return Credit(name, name)
    return labelled


def _is_account(name: str) -> bool:
    return name.casefold() in vocab.ACCOUNT_NAMES


# --------------------------------------------------------------------------- lead


def find_summary(ctx: PageContext) -> html.HtmlElement | None:
    """The lead shown apart from the text: an element with a lead class (sapo, lead,
    summary, hometext...) after the headline and before the text ends, else a paragraph
    that the text search joined before the text's container, else a bold paragraph
    between the headline and the text."""
    return ctx.memo("summary", lambda: _find_summary(ctx))


def _find_summary(ctx: PageContext) -> html.HtmlElement | None:
    found = main_text(ctx)
    title = headline(ctx)
    start = ctx.position(title) if title is not None else -1
    container = found.container if found is not None else None
    lead = _lead_of_class(ctx, start, container)
    if lead is not None or found is None or container is None or title is None:
        return lead
    for node in found.nodes:  # a paragraph joined to the text before its container
        if node is container:
            break
        if ctx.position(node) > start and _lead_like(ctx, node):
            return node
    return _bold_lead(ctx, title, container)


def _lead_of_class(
    ctx: PageContext, start: int, container: html.HtmlElement | None
) -> html.HtmlElement | None:
    """An element of a lead class after the headline (at `start`) and before the end of
    the text's container."""
    end = None
    if container is not None:
        last = next(reversed(list(container.iter())), container)
        end = ctx.position(last)
    for el in ctx.marked(vocab.SUMMARY_WORDS):
        if el.tag in ("meta", "img", "a", "html", "body") or el in ctx.hidden:
            continue
        if vocab.CAPTION_WORDS.search(ctx.words(el)):
            continue
        if ctx.position(el) < start or in_chrome(ctx, el) or in_anchor(el):
            continue
        if container is not None and (el is container or el in container.iterancestors()):
            continue
        if near_chrome_marked(ctx, el) or any(
            near_chrome_marked(ctx, a) for a in el.iterancestors()
        ):
            continue  # "taglib-asset-tags-summary" is a tag list, not a lead
        if end is not None and ctx.position(el) > end:
            continue  # a lead comes before the end of the article text
        if is_caption(el):
            continue
        text = ctx.text(el)
        if 30 <= len(text) <= 1200 and not el.xpath(".//h1"):
            return el
    return None


def _bold_lead(
    ctx: PageContext, title: html.HtmlElement, container: html.HtmlElement
) -> html.HtmlElement | None:
    """A bold paragraph between the headline and the text's container."""
    start, stop = ctx.position(title), ctx.position(container)
    for el in ctx.order:
        position = ctx.position(el)
        if position <= start or el in ctx.hidden:
            continue
        if position >= stop:
            break
        if el.tag not in ("p", "h2", "h3", "div") or el in container.iterancestors():
            continue
        if el is title or title in el.iterancestors() or el in title.iterancestors():
            continue
        if _lead_like(ctx, el) and _all_bold(ctx, el) and not in_chrome(ctx, el):
            return el
    return None


def _lead_like(ctx: PageContext, el: html.HtmlElement) -> bool:
    text = ctx.text(el)
    return (
        60 <= len(text) <= 1200
        and ctx.inline_len.get(el, 0) == ctx.text_len.get(el, 0)
        and ctx.link_density(el) < 0.25
        and not is_meta_line(text)
        and not el.xpath(".//img")
        and not is_caption(el)
    )


def _all_bold(ctx: PageContext, el: html.HtmlElement) -> bool:
    if el.tag in ("h2", "h3"):
        return True
    bold = "".join(ctx.text(b) for b in el.xpath("./strong | ./b | ./*/strong | ./*/b"))
    return bool(bold) and clean_line(bold) == ctx.text(el)


def _json_ld_authors(item: dict[str, Any]) -> list[dict[str, Any]]:
    """A JSON-LD object's author objects (one or a list of them)."""
    authors = item.get("author")
    return [a for a in (authors if isinstance(authors, list) else [authors]) if isinstance(a, dict)]


def is_caption(el: html.HtmlElement) -> bool:
    """The caption of an image beside or above it (figcaption, an image table's text
    cell, the italic line under a photo)."""
    if any(a.tag == "figure" for a in (el, *el.iterancestors())):
        return True
    near = [el.getprevious(), el.getparent(), *list(el.iterancestors())[1:3]]
    for holder in [n for n in near if n is not None]:
        for img in holder.iter("img"):
            caption = caption_node(img)
            if caption is not None and (caption is el or el in caption.iterancestors()):
                return True
            if caption is not None and caption in el.iterancestors():
                return True
    return False


def find_lead_images(ctx: PageContext) -> list[html.HtmlElement]:
    """Figures between the headline and the article text (a lead photo shown above the
    body, as NukeViet does), outside chrome and links."""
    found = main_text(ctx)
    title = headline(ctx)
    if found is None or title is None:
        return []
    start = ctx.position(title)
    end = ctx.position(found.nodes[0])
    figures: list[html.HtmlElement] = []
    for fig in ctx.root.iter("figure"):
        if not start < ctx.position(fig) < end or in_chrome(ctx, fig) or in_anchor(fig):
            continue
        if fig.find(".//img") is None or any(f in fig.iterancestors() for f in figures):
            continue
        if any(fig in n.iterancestors() for n in found.nodes):
            continue
        figures.append(fig)
    return figures


# --------------------------------------------------------------------------- around


def find_category(ctx: PageContext, title: str = "") -> str | None:
    """The section: the breadcrumb's last entry (not home, not the headline), else
    article:section or JSON-LD articleSection, else a "Chuyên mục:" label, else a
    category link or label near the top."""
    _prepared(ctx)
    category = _crumb_category(ctx, title) or _declared_section(ctx) or _labelled_category(ctx)
    return category or _category_element(ctx)


def _crumb_category(ctx: PageContext, title: str) -> str | None:
    """The last entry of the first breadcrumb trail that has one besides home and the
    headline."""
    for trail in _breadcrumb_trails(ctx):
        items = trail.findall(".//li") or trail.findall(".//a")
        names = [ctx.text(i).strip(" »>/›|") for i in items]
        names = [n for n in names if n and not vocab.HOME_CRUMB.match(n)]
        names = [n for n in names if not _same(n, title) and len(n) <= 80]
        if names:
            return names[-1]
    return None


def _breadcrumb_trails(ctx: PageContext) -> list[html.HtmlElement]:
    """The outermost breadcrumb elements, in page order."""
    trails: list[html.HtmlElement] = []
    typed = [el for el, v in ctx.attributes.get("itemtype", ()) if "BreadcrumbList" in v]
    named = [n for n in ctx.root.iter("nav") if "breadcrumb" in (n.get("aria-label") or "").lower()]
    for el in ctx.in_order([*ctx.marked(_BREADCRUMB_WORD), *typed, *named]):
        trail = el
        parent = el.getparent()
        if el.tag in ("a", "li", "span") and parent is not None:
            trail = parent  # a crumb's own class: the trail is its parent
        if trail not in trails and not any(t in trail.iterancestors() for t in trails):
            trails.append(trail)
    return trails


def _declared_section(ctx: PageContext) -> str:
    """article:section, else JSON-LD articleSection."""
    section = ctx.meta_value("article:section")
    if not section:
        sections = [i.get("articleSection") for i in ctx.json_ld]
        section = next((clean_line(s) for s in sections if isinstance(s, str) and s), "")
    return section


def _labelled_category(ctx: PageContext) -> str | None:
    """The name after a "Chuyên mục:" label on a short line outside chrome."""
    for el, text in short_elements(ctx):
        label = vocab.CATEGORY_LABEL.match(text)
        if label and not in_chrome(ctx, el):
            name = text[label.end() :].strip()
            if name and len(name) <= 60:
                return name
    return None


def _category_element(ctx: PageContext) -> str | None:
    """The short text of the first element of a category class outside chrome."""
    for el in ctx.marked(vocab.CATEGORY_WORDS):
        if el.tag in ("html", "body", "meta"):
            continue
        if not in_chrome(ctx, el):
            text = ctx.text(el)
            if text and len(text) <= 60 and not find_date_text(text):
                return vocab.CATEGORY_LABEL.sub("", text) or None
    return None


def find_tags(ctx: PageContext) -> list[str]:
    """Keyword links of the article: rel=tag, a tags/keywords box, or the links after a
    "Tags:"/"Từ khóa:" label; not tag clouds in the sidebar."""
    _prepared(ctx)
    anchors = [
        a
        for a in ctx.root.iter("a")
        if "tag" in (a.get("rel") or "").split() and "category" not in (a.get("rel") or "")
    ]
    tag_boxes = ctx.marked(vocab.TAG_WORDS)
    labelled = [
        box
        for box in _starting_with(ctx, ("tag", "từ"))
        if ctx.text_len.get(box, 0) <= 400 and _TAG_LABEL.match(ctx.text(box))
    ]
    for box in ctx.in_order([*tag_boxes, *labelled]):
        if box.tag in ("html", "body", "a", "meta", "link"):
            continue
        if not in_chrome(ctx, box):
            anchors += [a for a in box.iter("a") if "category" not in (a.get("rel") or "")]
    tags: list[str] = []
    for a in anchors:
        if in_chrome(ctx, a):
            continue
        text = ctx.text(a).lstrip("#").strip()
        if text and text not in tags and len(text) <= 60 and not re.match(r"^tags?$", text, re.I):
            tags.append(text)
    return tags


_TAG_LABEL = re.compile(r"^(?:tags?|từ\s+khó[aá]|từ\s+khoá)\s*[:：]", re.IGNORECASE)


def _starting_with(ctx: PageContext, starts: tuple[str, ...]) -> set[html.HtmlElement]:
    """Every element whose text may start with one of `starts` (lower case, each opening
    with "t"): the holders of a text run that starts so, and their ancestors.
    A text's first run is one of its elements' own, and a word split over two runs reads
    as two words (``join_fragments``), so no element whose text starts so is missed; the
    caller checks the text itself."""
    # (element, a run it holds): its own text, and the tail of each child element,
    # comment or processing instruction. A run opening with neither "t" nor "T" is ruled
    # out before any NFC or case folding: composition keeps a run's first letter, and the
    # one other letter that case-folds to a leading t ("ẗ") folds to t and a combining
    # diaeresis, after which no start here can follow
    if not all(start.startswith("t") for start in starts):
        raise ValueError(f"starts must open with 't': {starts}")
    firsts = {"t", "T"}
    runs: list[tuple[html.HtmlElement, str]] = []
    for el in ctx.order:
        text = el.text
        if text and text.lstrip()[:1] in firsts:
            runs.append((el, text))
        tail = el.tail
        if tail and tail.lstrip()[:1] in firsts and (parent := el.getparent()) is not None:
            runs.append((parent, tail))
    for node in ctx.root.iter(etree.Comment, etree.ProcessingInstruction):
        tail = node.tail
        if tail and tail.lstrip()[:1] in firsts and (parent := node.getparent()) is not None:
            runs.append((parent, tail))
    holders: set[html.HtmlElement] = set()
    for holder, run in runs:
        if holder not in holders and nfc(run.lstrip()[:6]).casefold().startswith(starts):
            holders.update((holder, *holder.iterancestors()))
    return holders


def find_related_anchors(ctx: PageContext) -> list[html.HtmlElement]:
    """Links of the "Tin liên quan" blocks: a related-class box outside the sidebar, or the
    list under a "Tin liên quan"/"Tin cùng chuyên mục"/"Những tin mới hơn" heading."""
    boxes = [
        el
        for el in ctx.marked(vocab.RELATED_WORDS)
        if el.tag not in ("html", "body", "a") and not in_sidebar(ctx, el)
    ]
    boxes += _boxes_under_related_headings(ctx)
    anchors: list[html.HtmlElement] = []
    seen: set[html.HtmlElement] = set()
    for box in boxes:
        if any(b is not box and b in box.iterancestors() for b in boxes):
            continue  # nested in another box already taken
        for a in box.iter("a"):
            if a not in seen:
                seen.add(a)
                anchors.append(a)
    return sorted(anchors, key=ctx.position)


def _boxes_under_related_headings(ctx: PageContext) -> list[html.HtmlElement]:
    """For each "Tin liên quan" heading outside the sidebar, the smallest ancestor holding
    links besides the heading."""
    boxes = []
    text_len, initials = ctx.text_len, vocab.RELATED_HEADING_INITIALS
    for el in ctx.order:  # most elements are ruled out here, before a call
        if text_len.get(el, 0) > _RELATED_HEADING_MAX:
            continue
        own = el.text  # an element's text starts with its own, when it has any
        first = own.lstrip()[:1] if own else ""
        if first.isalnum() and first.lower() not in initials:
            continue
        if not _is_related_heading(ctx, el) or in_sidebar(ctx, el):
            continue
        box = el.getparent()
        while box is not None and not any(el not in a.iterancestors() for a in box.iter("a")):
            box = box.getparent()
        if box is not None and box.tag not in ("body", "html") and ctx.text_len[box] < 3000:
            boxes.append(box)
    return boxes


_RELATED_HEADING_MAX = 60  # characters


def _is_related_heading(ctx: PageContext, el: html.HtmlElement) -> bool:
    if el.tag in ("a", "html", "body") or ctx.text_len.get(el, 0) > _RELATED_HEADING_MAX:
        return False
    if (
        el.tag not in INLINE_TAGS
        # a hidden element was not measured: its children are looked at
        and (el in ctx.blocks_inside or not ctx.text_len.get(el))
        and any(isinstance(c.tag, str) and c.tag not in _HEADING_CHILDREN for c in el)
    ):
        return False
    text = ctx.text(el)
    return bool(vocab.RELATED_HEADING.match(text)) and len(text.split()) <= 8


def in_sidebar(ctx: PageContext, el: html.HtmlElement, *, nav_ok: bool = False) -> bool:
    """Inside a sidebar, menu or footer (`nav_ok`: a <nav> may hold the pager)."""
    tags = ("aside", "footer") if nav_ok else ("aside", "nav", "footer")
    for node in (el, *el.iterancestors()):
        if node.tag in ("body", "html"):
            return False
        if node.tag in tags or vocab.SIDEBAR_WORDS.search(ctx.words(node)):
            return not _holds_main(ctx, node)
    return False


def _holds_main(ctx: PageContext, el: html.HtmlElement) -> bool:
    return el in ctx.memo("main_ancestors", frozenset)
