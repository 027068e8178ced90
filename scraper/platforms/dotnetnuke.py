"""DotNetNuke portals (Quảng Nam).

SEEN: DotNetNuke by its ``/Portals/0/...`` file URLs; news modules link an article both
as ``/tabid/{tab}/ArticleID/{id}/Default.aspx`` and as ``/Default.aspx?tabid={tab}&
ArticleID={id}`` (one article, two URLs: both get the id ``<site>-<ArticleID>``); pages
laid out with nested tables, captions in a table row under the image.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from scraper.extract.generic import PageContext
from scraper.extract.urls import is_parsable_url
from scraper.platforms.base import url_memo
from scraper.platforms.generic import GenericAdapter

# Parameters DNN's friendly URLs carry as path segments.
_PATH_FORM_PARAMS = frozenset({"tabid", "ctl", "mid", "articleid"})


class DotNetNukeAdapter(GenericAdapter):
    platform = "dotnetnuke"
    article_path = re.compile(r"(?:/ArticleID/|[?&]ArticleID=)(?P<id>\d+)", re.IGNORECASE)
    identity_params = frozenset({"tabid", "articleid", "mid", "ctl", "itemid", "newsid"})

    @classmethod
    def signature(cls, ctx: PageContext) -> float:
        scripts = ctx.scripts
        if (
            "dnn.setVar" in scripts
            or "DotNetNuke" in scripts
            or ctx.root.xpath("//@id[starts-with(., 'dnn_')]")
        ):
            return 0.8
        for value in ctx.resource_urls:
            if re.search(r"/Portals/(?:\d+|_default)/", value) or "/DesktopModules/" in value:
                return 0.6
        return 0.0

    @url_memo
    def clean_url(self, url: str) -> str:
        """The query form as the path form DNN's URL rewriter serves for every page
        (``/Default.aspx?tabid=57&ArticleID=3159`` -> ``/tabid/57/ArticleID/3159/Default.aspx``),
        so an article is cited one way whichever form linked it."""
        cleaned = super().clean_url(url)
        if not is_parsable_url(cleaned):
            return cleaned
        parts = urlsplit(cleaned)
        if not re.fullmatch(r"/(?:default\.aspx)?", parts.path, re.IGNORECASE):
            return cleaned
        pairs = [p.partition("=") for p in parts.query.split("&") if p]
        names = {name.lower(): (name, value) for name, _, value in pairs}
        if "articleid" not in names or set(names) - _PATH_FORM_PARAMS:
            return cleaned
        path = "".join(
            f"/{names[key][0]}/{names[key][1]}" for key in ("tabid", "ctl", "mid", "articleid")
            if key in names
        )  # fmt: skip
        return urlunsplit(parts._replace(path=path + "/Default.aspx", query=""))

    def is_article_url(self, url: str) -> bool:
        return super().is_article_url(url) and bool(self.article_path.search(url))

    @url_memo
    def canonical_url(self, url: str) -> str:
        """One identity for both URL forms of an article (path and query): its ArticleID."""
        canonical = super().canonical_url(url)
        match = self.article_path.search(canonical)
        if match is None or not is_parsable_url(canonical):
            return canonical
        parts = urlsplit(canonical)
        return urlunsplit(parts._replace(path=f"/ArticleID/{int(match.group('id'))}", query=""))
