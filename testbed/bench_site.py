"""A bench fixture: a NukeViet site of N articles on a loopback port (testbed/bench_crawl.py).

The site is a bundled NukeViet profile's replica made bigger: its articles are planned in
batches by the replica's own planner (``nukeviet_site._plan``: one batch is the replica's
configuration with its own seed, weeks and id range, so titles stay unique within it and
ids grow with time across batches), cut to N, given the CMS's "newer/older" blocks over the
whole site and rendered by the replica's renderer (listings with NukeViet's pager, article
pages, save pages, sitemap, robots.txt). The crawler reads it with the bundled profile and
``--base-url KEY=URL``: the pages link to the real domain, as every replica's do.

Deterministic (same bytes on every build) and fast: 5,000 articles in a few seconds.
"""

from __future__ import annotations

import dataclasses
import random
import subprocess
import sys
from datetime import timedelta

from .replica.laichau import CONFIG as LAICHAU
from .replica.model import Article, Page, Replica
from .replica.nukeviet_provinces import CONFIGS
from .replica.nukeviet_site import (
    RELATED_NEW,
    RELATED_OLD,
    NukeVietConfig,
    Site,
    _counters_as_listed,
    _plan,
    build,
    not_found_page,
)
from .replica.server import ReplicaHandler, ReplicaServer

# The NukeViet profiles: one bench site each (the four-site run uses all of them).
BENCH_CONFIGS: dict[str, NukeVietConfig] = {"laichau": LAICHAU, **CONFIGS}
BENCH_KEYS: tuple[str, ...] = tuple(BENCH_CONFIGS)
# Items per listing page: NukeViet's default for the news module (the small replicas use 4-6,
# which would make a 5,000-article site mostly pager).
PER_PAGE = 20
DAYS_PER_BATCH = 7


def bench_config(key: str, articles: int) -> NukeVietConfig:
    """The configuration the bench site of `key` renders with (the whole site's)."""
    cfg = BENCH_CONFIGS[key]
    per_category = -(-articles // len(cfg.categories))
    return dataclasses.replace(cfg, per_category=per_category, per_page=PER_PAGE)


def bench_articles(key: str, articles: int) -> list[Article]:
    """`articles` articles of the site, oldest batch first, ids growing with time."""
    base = BENCH_CONFIGS[key]
    batch_size = base.per_category * len(base.categories)
    out: list[Article] = []
    batch = 0
    while len(out) < articles:
        first = base.first_day + timedelta(days=batch * DAYS_PER_BATCH)
        cfg = dataclasses.replace(
            base,
            seed=base.seed * 1000 + batch,
            first_day=first,
            last_day=first + timedelta(days=DAYS_PER_BATCH - 1),
            # ids never reach the next batch's: a batch is at most a year's ids plus its size
            id_base=base.id_base + batch * (int(366 * base.ids_per_day) + batch_size + 4),
        )
        out += _plan(cfg, random.Random(cfg.seed))
        batch += 1
    kept = sorted(out, key=lambda a: a.native_id)[:articles]
    for a in kept:
        a.related = []
    return kept


def _related(cfg: NukeVietConfig, articles: list[Article]) -> None:
    """detail.php's blocks over the whole site (as ``nukeviet_site._related`` states them):
    the st_links nearest newer articles of the category, oldest first, then the st_links
    nearest older ones, newest first; in one pass per category."""
    for cat in cfg.categories:
        ordered = sorted((a for a in articles if a.category == cat), key=lambda a: a.published)
        for k, a in enumerate(ordered):
            newer = [x.native_id for x in ordered[k + 1 : k + 1 + cfg.st_links]]
            older = [x.native_id for x in ordered[max(0, k - cfg.st_links) : k][::-1]]
            a.related = [(h, ids) for h, ids in ((RELATED_NEW, newer), (RELATED_OLD, older)) if ids]


def bench_site(key: str, articles: int) -> Site:
    """The bench site of `key` with `articles` articles, ready to render."""
    cfg = bench_config(key, articles)
    planned = bench_articles(key, articles)
    _related(cfg, planned)
    _counters_as_listed(cfg, planned)
    return Site(cfg, planned)


def bench_replica(key: str, articles: int) -> Replica:
    """Every page of the bench site of `key` with `articles` articles."""
    return build(bench_site(key, articles))


class BenchServer(ReplicaServer):
    """A ReplicaServer for a replica built here rather than by the registry."""

    def __init__(self, replica: Replica, not_found: Page, address: tuple[str, int]) -> None:
        self.pages = dict(replica.pages)
        self.not_found = not_found
        super(ReplicaServer, self).__init__(address, ReplicaHandler)


def serve(key: str, articles: int) -> None:
    """Build the bench site, print "URL ARTICLES" on one line, serve until killed."""
    site = bench_site(key, articles)
    replica = build(site)
    server = BenchServer(replica, not_found_page(site), ("127.0.0.1", 0))
    print(f"http://127.0.0.1:{server.server_address[1]} {len(replica.truth)}", flush=True)
    try:
        server.serve_forever(poll_interval=0.05)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


class ServedSite:
    """A bench site served by a process of its own (`python -m testbed.bench_site`): its
    own core and GIL, its memory apart from the crawl's. A context manager, stopped on exit."""

    def __init__(self, key: str, articles: int) -> None:
        self.key = key
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "testbed.bench_site", key, str(articles)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline().split()
        if len(line) != 2:
            self.stop()
            raise RuntimeError(
                f"the bench site {key} did not start (exit {self.process.returncode})"
            )
        self.url, self.articles = line[0], int(line[1])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()

    def __enter__(self) -> ServedSite:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


if __name__ == "__main__":
    # python -m testbed.bench_site [KEY] [N]: serve one bench site until stopped
    serve(
        sys.argv[1] if len(sys.argv) > 1 else "laichau",
        int(sys.argv[2]) if len(sys.argv) > 2 else 5000,
    )
