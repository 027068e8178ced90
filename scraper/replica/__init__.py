"""Deterministic replicas of real provincial police news sites, for offline crawling tests.

``build_replica(key)`` returns every page of a site (HTML with the real site's markup,
``/robots.txt``, ``/sitemap.xml``) keyed by URL path, plus the record the archive should
hold for each article page ("truth"), computed from the generator's own data model.
Pages link to the REAL domain (``CANONICAL_BASE``) or root-relative paths, never to the
replica's origin; the crawler maps the real domain onto wherever the replica is served.

``write_replica`` saves the pages as files. Path -> file mapping (``pages.json`` records
it exactly, so it is reversed by lookup, not by rule):

- ``/``                 -> ``index.html``
- ``/dir/``             -> ``dir/index.html``          (a path ending in ``/``)
- ``/a/b.html``         -> ``a/b.html``                (last segment has an extension)
- ``/cat/page-2``       -> ``cat/page-2.html``         (no extension: ``.html`` added)
- a query string is kept in the file name with ``?`` written as ``%3F``.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from .model import TRUTH_FIELDS, Page, Replica

__all__ = [
    "CANONICAL_BASE",
    "HOLDOUT_KEYS",
    "SITE_KEYS",
    "TRUTH_FIELDS",
    "UNSEEN_KEYS",
    "Page",
    "Replica",
    "build_replica",
    "fingerprint",
    "not_found_page",
    "path_to_file",
    "write_replica",
]

SITE_KEYS: tuple[str, ...] = (
    "hungyen",
    "laichau",
    "thainguyen",
    "cantho",
    "backan",
    "quangtri",
    "sonla",
    "daklak",
    "quangngai",
    "quangnam",
    "nghean",
)
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
UNSEEN_KEYS: tuple[str, ...] = (
    "unseen1",
    "unseen2",
    "unseen3",
    "unseen_nukeviet",
    # CMS-family layouts written from public facts about each CMS (scraper/replica/unseen_*.py)
    "unseen_dnn",
    "unseen_liferay",
    "unseen_joomla",
    "unseen_modern",
    "unseen_wp",
    "unseen_dnn_portal",
)
# Strictly held-out layouts (scraper/replica/holdout_*.py): only aggregate scores are reported.
HOLDOUT_KEYS: tuple[str, ...] = (
    "holdout_portal",
    "holdout_tagdiv",
    "holdout_drupal",
    "holdout_legacy",
)


class _Builder(NamedTuple):
    build: Callable[[], Replica]
    not_found_page: Callable[[], Page]


def _module(key: str) -> _Builder:
    if key == "hungyen":
        from . import hungyen as module
    elif key == "laichau":
        from . import laichau as module
    elif key == "quangnam":
        from . import dnn_site as module
    elif key == "nghean":
        from . import custom_site as module
    elif key == "unseen_nukeviet":
        from . import unseen_nukeviet as module
    else:
        return _keyed(key)
    return _Builder(module.build, module.not_found_page)


def _keyed(key: str) -> _Builder:
    """Modules that render several sites take the key."""
    from . import (
        holdout_drupal,
        holdout_legacy,
        holdout_portal,
        holdout_tagdiv,
        liferay_site,
        nukeviet_provinces,
        unseen,
        unseen_dnn,
        unseen_dnn_portal,
        unseen_joomla,
        unseen_liferay,
        unseen_modern,
        unseen_wp,
        wordpress_site,
    )

    for module, keys in (
        (nukeviet_provinces, nukeviet_provinces.CONFIGS),
        (wordpress_site, wordpress_site.SPECS),
        (liferay_site, liferay_site.SPECS),
        (unseen, unseen.SPECS),
        (unseen_dnn, unseen_dnn.SPECS),
        (unseen_liferay, unseen_liferay.SPECS),
        (unseen_joomla, unseen_joomla.SPECS),
        (unseen_modern, unseen_modern.SPECS),
        (unseen_wp, unseen_wp.SPECS),
        (unseen_dnn_portal, unseen_dnn_portal.SPECS),
        (holdout_portal, holdout_portal.SPECS),
        (holdout_tagdiv, holdout_tagdiv.SPECS),
        (holdout_drupal, holdout_drupal.SPECS),
        (holdout_legacy, holdout_legacy.SPECS),
    ):
        if key in keys:
            return _Builder(
                functools.partial(module.build, key), functools.partial(module.not_found_page, key)
            )
    raise KeyError(key)


@functools.cache
def build_replica(key: str) -> Replica:
    """All pages and the expected records of one site; same bytes on every call."""
    return _module(key).build()


def fingerprint(key: str) -> str:
    """SHA-256 over every page (path, status, type, bytes) and the truth: equal builds match."""
    replica = build_replica(key)
    h = hashlib.sha256()
    for path in sorted(replica.pages):
        page = replica.pages[path]
        h.update(f"{path}\0{page.status}\0{page.content_type}\0".encode())
        h.update(page.body)
    extra = [replica.truth, replica.start_paths, replica.article_paths]
    h.update(json.dumps(extra, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    h.update(not_found_page(key).body)
    return h.hexdigest()


def not_found_page(key: str) -> Page:
    """The site's 404 page (status 404), served for every unknown path."""
    return _module(key).not_found_page()


def path_to_file(path: str) -> str:
    """Relative file name for a URL path (see the module docstring)."""
    path, _, query = path.partition("?")
    rel = path.lstrip("/")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    elif "." not in rel.rsplit("/", 1)[-1]:
        rel += ".html"
    if query:
        stem, dot, ext = rel.rpartition(".")
        rel = f"{stem}%3F{query}{dot}{ext}"
    return rel


def write_replica(key: str, out_dir: Path) -> Path:
    """Write pages, truth.jsonl and pages.json under out_dir/<key>/; return that directory."""
    replica = build_replica(key)
    root = Path(out_dir) / key
    root.mkdir(parents=True, exist_ok=True)
    mapping: dict[str, str] = {}
    for path in sorted(replica.pages):
        rel = path_to_file(path)
        if rel in mapping or rel in ("truth.jsonl", "pages.json"):
            raise ValueError(f"{path} and {mapping.get(rel)} map to the same file {rel}")
        mapping[rel] = path
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(replica.pages[path].body)
    with (root / "truth.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for record in replica.truth:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    (root / "pages.json").write_text(
        json.dumps(mapping, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return root
