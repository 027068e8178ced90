"""Sites first crawled with `crawl --url URL --name KEY`, remembered in the data directory.

Such a site has no profile file in the package; what its first crawl detected (platform,
name, origin, start path, whether it prints view counters) is kept in
DATA/state/sites/<key>.json, written by the site's run owner (scraper.site_run) once a
crawl has read at least one listing page of it. `crawl KEY` (and `all`, `report`,
`reparse`) then know it like a bundled site; the file is checked like a profile file
each time it is read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from scraper.profiles import ProfileError, profile_from_mapping
from scraper.site_profile import SiteProfile, profile_keys
from scraper.state import DataLayout


def sites_dir(layout: DataLayout) -> Path:
    return layout.state_dir() / "sites"


def remember_profile(layout: DataLayout, profile: SiteProfile) -> Path:
    """Keep the profile (its file keys only), written under a temporary name and renamed."""
    data = profile_keys(profile)
    path = sites_dir(layout) / f"{profile.key}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    os.replace(tmp, path)
    return path


def remembered_profiles(layout: DataLayout) -> dict[str, SiteProfile]:
    """Every remembered site by key; ProfileError names a file that is no profile."""
    found: dict[str, SiteProfile] = {}
    for path in sorted(sites_dir(layout).glob("*.json")):
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise ProfileError(f"{path}: not a remembered site ({exc})") from None
        if not isinstance(data, dict):
            raise ProfileError(f"{path}: not a remembered site (not a JSON object)")
        profile = profile_from_mapping(data, str(path))
        if profile.key != path.stem:
            raise ProfileError(f"{path}: key '{profile.key}' but the file is named {path.name}")
        found[profile.key] = profile
    return found
