"""Liferay portals (Đắk Lắk, Quảng Ngãi): the generic rules plus Liferay's own names.

SEEN (SITES.md): Liferay by its ``/documents/...`` and ``/image/journal/...`` file URLs.
ASSUMED from Liferay's stock Asset Publisher and Web Content portlets: listing items
``.asset-abstract .asset-title a``, article text in ``.journal-content-article``, and links
that carry ``inheritRedirect``/``redirect`` parameters pointing back at the listing.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scraper.platforms.generic import GenericAdapter

# Navigation state Liferay appends to article links; the same article has many of them.
_STATE_PARAMS = re.compile(r"^(?:inheritRedirect|redirect|p_p_\w+|p_r_p_\w+|_com_liferay\w*)$")


class LiferayAdapter(GenericAdapter):
    platform = "liferay"
    listing_links_css = ".asset-abstract .asset-title a"
    body_css = ".journal-content-article"

    def canonical_url(self, url: str) -> str:
        parts = urlsplit(super().canonical_url(url))
        query = [(k, v) for k, v in parse_qsl(parts.query) if not _STATE_PARAMS.match(k)]
        return urlunsplit(parts._replace(query=urlencode(query)))
