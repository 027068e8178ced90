"""DotNetNuke portals (Quảng Nam): the generic rules plus DNN's article URL shape.

SEEN (SITES.md): DotNetNuke by its ``/Portals/0/...`` file URLs. ASSUMED from DNN news
modules: article URLs ``/{tab}/ArticleID/{id}/{slug}`` (the id is the module's article
number) and pages laid out with nested tables.
"""

from __future__ import annotations

import re

from scraper.platforms.generic import GenericAdapter


class DotNetNukeAdapter(GenericAdapter):
    platform = "dotnetnuke"
    article_path = re.compile(r"/ArticleID/(?P<id>\d+)(?:/|$)", re.IGNORECASE)

    def is_article_url(self, url: str) -> bool:
        return super().is_article_url(url) and bool(self.article_path.search(url))
