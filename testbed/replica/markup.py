"""Small HTML/XML helpers shared by the two site renderers."""

from __future__ import annotations

import functools
import html
import string
from importlib import resources
from urllib.parse import quote

from .model import Article, Page


@functools.cache
def template(name: str) -> string.Template:
    """A page template from data/ (``${name}`` placeholders, ``$$`` for a literal ``$``)."""
    return string.Template(resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8"))


def esc(text: str) -> str:
    # CKEditor writes no-break spaces as the entity; the parsed text is the same.
    return html.escape(text, quote=False).replace("\xa0", "&nbsp;")


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def html_page(markup: str, status: int = 200) -> Page:
    return Page(body=markup.encode("utf-8"), status=status)


def robots(base: str) -> Page:
    # Nothing the crawler needs is disallowed; /admin/ and /search/ exist on real portals.
    text = f"User-agent: *\nDisallow: /admin/\nDisallow: /search/\n\nSitemap: {base}/sitemap.xml\n"
    return Page(body=text.encode("utf-8"), content_type="text/plain; charset=utf-8")


def sitemap(articles: list[Article], listing_urls: list[str]) -> Page:
    rows = [f"  <url><loc>{esc(u)}</loc><changefreq>daily</changefreq></url>" for u in listing_urls]
    rows.extend(
        f"  <url><loc>{esc(a.url)}</loc>"
        f"<lastmod>{a.published.strftime('%Y-%m-%dT%H:%M:%S+07:00')}</lastmod></url>"
        for a in sorted(articles, key=lambda a: a.native_id, reverse=True)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(rows)
        + "\n</urlset>\n"
    )
    return Page(body=xml.encode("utf-8"), content_type="application/xml; charset=utf-8")


def static(text: str, content_type: str) -> Page:
    return Page(body=text.encode("utf-8"), content_type=content_type)


def share_links(url: str) -> tuple[str, str]:
    """Facebook and Zalo share URLs for an article (point at the real domain)."""
    q = quote(url, safe="")
    return (
        f"https://www.facebook.com/sharer/sharer.php?u={q}",
        f"https://sp.zalo.me/share_inline?url={q}",
    )


def href(a: Article, base: str, absolute: bool) -> str:
    """Link to an article, root-relative or absolute on the real domain (both occur)."""
    return a.url if absolute else a.url[len(base) :]


def paragraph(a: Article, text: str, bold: str | None, style: str) -> str:
    """A body paragraph, optionally opening with a bold dateline, as each CMS styles it."""
    shown = a.shown(text)
    inner = esc(shown)
    if bold:
        lead = a.shown(bold)
        inner = f"<strong>{esc(lead)}</strong>{esc(shown[len(lead) :])}"
    return f'<p style="{style}">{inner}</p>'
