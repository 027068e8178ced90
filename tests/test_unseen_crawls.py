"""Every unseen layout crawled as a new user would, from its first listing URL alone
(``crawl --url ... --base-url <loopback>``): every article found once, the fields right."""

from __future__ import annotations

import pytest

from testbed.evaluate import CRAWL_TARGETS, crawl_layout, unmet_targets
from testbed.replica import UNSEEN_KEYS

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("key", UNSEEN_KEYS)
def test_a_crawl_from_one_listing_url_finds_and_reads_every_article(key, tmp_path):
    result = crawl_layout(key, tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.score.listed == result.score.expected
    assert result.extra == 0  # no listing, menu or tag page archived as an article
    assert unmet_targets(result.score, CRAWL_TARGETS) == {}
