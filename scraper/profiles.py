"""Site profiles: one TOML file per site, validated at start-up.

A file's keys, their types and defaults are the fields of ``SiteProfile``
(``scraper.site_profile``); this module reads the files and refuses what is wrong, the
platform checked against the adapters' registry. Nothing it imports imports it back.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import MISSING, fields
from importlib import resources
from pathlib import Path
from typing import Any, get_origin, get_type_hints
from urllib.parse import urlsplit

from scraper.platforms import PLATFORMS
from scraper.record import COVERAGE_FIELDS
from scraper.setting_rules import PER_SITE, BadSetting, check_setting, fence_problems
from scraper.site_profile import FILLED_BY_LOADER, SiteProfile

__all__ = [
    "PER_SITE_SETTINGS",
    "PROFILES_PACKAGE",
    "ProfileError",
    "load_profile",
    "load_profiles",
    "parse_profile",
    "profile_files",
    "profile_from_mapping",
    "site_key_problem",
]

PROFILES_PACKAGE = "scraper.sites"

# Settings a profile may override for its own crawl, by the rules --set follows
# (scraper/setting_rules.py); anything else is refused so a typo cannot silently do nothing.
PER_SITE_SETTINGS: tuple[str, ...] = PER_SITE

# A site key: ASCII, lower case, a letter first, at most 64 characters (it names
# folders, files and article ids).
SITE_KEY = re.compile(r"[a-z][a-z0-9_]{0,63}")


def site_key_problem(key: str) -> str | None:
    """What is wrong with a site key, or None when it is one."""
    if SITE_KEY.fullmatch(key):
        return None
    return "must be ASCII lower-case letters, digits and '_', a letter first, at most 64 characters"


def _file_type(hint: Any) -> type:
    """The type a TOML value has for a field of this type (a tuple is read as an array)."""
    origin = get_origin(hint) or hint
    return list if origin is tuple else origin


# The keys of a profile file with their types, in field order; and the required ones.
_HINTS = get_type_hints(SiteProfile)
_KEYS: dict[str, type] = {
    f.name: _file_type(_HINTS[f.name])
    for f in fields(SiteProfile)
    if not f.metadata.get(FILLED_BY_LOADER)
}
_REQUIRED: tuple[str, ...] = tuple(
    f.name
    for f in fields(SiteProfile)
    if f.name in _KEYS and f.default is MISSING and f.default_factory is MISSING
)


class ProfileError(ValueError):
    """A profile file is missing, unreadable or invalid; the message names file and key."""


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
    _check_keys(data, source)
    _check_origin_and_platform(data, source)
    _check_start_paths(data["start_paths"], source)
    settings = _checked_settings(data.get("settings", {}), source)
    _check_coverage(data.get("coverage", {}), source)
    values = {key: _as_field(key, value) for key, value in data.items()}
    values["settings"] = settings
    values["base_url"] = values["base_url"].rstrip("/")
    profile = SiteProfile(**values, source_file=source)
    if profile.max_listing_pages < 1:
        raise ProfileError(f"{source}: key 'max_listing_pages' must be at least 1")
    return profile


def _as_field(key: str, value: Any) -> Any:
    """A checked TOML value as the field holds it: arrays as tuples, tables copied."""
    origin = get_origin(_HINTS[key]) or _HINTS[key]
    return origin(value) if origin in (tuple, dict) else value


def _check_keys(data: dict[str, Any], source: str) -> None:
    """Every required key is there, no unknown key is, and each has its field's type."""
    for key in _REQUIRED:
        if key not in data:
            raise ProfileError(f"{source}: missing required key '{key}'")
    for key, value in data.items():
        expected = _KEYS.get(key)
        if expected is None:
            known = ", ".join(sorted(_KEYS))
            raise ProfileError(f"{source}: unknown key '{key}' (known keys: {known})")
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ProfileError(f"{source}: key '{key}' must be {expected.__name__}")
    problem = site_key_problem(data["key"])
    if problem:
        raise ProfileError(f"{source}: key 'key' {problem}, not {_shown(data['key'])}")


def _check_origin_and_platform(data: dict[str, Any], source: str) -> None:
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


def _check_start_paths(paths: list[Any], source: str) -> None:
    if not paths or not all(isinstance(p, str) and p.startswith("/") for p in paths):
        raise ProfileError(
            f"{source}: key 'start_paths' must be a non-empty list of paths starting with '/'"
        )


def _checked_settings(settings: dict[str, Any], source: str) -> dict[str, Any]:
    """The profile's [settings] checked by the rules of --set, converted to their kinds
    (DOWNLOAD_DELAY = 2 is 2.0); a value that would switch off a fence is refused too."""
    checked = {}
    for name, value in settings.items():
        if name not in PER_SITE_SETTINGS:
            raise ProfileError(
                f"{source}: key 'settings.{name}' is not a per-site setting "
                f"(allowed: {', '.join(sorted(PER_SITE_SETTINGS))})"
            )
        try:
            checked[name] = check_setting(name, value)
        except BadSetting as exc:
            raise ProfileError(f"{source}: key 'settings.{name}' {exc.problem}") from None
    fenced = fence_problems(checked)
    if fenced:
        name, problem = next(iter(fenced.items()))
        raise ProfileError(f"{source}: key 'settings.{name}' is refused: {problem}")
    return checked


def _check_coverage(coverage: dict[str, Any], source: str) -> None:
    for name, value in coverage.items():
        if name not in COVERAGE_FIELDS:
            raise ProfileError(
                f"{source}: key 'coverage.{name}' is not a field "
                f"(fields: {', '.join(COVERAGE_FIELDS)})"
            )
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
            raise ProfileError(f"{source}: key 'coverage.{name}' must be a share from 0 to 1")


def _shown(value: str) -> str:
    return repr(value) if len(value) <= 70 else repr(value[:67] + "...")


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
