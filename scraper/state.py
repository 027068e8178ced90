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
from typing import IO, Any

from scraper.extract.urls import canonicalize_url

logger = logging.getLogger(__name__)

INDEX_FILE = "index.sqlite3"
PART_SUFFIX = ".jsonl.part"


class SiteLocked(RuntimeError):
    """Another process is crawling this site into the same data directory."""


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


# Run files: one JSON Lines file per site and run, written under a temporary name.
RUN_FILE_KINDS = ("archive", "views")


@dataclass(frozen=True)
class DataLayout:
    """Paths of the data directory (see data/README.md)."""

    root: Path

    def run_file(self, kind: str, site: str, run_id: str) -> Path:
        """DATA/<kind>/<site>/<run_id>.jsonl, kind being "archive" or "views"."""
        return self.root / kind / site / f"{run_id}.jsonl"

    def partial_run_file(self, kind: str, site: str, run_id: str) -> Path:
        return self.root / kind / site / f".{run_id}{PART_SUFFIX}"

    def archive_dir(self, site: str) -> Path:
        return self.root / "archive" / site

    def archive_file(self, site: str, run_id: str) -> Path:
        return self.run_file("archive", site, run_id)

    def partial_archive_file(self, site: str, run_id: str) -> Path:
        return self.partial_run_file("archive", site, run_id)

    def runs_dir(self) -> Path:
        return self.root / "runs"

    def logs_dir(self) -> Path:
        return self.root / "logs"

    def state_dir(self) -> Path:
        return self.root / "state"

    def archive_files(self, site: str | None = None) -> list[Path]:
        return self.run_files("archive", site)

    def run_files(self, kind: str, site: str | None = None) -> list[Path]:
        pattern = f"{site}/*.jsonl" if site else "*/*.jsonl"
        return sorted((self.root / kind).glob(pattern))


def fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class RunFile:
    """A JSON Lines file that has its final name only once it is complete.

    Lines are appended to ".<run_id>.jsonl.part" and flushed one by one (a kill loses
    at most the line being written); commit() syncs it to disk and renames it.
    """

    def __init__(self, layout: DataLayout, kind: str, site: str, run_id: str) -> None:
        self.partial = layout.partial_run_file(kind, site, run_id)
        self.final = layout.run_file(kind, site, run_id)
        self.lines = 0
        self._handle: IO[str] | None = None

    def append(self, record: dict[str, Any]) -> None:
        if self._handle is None:
            self.partial.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.partial.open("a", encoding="utf-8")
        self._handle.write(to_json_line(record))
        self._handle.flush()
        self.lines += 1

    def commit(self) -> Path | None:
        """Make the file final; None when nothing was written."""
        if self._handle is None:
            return None
        os.fsync(self._handle.fileno())
        self._handle.close()
        self._handle = None
        os.replace(self.partial, self.final)
        fsync_directory(self.final.parent)
        return self.final


def to_json_line(record: dict[str, Any]) -> str:
    """One line: UTF-8 text as it is (no \\uXXXX escapes), no spaces after separators."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def read_archive_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for each line of an archive file."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except ValueError as exc:  # named, so that the one line a user sees says where
                raise ValueError(f"{path}:{number}: not a JSON line ({exc})") from None


class SiteLock:
    """An exclusive lock per site and data directory; the OS drops it if the holder dies.

    flock() locks belong to an open file, so a second lock of the same site is refused
    within one process as well as across processes.
    """

    def __init__(self, layout: DataLayout, site: str) -> None:
        self.layout, self.site = layout, site
        self.path = (layout.state_dir() / f"{site}.lock").resolve()
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock; SiteLocked names the holder's pid when another has it."""
        if self._fd is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise SiteLocked(
                f"site '{self.site}' is already being crawled into {self.layout.root} "
                f"(pid {holder})"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def check_free(self) -> None:
        """Raise SiteLocked if someone holds the lock now, without keeping it."""
        if not self.held:
            self.acquire()
            self.release()


@dataclass(frozen=True)
class IndexedArticle:
    id: str
    url: str
    content_hash: str
    version: int
    published_at: str | None
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
            self._db.execute("CREATE INDEX IF NOT EXISTS articles_url ON articles (url)")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS sites (site TEXT PRIMARY KEY, walk_completed_at TEXT)"
            )

    def close(self) -> None:
        self._db.close()

    # the columns of IndexedArticle, in its order
    _BY_ID = (
        "SELECT id, url, content_hash, version, published_at, last_seen FROM articles WHERE id = ?"
    )
    _BY_URL = (
        "SELECT id, url, content_hash, version, published_at, last_seen FROM articles WHERE url = ?"
    )

    def lookup(self, article_id: str) -> IndexedArticle | None:
        row = self._db.execute(self._BY_ID, (article_id,)).fetchone()
        return IndexedArticle(*row) if row else None

    def lookup_url(self, url: str) -> IndexedArticle | None:
        """By URL (any spelling ``canonicalize_url`` folds: trailing slash, host case,
        tracking parameters): for sites whose ids are URL hashes and pages that moved."""
        row = self._db.execute(self._BY_URL, (canonicalize_url(url),)).fetchone()
        return IndexedArticle(*row) if row else None

    def walk_completed_at(self, site: str) -> str | None:
        """When a run last walked every listing page of the site to its end."""
        row = self._db.execute(
            "SELECT walk_completed_at FROM sites WHERE site = ?", (site,)
        ).fetchone()
        return row[0] if row else None

    def mark_walk_complete(self, site: str) -> None:
        with self._db:
            self._db.execute(
                "INSERT INTO sites VALUES (?, ?) ON CONFLICT(site) DO UPDATE SET "
                "walk_completed_at = excluded.walk_completed_at",
                (site, utc_now()),
            )

    def count(self, site: str | None = None) -> int:
        if site is None:
            return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        query = "SELECT COUNT(*) FROM articles WHERE site = ?"
        return int(self._db.execute(query, (site,)).fetchone()[0])

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
                        "url": canonicalize_url(str(record.get("url", ""))),
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
    """Finish the run files (archive and views) that a killed run left unfinished.

    Complete lines are kept and the file gets its final name; a torn last line is cut.
    Only call with the site's lock held, so no live run's file is touched.
    """
    recovered: list[Path] = []
    for kind in RUN_FILE_KINDS:
        directory = layout.root / kind / site
        for part in sorted(directory.glob(f".*{PART_SUFFIX}")):
            final = _finish_partial_file(
                part, layout.run_file(kind, site, part.name[1 : -len(PART_SUFFIX)])
            )
            if final is not None:
                recovered.append(final)
            fsync_directory(directory)
    return recovered


def _finish_partial_file(part: Path, final: Path) -> Path | None:
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
        logger.warning("cut a torn last line (%d bytes) from %s", len(data) - len(complete), part)
    if not good:
        part.unlink()
        return None
    with part.open("wb") as handle:
        handle.writelines(good)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(part, final)
    logger.warning("finished %s, left by a run that did not end (%d lines)", final, len(good))
    return final


class SiteState:
    """What a run keeps of one site between runs, opened once by the run's one owner
    (``scraper.site_run.SiteRun``): the lock, then recovery of what a killed run left,
    then an index reconciled with the archive files, on one SQLite connection."""

    def __init__(self, lock: SiteLock, index: ArticleIndex) -> None:
        self.lock, self.index = lock, index
        self.site, self.layout = lock.site, lock.layout

    @classmethod
    def open(cls, layout: DataLayout, site: str) -> SiteState:
        """Lock the site (SiteLocked if another run has it), finish what a killed run
        left, and index archive files the index missed."""
        lock = SiteLock(layout, site)
        lock.acquire()
        try:
            layout.archive_dir(site).mkdir(parents=True, exist_ok=True)
            recover_partial_files(layout, site)
            index = ArticleIndex(layout)
            try:
                index.reconcile(site)
            except BaseException:
                index.close()
                raise
        except BaseException:
            lock.release()
            raise
        return cls(lock, index)

    def close(self) -> None:
        """Close the index, then release the lock (idempotent)."""
        try:
            self.index.close()
        finally:
            self.lock.release()

    def __enter__(self) -> SiteState:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
