"""Any site no adapter was written for: every field found by the generic rules.

No hints: the rules of ``scraper.extract.generic`` read every field. Any same-site page
that is not one of the profile's listings may be an article; the listing rule's URL
shapes decide which links are articles.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from scraper.extract.urls import is_parsable_url, same_site
from scraper.platforms.base import PlatformAdapter

# Query parameters that carry a site's own article number (ASP.NET and PHP portals).
_ID_PARAMS = ("articleid", "newsid", "news_id", "itemid", "postid", "id", "nid", "tinid")
_STATIC = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|css|js|pdf|docx?|xlsx?|zip|rar|xml)$", re.I)


class GenericAdapter(PlatformAdapter):
    platform = "generic"

    def is_article_url(self, url: str) -> bool:
        if not is_parsable_url(url):
            return False
        path = urlsplit(url).path or "/"
        if not same_site(url, self.profile.base_url) or path == "/" or _STATIC.search(path):
            return False
        return not self.is_listing_url(url)

    def article_id(self, url: str) -> str:
        query = urlsplit(url).query if is_parsable_url(url) else ""
        for name, value in parse_qsl(query):
            if name.lower() in _ID_PARAMS and value.isdecimal():
                return f"{self.profile.key}-{int(value)}"
        return super().article_id(url)
