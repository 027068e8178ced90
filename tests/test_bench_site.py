"""The crawl benchmark's fixture (testbed/bench_site.py): a NukeViet site of N articles."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from testbed.bench_site import BENCH_KEYS, bench_replica


def digest(key: str, articles: int) -> str:
    replica = bench_replica(key, articles)
    h = hashlib.sha256()
    for path in sorted(replica.pages):
        h.update(path.encode() + b"\0" + replica.pages[path].body)
    return h.hexdigest()


def test_the_bench_site_is_the_same_on_every_build():
    assert digest("laichau", 130) == digest("laichau", 130)


def test_it_has_exactly_n_articles_each_listed_with_unique_ids():
    for key in BENCH_KEYS:
        replica = bench_replica(key, 130)
        ids = [record["id"] for record in replica.truth]
        assert len(ids) == 130
        assert len(set(ids)) == 130
        listed = set()
        for path, page in replica.pages.items():
            if path in replica.start_paths or "/page-" in path:
                listed |= set(re.findall(rb'href="(/[^"/]+/[^"/]+-\d+\.html)"', page.body))
        assert {p.encode() for p in replica.article_paths} <= listed


def test_listings_paginate_20_a_page():
    replica = bench_replica("laichau", 130)
    pages = [p for p in replica.pages if re.fullmatch(r"/[^/]+/(page-\d+/)?", p)]
    per_category = Counter(path.split("/")[1] for path in replica.article_paths)
    assert sum(per_category.values()) == 130
    assert len(pages) == sum(-(-n // 20) for n in per_category.values())
    first = replica.pages[replica.start_paths[0]].body
    assert b'rel="next"' in first
