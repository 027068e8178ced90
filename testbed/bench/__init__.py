"""`make bench` (``python -m testbed.bench``): speed and memory, each figure beside its
peers, from one run, written to docs/BENCHMARKS.md.

One module per concern: ``extraction`` (our full records beside an lxml parse, a Scrapy
selector and trafilatura, on the pages of dedicated adapters and of generic layouts),
``startup`` (fresh processes), ``index`` (start-up and look-ups, in bulk and with a
populated archive), ``captures`` (WARC size, reparse), ``pipeline_cost`` and ``crawl``
(from ``testbed.bench_pipelines`` and ``testbed.bench_crawl`` when they are there),
``dates``; ``rounds`` runs the interleaved rounds and reads the machine, ``report``
prints. Exits 1 when a target is missed. Nothing here runs in the test suite
(tests/test_bench.py checks ``report`` on made-up figures).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from testbed.bench import captures, crawl, dates, extraction, index, pipeline_cost, startup
from testbed.bench.report import Figure, Section, Target, markdown, missed, text_table
from testbed.bench.rounds import machine_facts
from testbed.replica import SITE_KEYS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "BENCHMARKS.md"

METHOD = (
    "Every timed figure is the median of {rounds} rounds ({crawl_rounds} for the crawl, whose "
    "rounds take minutes each), the lowest and highest of them in brackets. In each round "
    "every contender of a section (ours and its peers) runs once, "
    "in an order rotated by one from round to round, in this one process (cold starts: in "
    "fresh processes it spawns). *ours/peer* is the median of the per-round ratios, so a "
    "round in which the shared machine was slow counts against neither side; a counted "
    "figure (bytes, MiB, modules) is one value. A target is `ok` or `MISSED`; the command "
    "exits 1 when one is missed."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m testbed.bench", description=__doc__)
    parser.add_argument("--rounds", type=int, help="interleaved rounds (default 5; --quick 3)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="3 rounds, an index of 100k instead of 1M, 20k archived articles instead of "
        "100k; docs/BENCHMARKS.md is not written",
    )
    parser.add_argument(
        "--crawl-rounds",
        type=int,
        help="rounds of the crawl section, minutes each (default 3; --quick 1; 0: none)",
    )
    parser.add_argument("--no-write", action="store_true", help="do not write docs/BENCHMARKS.md")
    return parser


def _step(name: str, measure: Callable[[], Section | None], out: list[Section]) -> None:
    started = time.perf_counter()
    print(f"measuring: {name} ...", end="", file=sys.stderr, flush=True)
    found = measure()
    print(f" {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    if found is not None:
        out.append(found)


def measure(rounds: int, *, large: int, archived: int, crawl_rounds: int) -> list[Section]:
    sections: list[Section] = []
    dedicated, generic = extraction.page_groups()
    bundled = [page for page in dedicated + generic if page.profile.key in SITE_KEYS]
    templates = extraction.records(dedicated + generic)
    steps: Sequence[tuple[str, Callable[[], Section | None]]] = (
        ("extraction", lambda: extraction.section(rounds, dedicated, generic)),
        ("cold start", lambda: startup.section(rounds)),
        ("index in bulk", lambda: index.bulk_section(rounds, large)),
        ("populated archive", lambda: index.archive_section(rounds, archived, templates)),
        ("captures and reparse", lambda: captures.section(rounds, bundled)),
        ("pipelines", lambda: pipeline_cost.section(rounds, templates)),
        ("crawl", lambda: crawl.section(crawl_rounds) if crawl_rounds > 0 else None),
        ("dates", lambda: dates.section(rounds)),
    )
    for name, step in steps:
        _step(name, step, sections)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sections.append(
        Section(
            "Memory",
            "The peak resident set of this benchmark's own process over all of the above "
            "(`getrusage`), the index and archive sections included.",
            [
                Figure(
                    "peak RSS of this benchmark",
                    "MiB",
                    [peak],
                    (),
                    Target(1024, False, "< 1024 MiB"),
                )
            ],
        )
    )
    return sections


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    rounds = args.rounds or (3 if args.quick else 5)
    crawl_rounds = args.crawl_rounds if args.crawl_rounds is not None else 1 if args.quick else 3
    started, begun = time.perf_counter(), datetime.now(UTC)
    facts = machine_facts()
    for name, value in facts.items():
        print(f"{name}: {value}")
    sections = measure(
        rounds,
        large=100_000 if args.quick else 1_000_000,
        archived=20_000 if args.quick else 100_000,
        crawl_rounds=crawl_rounds,
    )
    print()
    print(text_table(sections))
    failed = missed(sections)
    print()
    print(f"{len(failed)} targets missed" if failed else "every target met")
    if not (args.quick or args.no_write):
        command = " ".join(
            ["python -m testbed.bench", *(argv if argv is not None else sys.argv[1:])]
        )
        header = [
            "# Benchmarks",
            "",
            f"Generated by `make bench` (`{command.strip()}`) on "
            f"{begun:%Y-%m-%d %H:%M} UTC in {time.perf_counter() - started:.0f} s: every "
            "figure below comes from that one run. Do not edit this file; run `make bench` "
            "again (`make bench BENCH_ARGS='--rounds 9'` for more rounds).",
            "",
            METHOD.format(rounds=rounds, crawl_rounds=crawl_rounds),
        ]
        DOCS.write_text(markdown(sections, facts=facts, header=header), encoding="utf-8")
        print(f"written: {DOCS}")
    return 1 if failed else 0
