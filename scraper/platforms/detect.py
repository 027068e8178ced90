"""Which platform serves a page, and an in-memory profile for a site given by URL only.

Signatures, strongest first: the generator meta tag (NukeViet, WordPress); files under a
CMS's own directories (``/wp-content/``, ``/Portals/0/``, ``/image/journal/``, NukeViet's
``/themes/`` with its ``news_column`` markup); Liferay's and DNN's JavaScript; the
provincial portal's ``-c{id}.html`` links with its article classes. Anything else is
"generic".
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import html

from scraper.extract.generic import site_name
from scraper.extract.text import clean_line
from scraper.extract.urls import origin_of
from scraper.profiles import SiteProfile, profile_from_mapping

_PORTAL_LINK = re.compile(r"/(?!chuyen-muc-)[a-z0-9-]+-c\d+\.html$")


def _urls(root: html.HtmlElement) -> list[str]:
    return [v for v in root.xpath("//@href | //@src") if isinstance(v, str)]


def _scripts(root: html.HtmlElement) -> str:
    return " ".join(s.text or "" for s in root.iter("script"))


def detect_platform(root: html.HtmlElement, url: str) -> str:
    """A PLATFORMS key for the page at `url`."""
    generator = " ".join(root.xpath("//meta[@name='generator']/@content")).lower()
    if "nukeviet" in generator:
        return "nukeviet"
    if "wordpress" in generator:
        return "wordpress"
    urls = _urls(root)
    scripts = _scripts(root)
    if any("/wp-content/" in u or "/wp-json" in u for u in urls) or root.xpath(
        "//link[@rel='https://api.w.org/']"
    ):
        return "wordpress"
    if any(re.search(r"/Portals/(?:0|_default)/", u) or "/DesktopModules/" in u for u in urls):
        return "dotnetnuke"
    if "DotNetNuke" in scripts or "dnn.setVar" in scripts:
        return "dotnetnuke"
    if any(
        "/image/journal/" in u or re.match(r"^(?:https?://[^/]+)?/documents/\d+/", u) for u in urls
    ):
        return "liferay"
    if "Liferay.ThemeDisplay" in scripts or "themeDisplay" in scripts:
        return "liferay"
    if "nv_base_siteurl" in scripts or (
        any("/themes/" in u for u in urls) and root.xpath("//*[contains(@class, 'news_column')]")
    ):
        return "nukeviet"
    portal_links = [u for u in urls if _PORTAL_LINK.search(urlsplit(u).path)]
    portal_markup = root.xpath(
        "//*[contains(concat(' ', @class, ' '), ' article-content ')"
        " or contains(concat(' ', @class, ' '), ' post-date ')"
        " or contains(concat(' ', @class, ' '), ' list-news ')]"
    )
    if len(portal_links) >= 3 or (_PORTAL_LINK.search(urlsplit(url).path) and portal_markup):
        return "portal"
    return "generic"


def site_key_for(url: str) -> str:
    """A profile key from a host: congan.quangtri.gov.vn -> quangtri, conganbackan.vn -> backan."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    labels = host.split(".")
    if labels[0] == "congan" and len(labels) > 2:
        name = labels[1]
    elif labels[0].startswith("congan") and len(labels[0]) > len("congan"):
        name = labels[0].removeprefix("congan")
    else:
        name = labels[0]
    key = re.sub(r"[^a-z0-9_]", "_", name) or "site"
    return key if key[0].isalpha() else f"site_{key}"


def profile_for_url(
    url: str, name: str | None, root: html.HtmlElement | None = None
) -> SiteProfile:
    """A profile for a site known only by one listing URL (validated like a profile file).

    key: `name` or from the host; name: og:site_name, else the site's part of <title>;
    base_url: the URL's origin; platform: detected from `root`, the listing page (generic
    until it is fetched); start_paths: the URL's path.
    """
    address = urlsplit(url)
    start = (address.path or "/") + (f"?{address.query}" if address.query else "")
    display = ""
    if root is not None:
        display = site_name(root)
        title = clean_line(root.findtext(".//title") or "")
        if not display and title:
            # "<page> - Công an tỉnh X": the part naming the police, else the last part
            parts = [clean_line(p) for p in re.split(r"\s+[-|–—:»]\s+", title) if p.strip()]
            police = [p for p in parts if "công an" in p.lower()]
            display = police[-1] if police else parts[-1] if parts else ""
    data = {
        "key": name or site_key_for(url),
        "name": display or address.hostname or url,
        "base_url": origin_of(url),
        "platform": detect_platform(root, url) if root is not None else "generic",
        "start_paths": [start],
        "notes": f"built from --url {url}",
    }
    return profile_from_mapping(data, f"--url {url}")
