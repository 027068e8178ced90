"""The benchmark's figures and how they are printed: a text table on stdout and the same
as Markdown for docs/BENCHMARKS.md. No timing here (tests/test_bench.py runs it on made-up
figures)."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Target:
    """A bound on a median (a Figure's) or on a ratio ours/peer (a Peer's)."""

    bound: float
    at_least: bool  # True: the value must be >= bound; False: <= bound
    label: str  # as printed: "≥ 25% of lxml", "< 200 ms"

    def met(self, value: float | None) -> bool:
        if value is None:
            return False  # nothing measured: not met
        return value >= self.bound if self.at_least else value <= self.bound


@dataclass(frozen=True)
class Peer:
    """What a figure is compared with, measured in the same rounds (values[i] beside the
    figure's values[i]); `values` empty when the peer could not run (`missing` says why)."""

    name: str
    values: Sequence[float]
    target: Target | None = None  # on the ratio ours/peer
    missing: str = ""


@dataclass(frozen=True)
class Figure:
    name: str
    unit: str
    values: Sequence[float]  # ours, one per round (one value for a figure that is counted)
    peers: Sequence[Peer] = ()
    target: Target | None = None  # on our median


@dataclass(frozen=True)
class Section:
    title: str
    about: str  # what is measured and how, one paragraph
    figures: Sequence[Figure] = field(default_factory=tuple)


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def ratio(ours: Sequence[float], theirs: Sequence[float]) -> float | None:
    """ours/peer: the median of the per-round ratios when both were measured in the same
    rounds (back to back, so a round where the shared machine was slow counts against
    neither), else the ratio of the medians. None when a side has no value."""
    if not ours or not theirs:
        return None
    if len(ours) == len(theirs):
        quotients = [a / b for a, b in zip(ours, theirs, strict=True) if b]
        return statistics.median(quotients) if quotients else None
    below = statistics.median(theirs)
    return statistics.median(ours) / below if below else None


def number(value: float | None) -> str:
    """Three significant digits or so (a count as it is), never exponent notation."""
    if value is None:
        return "n/a"
    size = abs(value)
    if size >= 100 or isinstance(value, int):
        return f"{value:,.0f}"
    if size >= 10:
        return f"{value:.1f}"
    if size >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def with_spread(values: Sequence[float]) -> str:
    """'median [min–max]' over the rounds; one value alone when there is one."""
    if not values:
        return "n/a"
    if len(values) == 1:
        return number(values[0])
    return f"{number(median(values))} [{number(min(values))}–{number(max(values))}]"


def ratio_text(value: float | None) -> str:
    return "n/a" if value is None else f"{number(value)}×"


def verdict(target: Target | None, value: float | None) -> str:
    if target is None:
        return ""
    return "ok" if target.met(value) else "MISSED"


COLUMNS = ("figure", "ours: median [min–max]", "unit", "peer", "peer: median [min–max]",
           "ours/peer", "target", "")  # fmt: skip


def rows(figure: Figure) -> list[tuple[str, ...]]:
    """One row per peer, the first with the figure's name and our value; the figure's own
    target goes on the first row whose target cell is free (a row of its own if none)."""
    name, ours, unit = figure.name, with_spread(figure.values), figure.unit
    out: list[list[str]] = []
    for peer in figure.peers:
        theirs = with_spread(peer.values) if peer.values else peer.missing or "n/a"
        value = ratio(figure.values, peer.values)
        label = peer.target.label if peer.target else ""
        out.append([peer.name, theirs, ratio_text(value), label, verdict(peer.target, value)])
    if figure.target is not None:
        own = [figure.target.label, verdict(figure.target, median(figure.values))]
        free = next((row for row in out if not row[3]), None)
        if free is None:
            out.append(["", "", "", *own])
        else:
            free[3:] = own
    if not out:
        out.append(["", "", "", "", ""])
    return [(name, ours, unit, *row) if n == 0 else ("", "", "", *row) for n, row in enumerate(out)]


def checks(sections: Sequence[Section]) -> list[tuple[str, str, bool]]:
    """(figure, target, met) for every target of every figure."""
    found = []
    for section in sections:
        for figure in section.figures:
            if figure.target is not None:
                found.append(
                    (figure.name, figure.target.label, figure.target.met(median(figure.values)))
                )
            for peer in figure.peers:
                if peer.target is not None:
                    met = peer.target.met(ratio(figure.values, peer.values))
                    found.append((figure.name, peer.target.label, met))
    return found


def missed(sections: Sequence[Section]) -> list[tuple[str, str]]:
    return [(name, label) for name, label, met in checks(sections) if not met]


def text_table(sections: Sequence[Section]) -> str:
    """Every section's figures, aligned in columns, a title line per section."""
    table: list[tuple[str, ...] | str] = [COLUMNS]
    for section in sections:
        table.append(section.title)
        for figure in section.figures:
            table.extend(rows(figure))
    cells = [row for row in table if isinstance(row, tuple)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    lines = []
    for row in table:
        if isinstance(row, str):
            lines.append(f"\n{row}")
        else:
            lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _escape(cell: str) -> str:
    return cell.replace("|", "\\|")


def markdown(
    sections: Sequence[Section], *, facts: Mapping[str, str], header: Sequence[str]
) -> str:
    """The whole of docs/BENCHMARKS.md: `header` lines (what generated it, when, how to run
    it again), the machine, then each section's paragraph and table, then the targets."""
    lines = [*header, "", "## Machine", "", "| fact | value |", "| --- | --- |"]
    lines += [f"| {_escape(k)} | {_escape(v)} |" for k, v in facts.items()]
    for section in sections:
        lines += ["", f"## {section.title}", "", section.about, ""]
        if not section.figures:
            continue
        lines.append("| " + " | ".join(c or "check" for c in COLUMNS) + " |")
        lines.append("|" + " --- |" * len(COLUMNS))
        for figure in section.figures:
            lines += ["| " + " | ".join(_escape(c) for c in row) + " |" for row in rows(figure)]
    failed = missed(sections)
    total = len(checks(sections))
    lines += ["", "## Targets", ""]
    if failed:
        lines.append(f"{len(failed)} of {total} targets missed:")
        lines.append("")
        lines += [f"- {name}: {label}" for name, label in failed]
    else:
        lines.append(f"All {total} targets met.")
    return "\n".join(lines) + "\n"
