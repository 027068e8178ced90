"""Data model of a replica site, and the expected record ("truth") for each article.

The renderers turn these objects into HTML; the truth is computed from the same objects
(never by parsing the HTML, never by calling the extractors of ``scraper``: ids, URLs and
credits are stated here from the model), so extraction bugs cannot leak into the expected
records.
"""

from __future__ import annotations

import hashlib
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urljoin, urlsplit


@dataclass(frozen=True)
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()  # extra response headers (X-WP-TotalPages)


@dataclass(frozen=True)
class Replica:
    key: str
    pages: dict[str, Page]  # URL path (with query if any) -> page
    truth: list[dict]  # one expected record per article page, ordered by path
    start_paths: tuple[str, ...]  # first listing page of each category
    article_paths: tuple[str, ...]  # sorted; same order as truth


@dataclass(frozen=True)
class Category:
    name: str
    slug: str  # hungyen: used in the listing URL; laichau: the NukeViet category alias
    native_id: int  # hungyen "c{catid}"; 0 where the CMS has no numeric id in URLs
    topics: tuple[str, ...]  # text.TOPICS keys used for its articles


@dataclass(frozen=True)
class Image:
    src: str  # as printed in the page: root-relative or absolute on the canonical domain
    caption: str | None
    alt: str
    style: str = "figure"  # hungyen: "figure" or the old editor's "table"


@dataclass(frozen=True)
class Para:
    text: str
    bold: str | None = None  # substring wrapped in <strong> when rendered


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Figure:
    image: Image


@dataclass(frozen=True)
class Raw:
    """Markup inside the body that carries no article text (inline script, empty <p>)."""

    html: str


Block = Para | Heading | Figure | Raw


@dataclass(frozen=True)
class Credit:
    byline: str  # as printed, whitespace collapsed
    author: str  # name or desk, without label or unit
    placement: str = "body"  # "body": last <p> of the body; "block": NukeViet author block


@dataclass
class Article:
    site: str
    native_id: int
    slug: str
    path: str
    url: str  # canonical absolute URL on the real domain
    category: Category
    title: str  # NFC; rendered NFD when ``nfd`` is set
    published: datetime  # naive, Asia/Ho_Chi_Minh
    published_text: str  # the date as printed, without label or view counter
    has_time: bool  # the page shows the time of day
    view_count: int | None  # None: the page shows no counter
    lead: str | None = None
    lead_image: Image | None = None  # NukeViet homeimg, shown above the body
    blocks: list[Block] = field(default_factory=list)
    credit: Credit | None = None
    related: list[tuple[str, list[int]]] = field(default_factory=list)  # (heading, ids)
    tags: list[str] = field(default_factory=list)
    nfd: bool = False
    brief: str = ""  # listing teaser / meta description
    record_id: str | None = None  # the record's id when the URL carries no article number
    account: str | None = None  # WordPress: the posting account's display name

    def shown(self, text: str) -> str:
        """Text as stored by the CMS: decomposed Unicode for the NFD-trap articles."""
        return unicodedata.normalize("NFD", text) if self.nfd else text

    def images(self) -> list[Image]:
        head = [self.lead_image] if self.lead_image else []
        return head + [b.image for b in self.blocks if isinstance(b, Figure)]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def collapse(text: str) -> str:
    return " ".join(nfc(text).split())


def dotted(n: int) -> str:
    """Vietnamese thousands separator: 12408 -> '12.408'."""
    return f"{n:,}".replace(",", ".")


def absolute(base: str, src: str) -> str:
    return urljoin(base + "/", src)


# The keys of every truth record: the article record minus what depends on the run.
TRUTH_FIELDS: tuple[str, ...] = (
    "id",
    "site",
    "source",
    "url",
    "title",
    "category",
    "published_at",
    "published_text",
    "view_count",
    "author",
    "byline",
    "summary",
    "body",
    "images",
    "related",
    "tags",
    "language",
)


def url_hash_id(site: str, url: str) -> str:
    """The expected id of an article whose URL carries no article number, by the id rule
    (README, the record's ``id``: ``<site>-u<hash>``): ``u`` and the first 16 hex digits of
    the SHA-1 of the article's canonical URL (UTF-8). The replicas print their article URLs
    canonical already (https, lower-case host, no port, query, fragment or trailing slash),
    so the URL is hashed exactly as the model holds it."""
    parts = urlsplit(url)
    canonical = (
        parts.scheme == "https"
        and parts.netloc == parts.netloc.lower()
        and ":" not in parts.netloc
        and not (parts.query or parts.fragment)
        and parts.path != "/"
        and not parts.path.endswith("/")
        and "//" not in parts.path
    )
    if not canonical:
        raise ValueError(f"a replica's article URL must be canonical: {url}")
    return f"{site}-u{hashlib.sha1(url.encode('utf-8'), usedforsecurity=False).hexdigest()[:16]}"


def truth_record(a: Article, by_id: dict[int, Article], base: str, source: str) -> dict:
    body = ([a.lead] if a.lead else []) + [
        b.text for b in a.blocks if isinstance(b, Para | Heading)
    ]
    stamp = a.published if a.has_time else datetime.combine(a.published.date(), datetime.min.time())
    return {
        "id": a.record_id or f"{a.site}-{a.native_id}",
        "site": a.site,
        "source": source,
        "url": a.url,  # as the site writes its canonical link (WordPress: with its "/")
        "title": collapse(a.title),
        "category": a.category.name,
        "published_at": stamp.strftime("%Y-%m-%dT%H:%M:%S+07:00"),
        "published_text": collapse(a.published_text),
        "view_count": a.view_count,
        "author": collapse(a.credit.author) if a.credit else None,
        "byline": collapse(a.credit.byline) if a.credit else None,
        "summary": collapse(a.lead) if a.lead else None,
        "body": "\n\n".join(collapse(line) for line in body if collapse(line)),
        "images": [
            {"url": absolute(base, im.src), "caption": collapse(im.caption) if im.caption else None}
            for im in a.images()
        ],
        "related": [
            {"url": by_id[i].url, "title": collapse(by_id[i].title)}
            for _, ids in a.related
            for i in ids
        ],
        "tags": [collapse(t) for t in a.tags],
        "language": "vi",
    }


def spread_datetimes(
    rng: random.Random, n: int, start: date, end: date, fixed: tuple[datetime, ...] = ()
) -> list[datetime]:
    """``n`` distinct publication times between start and end (office hours), plus ``fixed``."""
    days = (end - start).days
    taken = set(fixed)
    out = list(fixed)
    while len(out) < n:
        day = start + timedelta(days=rng.randint(0, days))
        hour, minute = rng.randint(7, 19), rng.choice(range(0, 60, 5))
        moment = datetime(day.year, day.month, day.day, hour, minute)
        if moment not in taken:
            taken.add(moment)
            out.append(moment)
    return sorted(out)


def assign_ids(
    rng: random.Random, moments: list[datetime], base: int, per_day: float, origin: date
) -> list[int]:
    """Ids that grow with publication time, as CMS auto-increment ids do."""
    ids: list[int] = []
    for m in sorted(moments):
        guess = base + int((m.date() - origin).days * per_day) + rng.randint(0, 3)
        ids.append(max(guess, ids[-1] + 1) if ids else guess)
    return ids
