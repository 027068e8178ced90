"""Joomla portals (com_content), still common on older provincial sites.

SEEN (public Joomla facts): article links
``index.php?option=com_content&view=article&id={id}&catid={cat}&Itemid={n}``, where
``Itemid`` (the menu item) varies for the same article and ``id`` may carry the alias
(``id=12:alias``); search-engine-friendly URLs ``/{category}/{id}-{alias}.html``, with an
``index.php/`` segment when URL rewriting is off; blog pagination ``limitstart=N``;
"Viết bởi Administrator" is the CMS account, not the author.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from scraper.extract.generic import PageContext
from scraper.extract.urls import is_parsable_url
from scraper.platforms.base import url_memo
from scraper.platforms.generic import GenericAdapter

_ID_VALUE = re.compile(r"(?<=[?&]id=)(\d+)(?::|%3A)[^&]*", re.IGNORECASE)


class JoomlaAdapter(GenericAdapter):
    platform = "joomla"
    # non-SEF "view=article&id=N", or SEF ".../N-alias(.html)"
    article_path = re.compile(
        r"(?:[?&]view=article\b.*?[?&]id=(?P<id>\d+)|[?&]id=(?P<qid>\d+).*?[?&]view=article\b"
        r"|/(?P<sid>\d+)-[^/?]+?(?:\.html?)?/?$)",
        re.IGNORECASE,
    )
    identity_params = frozenset({"option", "view", "id"})
    listing_links_css = (
        ".blog .item h2 a, .blog .page-header a, .blog-items .item-title a, "
        ".category-list td.list-title a, .items-leading h2 a, .items-row h2 a"
    )
    title_css = ".item-page h2[itemprop=headline], .item-page .page-header h2, .item-page h1"
    dateline_css = ".article-info dd.published, .article-info dd.create"
    views_css = ".article-info dd.hits"
    body_css = ".item-page [itemprop=articleBody]"
    category_css = ".article-info dd.category-name a"
    tags_css = ".item-page .tags a"

    @classmethod
    def signature(cls, ctx: PageContext) -> float:
        if "joomla" in ctx.meta_value("generator").lower():
            return 1.0
        values = ctx.resource_urls
        if any("option=com_content" in v for v in values):
            return 0.7
        if any(re.search(r"/media/(?:jui|system)/", v) for v in values):
            return 0.5
        return 0.0

    @url_memo
    def clean_url(self, url: str) -> str:
        """``id=12:alias`` as ``id=12``: the number names the article."""
        return _ID_VALUE.sub(r"\1", super().clean_url(url))

    def article_id(self, url: str) -> str:
        match = self.article_path.search(_path_and_query(self.clean_url(url)))
        if match:
            number = match.group("id") or match.group("qid") or match.group("sid")
            return f"{self.profile.key}-{int(number)}"
        return super().article_id(url)

    def is_article_url(self, url: str) -> bool:
        return super().is_article_url(url) and bool(self.article_path.search(_path_and_query(url)))

    @url_memo
    def canonical_url(self, url: str) -> str:
        canonical = super().canonical_url(url)
        match = self.article_path.search(_path_and_query(canonical))
        if match is None or not is_parsable_url(canonical):
            return canonical
        number = match.group("id") or match.group("qid") or match.group("sid")
        parts = urlsplit(canonical)
        return urlunsplit(parts._replace(path=f"/article/{int(number)}", query=""))


def _path_and_query(url: str) -> str:
    if not is_parsable_url(url):
        return ""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
