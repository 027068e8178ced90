"""The generic adapter on layouts no adapter was written for meets the issue's targets."""

from __future__ import annotations

from scraper.evaluate import TARGETS, generic_unseen, unmet_targets
from scraper.replica import SITE_KEYS, UNSEEN_KEYS, build_replica


def test_unseen_layouts_are_kept_apart():
    assert len(UNSEEN_KEYS) >= 3 and not set(UNSEEN_KEYS) & set(SITE_KEYS)
    assert all(len(build_replica(key).truth) >= 16 for key in UNSEEN_KEYS)


def test_generic_adapter_meets_the_targets_on_unseen_layouts():
    score = generic_unseen()
    assert set(TARGETS) <= {"title", "published_at", "view_count", "author", "body_f1"}
    assert unmet_targets(score) == {}
    assert score.duplicates == 0
