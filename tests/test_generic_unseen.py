"""The adapters detection picks meet the issue's targets on layouts nobody tuned for."""

from __future__ import annotations

import pytest

from testbed.evaluate import TARGETS, detected_unseen, unmet_targets
from testbed.replica import SITE_KEYS, UNSEEN_KEYS, build_replica


def test_unseen_layouts_are_kept_apart():
    assert len(UNSEEN_KEYS) >= 9
    assert not set(UNSEEN_KEYS) & set(SITE_KEYS)
    assert all(len(build_replica(key).truth) >= 16 for key in UNSEEN_KEYS)


@pytest.mark.parametrize("key", UNSEEN_KEYS)
def test_detected_adapter_meets_the_targets_page_by_page(key):
    score = detected_unseen([key])
    assert set(TARGETS) >= {"title", "published_at", "view_count", "author", "body_f1", "url"}
    assert unmet_targets(score) == {}
    assert score.duplicates == 0
