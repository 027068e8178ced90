"""Field rules for layouts no adapter was written for, split by concern.

- ``vocabulary``: the words and labels the rules recognise, as data;
- ``context``: ``PageContext``, the facts of one page worked out once (document order,
  text and link lengths, prose, hidden elements, meta tags, JSON-LD) and a memo for what
  the steps derive (headline, main text, chrome map);
- ``chrome``: menus, sidebars, footers, share bars, by tag, role and whole class words,
  never the article's own wrappers;
- ``body``: the main text by text density, and what inside it is not text;
- ``metadata``: headline, date, counter, credit, lead, category, tags, related links;
- ``listing``: article links of a listing's main list, and its next page.

Every rule takes a ``PageContext``; adapters run their CSS hints first and these rules
after them.
"""

from scraper.extract.generic.body import (
    adopt_main_text,
    article_nodes,
    find_main_content,
    main_text,
)
from scraper.extract.generic.context import PageContext
from scraper.extract.generic.listing import (
    ListedArticle,
    current_page_number,
    find_article_links,
    find_next_page,
    find_section_links,
    listed_articles,
    same_listing,
    url_shape,
)
from scraper.extract.generic.metadata import (
    Published,
    adopt_headline,
    credit_in_last_lines,
    find_category,
    find_credit,
    find_lead_images,
    find_published,
    find_related_anchors,
    find_summary,
    find_tags,
    find_title,
    find_views,
    headline,
    machine_published,
    strip_site_name,
)

__all__ = [
    "ListedArticle",
    "PageContext",
    "Published",
    "adopt_headline",
    "adopt_main_text",
    "article_nodes",
    "credit_in_last_lines",
    "current_page_number",
    "find_article_links",
    "find_category",
    "find_credit",
    "find_lead_images",
    "find_main_content",
    "find_next_page",
    "find_published",
    "find_related_anchors",
    "find_section_links",
    "find_summary",
    "find_tags",
    "find_title",
    "find_views",
    "headline",
    "listed_articles",
    "machine_published",
    "main_text",
    "same_listing",
    "strip_site_name",
    "url_shape",
]
