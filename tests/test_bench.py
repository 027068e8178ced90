"""The benchmark's report on made-up figures: medians, spread, ratios, ok/MISSED and the
Markdown of docs/BENCHMARKS.md. No timing here (speed is `make bench`'s)."""

from __future__ import annotations

import pytest

from testbed.bench.report import (
    Figure,
    Peer,
    Section,
    Target,
    checks,
    markdown,
    missed,
    number,
    ratio,
    rows,
    text_table,
    with_spread,
)
from testbed.bench.rounds import interleaved

FAST = Target(0.25, True, "≥ 25% of lxml")
SMALL = Target(200, False, "< 200 ms")


def test_median_and_spread() -> None:
    assert with_spread([3.0, 1.0, 2.0, 10.0, 4.0]) == "3.00 [1.00–10.0]"
    assert with_spread([120.0, 80.0, 100.0]) == "100 [80.0–120]"
    assert with_spread([7.25]) == "7.25"
    assert with_spread([]) == "n/a"


def test_numbers_keep_three_digits() -> None:
    assert number(1234.5) == "1,234"
    assert number(42.123) == "42.1"
    assert number(0.01234) == "0.0123"
    assert number(None) == "n/a"


def test_ratio_pairs_the_rounds() -> None:
    # per round: 0.5, 0.5, 0.5 (a round where both were slow counts against neither)
    assert ratio([10, 20, 5], [20, 40, 10]) == pytest.approx(0.5)
    # one counted value beside rounds: the ratio of the medians
    assert ratio([30], [10, 20, 40]) == pytest.approx(1.5)
    assert ratio([1, 2], []) is None
    assert ratio([1.0], [0.0]) is None


def test_targets_ok_and_missed() -> None:
    met = Figure("dedicated", "pages/s", [30, 31, 29], (Peer("lxml parse", [100, 100, 100], FAST),))
    short = Figure("generic", "pages/s", [3, 3, 3], (Peer("lxml parse", [100, 100, 100], FAST),))
    slow = Figure("start-up", "ms", [250, 240, 260], (), SMALL)
    sections = [Section("Extraction", "what and how", [met, short]), Section("Index", "", [slow])]
    assert checks(sections) == [
        ("dedicated", "≥ 25% of lxml", True),
        ("generic", "≥ 25% of lxml", False),
        ("start-up", "< 200 ms", False),
    ]
    assert missed(sections) == [("generic", "≥ 25% of lxml"), ("start-up", "< 200 ms")]
    assert rows(met)[0][-3:] == ("0.3×", "≥ 25% of lxml", "ok")
    assert rows(short)[0][-1] == "MISSED"
    assert rows(slow) == [("start-up", "250 [240–260]", "ms", "", "", "", "< 200 ms", "MISSED")]


def test_a_missing_peer_misses_its_target() -> None:
    figure = Figure(
        "all pages", "pages/s", [50, 60], (Peer("trafilatura", [], FAST, "not installed"),)
    )
    assert rows(figure)[0][3:] == ("trafilatura", "not installed", "n/a", "≥ 25% of lxml", "MISSED")


def test_peers_one_row_each_and_the_own_target_in_a_free_cell() -> None:
    figure = Figure(
        "reparse",
        "pages/s",
        [50, 50, 50],
        (Peer("from memory", [100, 100, 100]), Peer("lxml", [1000, 1000, 1000])),
        Target(40, True, "> 40 pages/s"),
    )
    table = rows(figure)
    assert [row[0] for row in table] == ["reparse", ""]
    assert table[0][3:] == ("from memory", "100 [100–100]", "0.5×", "> 40 pages/s", "ok")
    assert table[1][3:] == ("lxml", "1,000 [1,000–1,000]", "0.05×", "", "")
    # the peer's target takes the cell: the figure's own goes on a row of its own
    both = Figure("x", "ms", [1, 1], (Peer("y", [2, 2], SMALL),), Target(0, False, "none"))
    assert rows(both)[1] == ("", "", "", "", "", "", "none", "MISSED")


def test_text_table_and_markdown() -> None:
    sections = [
        Section(
            "Extraction",
            "Pages per second.",
            [
                Figure(
                    "dedicated | 224 pages",
                    "pages/s",
                    [30.0, 31.0, 29.0],
                    (Peer("lxml", [100] * 3, FAST),),
                )
            ],
        ),
        Section("Dates", "Parses per second.", [Figure("dates", "parses/s", [5e4, 6e4])]),
    ]
    text = text_table(sections)
    assert "\nExtraction\n" in text
    assert "dedicated | 224 pages" in text
    assert "30.0 [29.0–31.0]" in text
    page = markdown(sections, facts={"CPU": "Test CPU", "cores": "2"}, header=["# Benchmarks"])
    assert page.startswith("# Benchmarks\n\n## Machine\n")
    assert "| CPU | Test CPU |" in page
    assert "## Extraction\n\nPages per second.\n" in page
    assert "| dedicated \\| 224 pages | 30.0 [29.0–31.0] | pages/s | lxml |" in page
    assert page.rstrip().endswith("All 1 targets met.")
    failing = [Section("Index", "", [Figure("start-up", "ms", [300.0], (), SMALL)])]
    page = markdown(failing, facts={}, header=["# Benchmarks"])
    assert "1 of 1 targets missed:\n\n- start-up: < 200 ms" in page


def test_rounds_rotate_the_order() -> None:
    order: list[str] = []

    def contender(name: str):  # type: ignore[no-untyped-def]
        return lambda: order.append(name) or len(order)

    values = interleaved({n: contender(n) for n in ("a", "b", "c")}, rounds=3)
    assert order == ["a", "b", "c", "b", "c", "a", "c", "a", "b"]
    assert values == {"a": [1, 6, 8], "b": [2, 4, 9], "c": [3, 5, 7]}
