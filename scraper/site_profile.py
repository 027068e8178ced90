"""What a site profile says: the ``SiteProfile`` record, and nothing that reads or checks it.

This module imports nothing of the project, so the platform adapters (which take a
profile) and ``scraper.profiles`` (which reads profile files and checks their platform
against the adapters) both import it without importing each other.

The fields are also the keys of a profile file (``scraper/sites/*.toml``): a field
without a default is a required key, its type is the key's type (a tuple is a TOML
array). ``scraper.profiles`` derives what it accepts from here, so adding a key is one
edit. A field marked ``FILLED_BY_LOADER`` is not a key of the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

# Field metadata of a field the loader fills in itself (not a key of the profile file).
FILLED_BY_LOADER = "filled_by_loader"


@dataclass(frozen=True)
class SiteProfile:
    key: str
    name: str
    base_url: str
    platform: str
    start_paths: tuple[str, ...]
    settings: dict[str, Any] = field(default_factory=dict)
    max_listing_pages: int = 500
    shows_views: bool = True
    notes: str = ""
    # per-field coverage thresholds overriding POLICE_COVERAGE_THRESHOLDS for this site
    coverage: dict[str, float] = field(default_factory=dict)
    # the file (or "--url …") the profile was read from, for messages
    source_file: str = field(default="", metadata={FILLED_BY_LOADER: True})


def profile_keys(profile: SiteProfile) -> dict[str, Any]:
    """The profile as the keys of a profile file (JSON-ready: tuples as lists), what
    ``scraper.profiles.profile_from_mapping`` reads back."""
    keys: dict[str, Any] = {}
    for f in fields(SiteProfile):
        if f.metadata.get(FILLED_BY_LOADER):
            continue
        value = getattr(profile, f.name)
        keys[f.name] = list(value) if isinstance(value, tuple) else value
    return keys
