"""The recorded result of `police-archive sites --verify`: DATA/state/verified.json.

`sites --verify` checks each site's adapter on its replica (``testbed.evaluate``, the only
step that needs the test rig) and records, per site key, whether it reproduced every field
of every article page, when (UTC) and with which police-archive version. Plain `sites` only
reads this file: a site is "yes" or "no" when a result of this version is recorded, else
"not checked".
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scraper import __version__
from scraper.state import DataLayout, utc_now

VERIFIED_FILE = "verified.json"
YES, NO, NOT_CHECKED = "yes", "no", "not checked"


def verified_path(layout: DataLayout) -> Path:
    return layout.state_dir() / VERIFIED_FILE


def read_verified(layout: DataLayout) -> dict[str, dict[str, Any]]:
    """Per site key: {"verified": bool, "checked_at": ISO UTC, "version": str}; {} when
    nothing is recorded or the file cannot be read."""
    try:
        data = json.loads(verified_path(layout).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: entry for key, entry in data.items() if isinstance(entry, dict)}


def verified_status(recorded: Mapping[str, Mapping[str, Any]], key: str) -> str:
    """The column of `sites`: "yes", "no", or "not checked" (nothing recorded, or recorded
    by another version)."""
    entry = recorded.get(key)
    if not entry or entry.get("version") != __version__:
        return NOT_CHECKED
    verified = entry.get("verified")
    if not isinstance(verified, bool):
        return NOT_CHECKED
    return YES if verified else NO


def record_verified(layout: DataLayout, results: Mapping[str, bool]) -> dict[str, dict[str, Any]]:
    """Record fresh results (site key -> verified) beside those of other keys; the file is
    replaced atomically (a temporary file, then os.replace). Returns what was written."""
    checked_at = utc_now()
    recorded = read_verified(layout)
    for key, ok in results.items():
        recorded[key] = {"verified": bool(ok), "checked_at": checked_at, "version": __version__}
    target = verified_path(layout)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{VERIFIED_FILE}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            json.dump(dict(sorted(recorded.items())), handle, ensure_ascii=False, indent=1)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return recorded
