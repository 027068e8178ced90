"""The words generic rules recognise, as data.

Class and id values are split into words (``"box-lienquan"`` -> ``box lienquan``,
``"sliderBox"`` -> ``slider box``, ``"col_right2"`` -> ``col right 2``); every vocabulary
below matches whole words or whole runs of words, never a substring of a word, so
``header-spacing`` is not ``header-space`` and ``no-sidebars`` is not ``sidebar``.
Whether a match really is chrome is decided by structure (see ``chrome.py``): an element
that holds the main text is never chrome, whatever its class says.

Vietnamese class names are often written without separators (``tinlienquan``,
``xemnhieu``), so both spellings are listed.
"""

from __future__ import annotations

import re

from scraper.extract.labels import (
    DATE_LABEL_TAIL,
    DATE_LABELS,
    DAY_LABELS,
    MODIFIED_LABELS,
    PUBLISHED_LABELS,
    VIEW_LABELS,
    any_of,
)


def words_pattern(*phrases: str) -> re.Pattern[str]:
    """A pattern matching any phrase as whole words of a split class string."""
    alternatives = sorted({re.escape(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?:^| )(?:" + "|".join(alternatives) + r")(?= |$)")


# Page parts that are never the article: menus, sidebars and their boxes, footers,
# comments, advertising, related and "most read" lists.
FAR_CHROME = words_pattern(
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "mainmenu",
    "megamenu",
    "submenu",
    "sidebar",
    "side bar",
    "sidebars",
    "aside",
    "widget",
    "widgets",
    "footer",
    "foot",
    "breadcrumb",
    "breadcrumbs",
    "comment",
    "comments",
    "respond",
    "disqus",
    "discussion",
    "banner",
    "advert",
    "advertisement",
    "adsbygoogle",
    "ads",
    "ad slot",
    "ad unit",
    "ad box",
    "ad container",
    "ad wrapper",
    "ad banner",
    "ad zone",
    "quangcao",
    "quang cao",
    "sponsor",
    "sponsored",
    "popup",
    "modal",
    "cookie",
    "cookies",
    "gdpr",
    "login",
    "signin",
    "search",
    "searchbox",
    "copyright",
    "related",
    "relate",
    "relates",
    "relatedposts",
    "lienquan",
    "lien quan",
    "tinlienquan",
    "other news",
    "othernews",
    "tinkhac",
    "tin khac",
    "cung chuyen muc",
    "cungchuyenmuc",
    "most viewed",
    "most view",
    "most read",
    "mostread",
    "mostviewed",
    "xemnhieu",
    "xem nhieu",
    "docnhieu",
    "doc nhieu",
    "popular",
    "hot news",
    "hotnews",
    "latest",
    "latest news",
    "tinmoi",
    "tin moi",
    "top news",
    "topnews",
    "marquee",
    "slider",
    "carousel",
    "col right",
    "right col",
    "right column",
    "right side",
    "rightcol",
    "column right",
    "cotphai",
    "cot phai",
    "masthead",
    "skip link",
    "rightpane",
    "right pane",
    "leftpane",
    "left pane",
    "rightcolumn",
    "leftcolumn",
    "cottrai",
    "cot trai",
    "newsletter",
    "subscribe",
    "outbrain",
    "taboola",
    "promo",
    "recommended",
    "legends",
)
# Inside the article but not its text: headers with title and date, share and print bars,
# tag lists, pagination, ratings, author boxes.
NEAR_CHROME = words_pattern(
    "header",
    "share",
    "sharing",
    "sharer",
    "social",
    "socials",
    "tags",
    "tag",
    "tag list",
    "tagcloud",
    "keyword",
    "keywords",
    "tukhoa",
    "tu khoa",
    "pagination",
    "paging",
    "pager",
    "pagenav",
    "page nav",
    "rating",
    "print",
    "toolbar",
    "tool",
    "tools",
    "meta",
    "post meta",
    "entry meta",
    "author",
    "byline",
    "tacgia",
    "tac gia",
    "addthis",
    "addtoany",
    "sharedaddy",
    "jp relatedposts",
    "print link",
    "email link",
)
# Element tags and ARIA roles of the same two kinds.
# (Not <form>: ASP.NET and Joomla pages wrap their whole content, lists included, in one.)
FAR_TAGS = frozenset({"nav", "aside", "footer", "select", "option", "noscript"})
NEAR_TAGS = frozenset(
    {"header", "footer", "script", "style", "iframe", "button", "textarea", "svg", "template"}
)
FAR_ROLES = frozenset({"navigation", "complementary", "contentinfo", "banner", "search", "menu"})

# Words in a class or id that make an element more or less likely to hold the article
# (the text-density score adds or takes 25 points, as Readability does).
POSITIVE = words_pattern(
    "article",
    "articles",
    "body",
    "content",
    "contents",
    "entry",
    "hentry",
    "h entry",
    "main",
    "page",
    "post",
    "text",
    "blog",
    "story",
    "detail",
    "details",
    "chitiet",
    "chi tiet",
    "noidung",
    "noi dung",
    "baiviet",
    "bai viet",
    "news detail",
    "newsdetail",
    "fulltext",
    "full text",
    "single",
    "prose",
    "bodytext",
    "body text",
    "item page",
)
NEGATIVE = words_pattern(
    "hidden",
    "hid",
    "banner",
    "combx",
    "comment",
    "comments",
    "com",
    "contact",
    "foot",
    "footer",
    "footnote",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "scroller",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "tool",
    "widget",
    "menu",
    "nav",
    "breadcrumb",
    "social",
    "lienquan",
    "tinlienquan",
    "xemnhieu",
    "tinkhac",
    "other news",
    "popular",
    "most viewed",
)
# Words that keep a FAR_CHROME match a candidate while the main text is searched
# ("main-sidebar-layout", "article-with-comments").
MAYBE_CONTENT = words_pattern("and", "article", "body", "column", "content", "main", "shadow")

# Boxes of related links under an article.
# (The same category's latest articles, "Tin cùng chuyên mục", are not related to the
# article: they are a box of the section, like "Tin mới".)
RELATED_WORDS = words_pattern(
    "related",
    "relate",
    "relates",
    "lienquan",
    "lien quan",
    "tinlienquan",
    "other news",
    "othernews",
    "relatedposts",
    "relateditems",
    "related items",
    "tinkhac",
    "tin khac",
    "detail related",
    "asset links",
)
# Site navigation: its links lead to the sections (categories) of the site.
NAVIGATION_WORDS = words_pattern(
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "mainmenu",
    "main menu",
    "megamenu",
    "submenu",
    "sub menu",
    "topmenu",
    "top menu",
    "menutop",
    "menu top",
    "site nav",
    "breadcrumb",
    "breadcrumbs",
    "danhmuc",
    "chuyenmuc",
)
# Where boxes of other articles live beside the article.
SIDEBAR_WORDS = words_pattern(
    "sidebar",
    "side bar",
    "widget",
    "widgets",
    "footer",
    "menu",
    "mainmenu",
    "navbar",
    "col right",
    "right col",
    "rightcol",
    "cotphai",
    "aside",
    "right column",
    "col left",
    "left col",
    "leftcol",
    "rightpane",
    "right pane",
    "leftpane",
    "left pane",
    "rightcolumn",
    "leftcolumn",
    "left column",
    "cottrai",
    "cot trai",
    "column left",
)
# Headings of boxes that list other articles: sidebar boxes on a listing page, related
# lists under an article.
BOX_HEADING = re.compile(
    r"^(?:tin|bài(?:\s+viết)?)\s+(?:mới(?:\s+nhất)?|xem\s+nhiều|đọc\s+nhiều|nổi\s+bật|"
    r"khác|liên\s+quan|cùng\s+chuyên\s+mục|tiêu\s+điểm|hot|ảnh|video)|^(?:xem|đọc)\s+nhiều|"
    r"^mới\s+(?:nhất|cập\s+nhật)|^liên\s+kết|^tiêu\s+điểm|^nổi\s+bật|^video|^thư\s+viện|"
    r"^(?:latest|popular|most\s+(?:read|viewed)|related|recent)\b",
    re.IGNORECASE,
)
RELATED_HEADING = re.compile(
    r"^(?:tin|bài|tin\s+bài|các\s+tin|các\s+bài(?:\s+viết)?|bài\s+viết|những\s+tin)\s*"
    r"(?:liên\s+quan|khác|mới\s+hơn|cũ\s+hơn|đã\s+đưa)|"
    r"^(?:xem|đọc)\s+thêm|^related\s+(?:posts|articles|news|stories)",
    re.IGNORECASE,
)
# The letters a RELATED_HEADING text starts with (lower-cased): an element whose own text
# starts with another letter is no such heading (a property test checks them).
RELATED_HEADING_INITIALS = frozenset("tbcnxđr")
# Short lines inside an article text that belong to its chrome.
CHROME_LINE = re.compile(
    r"^(?:tin\s+liên\s+quan|bài\s+viết\s+liên\s+quan|chia\s+sẻ|in\s+bài|gửi\s+email|"
    r"lưu\s+bài|bình\s+luận|ý\s+kiến\s+bạn\s+đọc|từ\s+khóa|từ\s+khoá|tags?|quay\s+lại|"
    r"về\s+đầu\s+trang|bản\s+in|facebook|zalo|twitter|in\s+trang|share|print|"
    r"gửi\s+bài|phản\s+hồi|đánh\s+giá)\b",
    re.IGNORECASE,
)
# Labels printed before a publication date (a bare "Ngày:" too).
PUBLISH_LABEL = re.compile(
    rf"{any_of(PUBLISHED_LABELS)}{DATE_LABEL_TAIL}$|(?:^|\s){any_of(DAY_LABELS)}\s*[:：]\s*$",
    re.IGNORECASE,
)
# Labels of the last change rather than the publication.
MODIFIED_LABEL = re.compile(rf"{any_of(MODIFIED_LABELS)}{DATE_LABEL_TAIL}$", re.IGNORECASE)
# Words of a line that prints only a date, a counter and labels.
META_WORDS = re.compile(
    any_of(
        DATE_LABELS
        + VIEW_LABELS
        + (r"lúc", r"phản\s+hồi\s*:?\s*\d*", r"bình\s+luận\s*:?\s*\d*", "on", "at", "by")
    ),
    re.IGNORECASE,
)
HOME_CRUMB = re.compile(r"^(?:trang\s+chủ|home|trang\s+nhất|trang\s+chính)$", re.IGNORECASE)
CATEGORY_LABEL = re.compile(r"^(?:chuyên\s+mục|danh\s+mục|mục|category|section)\s*[:：]\s*", re.I)

AUTHOR_WORDS = words_pattern(
    "author",
    "authors",
    "byline",
    "tacgia",
    "tac gia",
    "writer",
    "nguoiviet",
    "butdanh",
    "signature",
    "author name",
    "post author",
    "createdby",
    "created by",
)
AUTHOR_PREFIX = re.compile(
    r"^(?:bởi|by|tác\s+giả|người\s+viết|bút\s+danh|viết\s+bởi|đăng\s+bởi|written\s+by|"
    r"posted\s+by)\s*[:：]?\s*",
    re.IGNORECASE,
)
# CMS accounts, not people: "Viết bởi Administrator".
ACCOUNT_NAMES = frozenset(
    {"admin", "administrator", "quản trị", "quản trị viên", "webmaster", "super user", "root"}
)
SUMMARY_WORDS = words_pattern(
    "sapo",
    "lead",
    "summary",
    "intro",
    "introtext",
    "hometext",
    "chapeau",
    "tomtat",
    "tom tat",
    "abstract",
    "teaser",
    "mota",
    "mo ta",
    "description",
    "desc",
    "excerpt",
    "standfirst",
    "deck",
    "subtitle",
    "sub title",
    "lede",
    "article sapo",
    "lead text",
)
CATEGORY_WORDS = words_pattern(
    "cat",
    "category",
    "categories",
    "chuyenmuc",
    "chuyen muc",
    "cate",
    "section name",
    "category name",
    "cat links",
    "danhmuc",
)
TAG_WORDS = words_pattern(
    "tags",
    "tag",
    "keyword",
    "keywords",
    "tukhoa",
    "tu khoa",
    "tag list",
    "taglist",
    "tags links",
    "post tags",
    "article tags",
)
VIEWS_WORDS = words_pattern(
    "views",
    "view",
    "view count",
    "viewcount",
    "luotxem",
    "luot xem",
    "hits",
    "post views",
    "counter",
    "read count",
)
CAPTION_WORDS = words_pattern(
    "caption",
    "captions",
    "image desc",
    "imagedesc",
    "img desc",
    "imgdesc",
    "image caption",
    "chuthich",
    "chu thich",
    "photo note",
    "photonote",
    "photo caption",
    "wp caption text",
    "figcaption",
    "caption text",
    "desc",
    "note",
    "image note",
    "pic note",
    "legend",
)

# Pagination links.
NEXT_TEXT = re.compile(
    r"^(?:trang\s+sau|trang\s+tiếp(?:\s+theo)?|tiếp(?:\s+theo)?|sau|next(?:\s+page)?|"
    r"xem\s+thêm|xem\s+tiếp|tải\s+thêm|load\s+more|more|older(?:\s+(?:posts|entries))?|"
    r"cũ\s+hơn|tin\s+cũ\s+hơn|»|›|>|>>|→)(?:\s*[»›>→]+)?$",
    re.IGNORECASE,
)
# The site's visitor counter box, not an article's counter.
SITE_STATISTICS = re.compile(
    r"thống\s+kê\s+truy\s+cập|đang\s+(?:trực\s+tuyến|online)|tổng\s+(?:số\s+)?lượt\s+truy\s+cập|"
    r"số\s+lượt\s+truy\s+cập|lượt\s+truy\s+cập\s+(?:hôm\s+nay|trong\s+ngày)|visitors?\s+online",
    re.IGNORECASE,
)
# A listing table's column of view counters is headed so.
VIEWS_COLUMN = re.compile(rf"^{any_of(VIEW_LABELS)}$", re.IGNORECASE)
PAGE_PARAMS = (
    "page",
    "p",
    "pg",
    "trang",
    "pageindex",
    "currentpage",
    "cur",
    "paged",
    "start",
    "limitstart",
    "pagenumber",
    "pageno",
    "pagenum",
    "offset",
)
