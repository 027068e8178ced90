"""`police-archive export`: one table of the latest version of every article, or of
every view observation (``--table views``), for a site or all (``--site``), from a day on
(``--since``).

Two passes over the archive so memory does not grow with it: the first finds where each
article's latest version is (file and line), the second writes those lines in a stable
order. Parquet keeps the types (timestamps with their zone, nullable integers, lists of
images and links) and says how pandas should read them (``view_count`` as ``Int64``);
CSV writes the lists as JSON text.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scraper.record import RECORD_FIELDS
from scraper.state import DataLayout

if TYPE_CHECKING:  # imported where used: only `export --format parquet` needs pyarrow
    import pyarrow as pa

FORMATS = ("parquet", "csv")
TABLES = ("articles", "views")
VIEW_FIELDS: tuple[str, ...] = ("site", "id", "url", "view_count", "observed_at", "run_id")
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


@dataclass(frozen=True)
class Selection:
    """Which rows: of these sites (all when empty), from this day on (Vietnam time for
    an article's publication, UTC for a view observation; "" for every day)."""

    sites: tuple[str, ...] = ()
    since: str = ""

    def files(self, layout: DataLayout, kind: str) -> list[Path]:
        if not self.sites:
            return layout.run_files(kind)
        return [path for site in self.sites for path in layout.run_files(kind, site)]

    def keeps(self, stamp: str | None) -> bool:
        return not self.since or (stamp or "") >= self.since


def latest_versions(
    layout: DataLayout, selection: Selection = Selection()
) -> dict[str, tuple[int, Path, int]]:
    """Article id -> (version, archive file, line number) of its latest version.
    ExportError names a line that is not a record."""
    latest: dict[str, tuple[int, Path, int]] = {}
    for path in selection.files(layout, "archive"):
        with path.open("rb") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                record = _record(line, f"{path}:{number}")
                known = latest.get(record["id"])
                if known is None or record["version"] > known[0]:
                    latest[record["id"]] = (record["version"], path, number)
    return latest


def latest_records(
    layout: DataLayout, selection: Selection = Selection()
) -> Iterator[dict[str, Any]]:
    """The latest version of every article (published since `selection.since`), ordered
    by site, then publication, then id."""
    wanted: dict[Path, set[int]] = {}
    for _, path, number in latest_versions(layout, selection).values():
        wanted.setdefault(path, set()).add(number)
    records: list[dict[str, Any]] = []
    for path, numbers in wanted.items():
        with path.open("rb") as handle:
            records.extend(
                _record(line, f"{path}:{number}")
                for number, line in enumerate(handle, 1)
                if number in numbers
            )
    records = [r for r in records if selection.keeps(r.get("published_at"))]
    records.sort(key=lambda r: (r["site"], r.get("published_at") or "", r["id"]))
    yield from records


def view_observations(
    layout: DataLayout, selection: Selection = Selection()
) -> Iterator[dict[str, Any]]:
    """Every view observation (observed since `selection.since`) with its site, in the
    order the runs wrote them."""
    for path in selection.files(layout, "views"):
        site = path.parent.name
        with path.open("rb") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except (ValueError, RecursionError) as exc:
                    raise ExportError(f"{path}:{number}: not JSON ({exc})") from None
                if not isinstance(row, dict):
                    raise ExportError(f"{path}:{number}: not a JSON object")
                if selection.keeps(row.get("observed_at")):
                    yield {"site": site, **{k: row.get(k) for k in VIEW_FIELDS if k != "site"}}


def export(
    layout: DataLayout,
    fmt: str,
    out: Path,
    *,
    table: str = "articles",
    selection: Selection = Selection(),
) -> int:
    """Write the table to `out` (under a temporary name, then renamed); the row count.
    Nothing is left at `out` or beside it when writing fails (ExportError, OSError)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (formats: {', '.join(FORMATS)})")
    if table not in TABLES:
        raise ValueError(f"unknown table '{table}' (tables: {', '.join(TABLES)})")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    if table == "views":
        rows_of, columns, schema = view_observations(layout, selection), VIEW_FIELDS, _views_schema
    else:
        rows_of, columns, schema = latest_records(layout, selection), RECORD_FIELDS, _parquet_schema
    try:
        if fmt == "parquet":
            rows = _write_parquet(rows_of, tmp, columns, schema())
        else:
            rows = _write_csv(rows_of, tmp, columns)
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return rows


def _write_csv(records: Iterator[dict[str, Any]], path: Path, columns: tuple[str, ...]) -> int:
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for record in records:
            row = {k: record.get(k) for k in columns}
            for name in _LIST_FIELDS:
                if name in row:
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
    return _with_pandas_metadata(pa.schema([(name, types[name]) for name in RECORD_FIELDS]))


def _views_schema() -> pa.Schema:
    import pyarrow as pa

    text = pa.string()
    types = {"view_count": pa.int64(), "observed_at": pa.timestamp("s", tz="UTC")}
    return _with_pandas_metadata(pa.schema([(n, types.get(n, text)) for n in VIEW_FIELDS]))


def _with_pandas_metadata(schema: pa.Schema) -> pa.Schema:
    """The schema with the "pandas" metadata pandas reads a Parquet file's dtypes from:
    a nullable 64-bit integer comes back as ``Int64`` (not float64 with NaN for the
    missing counters); other columns as pyarrow converts them."""
    import pyarrow as pa

    columns = []
    for arrow_field in schema:
        kind = arrow_field.type
        if pa.types.is_int64(kind):
            pandas_type, numpy_type, meta = "int64", "Int64", None
        elif pa.types.is_int32(kind):
            pandas_type, numpy_type, meta = "int32", "Int32", None
        elif pa.types.is_timestamp(kind):
            pandas_type, numpy_type = "datetimetz", "datetime64[ns]"
            meta = {"timezone": kind.tz}
        elif pa.types.is_string(kind):
            pandas_type, numpy_type, meta = "unicode", "object", None
        else:
            pandas_type, numpy_type, meta = "object", "object", None
        columns.append(
            {
                "name": arrow_field.name,
                "field_name": arrow_field.name,
                "pandas_type": pandas_type,
                "numpy_type": numpy_type,
                "metadata": meta,
            }
        )
    pandas = {"index_columns": [], "column_indexes": [], "columns": columns}
    return schema.with_metadata({b"pandas": json.dumps(pandas).encode("utf-8")})


_TIMES = ("published_at", "scraped_at", "observed_at")


def _write_parquet(
    records: Iterator[dict[str, Any]], path: Path, columns: tuple[str, ...], schema: pa.Schema
) -> int:
    import pyarrow.parquet as pq

    rows = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            row = {k: record.get(k) for k in columns}
            for name in _TIMES:
                if name in row:
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
