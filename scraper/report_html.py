"""`police-archive report --html PATH`: one self-contained page of charts about the archive.

Per site: articles per month of publication, the runs over time (ok or failed, how long,
how many new articles), each field's coverage over the runs, the distribution of view
counts and the most-viewed articles. Charts are Plotly's, with plotly.js embedded once in
the page: the file opens without a network, and its charts can be zoomed and hovered.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scraper import __version__
from scraper.export import latest_records
from scraper.record import COVERAGE_FIELDS
from scraper.state import DataLayout

MOST_VIEWED = 10


def _runs_by_site(layout: DataLayout) -> dict[str, list[dict[str, Any]]]:
    """Each site's entries in the run summaries, oldest first."""
    runs: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(layout.runs_dir().glob("*.json")):
        try:
            summary = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        for entry in summary.get("sites", []):
            if entry.get("site") and entry.get("started_at"):
                runs.setdefault(entry["site"], []).append(entry)
    return runs


def _articles_by_site(layout: DataLayout) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for record in latest_records(layout):
        found.setdefault(record["site"], []).append(record)
    return found


def _figures(runs: list[dict[str, Any]], articles: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """(title, figure) of each chart of one site."""
    import plotly.graph_objects as go

    charts: list[tuple[str, Any]] = []
    months = Counter(r["published_at"][:7] for r in articles if r.get("published_at"))
    if months:
        ordered = sorted(months)
        charts.append(
            (
                "Articles per month of publication",
                go.Figure(go.Bar(x=ordered, y=[months[m] for m in ordered], name="articles")),
            )
        )
    if runs:
        starts = [r["started_at"] for r in runs]
        colours = ["#2a9d8f" if r.get("ok") else "#e63946" for r in runs]
        runs_figure = go.Figure()
        runs_figure.add_trace(
            go.Bar(
                x=starts,
                y=[r.get("new", 0) for r in runs],
                marker_color=colours,
                name="new articles (green: ok, red: failed)",
            )
        )
        runs_figure.add_trace(
            go.Scatter(
                x=starts,
                y=[r.get("duration_seconds") or 0 for r in runs],
                name="duration (s)",
                yaxis="y2",
                mode="lines+markers",
            )
        )
        runs_figure.update_layout(
            yaxis={"title": "new articles"},
            yaxis2={"title": "seconds", "overlaying": "y", "side": "right"},
        )
        charts.append(("Runs over time", runs_figure))
        coverage = go.Figure()
        for name in COVERAGE_FIELDS:
            values = [(r.get("coverage") or {}).get(name) for r in runs]
            if any(v is not None for v in values):
                coverage.add_trace(go.Scatter(x=starts, y=values, name=name, mode="lines+markers"))
        coverage.update_layout(yaxis={"title": "share of article pages", "range": [0, 1.05]})
        charts.append(("Field coverage over runs", coverage))
    views = [r["view_count"] for r in articles if isinstance(r.get("view_count"), int)]
    if views:
        charts.append(
            (
                "View counts of the archived articles",
                go.Figure(go.Histogram(x=views, nbinsx=30, name="articles")),
            )
        )
    for _, figure in charts:
        figure.update_layout(
            height=320, margin={"l": 50, "r": 50, "t": 20, "b": 40}, template="plotly_white"
        )
    return charts


def _most_viewed(articles: Iterable[dict[str, Any]]) -> str:
    ranked = sorted(
        (r for r in articles if isinstance(r.get("view_count"), int)),
        key=lambda r: -int(r["view_count"]),
    )[:MOST_VIEWED]
    if not ranked:
        return "<p>No view counts archived.</p>"
    rows = "".join(
        f'<tr><td class="n">{r["view_count"]:,}</td>'
        f'<td><a href="{html.escape(r["url"])}">{html.escape(r["title"])}</a></td>'
        f"<td>{html.escape((r.get('published_at') or '')[:10])}</td></tr>"
        for r in ranked
    )
    return (
        "<table><thead><tr><th>views</th><th>article</th><th>published</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #222; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
h3 { font-size: 1em; color: #555; margin-bottom: 0; }
table { border-collapse: collapse; } td, th { padding: .2em .6em; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr:nth-child(even) { background: #f4f4f4; } .meta { color: #666; }
"""


def write_html_report(layout: DataLayout, out: Path, site: str | None = None) -> int:
    """Write the page to `out` (temporary name, then renamed); the number of charts."""
    from plotly.io import to_html

    runs = _runs_by_site(layout)
    articles = _articles_by_site(layout)
    sites = [site] if site else sorted(set(runs) | set(articles))
    sections, charts, first = [], 0, True
    for key in sites:
        figures = _figures(runs.get(key, []), articles.get(key, []))
        parts = [
            f'<section id="{html.escape(key)}"><h2>{html.escape(key)}</h2>',
            f'<p class="meta">{len(articles.get(key, []))} articles archived, '
            f"{len(runs.get(key, []))} runs</p>",
        ]
        for title, figure in figures:
            parts.append(f"<h3>{html.escape(title)}</h3>")
            parts.append(
                to_html(
                    figure,
                    full_html=False,
                    include_plotlyjs=first,  # plotly.js once, inline: no network needed
                    config={"displaylogo": False, "responsive": True},
                )
            )
            first, charts = False, charts + 1
        parts.append("<h3>Most viewed</h3>" + _most_viewed(articles.get(key, [])))
        parts.append("</section>")
        sections.append("".join(parts))
    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>police-archive report</title>"
        f"<style>{_STYLE}</style></head><body><h1>police-archive: the archive and its runs</h1>"
        f'<p class="meta">{html.escape(str(layout.root))}, made {made} by police-archive '
        f"{__version__}</p>{''.join(sections) or '<p>Nothing archived yet.</p>'}</body></html>"
    )
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(page, "utf-8")
    tmp.replace(out)
    return charts
