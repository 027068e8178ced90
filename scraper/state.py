"""What a data directory remembers between runs: the article index and per-site locks.

The archive files are the truth; the SQLite index is a fast summary of them. A run
writes its archive lines to a temporary file, renames it when complete and only then
records the new versions in the index, so the index is never ahead of the disk. Opening
a site's state finishes what a killed run left: complete lines of an unfinished file
are kept, a torn last line is cut, and archive files the index has not seen are indexed.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import orjson

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


class Identities:
    """A set of article identities (canonical URLs, ids) kept as 16-byte digests: a run
    remembers every article it requested and processed, and a URL takes ten times that."""

    def __init__(self) -> None:
        self._digests: set[bytes] = set()

    @staticmethod
    def _digest(identity: str) -> bytes:
        return hashlib.blake2b(identity.encode("utf-8"), digest_size=16).digest()

    def __contains__(self, identity: object) -> bool:
        return isinstance(identity, str) and self._digest(identity) in self._digests

    def __len__(self) -> int:
        return len(self._digests)

    def add(self, identity: str) -> None:
        self._digests.add(self._digest(identity))


class RunFileError(OSError):
    """A run file could not be written (disk full, read-only, I/O error); the lines
    written before stay in its temporary file, which the next run recovers."""


class PartialFile:
    """A file written under a temporary name (`partial`) that gets its `final` name only
    once its data is on disk; `failed` is the first write error, after which it never
    gets it (the temporary file stays for the next run's recovery)."""

    partial: Path
    final: Path
    failed: OSError | None

    def _commit(self, handle: IO[Any]) -> Path | None:
        """Flush, sync, close and rename; None when writing failed before, RunFileError
        (naming the file) when the data cannot be put on disk now."""
        try:
            if self.failed is not None:
                return None
            try:
                handle.flush()
                os.fsync(handle.fileno())
            except OSError as exc:
                self.failed = exc
                raise RunFileError(f"{self.partial}: {exc.strerror or exc}") from exc
        finally:
            try:
                handle.close()
            except OSError as exc:  # the data were flushed and synced, or failed already
                self.failed = self.failed or exc
        os.replace(self.partial, self.final)
        fsync_directory(self.final.parent)
        return self.final


class WaitingRows:
    """Rows of JSON values that wait for a file to be final, in an unnamed temporary file
    beside it (unlinked at once; on the data's disk, not a tmpfs in memory): a first crawl
    of 100,000 articles keeps no row per article in memory. OSError when one cannot be
    written."""

    def __init__(self, directory: Path) -> None:
        self._file = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115 (closed by read/close)

    def add(self, row: Sequence[Any]) -> None:
        self._file.write(orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE))

    def read(self) -> Iterator[list[Any]]:
        """Every row in the order added, once; the file is closed after the last."""
        with self._file:
            self._file.seek(0)
            yield from map(orjson.loads, self._file)

    def close(self) -> None:
        self._file.close()


class RunFile(PartialFile):
    """A JSON Lines file that has its final name only once it is complete.

    Lines are appended to ".<run_id>.jsonl.part" and flushed one by one (a kill loses
    at most the line being written); commit() syncs it to disk and renames it. After a
    write error the file takes no more lines and is never renamed: its temporary file,
    torn last line and all, is left for the next run's recovery. With `keep`, those
    fields of each line wait (WaitingRows) for ``kept()`` once the file is final.
    """

    def __init__(
        self, layout: DataLayout, kind: str, site: str, run_id: str, keep: Sequence[str] = ()
    ) -> None:
        self.partial = layout.partial_run_file(kind, site, run_id)
        self.final = layout.run_file(kind, site, run_id)
        self.lines = 0
        self.failed: OSError | None = None
        self.keep = tuple(keep)
        self._handle: IO[bytes] | None = None
        self._rows: WaitingRows | None = None

    def append(self, record: dict[str, Any]) -> None:
        """Write one line; RunFileError (naming the file) if it cannot be written."""
        if self.failed is not None:
            raise RunFileError(f"{self.partial}: no longer written after: {self.failed}")
        try:
            if self._handle is None:
                self.partial.parent.mkdir(parents=True, exist_ok=True)
                self._handle = self.partial.open("ab")
                if self.keep:
                    self._rows = WaitingRows(self.partial.parent)
            self._handle.write(to_json_line(record))
            self._handle.flush()
            if self._rows is not None:  # a line whose row is lost leaves the file unfinished
                self._rows.add([record.get(name) for name in self.keep])
        except OSError as exc:
            self.failed = exc
            raise RunFileError(f"{self.partial}: {exc.strerror or exc}") from exc
        self.lines += 1

    def commit(self) -> Path | None:
        """Make the file final once its data is on disk; None when nothing was written
        or writing failed (the temporary file stays for recovery, which reads its lines)."""
        if self._handle is None:
            return None
        handle, self._handle = self._handle, None
        final = None
        try:
            final = self._commit(handle)
        finally:
            if final is None and self._rows is not None:  # nothing for kept() to give
                self._rows.close()
                self._rows = None
        return final

    def kept(self) -> Iterator[dict[str, Any]]:
        """The `keep` fields of every line of the committed file, in order, once."""
        rows, self._rows = self._rows, None
        if rows is not None:
            for row in rows.read():
                yield dict(zip(self.keep, row, strict=True))


def to_json_line(record: dict[str, Any]) -> bytes:
    """One line in UTF-8: text as it is (no \\uXXXX escapes), no spaces after separators,
    the bytes json.dumps(ensure_ascii=False, separators=(",", ":")) gives, by orjson (about
    seven times quicker on an article); TypeError for what JSON cannot hold."""
    return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)


def read_archive_lines(path: Path) -> Iterator[tuple[int, object]]:
    """(line number, parsed JSON) for each line of an archive file: a record, unless
    someone wrote something else there."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:  # bytes that are not UTF-8 are a JSONDecodeError too
                yield number, orjson.loads(line)
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


# The fields of a record the index keeps (record_file reads no other).
INDEX_FIELDS = ("id", "site", "url", "content_hash", "version", "published_at", "run_id")

# What a record needs for the index to hold it.
_INDEXED_KEYS = frozenset({"id", "site", "url", "content_hash", "version"})


class ArticleIndex:
    """One row per article id: latest content hash and version, canonical URL, last seen."""

    def __init__(self, layout: DataLayout) -> None:
        self.layout = layout
        layout.state_dir().mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(layout.state_dir() / INDEX_FILE, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        # 512 KiB of pages (SQLite's default is 2 MiB): a first crawl's one transaction of
        # new rows then spills to the WAL instead of growing the process; look-ups in an
        # index of 1M articles cost the same (make bench: 11.8 µs by id)
        self._db.execute("PRAGMA cache_size=-512")
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
            self._db.execute("CREATE INDEX IF NOT EXISTS articles_site ON articles (site)")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS sites (site TEXT PRIMARY KEY, walk_completed_at TEXT)"
            )
            # articles whose page failed (fetch or extraction): retried by the next runs
            self._db.execute(
                """CREATE TABLE IF NOT EXISTS failures (
                    id TEXT PRIMARY KEY, site TEXT NOT NULL, url TEXT NOT NULL,
                    reason TEXT NOT NULL, attempts INTEGER NOT NULL,
                    first_failed TEXT NOT NULL, last_failed TEXT NOT NULL)"""
            )
            # the latest full capture of each URL (scraper/capture.py): an identical body
            # fetched again is written as a revisit of it. A cache of the WARC files:
            # when lost, the next fetch of a page is stored in full once more.
            self._db.execute(
                """CREATE TABLE IF NOT EXISTS captures (
                    url TEXT PRIMARY KEY, site TEXT NOT NULL, record_id TEXT NOT NULL,
                    warc_file TEXT NOT NULL, warc_date TEXT NOT NULL, digest TEXT NOT NULL)"""
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
        """Index a complete archive file in one transaction; older versions never win. Its
        articles have no failure pending any more. `records` is read once, as it comes."""
        now = utc_now()
        count = 0
        with self._db:
            for record in records:
                count += 1
                self._db.execute("DELETE FROM failures WHERE id = ?", (record.get("id"),))
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
                        **{k: record.get(k) for k in INDEX_FIELDS},
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
        """Mark articles as seen now (fetched and unchanged): no failure of theirs is pending."""
        now = utc_now()
        ids = list(article_ids)
        with self._db:
            self._db.executemany(
                "UPDATE articles SET last_seen = ? WHERE id = ?", ((now, i) for i in ids)
            )
            self._db.executemany("DELETE FROM failures WHERE id = ?", ((i,) for i in ids))

    def record_failure(self, site: str, article_id: str, url: str, reason: str) -> int:
        """Remember that an article's page failed; the number of attempts so far."""
        now = utc_now()
        with self._db:
            self._db.execute(
                """INSERT INTO failures VALUES (?, ?, ?, ?, 1, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET url = excluded.url,
                       reason = excluded.reason, attempts = attempts + 1,
                       last_failed = excluded.last_failed""",
                (article_id, site, url, reason, now, now),
            )
        row = self._db.execute("SELECT attempts FROM failures WHERE id = ?", (article_id,))
        return int(row.fetchone()[0])

    def failures(self, site: str) -> list[tuple[str, str, str, int]]:
        """(id, url, reason, attempts) of the site's failed articles, oldest first."""
        rows = self._db.execute(
            "SELECT id, url, reason, attempts FROM failures WHERE site = ? ORDER BY first_failed",
            (site,),
        )
        return [(str(i), str(u), str(r), int(a)) for i, u, r, a in rows]

    def earlier_capture(self, url: str) -> tuple[str, str, str, str] | None:
        """(record_id, url, warc_date, digest) of the URL's latest full capture."""
        row = self._db.execute(
            "SELECT record_id, url, warc_date, digest FROM captures WHERE url = ?", (url,)
        ).fetchone()
        return (str(row[0]), str(row[1]), str(row[2]), str(row[3])) if row else None

    def record_captures(
        self, site: str, captures: Iterable[tuple[str, str, str, str, str]]
    ) -> None:
        """Remember full captures, (url, record_id, warc_file, warc_date, digest), once
        their file has its final name."""
        with self._db:
            self._db.executemany(
                """INSERT INTO captures VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT(url) DO UPDATE SET record_id = excluded.record_id,
                       warc_file = excluded.warc_file, warc_date = excluded.warc_date,
                       digest = excluded.digest""",
                ((url, site, rid, file, date, digest) for url, rid, file, date, digest in captures),
            )

    def _key(self, path: Path) -> str:
        return str(path.relative_to(self.layout.root))

    def disagreement(self, site: str) -> str | None:
        """Why the index cannot be trusted for this site, or None. Cheap checks only (a
        start-up must not read the whole archive): an indexed archive file that is gone,
        or archive files indexed while no article of the site is."""
        on_disk = {self._key(path) for path in self.layout.archive_files(site)}
        gone = sorted(self.indexed_files(site) - on_disk)
        if gone:
            return f"it indexes {len(gone)} archive files that are not there ({gone[0]})"
        lines = self._db.execute(
            "SELECT COALESCE(SUM(lines), 0) FROM archive_files WHERE site = ?", (site,)
        ).fetchone()[0]
        has_articles = self._db.execute(
            "SELECT 1 FROM articles WHERE site = ? LIMIT 1", (site,)
        ).fetchone()
        if lines and not has_articles:
            return f"it has no article of the site but indexed {lines} archived lines"
        return None

    def forget(self, site: str) -> None:
        """Drop everything the index holds of a site (reconcile then rebuilds it)."""
        with self._db:
            self._db.execute("DELETE FROM articles WHERE site = ?", (site,))
            self._db.execute("DELETE FROM archive_files WHERE site = ?", (site,))
            self._db.execute("DELETE FROM sites WHERE site = ?", (site,))
            self._db.execute("DELETE FROM failures WHERE site = ?", (site,))
            self._db.execute("DELETE FROM captures WHERE site = ?", (site,))

    def reconcile(self, site: str) -> int:
        """Index archive files written by runs that died before recording them."""
        known = self.indexed_files(site)
        added = 0
        for path in self.layout.archive_files(site):
            if self._key(path) not in known:
                if repair_run_file(self.layout, path) and not path.exists():
                    continue  # not one good line
                records = []
                for number, record in read_archive_lines(path):
                    if isinstance(record, dict) and record.keys() >= _INDEXED_KEYS:
                        records.append(record)
                    else:  # `verify` names it too; the index holds what it can use
                        logger.warning("%s:%d: not an article record, not indexed", path, number)
                added += self.record_file(site, path, records)
                logger.warning(
                    "indexed %d records of %s, which the index had missed", len(records), path
                )
        return added


RECOVERING_SUFFIX = ".recovering"


def recover_partial_files(layout: DataLayout, site: str) -> list[Path]:
    """Finish the run files (archive and views) that a killed run left unfinished.

    Complete lines are kept and the file gets its final name; a torn last line is cut (the
    original is kept under DATA/state/damaged/). The good lines go to a new temporary
    file that is synced and renamed, and only then is the unfinished file removed: a kill
    at any moment of it loses nothing. Only call with the site's lock held.
    """
    recovered: list[Path] = []
    for kind in RUN_FILE_KINDS:
        directory = layout.root / kind / site
        for leftover in directory.glob(f".*{RECOVERING_SUFFIX}"):
            leftover.unlink()  # a recovery killed half-way: its source is still there
        for part in sorted(directory.glob(f".*{PART_SUFFIX}")):
            final = layout.run_file(kind, site, part.name[1 : -len(PART_SUFFIX)])
            data = part.read_bytes()
            if _rewrite_good_lines(layout, part, final, data, _good_lines(data, part)[0]):
                recovered.append(final)
                logger.warning("finished %s, left by a run that did not end", final)
            part.unlink()
            fsync_directory(directory)
    return recovered


def repair_run_file(layout: DataLayout, path: Path) -> bool:
    """Cut a final run file's torn or unreadable lines (written so by a full disk, or by
    hand); the original is kept under DATA/state/damaged/. True if it was repaired."""
    data = path.read_bytes()
    good, size = _good_lines(data, path)
    if size == len(data):
        return False
    if not _rewrite_good_lines(layout, path, path, data, good):
        path.unlink()
    logger.warning("repaired %s: cut its torn or unreadable lines", path)
    return True


def _good_lines(data: bytes, source: Path) -> tuple[list[bytes], int]:
    """The complete JSON lines of a file's bytes, and how many bytes they make up
    (fewer than the file when a line was dropped)."""
    complete = data[: data.rfind(b"\n") + 1]
    good: list[bytes] = []
    for line in complete.splitlines(keepends=True):
        try:
            orjson.loads(line)
        except ValueError:
            logger.warning("dropped an unreadable line from %s", source)
            continue
        good.append(line)
    if len(complete) < len(data):
        logger.warning("cut a torn last line (%d bytes) from %s", len(data) - len(complete), source)
    return good, sum(map(len, good))


def _rewrite_good_lines(
    layout: DataLayout, source: Path, final: Path, data: bytes, good: list[bytes]
) -> bool:
    """Write the good lines of `source` (its bytes: `data`) to `final` through a synced
    temporary file; keep a copy of `source` in DATA/state/damaged/ if any byte was left
    out. False when no line was good (nothing written)."""
    size = sum(map(len, good))
    if size < len(data):
        damaged = layout.state_dir() / "damaged"
        damaged.mkdir(parents=True, exist_ok=True)
        keep = (
            damaged / f"{source.parent.parent.name}-{source.parent.name}-{source.name.lstrip('.')}"
        )
        keep.write_bytes(data)
    if not good:
        return False
    temporary = final.with_name(f".{final.name}{RECOVERING_SUFFIX}")
    with temporary.open("wb") as handle:
        handle.writelines(good)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, final)
    fsync_directory(final.parent)
    return True


def index_damage(path: Path) -> str | None:
    """Why an index file is no SQLite database to trust, read from its 100-byte header
    (cheap at any size; `verify` runs SQLite's full integrity check): not SQLite at all,
    or shorter than the pages its header counts (cut short). None if it looks whole."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        return None
    if size == 0:
        return None  # SQLite makes an empty file a database
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return "not an SQLite database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counted = header[92:96] == header[24:28]  # the header's page count is current
    # pages a WAL checkpoint did not get to write (a full disk) are still in the -wal
    # file, which SQLite reads first: only SQLite's own check can tell then
    in_wal = _size(path.with_name(path.name + "-wal")) > 0
    if counted and not in_wal and size < pages * page_size:
        return f"cut short ({size} of {pages * page_size} bytes)"
    return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _open_index(layout: DataLayout, site: str) -> ArticleIndex:
    """The index, reconciled with the site's archive files. A damaged index file is moved
    aside and rebuilt from the archive; one that disagrees with the site's archive
    forgets the site and indexes it again. Both with a warning."""
    path = layout.state_dir() / INDEX_FILE
    damage = index_damage(path)
    if damage is None:
        index = ArticleIndex(layout)
        try:
            if (disagreement := index.disagreement(site)) is not None:
                logger.warning(
                    "the index disagrees with the archive of %s (%s): rebuilding it from the "
                    "archive",
                    site,
                    disagreement,
                )
                index.forget(site)
            index.reconcile(site)
            return index
        except sqlite3.DatabaseError as exc:  # damage the header did not show
            index.close()
            damage = str(exc)
        except BaseException:
            index.close()
            raise
    aside = path.with_name(f"{path.name}.damaged-{utc_now().replace(':', '')}")
    for suffix in ("", "-wal", "-shm"):
        if (damaged := path.with_name(path.name + suffix)).exists():
            os.replace(damaged, aside.with_name(aside.name + suffix))
    logger.warning(
        "the index %s is damaged (%s): moved aside to %s and rebuilt from the archive",
        path,
        damage,
        aside.name,
    )
    index = ArticleIndex(layout)
    try:
        index.reconcile(site)
    except BaseException:
        index.close()
        raise
    return index


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
            index = _open_index(layout, site)
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
