"""What the item pipelines cost per record. ``testbed.bench_pipelines`` measures them as a
crawl runs them (each pipeline, and all of them together); without it, normalisation
and validation are timed here on the records of the replica pages."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence
from typing import Any

from testbed.bench.report import Figure, Peer, Section, Target
from testbed.bench.rounds import interleaved, seconds

MODULE = "testbed.bench_pipelines"
# the target: every pipeline together, per item
TOTAL = Target(100, False, "≤ 100 µs")


def pipeline_rows(rounds: int, records: Sequence[dict[str, Any]]) -> tuple[list[Figure], str]:
    """(figures, what they measure): from testbed.bench_pipelines when it is there (each
    pipeline and the total against TOTAL), else normalize and validate on `records`."""
    if importlib.util.find_spec(MODULE) is not None:
        module = importlib.import_module(MODULE)
        items = module.replica_records()
        values: dict[str, list[float]] = module.pipeline_rounds(items, rounds)
        figures = [
            Figure(f"{name}, per record", "µs", spent)
            for name, spent in values.items()
            if name not in ("total", module.LINES)
        ]
        peer = Peer("json.dumps, write and flush of each line, one fsync", values[module.LINES])
        figures.append(Figure("all pipelines, per record", "µs", values["total"], (peer,), TOTAL))
        return figures, PIPELINES_ABOUT.format(records=len(items))
    from pipelines.normalize import normalize_record
    from pipelines.validate import schema_problems

    def per_record(action: Any) -> float:
        return seconds(lambda: [action(r) for r in records]) / len(records) * 1e6

    values = interleaved(
        {
            "normalize": lambda: per_record(normalize_record),
            "validate": lambda: per_record(lambda r: schema_problems(r, versioned=False)),
        },
        rounds,
    )
    figures = [Figure(f"{name}, per record", "µs", spent) for name, spent in values.items()]
    return figures, FALLBACK_ABOUT.format(records=len(records))


def section(rounds: int, records: Sequence[dict[str, Any]]) -> Section:
    figures, about = pipeline_rows(rounds, records)
    return Section("Pipelines", about, figures)


PIPELINES_ABOUT = (
    "µs per record of each item pipeline and of all of them, as a crawl runs them "
    "(`testbed/bench_pipelines.py`): the {records} records the spider yields from the "
    "replica pages, pushed through the project's `ITEM_PIPELINES` built by Scrapy's own "
    "manager on a real crawler whose site state is open, into a data directory where half "
    "the articles were archived by an earlier run; `close_spider` (files synced and "
    "renamed, the index written) is counted too, spread over the records. One crawl per "
    "site and round. Its peer, in the same rounds: each site's records written as one file "
    "of JSON lines (`json.dumps`, a write and a flush each, one fsync), the least an "
    "archive does, so that the ratio compares runs on machines of different speeds."
)
FALLBACK_ABOUT = (
    "µs per record to normalise (`normalize_record`) and to validate (`schema_problems`, "
    "before versioning) the {records} full records of the replica pages, interleaved in "
    "rounds."
)
