"""What a data directory remembers between runs: the article index and per-site locks.

The archive files are the truth; the SQLite index is a fast summary of them. A run
writes its archive lines to a temporary file, renames it when complete and only then
records the new versions in the index, so the index is never ahead of the disk. Opening
a site's state finishes what a killed run left: complete lines of an unfinished file
are kept, a torn last line is cut, and archive files the index has not seen are indexed.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

INDEX_FILE = "index.sqlite3"
PART_SUFFIX = ".jsonl.part"


class SiteLocked(RuntimeError):
    """Another process is crawling this site into the same data directory."""


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class DataLayout:
    """Paths of the data directory (see data/README.md)."""

    root: Path

    def archive_dir(self, site: str) -> Path:
        return self.root / "archive" / site

    def archive_file(self, site: str, run_id: str) -> Path:
        return self.archive_dir(site) / f"{run_id}.jsonl"

    def partial_archive_file(self, site: str, run_id: str) -> Path:
        return self.archive_dir(site) / f".{run_id}{PART_SUFFIX}"

    def runs_dir(self) -> Path:
        return self.root / "runs"

    def logs_dir(self) -> Path:
        return self.root / "logs"

    def state_dir(self) -> Path:
        return self.root / "state"

    def archive_files(self, site: str | None = None) -> list[Path]:
        pattern = f"{site}/*.jsonl" if site else "*/*.jsonl"
        return sorted((self.root / "archive").glob(pattern))


def fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_archive_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for each line of an archive file."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                yield number, json.loads(line)


class SiteLock:
    """An exclusive lock per site and data directory; the OS drops it if the holder dies."""

    _held: dict[Path, int] = {}  # noqa: RUF012 -- per process: pipelines of one crawl share it

    @classmethod
    def acquire(cls, layout: DataLayout, site: str) -> Path:
        path = (layout.state_dir() / f"{site}.lock").resolve()
        if path in cls._held:
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise SiteLocked(
                f"site '{site}' is already being crawled into {layout.root} (pid {holder})"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        cls._held[path] = fd
        return path

    @classmethod
    def release(cls, layout: DataLayout, site: str) -> None:
        path = (layout.state_dir() / f"{site}.lock").resolve()
        fd = cls._held.pop(path, None)
        if fd is not None:
            os.close(fd)


@dataclass(frozen=True)
class IndexedArticle:
    id: str
    url: str
    content_hash: str
    version: int
    last_seen: str


class ArticleIndex:
    """One row per article id: latest content hash and version, canonical URL, last seen."""

    def __init__(self, layout: DataLayout) -> None:
        self.layout = layout
        layout.state_dir().mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(layout.state_dir() / INDEX_FILE, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        with self._db:
            self._db.execute(
                """CREATE TABLE IF NOT EXISTS articles (
                    id TEXT PRIMARY KEY, site TEXT NOT NULL, url TEXT NOT NULL,
                    content_hash TEXT NOT NULL, version INTEGER NOT NULL,
                    published_at TEXT, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
                    run_id TEXT NOT NULL)"""
            )
            self._db.execute(
                """CREATE TABLE IF NOT EXISTS archive_files (
                    path TEXT PRIMARY KEY, site TEXT NOT NULL, lines INTEGER NOT NULL,
                    indexed_at TEXT NOT NULL)"""
            )

    def close(self) -> None:
        self._db.close()

    def lookup(self, article_id: str) -> IndexedArticle | None:
        row = self._db.execute(
            "SELECT id, url, content_hash, version, last_seen FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        return IndexedArticle(*row) if row else None

    def count(self, site: str | None = None) -> int:
        if site is None:
            return self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        query = "SELECT COUNT(*) FROM articles WHERE site = ?"
        return self._db.execute(query, (site,)).fetchone()[0]

    def indexed_files(self, site: str) -> set[str]:
        rows = self._db.execute("SELECT path FROM archive_files WHERE site = ?", (site,))
        return {row[0] for row in rows}

    def record_file(self, site: str, path: Path, records: Iterable[dict[str, Any]]) -> int:
        """Index a complete archive file in one transaction; older versions never win."""
        now = utc_now()
        count = 0
        with self._db:
            for record in records:
                count += 1
                self._db.execute(
                    """INSERT INTO articles (id, site, url, content_hash, version, published_at,
                                             first_seen, last_seen, run_id)
                       VALUES (:id, :site, :url, :content_hash, :version, :published_at,
                               :now, :now, :run_id)
                       ON CONFLICT(id) DO UPDATE SET
                           url = excluded.url, content_hash = excluded.content_hash,
                           version = excluded.version, published_at = excluded.published_at,
                           last_seen = excluded.last_seen, run_id = excluded.run_id
                       WHERE excluded.version > articles.version""",
                    {
                        **{
                            k: record.get(k)
                            for k in (
                                "id",
                                "site",
                                "url",
                                "content_hash",
                                "version",
                                "published_at",
                                "run_id",
                            )
                        },
                        "now": now,
                    },
                )
            self._db.execute(
                "INSERT OR REPLACE INTO archive_files VALUES (?, ?, ?, ?)",
                (self._key(path), site, count, now),
            )
        return count

    def touch(self, article_ids: Iterable[str]) -> None:
        """Mark articles as seen now (fetched and unchanged)."""
        now = utc_now()
        with self._db:
            self._db.executemany(
                "UPDATE articles SET last_seen = ? WHERE id = ?", ((now, i) for i in article_ids)
            )

    def _key(self, path: Path) -> str:
        return str(path.relative_to(self.layout.root))

    def reconcile(self, site: str) -> int:
        """Index archive files written by runs that died before recording them."""
        known = self.indexed_files(site)
        added = 0
        for path in self.layout.archive_files(site):
            if self._key(path) not in known:
                records = [record for _, record in read_archive_lines(path)]
                added += self.record_file(site, path, records)
                logger.warning(
                    "indexed %d records of %s, which the index had missed", len(records), path
                )
        return added


def recover_partial_files(layout: DataLayout, site: str) -> list[Path]:
    """Finish archive files that a killed run left under their temporary name.

    Only call with the site's lock held, so no live run's file is touched.
    """
    recovered: list[Path] = []
    directory = layout.archive_dir(site)
    for part in sorted(directory.glob(f".*{PART_SUFFIX}")):
        data = part.read_bytes()
        complete = data[: data.rfind(b"\n") + 1]
        good: list[bytes] = []
        for line in complete.splitlines(keepends=True):
            try:
                json.loads(line)
            except ValueError:
                logger.warning("dropped an unreadable line from %s", part)
                continue
            good.append(line)
        if len(complete) < len(data):
            logger.warning(
                "cut a torn last line (%d bytes) from %s", len(data) - len(complete), part
            )
        run_id = part.name[1 : -len(PART_SUFFIX)]
        final = layout.archive_file(site, run_id)
        if good:
            with part.open("wb") as handle:
                handle.writelines(good)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(part, final)
            recovered.append(final)
        else:
            part.unlink()
        fsync_directory(directory)
    return recovered


def open_site_state(layout: DataLayout, site: str) -> ArticleIndex:
    """Lock the site, finish what a killed run left, and return an up-to-date index."""
    SiteLock.acquire(layout, site)
    layout.archive_dir(site).mkdir(parents=True, exist_ok=True)
    recover_partial_files(layout, site)
    index = ArticleIndex(layout)
    index.reconcile(site)
    return index
