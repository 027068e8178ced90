"""Errors a user can cause with a setting: the run is refused before it starts (exit 2)."""

from __future__ import annotations


class SettingsError(ValueError):
    """A setting has a value the run cannot use; the message names the setting."""
