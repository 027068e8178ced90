"""Liferay portals (Đắk Lắk, Quảng Ngãi).

SEEN: Liferay by its ``/documents/...`` and ``/image/journal/...`` file URLs; asset
publisher URLs ``/web/guest/.../-/asset_publisher/{instance}/content/{slug}`` carrying
``redirect=``/``inheritRedirect=`` strings that differ per listing for the same article.
ASSUMED from Liferay's stock Asset Publisher and Web Content portlets: listing items
``.asset-abstract .asset-title a``, article text in ``.journal-content-article``.

The article's identity is its URL title (the ``content/{slug}`` part): the portlet
instance in the path and the navigation parameters differ per listing.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from scraper.extract.generic import PageContext
from scraper.extract.urls import article_id, is_parsable_url
from scraper.platforms.base import url_memo
from scraper.platforms.generic import GenericAdapter

_CONTENT = re.compile(r"/-/(?:asset_publisher/[^/]+/content|content)/(?P<slug>[^/?#]+)")


class LiferayAdapter(GenericAdapter):
    platform = "liferay"
    listing_links_css = ".asset-abstract .asset-title a, .asset-title a"
    body_css = ".journal-content-article, .asset-full-content .asset-content"
    title_css = ".asset-full-content .header-title, .asset-full-content h3.asset-title"
    tags_css = ".taglib-asset-tags-summary a"

    @classmethod
    def signature(cls, ctx: PageContext) -> float:
        scripts = ctx.scripts
        if (
            "Liferay.ThemeDisplay" in scripts
            or "themeDisplay" in scripts
            or "Liferay.AUI" in scripts
        ):
            return 0.9
        for value in ctx.resource_urls:
            if "/image/journal/" in value or re.match(
                r"^(?:https?://[^/]+)?/documents/\d+/", value
            ):
                return 0.7
        return 0.0

    def article_id(self, url: str) -> str:
        """A hash of the URL as the page declares it (with its portlet instance): the ids
        of articles archived before the URL-title identity existed stay the same."""
        return article_id(self.profile.key, super().canonical_url(url), None)

    @url_memo
    def canonical_url(self, url: str) -> str:
        """The URL title names the article; the portlet instance differs per listing."""
        canonical = super().canonical_url(url)
        if not is_parsable_url(canonical):
            return canonical
        match = _CONTENT.search(urlsplit(canonical).path)
        if match is None:
            return canonical
        parts = urlsplit(canonical)
        return urlunsplit(parts._replace(path="/-/content/" + match.group("slug"), query=""))
