"""Deterministic replicas of real provincial police news sites, for offline crawling tests.

``build_replica(key)`` returns every page of a site (HTML with the real site's markup,
``/robots.txt``, ``/sitemap.xml``) keyed by URL path, plus the record the archive should
hold for each article page ("truth"), computed from the generator's own data model.
Pages link to the REAL domain (``CANONICAL_BASE``) or root-relative paths, never to the
replica's origin; the crawler maps the real domain onto wherever the replica is served.
The bundled sites are the site profiles (``SITE_KEYS``); ``registry.py`` names the module
that renders each replica.

``write_replica`` saves the pages as files. Path -> file mapping (``pages.json`` records
it exactly, so it is reversed by lookup, not by rule):

- ``/``                 -> ``index.html``
- ``/dir/``             -> ``dir/index.html``          (a path ending in ``/``)
- ``/a/b.html``         -> ``a/b.html``                (last segment has an extension)
- ``/cat/page-2``       -> ``cat/page-2.html``         (no extension: ``.html`` added)
- a query string is kept in the file name with ``?`` written as ``%3F``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .model import TRUTH_FIELDS, Page, Replica
from .registry import (
    CANONICAL_BASE,
    HOLDOUT_KEYS,
    SITE_KEYS,
    UNSEEN_KEYS,
    build_replica,
    not_found_page,
)

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
