"""Extraction: full records from the replica pages beside a bare lxml parse, a Scrapy
selector and trafilatura, on the same pages in the same process and the same rounds."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import lxml.html
from scrapy.http import HtmlResponse

from scraper.extract.generic.context import PageContext
from scraper.extract_page import extract_response
from scraper.platforms import ExtractionError, adapter_for
from scraper.platforms.base import page_root
from scraper.profiles import load_profile
from scraper.site_profile import SiteProfile
from testbed.bench.report import Figure, Peer, Section, Target
from testbed.bench.rounds import interleaved, seconds
from testbed.evaluate.replicas import unseen_profile
from testbed.replica import HOLDOUT_KEYS, SITE_KEYS, UNSEEN_KEYS, build_replica

TRAFILATURA_MISSING = "not installed (make bench installs requirements/eval.lock)"


@dataclass(frozen=True)
class Page:
    url: str
    body: bytes
    content_type: str
    profile: SiteProfile

    def response(self) -> HtmlResponse:
        """As a crawl gets it: the page's Content-Type header decides the decoding."""
        return HtmlResponse(
            url=self.url, body=self.body, headers={"Content-Type": self.content_type}
        )


def _pages(key: str, profile: SiteProfile) -> list[Page]:
    replica = build_replica(key)
    return [
        Page(truth["url"], replica.pages[path].body, replica.pages[path].content_type, profile)
        for path, truth in zip(replica.article_paths, replica.truth, strict=True)
    ]


def page_groups() -> tuple[list[Page], list[Page]]:
    """(pages of dedicated adapters, pages of generic layouts). Dedicated: the bundled
    sites whose profile gets a platform adapter. Generic: a bundled site read by the
    generic adapter, and the unseen and held-out layouts, each read as `make eval` reads
    it, by the adapter detection picks from its first listing page and article, with no
    profile of its own."""
    dedicated: list[Page] = []
    generic: list[Page] = []
    for key in SITE_KEYS:
        profile = load_profile(key)
        group = generic if adapter_for(profile).platform == "generic" else dedicated
        group.extend(_pages(key, profile))
    for key in UNSEEN_KEYS + HOLDOUT_KEYS:
        generic.extend(_pages(key, unseen_profile(key)))
    return dedicated, generic


def records(pages: Sequence[Page]) -> list[dict[str, Any]]:
    """Our full record of every page that yields one."""
    out = []
    for page in pages:
        try:
            out.append(extract_response(page.response(), page.profile))
        except ExtractionError:
            continue
    return out


def _ours(pages: Sequence[Page]) -> None:
    for page in pages:
        try:
            extract_response(page.response(), page.profile)
        except ExtractionError:
            continue  # counted once, by unread()


def _page_facts(pages: Sequence[Page]) -> None:
    """What every record starts from and nothing more: the response, its tree as our
    parse makes it, the page context's one measuring pass; no field is read."""
    for page in pages:
        response = page.response()
        PageContext(page_root(response), response.url)


def _lxml(pages: Sequence[Page]) -> None:
    for page in pages:
        lxml.html.fromstring(page.body)


def _scrapy(pages: Sequence[Page]) -> None:
    for page in pages:
        page.response().css("title::text").get()


def _trafilatura() -> Callable[[Sequence[Page]], None] | None:
    try:
        from trafilatura import bare_extraction
    except ImportError:
        return None

    def run(pages: Sequence[Page]) -> None:
        for page in pages:
            bare_extraction(page.body, url=page.url, with_metadata=True)

    return run


def unread(pages: Sequence[Page]) -> int:
    """Pages of which we make no record (ExtractionError)."""
    return len(pages) - len(records(pages))


def section(rounds: int, dedicated: list[Page], generic: list[Page]) -> Section:
    readers: dict[str, Callable[[Sequence[Page]], None]] = {
        "ours": _ours,
        "page facts": _page_facts,
        "lxml parse": _lxml,
        "Scrapy selector": _scrapy,
    }
    if (traf := _trafilatura()) is not None:
        readers["trafilatura"] = traf
    for read in readers.values():  # imports, compiled patterns, first-call caches
        read(dedicated[::10] + generic[::10])

    def contender(read: Callable[[Sequence[Page]], None]) -> Callable[[], tuple[float, float]]:
        return lambda: (seconds(lambda: read(dedicated)), seconds(lambda: read(generic)))

    times = interleaved({name: contender(read) for name, read in readers.items()}, rounds)
    everything = len(dedicated) + len(generic)

    def rate(name: str, group: int | None) -> list[float]:
        if name not in times:
            return []
        if group is None:
            return [everything / (d + g) for d, g in times[name]]
        return [len((dedicated, generic)[group]) / pair[group] for pair in times[name]]

    def peers(group: int | None, targets: dict[str, Target]) -> list[Peer]:
        return [
            Peer(
                name,
                rate(name, group),
                targets.get(name),
                missing=TRAFILATURA_MISSING if name == "trafilatura" else "",
            )
            for name in ("lxml parse", "Scrapy selector", "trafilatura")
        ]

    failed = unread(dedicated + generic)
    figures = [
        Figure(
            f"dedicated adapters, {len(dedicated)} pages",
            "pages/s",
            rate("ours", 0),
            peers(0, {"lxml parse": Target(0.25, True, "≥ 25% of lxml")}),
        ),
        _facts_figure(f"page facts alone, the {len(dedicated)} dedicated", rate, 0),
        Figure(
            f"generic layouts, {len(generic)} pages",
            "pages/s",
            rate("ours", 1),
            peers(1, {"lxml parse": Target(0.05, True, "≥ 5% of lxml")}),
        ),
        _facts_figure(f"page facts alone, the {len(generic)} generic", rate, 1),
        Figure(
            f"all replica pages, {everything}",
            "pages/s",
            rate("ours", None),
            peers(None, {"trafilatura": Target(5.0, True, "≥ 5× trafilatura")}),
        ),
        Figure("pages we make no record of", "pages", [failed], (), Target(0, False, "none")),
    ]
    return Section("Extraction", EXTRACTION_ABOUT, figures)


def _facts_figure(name: str, rate: Callable[[str, int], list[float]], group: int) -> Figure:
    """The floor under a full record: the page facts every rule reads, beside lxml."""
    return Figure(
        name, "pages/s", rate("page facts", group), [Peer("lxml parse", rate("lxml parse", group))]
    )


EXTRACTION_ABOUT = (
    "Pages per second over the replicas' article pages, in one process, the pages held in "
    "memory. *Ours* is the full record of each page as `scraper.extract_page.extract_response` "
    "makes it: an `HtmlResponse` built with the page's Content-Type, its adapter's parse, "
    "normalisation. *Dedicated adapters*: the bundled sites whose profile gets a platform "
    "adapter (`adapter_for(profile).platform` is not `generic`). *Generic layouts*: the bundled "
    "site read by the generic adapter and the unseen and held-out layouts (`UNSEEN_KEYS`, "
    "`HOLDOUT_KEYS`), each read, as `make eval` reads it, by the adapter detection picks from "
    "its first listing page and article (the profile `crawl --url` would build). Peers on "
    "the same pages: `lxml.html.fromstring(body)`; a Scrapy `HtmlResponse` and "
    "`.css('title::text').get()`; trafilatura's `bare_extraction(body, url=..., "
    "with_metadata=True)`. *Page facts alone*: what every full record starts from and "
    "no more, the response, `page_root` and the `PageContext` of the generic rules (its one "
    "pass over the tree: text and link lengths, hidden elements, attributes), no field read: "
    "the floor under *ours*. Each contender reads every page once, untimed, before the "
    "rounds; then each round times every contender on both groups, in an order rotated from "
    "round to round; *all replica pages* is both groups' pages over both groups' time in "
    "the same round."
)
