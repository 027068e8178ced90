"""Site profiles: one TOML file per site, validated at start-up."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scraper.items import COVERAGE_FIELDS

PROFILES_PACKAGE = "scraper.sites"

# Settings a profile may override for its own crawl; anything else is refused so a
# typo cannot silently do nothing.
PER_SITE_SETTINGS: dict[str, type | tuple[type, ...]] = {
    "DOWNLOAD_DELAY": (int, float),
    "DOWNLOADER_CLIENT_TLS_CIPHERS": str,
    "DOWNLOADER_CLIENT_TLS_METHOD": str,
    "CONCURRENT_REQUESTS_PER_DOMAIN": int,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": (int, float),
    "AUTOTHROTTLE_START_DELAY": (int, float),
    "AUTOTHROTTLE_MAX_DELAY": (int, float),
    "DOWNLOAD_TIMEOUT": (int, float),
    "RETRY_TIMES": int,
}
_REQUIRED = {"key": str, "name": str, "base_url": str, "platform": str, "start_paths": list}
_OPTIONAL = {
    "settings": dict,
    "max_listing_pages": int,
    "shows_views": bool,
    "notes": str,
    "coverage": dict,
}


class ProfileError(ValueError):
    """A profile file is missing, unreadable or invalid; the message names file and key."""


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
    source_file: str = ""


def parse_profile(path: Path) -> SiteProfile:
    """Read and validate one profile file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ProfileError(f"{path}: no such profile file") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from exc
    return profile_from_mapping(data, str(path))


def profile_from_mapping(data: dict[str, Any], source: str) -> SiteProfile:
    """Validate a profile given as a mapping; `source` names it in error messages."""
    from scraper.platforms import PLATFORMS  # late import: platforms import profiles

    for key in _REQUIRED:
        if key not in data:
            raise ProfileError(f"{source}: missing required key '{key}'")
    for key, value in data.items():
        expected = _REQUIRED.get(key) or _OPTIONAL.get(key)
        if expected is None:
            known = ", ".join(sorted(_REQUIRED | _OPTIONAL))
            raise ProfileError(f"{source}: unknown key '{key}' (known keys: {known})")
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ProfileError(f"{source}: key '{key}' must be {expected.__name__}")
    if not data["key"].isidentifier() or data["key"] != data["key"].lower():
        raise ProfileError(f"{source}: key 'key' must be a lower-case identifier")
    base = urlsplit(data["base_url"])
    if base.scheme not in ("http", "https") or not base.hostname or base.path not in ("", "/"):
        raise ProfileError(
            f"{source}: key 'base_url' must be an http(s) origin such as "
            "https://congan.hungyen.gov.vn"
        )
    if data["platform"] not in PLATFORMS:
        raise ProfileError(
            f"{source}: key 'platform' is '{data['platform']}', expected one of "
            + ", ".join(sorted(PLATFORMS))
        )
    paths = data["start_paths"]
    if not paths or not all(isinstance(p, str) and p.startswith("/") for p in paths):
        raise ProfileError(
            f"{source}: key 'start_paths' must be a non-empty list of paths starting with '/'"
        )
    settings = data.get("settings", {})
    for name, value in settings.items():
        allowed = PER_SITE_SETTINGS.get(name)
        if allowed is None:
            raise ProfileError(
                f"{source}: key 'settings.{name}' is not a per-site setting "
                f"(allowed: {', '.join(sorted(PER_SITE_SETTINGS))})"
            )
        if not isinstance(value, allowed) or isinstance(value, bool):
            raise ProfileError(f"{source}: key 'settings.{name}' has the wrong type")
    for name, value in data.get("coverage", {}).items():
        if name not in COVERAGE_FIELDS:
            raise ProfileError(
                f"{source}: key 'coverage.{name}' is not a field "
                f"(fields: {', '.join(COVERAGE_FIELDS)})"
            )
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
            raise ProfileError(f"{source}: key 'coverage.{name}' must be a share from 0 to 1")
    if data.get("max_listing_pages", 1) < 1:
        raise ProfileError(f"{source}: key 'max_listing_pages' must be at least 1")
    return SiteProfile(
        key=data["key"],
        name=data["name"],
        base_url=data["base_url"].rstrip("/"),
        platform=data["platform"],
        start_paths=tuple(paths),
        settings=dict(settings),
        max_listing_pages=data.get("max_listing_pages", 500),
        shows_views=data.get("shows_views", True),
        notes=data.get("notes", ""),
        coverage=dict(data.get("coverage", {})),
        source_file=source,
    )


def profile_files(directory: Path | None = None) -> list[Path]:
    """The profile files, bundled ones unless another directory is given."""
    if directory is None:
        directory = Path(str(resources.files(PROFILES_PACKAGE)))
    return sorted(directory.glob("*.toml"))


def load_profiles(directory: Path | None = None) -> dict[str, SiteProfile]:
    """Every profile by key; a file whose name differs from its key is refused."""
    profiles: dict[str, SiteProfile] = {}
    for path in profile_files(directory):
        profile = parse_profile(path)
        if profile.key != path.stem:
            raise ProfileError(
                f"{path}: key 'key' is '{profile.key}' but the file is named {path.name}"
            )
        profiles[profile.key] = profile
    return profiles


def load_profile(key: str, directory: Path | None = None) -> SiteProfile:
    """One profile by key, with a message listing the known keys when it is unknown."""
    profiles = load_profiles(directory)
    if key not in profiles:
        raise ProfileError(f"unknown site '{key}' (known sites: {', '.join(sorted(profiles))})")
    return profiles[key]
