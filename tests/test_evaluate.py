"""The measuring code itself: token F1, per-field scoring, the table's cells."""

from __future__ import annotations

import sys

import pytest

from testbed import evaluate
from testbed.evaluate import Score, score_record, token_f1, unmet_targets
from testbed.replica import build_replica


def test_token_f1():
    assert token_f1("Công an tỉnh", "công  an tỉnh") == 1.0
    assert token_f1("", "") == 1.0
    assert token_f1("a", "") == 0.0
    assert token_f1("một hai", "một hai ba bốn") == pytest.approx(2 / 3)


def test_score_record_counts_views_only_where_shown():
    truth = build_replica("hungyen").truth[0]
    score = Score()
    score_record(score, dict(truth), truth)
    score_record(score, None, {**truth, "view_count": None})
    assert score.rate("title") == 0.5
    assert score.totals["view_count"] == 1
    assert score.rate("view_count") == 1.0
    assert score.rate("body_f1") == 0.5


def test_unmet_targets_names_the_fields():
    score = Score(f1=[0.5])
    score.add("title", True)
    score.duplicates = 2
    missed = unmet_targets(score)
    assert "title" not in missed
    assert missed["body_f1"] == 0.5
    assert missed["duplicates"] == 2.0
    assert "published_at" in missed


def test_platform_scores_on_one_replica_are_perfect():
    from scraper.platforms import adapter_for
    from scraper.profiles import load_profile

    score = evaluate.score_adapter(build_replica("daklak"), adapter_for(load_profile("daklak")))
    assert score.duplicates == 0
    assert score.listed == score.expected == 16
    assert unmet_targets(score) == {}


def test_trafilatura_column_says_not_installed(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails
    assert evaluate.score_trafilatura(build_replica("nghean")) is None
    assert evaluate._cell(None, "title") == "not installed"
