"""`police-archive report`: each site's recent runs, from DATA/runs/*.json."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from scraper.state import DataLayout
from scraper.summary import PASSED


def recent_runs(layout: DataLayout, site: str | None = None, last: int = 5) -> list[dict[str, Any]]:
    """One row per site and run, newest first, at most `last` runs per site."""
    rows: list[dict[str, Any]] = []
    per_site: dict[str, int] = {}
    for path in sorted(layout.runs_dir().glob("*.json"), reverse=True):
        try:
            summary = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            rows.append({"run_id": path.stem, "site": "?", "status": "unreadable summary"})
            continue
        for entry in summary.get("sites", []):
            key = entry.get("site")
            if (site and key != site) or per_site.get(key, 0) >= last:
                continue
            per_site[key] = per_site.get(key, 0) + 1
            rows.append(
                {
                    "run_id": summary.get("run_id", path.stem),
                    "site": key,
                    "status": "ok" if entry.get("ok") else "FAILED",
                    "started_at": entry.get("started_at") or summary.get("started_at"),
                    "duration_seconds": entry.get("duration_seconds"),
                    "new": entry.get("new", 0),
                    "updated": entry.get("updated", 0),
                    "errors": entry.get("errors", 0),
                    "failed_monitors": [
                        m["name"]
                        for m in entry.get("monitors", [])
                        if m.get("status") not in PASSED
                    ],
                    "problems": entry.get("problems", []),
                }
            )
    return sorted(rows, key=lambda r: (r["site"], r["run_id"]), reverse=False)


def format_table(rows: list[dict[str, Any]]) -> str:
    header = ("site", "run", "status", "duration", "new", "updated", "errors", "failed monitors")
    table = [header] + [
        (
            row["site"],
            row["run_id"],
            row["status"],
            f"{row['duration_seconds']:.0f}s" if row.get("duration_seconds") is not None else "-",
            str(row.get("new", "-")),
            str(row.get("updated", "-")),
            str(row.get("errors", "-")),
            ", ".join(row.get("failed_monitors", [])) or "-",
        )
        for row in rows
    ]
    return text_table(table)


def text_table(rows: Sequence[Sequence[object]]) -> str:
    """Rows as left-aligned columns two spaces apart, the first row being the header."""
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in cells
    )
