"""Body extraction on Mozilla Readability's public test corpus (130 pages with gold text),
which no rule of ours was written for: the issue's target, beside trafilatura's 0.93."""

from __future__ import annotations

import pytest

from testbed.evaluate import CORPUS_TARGETS
from testbed.evaluate.corpus import corpus_dir, ours, score_corpus

pytestmark = pytest.mark.skipif(
    corpus_dir() is None, reason="corpus not on this machine (POLICE_READABILITY_CORPUS)"
)


def test_body_f1_on_the_readability_corpus():
    score = score_corpus(ours)
    assert score is not None
    assert score.pages >= 100
    assert score.mean(score.f1) >= CORPUS_TARGETS["f1"], score.worst
    assert score.empty <= CORPUS_TARGETS["empty"]
