"""Redirects that go nowhere fail loudly, naming their URL.

Scrapy's redirect middlewares follow a redirect to the same page up to REDIRECT_MAX_TIMES
(20 fetches of one page), then raise a bare ``IgnoreRequest``; a redirect to another
host is either fetched from that host (an article request is ``dont_filter``, which
Scrapy's OffsiteMiddleware lets through) or, for a listing page, dropped by the
OffsiteMiddleware when the redirect is scheduled, without calling the spider's errback:
nothing counts it, and a run whose every page redirected away ends "ok" with nothing.

These subclasses raise instead, so the spider's errback counts them
(``errors/by_reason/<class name>``, the example URL being the page that redirected):

- ``RedirectLoop``: the redirect leads back to a URL of its own chain (the page itself,
  or an earlier hop), found at the first repetition rather than after 20 fetches (a
  ``<meta http-equiv=refresh>`` back to itself is an auto-reload: the page is read);
- ``OffsiteRedirect``: the redirect leads off the spider's ``allowed_domains`` (the host
  fetched and its subdomains, as the OffsiteMiddleware judges); a request with
  ``meta["allow_offsite"]`` (robots.txt) may go there;
- ``TooManyRedirects``: more than REDIRECT_MAX_TIMES hops without a loop.

Stats: ``redirect/loop``, ``redirect/offsite``, ``redirect/too_many``,
``redirect/meta_refresh_kept``. A request that
handles its redirects itself (``dont_redirect``, ``handle_httpstatus_*``) is left alone,
as Scrapy's middleware leaves it.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.redirect import (
    BaseRedirectMiddleware,
    MetaRefreshMiddleware,
    RedirectMiddleware,
)
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached

logger = logging.getLogger(__name__)


class RedirectLoop(IgnoreRequest):
    """The page redirects to itself, or back to an earlier URL of its redirect chain."""


class OffsiteRedirect(IgnoreRequest):
    """The page redirects to a host outside the spider's allowed domains."""


class TooManyRedirects(IgnoreRequest):
    """More than REDIRECT_MAX_TIMES redirects in a row."""


def _without_fragment(url: str) -> str:
    return url.split("#", 1)[0]


class _KeepPage(Exception):  # a signal between two methods, no error
    """A refresh back along the chain: the page that asked for it is the answer."""


class _SiteRedirects(BaseRedirectMiddleware):
    keeps_page_on_loop = False

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        target = _without_fragment(redirected.url)
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in {_without_fragment(url) for url in chain}:
            if self.keeps_page_on_loop:
                raise _KeepPage
            self.crawler.stats.inc_value("redirect/loop")
            raise RedirectLoop(f"redirect loop: {request.url} -> {redirected.url}")
        if not self._on_site(redirected):
            self.crawler.stats.inc_value("redirect/offsite")
            logger.info(
                "redirect off site: %s -> %s",
                request.url,
                redirected.url,
                extra={"spider": self.crawler.spider},
            )
            raise OffsiteRedirect(f"redirect off site: {request.url} -> {redirected.url}")
        try:
            return super()._redirect(redirected, request, reason)
        except IgnoreRequest:  # Scrapy's "max redirections reached"
            self.crawler.stats.inc_value("redirect/too_many")
            raise TooManyRedirects(
                f"more than {self.max_redirect_times} redirects: {request.url}"
            ) from None

    def _on_site(self, redirected: Request) -> bool:
        """The host fetched or one of its subdomains, as Scrapy's OffsiteMiddleware
        judges (any port, any scheme)."""
        if redirected.meta.get("allow_offsite"):
            return True
        domains = [d for d in getattr(self.crawler.spider, "allowed_domains", None) or [] if d]
        if not domains:
            return True
        host = (urlparse_cached(redirected).hostname or "").lower()
        return any(host == d.lower() or host.endswith("." + d.lower()) for d in domains)


class SiteRedirectMiddleware(_SiteRedirects, RedirectMiddleware):
    """RedirectMiddleware (3xx + Location) with loops and off-site redirects as errors."""


class SiteMetaRefreshMiddleware(_SiteRedirects, MetaRefreshMiddleware):
    """MetaRefreshMiddleware (``<meta http-equiv=refresh>``) with the same rules, but a
    page that refreshes to itself (a portal's auto-reload every N seconds) or back along
    its chain is read as it is: unlike a 3xx, it has its content (Scrapy would fetch it 20
    times and drop it). Counted as ``redirect/meta_refresh_kept``."""

    keeps_page_on_loop = True

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        try:
            return super().process_response(request, response)
        except _KeepPage:
            self.crawler.stats.inc_value("redirect/meta_refresh_kept")
            return response
