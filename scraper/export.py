"""`police-archive export`: one table of the latest version of every article.

Two passes over the archive so memory does not grow with it: the first finds where each
article's latest version is (file and line), the second writes those lines in a stable
order. Parquet keeps the types (timestamps with their zone, nullable integers, lists of
images and links); CSV writes the lists as JSON text.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scraper.record import RECORD_FIELDS
from scraper.state import DataLayout

if TYPE_CHECKING:  # imported where used: only `export --format parquet` needs pyarrow
    import pyarrow as pa

FORMATS = ("parquet", "csv")
_LIST_FIELDS = ("images", "related", "tags")
_BATCH = 2000


class ExportError(ValueError):
    """The archive cannot be exported (a line that is no record, a value that does not
    convert); the message names the file and line, or the article."""


def _record(line: bytes, where: str) -> dict[str, Any]:
    """One archive line as a record with the fields export sorts and picks by."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise ExportError(
            f"{where}: not JSON ({exc}); `police-archive verify` checks it all"
        ) from None
    if not isinstance(record, dict):
        raise ExportError(f"{where}: not a JSON object; `police-archive verify` checks it all")
    version = record.get("version")
    for name, ok in (
        ("id", isinstance(record.get("id"), str)),
        ("site", isinstance(record.get("site"), str)),
        ("version", isinstance(version, int) and not isinstance(version, bool)),
        ("published_at", isinstance(record.get("published_at"), str | None)),
    ):
        if not ok:
            raise ExportError(
                f"{where}: {name} is missing or of the wrong type; "
                "`police-archive verify` checks it all"
            )
    return record


def latest_versions(layout: DataLayout) -> dict[str, tuple[int, Path, int]]:
    """Article id -> (version, archive file, line number) of its latest version.
    ExportError names a line that is not a record."""
    latest: dict[str, tuple[int, Path, int]] = {}
    for path in layout.archive_files():
        with path.open("rb") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                record = _record(line, f"{path}:{number}")
                known = latest.get(record["id"])
                if known is None or record["version"] > known[0]:
                    latest[record["id"]] = (record["version"], path, number)
    return latest


def latest_records(layout: DataLayout) -> Iterator[dict[str, Any]]:
    """The latest version of every article, ordered by site, then publication, then id."""
    wanted: dict[Path, set[int]] = {}
    for _, path, number in latest_versions(layout).values():
        wanted.setdefault(path, set()).add(number)
    records: list[dict[str, Any]] = []
    for path, numbers in wanted.items():
        with path.open("rb") as handle:
            records.extend(
                _record(line, f"{path}:{number}")
                for number, line in enumerate(handle, 1)
                if number in numbers
            )
    records.sort(key=lambda r: (r["site"], r.get("published_at") or "", r["id"]))
    yield from records


def export(layout: DataLayout, fmt: str, out: Path) -> int:
    """Write the table to `out` (under a temporary name, then renamed); the row count.
    Nothing is left at `out` or beside it when writing fails (ExportError, OSError)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (formats: {', '.join(FORMATS)})")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    write = _write_parquet if fmt == "parquet" else _write_csv
    try:
        rows = write(latest_records(layout), tmp)
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return rows


def _write_csv(records: Iterator[dict[str, Any]], path: Path) -> int:
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=RECORD_FIELDS)
        writer.writeheader()
        for record in records:
            row = {k: record.get(k) for k in RECORD_FIELDS}
            for name in _LIST_FIELDS:
                row[name] = json.dumps(row[name] or [], ensure_ascii=False)
            writer.writerow(row)
            rows += 1
    return rows


def _parquet_schema() -> pa.Schema:
    import pyarrow as pa

    text, link = pa.string(), pa.struct([("url", pa.string()), ("title", pa.string())])
    types: dict[str, pa.DataType] = {name: text for name in RECORD_FIELDS}
    types.update(
        published_at=pa.timestamp("s", tz="Asia/Ho_Chi_Minh"),
        scraped_at=pa.timestamp("s", tz="UTC"),
        view_count=pa.int64(),
        version=pa.int32(),
        schema_version=pa.int32(),
        images=pa.list_(pa.struct([("url", pa.string()), ("caption", pa.string())])),
        related=pa.list_(link),
        tags=pa.list_(text),
    )
    return pa.schema([(name, types[name]) for name in RECORD_FIELDS])


def _write_parquet(records: Iterator[dict[str, Any]], path: Path) -> int:
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    rows = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            row = {k: record.get(k) for k in RECORD_FIELDS}
            for name in ("published_at", "scraped_at"):
                row[name] = _timestamp(row, name)
            batch.append(row)
            if len(batch) >= _BATCH:
                writer.write_table(_table(batch, schema))
                rows, batch = rows + len(batch), []
        if batch or not rows:
            writer.write_table(_table(batch, schema))
            rows += len(batch)
    return rows


def _timestamp(row: dict[str, Any], name: str) -> datetime | None:
    # archived times always carry their offset ("+07:00", "Z")
    stamp = row[name]
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError:
        raise ExportError(
            f"{row.get('id')}: {name} {stamp!r} is not an ISO 8601 time; "
            "`police-archive verify` checks it all"
        ) from None


def _table(batch: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    import pyarrow as pa

    try:
        return pa.Table.from_pylist(batch, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:  # a value of the wrong type
        raise ExportError(
            f"a record does not fit the table ({exc}); `police-archive verify` checks it all"
        ) from None
