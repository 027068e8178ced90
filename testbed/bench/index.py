"""The site's state at start-up and its look-ups, with an index filled in bulk (as many
articles as wanted, quickly) and with an archive that really holds its articles."""

from __future__ import annotations

import logging
import random
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from scraper.state import (
    INDEX_FIELDS,
    INDEX_FILE,
    ArticleIndex,
    DataLayout,
    RunFile,
    SiteState,
    read_archive_lines,
)
from testbed.bench.report import Figure, Peer, Section, Target
from testbed.bench.rounds import interleaved, seconds

SITE = "bench"
LOOKUPS = 100_000
PER_FILE = 1_000  # articles per archive file: one run's new articles


def _url(n: int) -> str:
    return f"https://congan.bench.gov.vn/bai-viet-so-{n}-c{n}.html"


def fill_index(layout: DataLayout, count: int) -> None:
    """An index of `count` articles written in bulk, the archive empty (setup)."""
    ArticleIndex(layout).close()  # creates the schema
    db = sqlite3.connect(layout.state_dir() / INDEX_FILE)
    rows = (
        (
            f"{SITE}-{n}",
            SITE,
            _url(n),
            f"sha256:{n:064x}",
            1,
            "2024-11-20T00:00:00+07:00",
            "2026-11-26T00:00:00Z",
            "2026-11-26T00:00:00Z",
            "bench",
        )
        for n in range(count)
    )
    with db:
        db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.close()


def fill_archive(layout: DataLayout, count: int, templates: Sequence[dict[str, Any]]) -> int:
    """`count` archived articles, PER_FILE to a run's file: full records (the replica
    pages' records, each under a new id, URL and hash) written by the archive's own
    RunFile and indexed as the archive pipeline indexes a run's file once it is final.
    Returns the archive's size in bytes."""
    index = ArticleIndex(layout)
    size = 0
    try:
        for first in range(0, count, PER_FILE):
            run_id = f"run-{first // PER_FILE:05d}"
            file = RunFile(layout, "archive", SITE, run_id)
            kept = []
            for n in range(first, min(first + PER_FILE, count)):
                record = {
                    **templates[n % len(templates)],
                    "id": f"{SITE}-{n}", "site": SITE, "url": _url(n),
                    "content_hash": f"sha256:{n:064x}", "version": 1, "run_id": run_id,
                }  # fmt: skip
                file.append(record)
                kept.append({key: record.get(key) for key in INDEX_FIELDS})
            final = file.commit()
            assert final is not None
            size += final.stat().st_size
            index.record_file(SITE, final, kept)
    finally:
        index.close()
    return size


@contextmanager
def _quiet_state() -> Iterator[None]:
    """A rebuilt index says so once per archive file (a warning a user must see, noise
    here)."""
    state = logging.getLogger("scraper.state")
    level = state.level
    state.setLevel(logging.ERROR)
    try:
        yield
    finally:
        state.setLevel(level)


def _start_up(layout: DataLayout) -> float:
    """ms of what a run does first: lock, recovery, the index reconciled with the archive."""
    return seconds(lambda: SiteState.open(layout, SITE).close()) * 1000


def _rebuild(layout: DataLayout) -> float:
    """ms of a start-up whose index is gone: it is rebuilt from the archive."""
    for suffix in ("", "-wal", "-shm"):
        (layout.state_dir() / f"{INDEX_FILE}{suffix}").unlink(missing_ok=True)
    return _start_up(layout)


def _read_archive(layout: DataLayout) -> float:
    """ms to read and parse every line of the site's archive files, nothing else."""

    def read() -> None:
        for path in layout.archive_files(SITE):
            for _ in read_archive_lines(path):
                pass

    return seconds(read) * 1000


def _lookups(layout: DataLayout, count: int) -> tuple[float, float]:
    """(µs a look-up by id, µs a look-up by URL), half of them of unknown articles."""
    index = ArticleIndex(layout)
    try:
        ids = [f"{SITE}-{random.randrange(count * 2)}" for _ in range(LOOKUPS)]
        urls = [_url(random.randrange(count * 2)) for _ in range(LOOKUPS // 10)]
        by_id = seconds(lambda: [index.lookup(i) for i in ids]) / len(ids)
        by_url = seconds(lambda: [index.lookup_url(u) for u in urls]) / len(urls)
    finally:
        index.close()
    return by_id * 1e6, by_url * 1e6


def _kilo(count: int) -> str:
    return f"{count // 1_000_000}M" if count >= 1_000_000 else f"{count // 1000}k"


def bulk_section(rounds: int, large: int) -> Section:
    with tempfile.TemporaryDirectory() as tmp:
        small_layout, large_layout = (
            DataLayout(Path(tmp) / "small"),
            DataLayout(Path(tmp) / "large"),
        )
        fill_index(small_layout, 1_000)
        fill_index(large_layout, large)
        values = interleaved(
            {
                "small": lambda: _start_up(small_layout),
                "large": lambda: _start_up(large_layout),
                "lookups": lambda: _lookups(large_layout, large),
            },
            rounds,
        )
    size = _kilo(large)
    small = Peer("index of 1k", values["small"])
    figures = [
        Figure(
            f"start-up, index of {size}",
            "ms",
            values["large"],
            (small,),
            Target(200, False, "< 200 ms"),
        ),
        Figure(
            f"look-up by id, {size}",
            "µs",
            [v[0] for v in values["lookups"]],
            (),
            Target(100, False, "< 100 µs"),
        ),
        Figure(
            f"look-up by URL, {size}",
            "µs",
            [v[1] for v in values["lookups"]],
            (),
            Target(200, False, "< 200 µs"),
        ),
    ]
    return Section(
        "Index, filled in bulk",
        BULK_ABOUT.format(size=size, lookups=f"{LOOKUPS:,}", urls=f"{LOOKUPS // 10:,}"),
        figures,
    )


def archive_section(rounds: int, count: int, templates: Sequence[dict[str, Any]]) -> Section:
    with tempfile.TemporaryDirectory() as tmp, _quiet_state():
        full, empty = DataLayout(Path(tmp) / "archive"), DataLayout(Path(tmp) / "empty")
        size = fill_archive(full, count, templates)
        fill_index(empty, count)
        values = interleaved(
            {
                "full": lambda: _start_up(full),
                "empty": lambda: _start_up(empty),
                "rebuild": lambda: _rebuild(full),
                "read": lambda: _read_archive(full),
            },
            rounds,
        )
    articles = _kilo(count)
    figures = [
        Figure(
            f"start-up, {articles} archived",
            "ms",
            values["full"],
            (Peer(f"index of {articles}, archive empty", values["empty"]),),
            Target(200, False, "< 200 ms"),
        ),
        Figure(
            f"start-up, {articles} archived, index lost",
            "ms",
            values["rebuild"],
            (Peer("json.loads of every archive line", values["read"]),),
        ),
    ]
    about = ARCHIVE_ABOUT.format(
        count=f"{count:,}", files=count // PER_FILE, per=f"{PER_FILE:,}", mib=size / 2**20
    )
    return Section("Index with a populated archive", about, figures)


BULK_ABOUT = (
    "`SiteState.open` then `close` (the lock, recovery of unfinished run files, the index "
    "checked against the archive files and reconciled), on an index of {size} articles "
    "written straight into SQLite, the archive empty; its peer is the same on an index of "
    "1,000. Look-ups on the {size} index: {lookups} by id and {urls} by URL, half of them "
    "of articles it does not hold, µs each. The rounds interleave the three."
)
ARCHIVE_ABOUT = (
    "An archive that really holds its articles: {count} full records (the replica pages' "
    "records, each under its own id, URL and content hash) in {files} archive files of "
    "{per} (one run's file each, {mib:.0f} MiB in all), written by the archive's own "
    "`RunFile` and indexed file by file with `ArticleIndex.record_file`, as the archive "
    "pipeline does at the end of a run. *Start-up*: `SiteState.open` then `close`; what it "
    "reads of the archive is its list of files, compared with the files the index holds "
    "(no line is read while they agree); its peer is a start-up on an index of as many "
    "articles filled in bulk, with no archive. *Index lost*: the same start-up after the "
    "index file is deleted, which rebuilds it by reading every archive line; its peer is "
    "reading and parsing every line of the archive files and nothing else. The rounds "
    "interleave the four."
)
