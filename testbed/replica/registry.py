"""Which replicas there are and which module renders each.

The bundled sites are the site profiles (``scraper/sites/*.toml``): ``SITE_KEYS`` is read
from them, and each site's replica is looked up in ``SITE_BUILDERS`` by its profile key
(tests/test_replica_registry.py fails on a profile without a builder and on a builder
without a profile). ``UNSEEN_KEYS`` and ``HOLDOUT_KEYS`` are layouts that have no profile:
their lists are the replica's own.

The renderers import nothing from here nor from the package ``__init__`` (no import cycle:
tests/test_replica_registry.py walks every import of the package, those inside functions
included).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import NamedTuple

from scraper.profiles import load_profiles

from .custom_site import build as build_custom
from .custom_site import not_found_page as not_found_custom
from .dnn_site import build as build_dnn
from .dnn_site import not_found_page as not_found_dnn
from .holdout_drupal import build as build_holdout_drupal
from .holdout_drupal import not_found_page as not_found_holdout_drupal
from .holdout_legacy import build as build_holdout_legacy
from .holdout_legacy import not_found_page as not_found_holdout_legacy
from .holdout_portal import build as build_holdout_portal
from .holdout_portal import not_found_page as not_found_holdout_portal
from .holdout_tagdiv import build as build_holdout_tagdiv
from .holdout_tagdiv import not_found_page as not_found_holdout_tagdiv
from .hungyen import build as build_hungyen
from .hungyen import not_found_page as not_found_hungyen
from .laichau import build as build_laichau
from .laichau import not_found_page as not_found_laichau
from .liferay_site import build as build_liferay
from .liferay_site import not_found_page as not_found_liferay
from .model import Page, Replica
from .nukeviet_provinces import build as build_nukeviet
from .nukeviet_provinces import not_found_page as not_found_nukeviet
from .unseen import build as build_unseen
from .unseen import not_found_page as not_found_unseen
from .unseen_dnn import build as build_unseen_dnn
from .unseen_dnn import not_found_page as not_found_unseen_dnn
from .unseen_dnn_portal import build as build_unseen_dnn_portal
from .unseen_dnn_portal import not_found_page as not_found_unseen_dnn_portal
from .unseen_joomla import build as build_unseen_joomla
from .unseen_joomla import not_found_page as not_found_unseen_joomla
from .unseen_liferay import build as build_unseen_liferay
from .unseen_liferay import not_found_page as not_found_unseen_liferay
from .unseen_modern import build as build_unseen_modern
from .unseen_modern import not_found_page as not_found_unseen_modern
from .unseen_nukeviet import build as build_unseen_nukeviet
from .unseen_nukeviet import not_found_page as not_found_unseen_nukeviet
from .unseen_wp import build as build_unseen_wp
from .unseen_wp import not_found_page as not_found_unseen_wp
from .wordpress_site import build as build_wordpress
from .wordpress_site import not_found_page as not_found_wordpress


class Builder(NamedTuple):
    build: Callable[[], Replica]
    not_found_page: Callable[[], Page]


def _keyed(build: Callable[[str], Replica], not_found: Callable[[str], Page], key: str) -> Builder:
    """A module that renders several sites, given the key."""
    return Builder(functools.partial(build, key), functools.partial(not_found, key))


# Every bundled site, by profile key: the module rendering its replica.
SITE_BUILDERS: dict[str, Builder] = {
    "hungyen": Builder(build_hungyen, not_found_hungyen),
    "laichau": Builder(build_laichau, not_found_laichau),
    "thainguyen": _keyed(build_nukeviet, not_found_nukeviet, "thainguyen"),
    "cantho": _keyed(build_nukeviet, not_found_nukeviet, "cantho"),
    "backan": _keyed(build_nukeviet, not_found_nukeviet, "backan"),
    "quangtri": _keyed(build_wordpress, not_found_wordpress, "quangtri"),
    "sonla": _keyed(build_wordpress, not_found_wordpress, "sonla"),
    "daklak": _keyed(build_liferay, not_found_liferay, "daklak"),
    "quangngai": _keyed(build_liferay, not_found_liferay, "quangngai"),
    "quangnam": Builder(build_dnn, not_found_dnn),
    "nghean": Builder(build_custom, not_found_custom),
}
# The real domain each site's pages link to (the replica's own statement; a test checks
# that the profile's base_url agrees).
CANONICAL_BASE = {
    "hungyen": "https://congan.hungyen.gov.vn",
    "laichau": "https://congan.laichau.gov.vn",
    "thainguyen": "https://congan.thainguyen.gov.vn",
    "cantho": "https://congan.cantho.gov.vn",
    "backan": "https://conganbackan.vn",
    "quangtri": "https://congan.quangtri.gov.vn",
    "sonla": "https://congan.sonla.gov.vn",
    "daklak": "https://congan.daklak.gov.vn",
    "quangngai": "https://congan.quangngai.gov.vn",
    "quangnam": "https://congan.quangnam.gov.vn",
    "nghean": "https://congan.nghean.gov.vn",
}
# Layouts no adapter was written for (no profile): the generic adapter's test set.
UNSEEN_BUILDERS: dict[str, Builder] = {
    **{k: _keyed(build_unseen, not_found_unseen, k) for k in ("unseen1", "unseen2", "unseen3")},
    "unseen_nukeviet": Builder(build_unseen_nukeviet, not_found_unseen_nukeviet),
    # CMS-family layouts written from public facts about each CMS (testbed/replica/unseen_*.py)
    "unseen_dnn": _keyed(build_unseen_dnn, not_found_unseen_dnn, "unseen_dnn"),
    "unseen_liferay": _keyed(build_unseen_liferay, not_found_unseen_liferay, "unseen_liferay"),
    "unseen_joomla": _keyed(build_unseen_joomla, not_found_unseen_joomla, "unseen_joomla"),
    "unseen_modern": _keyed(build_unseen_modern, not_found_unseen_modern, "unseen_modern"),
    "unseen_wp": _keyed(build_unseen_wp, not_found_unseen_wp, "unseen_wp"),
    "unseen_dnn_portal": _keyed(
        build_unseen_dnn_portal, not_found_unseen_dnn_portal, "unseen_dnn_portal"
    ),
}
# Strictly held-out layouts (testbed/replica/holdout_*.py): only aggregate scores are reported.
HOLDOUT_BUILDERS: dict[str, Builder] = {
    "holdout_portal": _keyed(build_holdout_portal, not_found_holdout_portal, "holdout_portal"),
    "holdout_tagdiv": _keyed(build_holdout_tagdiv, not_found_holdout_tagdiv, "holdout_tagdiv"),
    "holdout_drupal": _keyed(build_holdout_drupal, not_found_holdout_drupal, "holdout_drupal"),
    "holdout_legacy": _keyed(build_holdout_legacy, not_found_holdout_legacy, "holdout_legacy"),
}

# The bundled sites: one per site profile, in key order.
SITE_KEYS: tuple[str, ...] = tuple(sorted(load_profiles()))
UNSEEN_KEYS: tuple[str, ...] = tuple(UNSEEN_BUILDERS)
HOLDOUT_KEYS: tuple[str, ...] = tuple(HOLDOUT_BUILDERS)


def builder(key: str) -> Builder:
    """The renderer of one replica: a bundled site by its profile key, or a layout."""
    if key in SITE_KEYS:
        if key not in SITE_BUILDERS:
            raise KeyError(f"profile '{key}' has no replica builder in testbed/replica/registry.py")
        return SITE_BUILDERS[key]
    found = UNSEEN_BUILDERS.get(key) or HOLDOUT_BUILDERS.get(key)
    if found is None:
        raise KeyError(key)
    return found


@functools.cache
def build_replica(key: str) -> Replica:
    """All pages and the expected records of one site; same bytes on every call."""
    return builder(key).build()


def not_found_page(key: str) -> Page:
    """The site's 404 page (status 404), served for every unknown path."""
    return builder(key).not_found_page()
