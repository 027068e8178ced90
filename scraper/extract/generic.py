"""Field rules for layouts no adapter was written for.

Every rule works on the one lxml tree of the page and leans on what all news pages share:
the headline matches og:title/<title>, the date line sits next to the headline and often
carries a label ("Đăng ngày:"), the article text is the block with the most prose and the
fewest links, and menus, sidebars ("Tin mới", "Tin xem nhiều"), share bars, comment forms
and related lists announce themselves by tag, class, id or heading. The values themselves
are read by the shared extractors (dates, views, credits, html), so there is one way of
parsing each field.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple
from urllib.parse import parse_qsl, urljoin, urlsplit

from lxml import html

from scraper.extract.credits import Credit, looks_like_name, parse_credit
from scraper.extract.dates import (
    VIETNAM_TZ,
    find_date_text,
    parse_iso_datetime,
    parse_vietnamese_datetime,
)
from scraper.extract.html import BLOCK_TAGS, element_text, meta_content
from scraper.extract.text import clean_line
from scraper.extract.urls import canonicalize_url, same_site
from scraper.extract.views import find_view_count, remove_view_counter

# Page chrome that is never the article: site menus, sidebars and their boxes, footers,
# comment sections, related lists. Matched against class and id.
_FAR_CHROME = re.compile(
    r"nav|menu|sidebar|side-bar|aside|widget|footer|banner|breadcrumb|comment|respond|"
    r"related|relate|other-?news|lien-?quan|cung-?chuyen-?muc|tin-?khac|most-?view|"
    r"xem-?nhieu|doc-?nhieu|popular|hot-?news|latest|tin-?moi|top-?news|marquee|slider|"
    r"carousel|modal|popup|cookie|advert|\bads?\b|quang-?cao|login|search|copyright|"
    r"col-?right|right-?col|right-?side|cot-?phai",
    re.IGNORECASE,
)
# Inside the article but not its text: headers with title and date, share and print bars,
# tag lists, pagination, ratings.
_NEAR_CHROME = re.compile(
    r"header|share|sharing|social|tags?\b|keyword|tu-?khoa|pagination|paging|pager|"
    r"page-?nav|rating|print|toolbar|meta\b|post-?meta|entry-?meta|author|byline|tac-?gia",
    re.IGNORECASE,
)
_FAR_TAGS = frozenset({"nav", "aside", "footer", "form", "select", "option", "noscript"})
_NEAR_TAGS = frozenset(
    {"header", "footer", "script", "style", "iframe", "button", "textarea", "svg"}
)
_ROLES = frozenset({"navigation", "complementary", "contentinfo", "banner", "search"})
# Box headings of sidebar lists that link to articles but are not a listing's main list.
_BOX_HEADING = re.compile(
    r"^(?:tin|bài(?:\s+viết)?)\s+(?:mới(?:\s+nhất)?|xem\s+nhiều|đọc\s+nhiều|nổi\s+bật|"
    r"khác|liên\s+quan|cùng\s+chuyên\s+mục|tiêu\s+điểm|hot|ảnh|video)|^(?:xem|đọc)\s+nhiều|"
    r"^mới\s+nhất|^liên\s+kết|^tiêu\s+điểm|^nổi\s+bật|^video|^thư\s+viện",
    re.IGNORECASE,
)
_RELATED_HEADING = re.compile(
    r"^(?:tin|bài|tin\s+bài|các\s+tin|các\s+bài(?:\s+viết)?|bài\s+viết)\s*"
    r"(?:liên\s+quan|cùng\s+chuyên\s+mục|khác|mới\s+hơn|cũ\s+hơn|đã\s+đưa)|"
    r"^(?:xem|đọc)\s+thêm",
    re.IGNORECASE,
)
_CHROME_LINE = re.compile(
    r"^(?:tin\s+liên\s+quan|bài\s+viết\s+liên\s+quan|chia\s+sẻ|in\s+bài|gửi\s+email|"
    r"lưu\s+bài|bình\s+luận|ý\s+kiến\s+bạn\s+đọc|từ\s+khóa|từ\s+khoá|tags?|quay\s+lại|"
    r"về\s+đầu\s+trang|bản\s+in|facebook|zalo|twitter)\b",
    re.IGNORECASE,
)
_PUBLISH_LABEL = re.compile(
    r"(?:đăng\s+ngày|ngày\s+đăng|đăng\s+lúc|ngày\s+xuất\s+bản|xuất\s+bản|thời\s+gian\s+đăng|"
    r"posted|published|đăng\s+tải)\s*[:：]?\s*$",
    re.IGNORECASE,
)
_HOME_CRUMB = re.compile(r"^(?:trang\s+chủ|home|trang\s+nhất)$", re.IGNORECASE)
_AUTHOR_CLASS = re.compile(
    r"author|byline|tac-?gia|writer|nguoi-?viet|but-?danh|signature", re.IGNORECASE
)
_AUTHOR_PREFIX = re.compile(
    r"^(?:bởi|by|tác\s+giả|người\s+viết|bút\s+danh|viết\s+bởi|đăng\s+bởi)\s*[:：]?\s*",
    re.IGNORECASE,
)
_SUMMARY_CLASS = re.compile(
    r"sapo|\blead\b|summary|intro|hometext|chapeau|tom-?tat|abstract|teaser|mo-?ta|"
    r"description|\bdesc\b",
    re.IGNORECASE,
)
_CATEGORY_CLASS = re.compile(r"\bcat\b|category|chuyen-?muc|\bcate\b|section-?name", re.I)
_TAGS_CLASS = re.compile(r"tags|keyword|tu-?khoa|tag-?list|\btag\b", re.IGNORECASE)
_NEXT_TEXT = re.compile(
    r"^(?:trang\s+sau|trang\s+tiếp(?:\s+theo)?|tiếp(?:\s+theo)?|sau|next(?:\s+page)?|»|›|>|>>|→)"
    r"(?:\s*[»›>→]+)?$",
    re.IGNORECASE,
)
_PAGE_IN_URL = re.compile(
    r"(?:[/-]page[/-]|[?&](?:page|p|pg|trang|pageindex|currentpage)=|[/-]trang[/-]|-)(\d{1,4})"
    r"(?:\.html?|/)?(?:$|&)",
    re.IGNORECASE,
)
_STATIC = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|css|js|pdf|docx?|xlsx?|zip|rar|mp4|mp3)$", re.IGNORECASE
)
_TIME_OF_DAY = re.compile(r"\d{1,2}\s*[:h]\s*\d{2}")
_MIN_TITLE_WORDS = 4
_SHORT = 200  # longest text of a date line, counter or credit element
# Children that start a new line: an element holding them is a container, not one line.
_LINE_BREAKERS = BLOCK_TAGS - {"br"} | {"nav", "form"}


class Published(NamedTuple):
    text: str | None  # as printed, label left out
    iso: str | None  # ISO 8601 in +07:00


# --------------------------------------------------------------------------- chrome


def _tokens(el: html.HtmlElement) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def is_far_chrome(el: html.HtmlElement) -> bool:
    """Page parts that are never the article: menus, sidebars, footers, comments, related."""
    if not isinstance(el.tag, str):
        return False
    if el.tag in _FAR_TAGS or el.get("role") in _ROLES:
        # an <article>'s own footer/header (tags, credits) is part of the article
        return not (el.tag == "footer" and any(a.tag == "article" for a in el.iterancestors()))
    return bool(_FAR_CHROME.search(_tokens(el)))


def is_near_chrome(el: html.HtmlElement) -> bool:
    """Parts inside an article that are not its text: header, share/print bars, tag list."""
    if not isinstance(el.tag, str):
        return False
    return el.tag in _NEAR_TAGS or bool(_NEAR_CHROME.search(_tokens(el)))


class _Chrome:
    """Memoised "is this element inside page chrome" for one page.

    A wrapper whose class happens to match ("page-wrap nav-open") holds most of the page;
    only elements holding less than half of the page's text count as chrome.
    """

    def __init__(self, root: html.HtmlElement) -> None:
        self.page_len = max(_text_len(root), 1)
        self.memo: dict[html.HtmlElement, bool] = {}

    def inside(self, el: html.HtmlElement) -> bool:
        path = []
        node: html.HtmlElement | None = el
        result = False
        while node is not None:
            if node in self.memo:
                result = self.memo[node]
                break
            path.append(node)
            if is_far_chrome(node) and _text_len(node) < self.page_len / 2:
                result = True
                break
            node = node.getparent()
        for seen in path:
            self.memo[seen] = result
        return result


def _text_len(el: html.HtmlElement) -> int:
    return len(" ".join((el.text_content() or "").split()))


def _doc_order(root: html.HtmlElement) -> dict[html.HtmlElement, int]:
    return {el: i for i, el in enumerate(root.iter())}


def _in_anchor(el: html.HtmlElement) -> bool:
    return el.tag == "a" or any(a.tag == "a" for a in el.iterancestors())


def _json_ld(root: html.HtmlElement) -> list[dict]:
    """NewsArticle-like objects from JSON-LD scripts (graphs flattened)."""
    out: list[dict] = []
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
                if "headline" in item or "datePublished" in item:
                    out.append(item)
    return out


# --------------------------------------------------------------------------- title


def site_name(root: html.HtmlElement) -> str:
    return meta_content(root, "og:site_name", "application-name")


def strip_site_name(title: str, site: str = "") -> str:
    """ "<Headline> - Công an tỉnh X" -> "<Headline>": the site's part is the known site name,
    else the shorter side of the last separator."""
    title = clean_line(title)
    parts = re.split(r"\s+[-|–—:»]\s+", title)
    if len(parts) < 2:
        return title
    if site:
        kept = [p for p in parts if p.casefold() != site.casefold()]
        if len(kept) < len(parts):
            return " - ".join(kept) if kept else title
    head, tail = title.rsplit(re.findall(r"\s+[-|–—:»]\s+", title)[-1], 1)
    return head if len(head) >= len(tail) else tail


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def title_node(root: html.HtmlElement) -> html.HtmlElement | None:
    """The element printing the headline: the heading that matches og:title or <title>,
    else the first <h1> outside page chrome that does not link home."""
    refs = [r for r in (meta_content(root, "og:title", "twitter:title"), _doc_title(root)) if r]
    chrome = _Chrome(root)
    headings = [
        h
        for h in root.xpath("//h1 | //h2 | //h3 | //*[contains(@class, 'title')]")
        if not chrome.inside(h)
    ]
    texts = [(h, element_text(h)) for h in headings]
    for ref in refs:  # exact match first, then the heading inside the <title>
        for h, text in texts:
            if text and _same(text, ref):
                return h
    for ref in refs:
        for h, text in texts:
            if len(text.split()) >= _MIN_TITLE_WORDS and text.casefold() in ref.casefold():
                return h
    for h, text in texts:
        if h.tag == "h1" and len(text.split()) >= 2 and not h.xpath(".//a[@href='/']"):
            return h
    return None


def _doc_title(root: html.HtmlElement) -> str:
    return clean_line(root.findtext(".//title") or "")


def find_title(root: html.HtmlElement) -> str:
    """The headline: heading matching og:title/<title>, else og:title, else <title> without
    the site name."""
    node = title_node(root)
    if node is not None:
        return element_text(node)
    og = meta_content(root, "og:title", "twitter:title")
    for item in _json_ld(root):
        if not og and isinstance(item.get("headline"), str):
            og = clean_line(item["headline"])
    return strip_site_name(og or _doc_title(root), site_name(root))


# --------------------------------------------------------------------------- short lines


def _short_elements(root: html.HtmlElement) -> Iterator[tuple[html.HtmlElement, str]]:
    """Largest elements whose text is short (a date line, a counter, a credit), with it."""
    stack = [root]
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "head", "select"):
            continue
        length = _text_len(el)
        if length == 0:
            continue
        blocks_inside = any(isinstance(c.tag, str) and c.tag in _LINE_BREAKERS for c in el)
        if length <= _SHORT and not blocks_inside:
            yield el, element_text(el)
            continue
        stack.extend(reversed(list(el)))


def _lead_in(el: html.HtmlElement, text: str) -> bool:
    """A bold or italic opening inside a body paragraph ("<strong>Ngày 20/11/2024,</strong> …")."""
    parent = el.getparent()
    return (
        el.tag in ("strong", "b", "em", "i", "u", "font")
        and parent is not None
        and parent.tag in ("p", "div", "td")
        and _text_len(parent) > len(text) + 20
    )


def _distance(order: dict, el: html.HtmlElement, anchor: html.HtmlElement | None) -> int:
    if anchor is None:
        return order.get(el, 0)
    gap = order.get(el, 0) - order.get(anchor, 0)
    return gap if gap >= 0 else -gap + 3  # before the headline is a little less likely


def _is_meta_line(text: str) -> bool:
    """A line that only prints a date, a counter and/or a credit label, not a sentence."""
    if text.endswith((".", "?", "!")):
        return False
    rest = remove_view_counter(text)
    date = find_date_text(rest)
    if date:
        rest = rest.replace(date, " ")
    rest = re.sub(
        r"đăng\s+ngày|ngày\s+đăng|đăng\s+lúc|cập\s+nhật(?:\s+lúc)?|xuất\s+bản|ngày|lúc|"
        r"thời\s+gian|lượt\s+xem|đã\s+xem|phản\s+hồi\s*:?\s*\d*|bình\s+luận\s*:?\s*\d*",
        " ",
        rest,
        flags=re.IGNORECASE,
    )
    rest = re.sub(r"[\s:|/•\-–,()\[\]]+", " ", rest).strip()
    return bool(date or find_view_count(text) is not None) and len(rest.split()) <= 4


def find_published(root: html.HtmlElement, title: html.HtmlElement | None = None) -> Published:
    """The publication date: a labelled line near the headline ("Đăng ngày:", "Ngày đăng:"),
    else a line that prints little but a date, else <time datetime>, article:published_time
    or JSON-LD; a machine-readable time of day completes a printed date without one."""
    title = title if title is not None else title_node(root)
    order = _doc_order(root)
    chrome = _Chrome(root)
    found: list[tuple[int, int, str]] = []
    for el, text in _short_elements(root):
        if chrome.inside(el) or _in_anchor(el) or _in_box_headed(el) or _lead_in(el, text):
            continue
        date_text = find_date_text(text)
        if not date_text:
            continue
        before = text[: text.find(date_text)]
        if _PUBLISH_LABEL.search(before):
            rank = 0
        elif _is_meta_line(text):
            rank = 1
        else:
            rank = 2
        found.append((rank, _distance(order, el, title), date_text))
    found.sort(key=lambda item: item[:2])
    machine = _machine_date(root, chrome)
    if found and (found[0][0] < 2 or machine is None):
        printed = found[0][2]
        moment = parse_vietnamese_datetime(printed)
        precise = machine is not None and machine[1] and not _TIME_OF_DAY.search(printed)
        if moment and precise and machine[0].date() == moment.date():
            moment = machine[0]
        return Published(printed, moment.isoformat(timespec="seconds") if moment else None)
    if machine is not None:
        moment, _ = machine
        # the printed form of the machine date, if some line near the headline shows it
        printed = next(
            (
                text
                for _, _, text in found
                if (day := parse_vietnamese_datetime(text)) and day.date() == moment.date()
            ),
            None,
        )
        return Published(printed, moment.isoformat(timespec="seconds"))
    return Published(None, None)


def _machine_date(root: html.HtmlElement, chrome: _Chrome) -> tuple | None:
    values: list[str] = []
    for el in root.xpath(
        "//*[@itemprop='datePublished'] | //time[contains(@class, 'published')] | //time"
    ):
        if not chrome.inside(el):
            values.append(el.get("datetime") or el.get("content") or "")
    values.append(
        meta_content(
            root, "article:published_time", "og:published_time", "pubdate", "publishdate", "date"
        )
    )
    values += [str(item.get("datePublished", "")) for item in _json_ld(root)]
    for value in values:
        parsed = parse_iso_datetime(value)
        if parsed:
            return parsed[0].astimezone(VIETNAM_TZ), parsed[1]
    return None


def find_views(root: html.HtmlElement, title: html.HtmlElement | None = None) -> int | None:
    """The view counter nearest the headline ("Lượt xem: 1.234", "Đã xem", "N lượt xem")."""
    title = title if title is not None else title_node(root)
    order = _doc_order(root)
    chrome = _Chrome(root)
    best: tuple[int, int] | None = None
    for el, text in _short_elements(root):
        if chrome.inside(el) or _in_anchor(el) or _in_box_headed(el):
            continue
        count = find_view_count(text)
        if count is not None:
            key = (_distance(order, el, title), count)
            if best is None or key[0] < best[0]:
                best = key
    if best is None:  # an eye icon and a bare number in a "views" element
        for el in root.xpath("//*[contains(translate(@class, 'VIEWS', 'views'), 'view')]"):
            text = element_text(el)
            if re.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d+", text) and not chrome.inside(el):
                return int(text.replace(".", ""))
    return best[1] if best else None


# --------------------------------------------------------------------------- credit


def find_credit(root: html.HtmlElement, blocks: list[str], *, site: str = "") -> Credit | None:
    """Who wrote it: the body's last line when it is a credit (then removed from `blocks`),
    else author markup (".author", "Tác giả:" line, rel=author), else JSON-LD or meta author
    unless that only names the site."""
    if blocks:
        credit = parse_credit(blocks[-1])
        if credit is not None:
            blocks.pop()
            return credit
    chrome = _Chrome(root)
    marked = root.xpath("//*[@rel='author' or @itemprop='author'] | //*[@class or @id]")
    for el in marked:
        if not (
            el.get("rel") == "author"
            or el.get("itemprop") == "author"
            or _AUTHOR_CLASS.search(_tokens(el))
        ):
            continue
        if chrome.inside(el):
            continue
        credit = _credit_from(element_text(el))
        if credit is not None:
            return credit
    for el, text in _short_elements(root):
        if text.lower().startswith("tác giả") and not chrome.inside(el):
            credit = parse_credit(text)
            if credit is not None:
                return credit
    names = [
        str(a.get("name", ""))
        for item in _json_ld(root)
        for a in (
            item.get("author") if isinstance(item.get("author"), list) else [item.get("author")]
        )
        if isinstance(a, dict)
    ]
    names.append(meta_content(root, "author", "article:author"))
    for name in filter(None, names):
        name = clean_line(name)
        if site and (_same(name, site) or site.casefold() in name.casefold()):
            continue
        if "công an" in name.lower() or "." in name:
            continue
        credit = _credit_from(name)
        if credit is not None:
            return credit
    return None


def _credit_from(text: str) -> Credit | None:
    text = clean_line(text).strip(" -–—|,:")
    if not text or len(text) > 90:
        return None
    labelled = parse_credit(text)
    if labelled is not None and labelled.author != text:
        return labelled
    name = _AUTHOR_PREFIX.sub("", text).strip()
    if name and looks_like_name(name):
        return Credit(name, name)
    return labelled


# --------------------------------------------------------------------------- body


def _own_text(el: html.HtmlElement) -> str:
    """Text of a paragraph-like element: <p> whole, a <div>/<td> only if no block inside."""
    if el.tag in ("p", "pre", "blockquote"):
        return element_text(el)
    if el.tag in ("div", "td", "section", "article", "span", "font", "center"):
        if any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS - {"br"} for c in el):
            return ""
        return element_text(el)
    return ""


def _link_density(el: html.HtmlElement) -> float:
    total = _text_len(el)
    if not total:
        return 0.0
    linked = sum(_text_len(a) for a in el.iter("a"))
    return min(linked / total, 1.0)


def find_main_content(root: html.HtmlElement) -> html.HtmlElement | None:
    """The element holding the article text: paragraphs score their parent and grandparents
    by length and commas (prose has commas, menus do not), then each candidate is discounted
    by its link density. Paragraphs inside page chrome do not count."""
    chrome = _Chrome(root)
    scores: dict[html.HtmlElement, float] = {}
    for el in root.iter("p", "pre", "blockquote", "div", "td", "section", "span", "font", "center"):
        text = _own_text(el)
        if len(text) < 25 or _in_anchor(el) or chrome.inside(el):
            continue
        if any(is_near_chrome(a) for a in el.iterancestors()) or is_near_chrome(el):
            continue
        score = 1 + text.count(",") + min(len(text) // 100, 3)
        for level, ancestor in enumerate(el.iterancestors(), start=1):
            if level > 3 or ancestor.tag in ("body", "html"):
                break
            scores[ancestor] = scores.get(ancestor, 0.0) + score / level
    if not scores:
        return None
    return max(scores, key=lambda el: scores[el] * (1 - _link_density(el)))


def prune_body(
    container: html.HtmlElement,
    *,
    title: str = "",
    drop: Iterable[html.HtmlElement] = (),
) -> html.HtmlElement:
    """A copy of the content element without what is not article text: chrome, the
    headline, date/counter lines, link lists, "Tin liên quan"/"Chia sẻ" lines and `drop`
    (e.g. the lead, which the record puts first on its own)."""
    marker = "data-pa-drop"
    dropped = list(drop)
    for el in dropped:
        el.set(marker, "1")
    try:
        tree = copy.deepcopy(container)
    finally:
        for el in dropped:
            el.attrib.pop(marker, None)
    whole = max(_text_len(tree), 1)
    doomed: list[html.HtmlElement] = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el is tree:
            continue
        if el.get(marker) or el.tag == "h1":
            doomed.append(el)
            continue
        if (is_far_chrome(el) or is_near_chrome(el)) and _text_len(el) < whole * 0.6:
            doomed.append(el)
            continue
        text = element_text(el) if _text_len(el) <= _SHORT else ""
        if text and (
            (title and _same(text, title))
            or (len(text.split()) <= 6 and _CHROME_LINE.match(text))
            or (_is_meta_line(text) and el.tag not in ("strong", "b", "em", "i"))
        ):
            doomed.append(el)
            continue
        if (
            el.tag in ("ul", "ol", "div", "table", "section", "p")
            and len(el.xpath(".//a")) >= 2
            and _link_density(el) > 0.5
        ):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None or any(a in doomed for a in el.iterancestors()):
            continue
        _remove_keep_tail(el)
    return tree


def _remove_keep_tail(node: html.HtmlElement) -> None:
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


def find_summary(
    root: html.HtmlElement,
    container: html.HtmlElement | None,
    title: html.HtmlElement | None = None,
) -> html.HtmlElement | None:
    """The lead paragraph shown apart from the body (class sapo/lead/summary/hometext...),
    after the headline and outside page chrome."""
    order = _doc_order(root)
    chrome = _Chrome(root)
    start = order.get(title, -1) if title is not None else -1
    end = None
    if container is not None:
        last = list(container.iter())[-1]
        end = order.get(last, None)
    for el in root.xpath("//*[@class or @id]"):
        if not _SUMMARY_CLASS.search(_tokens(el)) or el.tag in ("meta", "img", "a"):
            continue
        if order.get(el, 0) < start or chrome.inside(el) or _in_anchor(el):
            continue
        if container is not None and (el is container or el in container.iterancestors()):
            continue
        if is_near_chrome(el) or any(is_near_chrome(a) for a in el.iterancestors()):
            continue  # "taglib-asset-tags-summary" is a tag list, not a lead
        if end is not None and order.get(el, 0) > end:
            continue  # a lead comes before the end of the article text
        text = element_text(el)
        if 30 <= len(text) <= 1200 and not el.xpath(".//h1"):
            return el
    return None


def find_lead_images(
    root: html.HtmlElement,
    container: html.HtmlElement | None,
    title: html.HtmlElement | None,
) -> list[html.HtmlElement]:
    """Figures between the headline and the article text (a lead photo shown above the
    body, as NukeViet does), outside chrome and links."""
    if container is None or title is None:
        return []
    order = _doc_order(root)
    start, end = order.get(title, 0), order.get(container, 0)
    chrome = _Chrome(root)
    found: list[html.HtmlElement] = []
    for fig in root.iter("figure"):
        between = start < order.get(fig, 0) < end
        if not between or chrome.inside(fig) or _in_anchor(fig) or not fig.xpath(".//img"):
            continue
        if not any(f in fig.iterancestors() for f in found):
            found.append(fig)
    return found


# --------------------------------------------------------------------------- around


def find_category(root: html.HtmlElement, title: str = "") -> str | None:
    """The section: the breadcrumb's last entry (not home, not the headline), else
    article:section, else a category link or label near the top."""
    crumbs_xpath = (
        "//*[contains(translate(@class, 'BREADCRUMB', 'breadcrumb'), 'breadcrumb') or "
        "contains(translate(@id, 'BREADCRUMB', 'breadcrumb'), 'breadcrumb') or "
        "contains(@itemtype, 'BreadcrumbList')]"
    )
    trails: list[html.HtmlElement] = []
    for trail in root.xpath(crumbs_xpath):
        if trail.tag in ("a", "li", "span") and trail.getparent() is not None:
            trail = trail.getparent()  # a crumb's own class: the trail is its parent
        if trail not in trails and not any(t in trail.iterancestors() for t in trails):
            trails.append(trail)
    for trail in trails:
        items = trail.xpath(".//li") or trail.xpath(".//a")
        names = [element_text(i).strip(" »>/›|") for i in items]
        names = [n for n in names if n and not _HOME_CRUMB.match(n) and not _same(n, title)]
        if names:
            return names[-1]
    section = meta_content(root, "article:section")
    if section:
        return section
    chrome = _Chrome(root)
    for el in root.xpath("//*[@class or @id]"):
        if _CATEGORY_CLASS.search(_tokens(el)) and not chrome.inside(el):
            text = element_text(el)
            if text and len(text) <= 60 and not find_date_text(text):
                return text
    return None


def find_tags(root: html.HtmlElement) -> list[str]:
    """Keyword links of the article (rel=tag or inside a tags/keywords box), not tag clouds."""
    chrome = _Chrome(root)
    anchors = root.xpath(
        "//a[contains(concat(' ', @rel, ' '), ' tag ')]"
        "[not(contains(concat(' ', @rel, ' '), ' category '))]"
    )
    for box in root.xpath("//*[@class or @id]"):
        if _TAGS_CLASS.search(_tokens(box)) and not chrome.inside(box):
            anchors += box.xpath(".//a[not(contains(concat(' ', @rel, ' '), ' category '))]")
    tags: list[str] = []
    for a in anchors:
        if chrome.inside(a):
            continue
        text = element_text(a).lstrip("#")
        if text and text not in tags and len(text) <= 60:
            tags.append(text)
    return tags


def find_related_anchors(root: html.HtmlElement) -> list[html.HtmlElement]:
    """Links of the "Tin liên quan" blocks: a related-class box outside the sidebar, or the
    list under a "Tin liên quan"/"Tin cùng chuyên mục"/"Tin mới hơn" heading."""
    boxes: list[html.HtmlElement] = []
    related_class = re.compile(r"related|relate|lien-?quan|other-?news|cung-?chuyen-?muc", re.I)
    for el in root.xpath("//*[@class or @id]"):
        if related_class.search(_tokens(el)) and not _in_sidebar(el):
            boxes.append(el)
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("a", "script", "style") or _text_len(el) > 60:
            continue
        text = element_text(el)
        if _RELATED_HEADING.match(text) and len(text.split()) <= 8 and not _in_sidebar(el):
            box = el.getparent()
            while box is not None and not box.xpath(".//a[not(ancestor-or-self::*=$h)]", h=el):
                box = box.getparent()
            if box is not None and _text_len(box) < 3000:
                boxes.append(box)
    anchors: list[html.HtmlElement] = []
    for box in boxes:
        if any(b is not box and b in box.iterancestors() for b in boxes):
            continue  # nested in another box already taken
        anchors += [a for a in box.iter("a") if a not in anchors]
    order = _doc_order(root)
    return sorted(anchors, key=lambda a: order.get(a, 0))


def _in_sidebar(el: html.HtmlElement, *, nav_ok: bool = False) -> bool:
    """Inside a sidebar, menu or footer (`nav_ok`: a <nav> may hold the pager)."""
    tags = ("aside", "footer") if nav_ok else ("aside", "nav", "footer")
    for node in (el, *el.iterancestors()):
        if node.tag in tags or re.search(
            r"sidebar|side-bar|widget|footer|menu|col-right|right-col", _tokens(node), re.I
        ):
            return True
    return False


# --------------------------------------------------------------------------- listings


def url_shape(url: str) -> str:
    """The URL with slugs and numbers abstracted: article links of one site share a shape
    ("/{s}/{s}-9.html"), menus and pagination have others."""
    parts = urlsplit(url)
    segments = []
    for seg in parts.path.lower().split("/"):
        seg = re.sub(r"[a-z0-9%_.]*[a-z%][a-z0-9%_]*(?:-[a-z0-9%_]+)+", "{s}", seg)
        segments.append(re.sub(r"\d+", "9", seg))
    keys = sorted(k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True))
    return "/".join(segments) + ("?" + "&".join(keys) if keys else "")


def _in_box_headed(el: html.HtmlElement, limit: int = 6) -> bool:
    """Inside a box whose heading names a sidebar list ("Tin mới", "Tin xem nhiều")."""
    for level, box in enumerate(el.iterancestors()):
        if level >= limit or box.tag in ("body", "html"):
            return False
        first = next((c for c in box if isinstance(c.tag, str)), None)
        if first is None or first is el or first in el.iterancestors():
            continue  # the element itself opens the box: no heading above it
        if _text_len(first) <= 40:
            heading = _BOX_HEADING.match(element_text(first))
            # the whole first child is the heading, not a heading followed by its links
            if heading and len(element_text(first)[heading.end() :].split()) <= 1:
                return True
    return False


def find_article_links(root: html.HtmlElement, page_url: str) -> list[str]:
    """Article links of a listing's main list, canonical, in page order.

    Candidates are same-site links with headline-like text outside chrome and sidebar
    boxes; the URL shape shared by most of them is the site's article shape.
    """
    chrome = _Chrome(root)
    here = canonicalize_url(page_url)
    found: list[tuple[str, str, int]] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = canonicalize_url(urljoin(page_url, href))
        if url == here or not same_site(url, page_url) or _STATIC.search(urlsplit(url).path):
            continue
        if urlsplit(url).path in ("", "/"):
            continue
        text = element_text(a) or clean_line(a.get("title"))
        if len(text.split()) < _MIN_TITLE_WORDS:
            continue
        if chrome.inside(a) or _in_box_headed(a):
            continue
        found.append((url, url_shape(url), len(text)))
    if not found:
        return []
    counts: dict[str, set[str]] = {}
    for url, shape, _ in found:
        counts.setdefault(shape, set()).add(url)
    best = max(counts, key=lambda s: (len(counts[s]), -len(s)))
    urls: list[str] = []
    for url, shape, _ in found:
        if shape == best and url not in urls:
            urls.append(url)
    return urls


def current_page_number(url: str) -> int:
    parts = urlsplit(url)
    match = _PAGE_IN_URL.search(parts.path + ("?" + parts.query if parts.query else ""))
    return int(match.group(1)) if match else 1


def find_next_page(root: html.HtmlElement, page_url: str) -> str | None:
    """The next listing page: rel=next, a "Trang sau"/"»" link, or the link numbered one
    more than the current page (from the URL, or the pager's active item)."""
    here = canonicalize_url(page_url)

    def usable(href: str | None) -> str | None:
        href = (href or "").strip()
        if not href or href.startswith(("#", "javascript:")):
            return None
        url = canonicalize_url(urljoin(page_url, href))
        return url if url != here and same_site(url, page_url) else None

    for href in root.xpath(
        "//link[@rel='next']/@href | //a[contains(concat(' ', @rel, ' '), ' next ')]/@href"
    ):
        if url := usable(href):
            return url
    anchors = [a for a in root.iter("a") if not _in_sidebar(a, nav_ok=True)]
    for a in anchors:
        text = element_text(a) or clean_line(a.get("title")) or clean_line(a.get("aria-label"))
        is_next = _NEXT_TEXT.match(text) or "next" in a.get("class", "").lower().split()
        if is_next and (url := usable(a.get("href"))):
            return url
    number = current_page_number(page_url)
    active = root.xpath(
        "//*[contains(@class, 'active') or contains(@class, 'current')][not(self::a)]"
        "[string-length(normalize-space()) <= 4]"
    )
    for el in active:
        text = element_text(el)
        if text.isdigit():
            number = int(text)
            break
    for a in anchors:
        if element_text(a) == str(number + 1) and (url := usable(a.get("href"))):
            return url
    return None
