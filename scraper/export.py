"""`police-archive export`: one table of the latest version of every article.

Two passes over the archive so memory does not grow with it: the first finds where each
article's latest version is (file and line), the second writes those lines in a stable
order. Parquet keeps the types (timestamps with their zone, nullable integers, lists of
images and links); CSV writes the lists as JSON text.
"""

from __future__ import annotations

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


def latest_versions(layout: DataLayout) -> dict[str, tuple[int, Path, int]]:
    """Article id -> (version, archive file, line number) of its latest version."""
    latest: dict[str, tuple[int, Path, int]] = {}
    for path in layout.archive_files():
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                record = json.loads(line)
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
        with path.open(encoding="utf-8") as handle:
            records.extend(
                json.loads(line) for number, line in enumerate(handle, 1) if number in numbers
            )
    records.sort(key=lambda r: (r["site"], r.get("published_at") or "", r["id"]))
    yield from records


def export(layout: DataLayout, fmt: str, out: Path) -> int:
    """Write the table to `out` (under a temporary name, then renamed); the row count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (formats: {', '.join(FORMATS)})")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    rows = (_write_parquet if fmt == "parquet" else _write_csv)(latest_records(layout), tmp)
    os.replace(tmp, out)
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
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    rows = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            row = {k: record.get(k) for k in RECORD_FIELDS}
            for name in ("published_at", "scraped_at"):
                # archived times always carry their offset ("+07:00", "Z")
                stamp = row[name]
                row[name] = datetime.fromisoformat(stamp.replace("Z", "+00:00")) if stamp else None
            batch.append(row)
            if len(batch) >= _BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                rows, batch = rows + len(batch), []
        if batch or not rows:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            rows += len(batch)
    return rows
