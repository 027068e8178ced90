"""robots.txt that fails closed (RFC 9309, section 2.3.1).

Scrapy's RobotsTxtMiddleware fails open: when robots.txt cannot be read it allows every
request. This one follows RFC 9309 instead:

- 2xx: the rules are obeyed (as Scrapy does);
- 4xx (404, 403, 410 ...): the site has no rules for us, everything is allowed;
- 5xx (after the retries the retry middleware makes, Retry-After honoured), any other
  status, no answer at all (connection refused or reset, DNS, timeout, a redirect loop),
  or a file larger than POLICE_ROBOTSTXT_MAX_SIZE (512 KiB; the RFC asks a parser to
  read at least 500 KiB; 0 leaves DOWNLOAD_MAXSIZE the only cap): the site is
  "unreachable" in the RFC's words and nothing else is fetched from it in this run.

Every request refused that way fails with ``RobotsUnavailable`` (an IgnoreRequest: the
spider's errback counts it as ``errors/by_reason/RobotsUnavailable``). Stats:
``robots/unavailable`` says why ("HTTP 503 at http://host/robots.txt"),
``robots/unreachable`` is True when no answer came at all (a network error rather than a
status or a size), ``robots/refused`` counts the requests refused. The "Articles found"
monitor turns them into one line (scraper/monitors.py).

robots.txt is fetched once per host and port in a run, following redirects (also to
another host, as the RFC allows).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Self

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Request, Response
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from scraper.middlewares.size import ResponseTooLarge

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)

DEFAULT_MAX_SIZE = 512 * 1024


class RobotsUnavailable(IgnoreRequest):
    """robots.txt of the request's site could not be read: nothing is fetched from it."""


class FailClosedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware, refusing every request of a site whose robots.txt
    answered 5xx, did not answer, or is too large (see the module's docstring)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)  # NotConfigured unless ROBOTSTXT_OBEY
        self.max_size = crawler.settings.getint("POLICE_ROBOTSTXT_MAX_SIZE", DEFAULT_MAX_SIZE)
        # host:port -> why its robots.txt could not be read
        self.unavailable: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:  # type: ignore[override]
        if request.meta.get("dont_obey_robotstxt"):
            return
        if request.url.startswith(("data:", "file:")):
            return
        parser = await self.robot_parser(request)
        problem = self.unavailable.get(urlparse_cached(request).netloc)
        if problem is not None:
            self._stats.inc_value("robots/refused")
            raise RobotsUnavailable(f"robots.txt unavailable ({problem}): {request.url}")
        self.process_request_2(parser, request)

    async def robot_parser(self, request: Request) -> RobotParser | None:
        url = urlparse_cached(request)
        netloc = url.netloc
        if netloc not in self._parsers:
            self._parsers[netloc] = Deferred()
            robots_url = f"{url.scheme}://{netloc}/robots.txt"
            meta: dict[str, Any] = {
                "dont_obey_robotstxt": True,
                "allow_offsite": True,  # a redirect to another host is followed
            }
            if self.max_size > 0:  # 0: no cap of its own, DOWNLOAD_MAXSIZE only
                meta["download_maxsize"] = self.max_size
            robots_request = Request(
                robots_url, priority=self.DOWNLOAD_PRIORITY, meta=meta, callback=NO_CALLBACK
            )
            try:
                response = await self.crawler.engine.download_async(robots_request)
            except Exception as exc:  # every failure closes the site
                self._fail_closed(netloc, robots_url, self._exception_problem(exc), exc)
            else:
                problem = self._response_problem(response)
                if problem is not None:
                    self._stats.inc_value("robotstxt/response_count")
                    self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
                    self._fail_closed(netloc, response.url, problem)
                else:
                    if response.status >= 400:  # 4xx: no rules, everything allowed
                        response = response.replace(body=b"")
                    await self._parse_robots(response, netloc, request)
            self._stats.inc_value("robotstxt/request_count")
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):
            result: RobotParser | None = await maybe_deferred_to_future(parser)
            return result
        return parser

    def _response_problem(self, response: Response) -> str | None:
        """Why the answer cannot be used, or None (2xx within the size cap, or 4xx)."""
        if 400 <= response.status < 500:
            return None
        if not 200 <= response.status < 300:
            return f"HTTP {response.status} at {response.url}"
        if 0 < self.max_size < len(response.body):
            return f"larger than {_size(self.max_size)} at {response.url}"
        return None

    def _exception_problem(self, exc: Exception) -> str:
        # a body over download_maxsize (scraper/middlewares/size.py names it); nothing
        # else cancels a robots.txt download but the crawl's end
        if isinstance(exc, ResponseTooLarge | DownloadCancelledError):
            return f"larger than {_size(self.max_size)}"
        return type(exc).__name__

    def _fail_closed(
        self, netloc: str, url: str, problem: str, exc: Exception | None = None
    ) -> None:
        if exc is not None:
            problem = f"{problem} at {url}"
            if not problem.startswith("larger than"):
                self._stats.set_value("robots/unreachable", True)
            self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        self.unavailable[netloc] = problem
        if not self._stats.get_value("robots/unavailable"):
            self._stats.set_value("robots/unavailable", problem)
        detail = f" ({exc})" if exc is not None and str(exc) else ""
        logger.warning(
            "robots.txt unavailable (%s)%s: nothing is fetched from %s in this run",
            problem,
            detail,
            netloc,
            extra={"spider": self.crawler.spider},
        )
        waiting = self._parsers[netloc]
        self._parsers[netloc] = None
        if isinstance(waiting, Deferred):
            waiting.callback(None)


def _size(size: int) -> str:
    return f"{size // 1024} KiB" if size % 1024 == 0 else f"{size} bytes"
