"""Turn a rendered site into a Replica: listing pages, article pages, robots and truth."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from .markup import html_page, robots, sitemap, static
from .model import Article, Category, Page, Replica, truth_record


class RenderedSite(Protocol):
    articles: list[Article]
    by_id: dict[int, Article]

    def listing_page(self, cat: Category, page: int, items: list[Article], pages: int) -> str: ...
    def article_page(self, a: Article) -> str: ...
    def home_page(self) -> str: ...


def newest_first(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: -a.native_id)


def assemble_replica(
    *,
    key: str,
    base: str,
    source: str,
    site: RenderedSite,
    categories: Sequence[Category],
    per_page: int,
    listing_path: Callable[[Category, int], str],
    static_files: dict[str, tuple[str, str]],
    variants: Callable[[Article], dict[str, Page]] = lambda a: {},
) -> Replica:
    """Every page of the site by path; `variants` adds other URLs of an article (no truth)."""
    pages: dict[str, Page] = {}
    start_paths: list[str] = []
    listing_urls = [base + "/"]
    for cat in categories:
        items = newest_first([a for a in site.articles if a.category == cat])
        chunks = [items[k : k + per_page] for k in range(0, len(items), per_page)]
        for number, chunk in enumerate(chunks, start=1):
            pages[listing_path(cat, number)] = html_page(
                site.listing_page(cat, number, chunk, len(chunks))
            )
        start_paths.append(listing_path(cat, 1))
        listing_urls.append(base + listing_path(cat, 1))
    for a in site.articles:
        pages[a.path] = html_page(site.article_page(a))
        pages.update(variants(a))
    pages["/"] = html_page(site.home_page())
    pages["/robots.txt"] = robots(base)
    pages["/sitemap.xml"] = sitemap(site.articles, listing_urls)
    for path, (text, content_type) in static_files.items():
        pages[path] = static(text, f"{content_type}; charset=utf-8")
    ordered = sorted(site.articles, key=lambda a: a.path)
    return Replica(
        key=key,
        pages=pages,
        truth=[truth_record(a, site.by_id, base, source) for a in ordered],
        start_paths=tuple(start_paths),
        article_paths=tuple(a.path for a in ordered),
    )
