"""`police-archive verify`: is every archived line sound, and does the index agree?"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipelines.validate import schema_problems
from scraper.capture import CaptureStore, capture_files, complete_length
from scraper.extract.text import content_hash
from scraper.state import INDEX_FILE, DataLayout, index_damage

VIEW_KEYS = {"id", "url", "view_count", "observed_at", "run_id"}


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lines: int = 0
    files: int = 0
    articles: int = 0
    # (file:line, warc_file, warc_record_id) of each archived line that names its capture
    captures_named: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, however deep (no recursion: a line may nest deep)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend(item.values())


def _lines(path: Path, report: Report) -> Iterator[tuple[str, Any]]:
    """(file:line, parsed JSON) for every line that parses; problems for the others."""
    report.files += 1
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            where = f"{path}:{number}"
            if not raw.endswith(b"\n"):
                report.problems.append(f"{where}: torn line (no line end)")
                continue
            try:
                yield where, json.loads(raw)
            except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
                report.problems.append(f"{where}: not JSON ({str(exc)[:160]})")


def verify(layout: DataLayout) -> Report:
    report = Report()
    latest = _verify_archive(layout, report)
    report.articles = len(latest)
    _verify_views(layout, report)
    _verify_index(layout, latest, report)
    _verify_captures(layout, report)
    for kind in ("archive", "views", "warc"):
        for part in sorted((layout.root / kind).glob("*/.*.part")):
            report.notes.append(
                f"{part}: unfinished run file (a run is going on, or was killed; "
                "the next crawl of the site finishes it)"
            )
    return report


def _verify_archive(layout: DataLayout, report: Report) -> dict[str, dict[str, Any]]:
    """Check every archived line; the latest version of each article by id."""
    placed: dict[tuple[str, int], str] = {}
    latest: dict[str, dict[str, Any]] = {}
    versions: dict[str, set[int]] = {}
    for path in layout.archive_files():
        for where, record in _lines(path, report):
            report.lines += 1
            if not isinstance(record, dict):
                report.problems.append(f"{where}: not a JSON object")
                continue
            report.problems.extend(f"{where}: {problem}" for problem in _problems(record, path))
            if record.get("warc_record_id"):  # checked against the captures once all is read
                report.captures_named.append(
                    (where, str(record.get("warc_file")), str(record["warc_record_id"]))
                )
            article_id, version = record.get("id"), record.get("version")
            if not isinstance(article_id, str) or type(version) is not int:
                continue  # no id or version to place it by: a schema problem, reported
            if (article_id, version) in placed:
                report.problems.append(
                    f"{where}: {article_id} version {version} already at "
                    f"{placed[article_id, version]}"
                )
                continue
            placed[article_id, version] = where
            versions.setdefault(article_id, set()).add(version)
            if version > latest.get(article_id, {}).get("version", 0):
                latest[article_id] = record
    for article_id, numbers in versions.items():
        if sorted(numbers) != list(range(1, max(numbers) + 1)):
            report.problems.append(f"{article_id}: versions {sorted(numbers)} have a gap")
    return latest


def _problems(record: dict[str, Any], path: Path) -> list[str]:
    """What is wrong with one archived record in the file at `path`."""
    problems = list(schema_problems(record))
    if any(not unicodedata.is_normalized("NFC", s) for s in _strings(record)):
        problems.append("text is not NFC")
    if record.get("site") != path.parent.name:
        problems.append(f"site '{record.get('site')}' in the wrong folder")
    title, body = record.get("title"), record.get("body")
    if (
        isinstance(title, str)
        and isinstance(body, str)
        and record.get("content_hash") != content_hash(title, body)
    ):
        problems.append("content_hash is not the hash of its title and body")
    return problems


def _verify_captures(layout: DataLayout, report: Report) -> None:
    """Every capture file holds whole WARC records only, and every archived line that
    names a capture (schema 2) names one that is there."""
    files = capture_files(layout)
    whole = []
    for path in files:
        try:
            if (end := complete_length(path)) != path.stat().st_size:
                report.problems.append(f"{path}: a torn WARC record after byte {end}")
            else:
                whole.append(path)
        except OSError as exc:
            report.problems.append(f"{path}: cannot be read ({exc.strerror or exc})")
    try:
        store = CaptureStore(whole)
    except Exception as exc:  # warcio's own errors: a file it cannot parse
        report.problems.append(f"{layout.root / 'warc'}: the captures cannot be read ({exc})")
        return
    for where, warc_file, record_id in report.captures_named:
        if not (layout.root / warc_file).is_file():
            report.problems.append(f"{where}: its capture file {warc_file} is not there")
        elif record_id not in store:
            report.problems.append(f"{where}: capture {record_id} is not in {warc_file}")


def _verify_views(layout: DataLayout, report: Report) -> None:
    for path in layout.run_files("views"):
        for where, record in _lines(path, report):
            if not isinstance(record, dict) or set(record) != VIEW_KEYS:
                report.problems.append(f"{where}: a view observation has keys {sorted(VIEW_KEYS)}")
            elif not isinstance(record["view_count"], int | None):
                report.problems.append(f"{where}: view_count is not an integer")


def _verify_index(layout: DataLayout, latest: dict[str, dict[str, Any]], report: Report) -> None:
    path = layout.state_dir() / INDEX_FILE
    if not path.exists():
        if latest:
            report.problems.append(
                f"{path}: no index, but the archive holds {len(latest)} "
                "articles (the next crawl rebuilds it)"
            )
        return
    damage = index_damage(path)
    if damage is not None:
        report.problems.append(
            f"{path}: the index is damaged ({damage}): the next crawl rebuilds it from the archive"
        )
        return
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            # SQLite's own check of every page: what the cheap start-up check leaves out
            checked = [row[0] for row in db.execute("PRAGMA quick_check(5)")]
            if checked != ["ok"]:
                report.problems.append(
                    f"{path}: the index is damaged ({'; '.join(checked)}): move it aside and "
                    "the next crawl rebuilds it from the archive"
                )
                return
            rows = {
                row[0]: row[1:]
                for row in db.execute("SELECT id, version, content_hash FROM articles")
            }
        finally:
            db.close()
    except sqlite3.Error as exc:
        report.problems.append(f"{path}: the index cannot be read ({exc})")
        return
    for article_id, record in latest.items():
        indexed = rows.get(article_id)
        if indexed is None:
            report.problems.append(f"{path}: {article_id} is archived but not indexed")
        elif indexed != (record["version"], record.get("content_hash")):
            report.problems.append(
                f"{path}: {article_id} indexed at version {indexed[0]}, archived up to "
                f"version {record['version']}"
            )
    for article_id in rows.keys() - latest.keys():
        report.problems.append(f"{path}: {article_id} is indexed but in no archive file")
