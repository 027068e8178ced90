"""The monitors' configuration, read from the settings once per crawl.

Refused when wrong (MonitorConfigError names the setting): a crawl must not start with a
monitor quietly switched off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scraper.errors import SettingsError
from scraper.extract.urls import is_web_url
from scraper.record import COVERAGE_FIELDS

if TYPE_CHECKING:  # not imported at run time: `police-archive sites` must not load Scrapy
    from scrapy.settings import BaseSettings

    from scraper.site_profile import SiteProfile


class MonitorConfigError(SettingsError):
    """A monitor setting is wrong: the crawl must not start with a monitor switched off."""


@dataclass(frozen=True)
class MonitorConfig:
    coverage_thresholds: dict[str, float]
    max_error_ratio: float
    min_archived_ratio: float
    history_runs: int
    history_min_runs: int
    history_max_drop: float
    webhook_url: str | None
    email_to: list[str] = field(default_factory=list)
    email_from: str = ""
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> MonitorConfig:
        """The monitors' configuration of one crawl; MonitorConfigError names what is wrong."""
        thresholds = dict(settings.getdict("POLICE_COVERAGE_THRESHOLDS"))
        for name, value in thresholds.items():
            where = f"POLICE_COVERAGE_THRESHOLDS['{name}']"
            if name not in COVERAGE_FIELDS:
                raise MonitorConfigError(
                    f"{where}: not a field (fields: {', '.join(COVERAGE_FIELDS)})"
                )
            if not isinstance(value, int | float) or not 0 <= value <= 1:
                raise MonitorConfigError(f"{where}: must be a share between 0 and 1, not {value!r}")
        ratio = _share(settings, "POLICE_MAX_ERROR_RATIO")
        archived = _share(settings, "POLICE_MIN_ARCHIVED_RATIO")
        drop = _share(settings, "POLICE_HISTORY_MAX_DROP")
        runs, min_runs = (
            settings.getint("POLICE_HISTORY_RUNS"),
            settings.getint("POLICE_HISTORY_MIN_RUNS"),
        )
        if not 1 <= min_runs <= runs:
            raise MonitorConfigError(
                "POLICE_HISTORY_MIN_RUNS must be between 1 and POLICE_HISTORY_RUNS"
            )
        webhook = settings.get("POLICE_ALERT_WEBHOOK_URL") or None
        if webhook and not is_web_url(webhook):
            raise MonitorConfigError(f"POLICE_ALERT_WEBHOOK_URL is not an http(s) URL: {webhook}")
        email_to = settings.getlist("POLICE_ALERT_EMAIL_TO")
        smtp_host = settings.get("POLICE_SMTP_HOST") or ""
        if email_to and not smtp_host:
            raise MonitorConfigError("POLICE_ALERT_EMAIL_TO is set but POLICE_SMTP_HOST is not")
        return cls(
            coverage_thresholds=thresholds,
            max_error_ratio=ratio,
            min_archived_ratio=archived,
            history_runs=runs,
            history_min_runs=min_runs,
            history_max_drop=drop,
            webhook_url=webhook,
            email_to=email_to,
            email_from=settings.get("POLICE_ALERT_EMAIL_FROM") or "police-archive@localhost",
            smtp_host=smtp_host,
            smtp_port=settings.getint("POLICE_SMTP_PORT") or 25,
            smtp_user=settings.get("POLICE_SMTP_USER") or None,
            smtp_password=settings.get("POLICE_SMTP_PASSWORD") or None,
            smtp_starttls=settings.getbool("POLICE_SMTP_STARTTLS"),
        )

    def thresholds_for(self, profile: SiteProfile) -> dict[str, float]:
        """Coverage thresholds of one site: its profile's own override the settings', and
        a site that prints no view counter is not asked for one. Read when the crawl
        closes: a crawl --url only knows whether the site shows views once detected."""
        thresholds = self.coverage_thresholds | profile.coverage  # validated with the profile
        if not profile.shows_views:
            thresholds.pop("view_count", None)
        return thresholds


def _share(settings: BaseSettings, name: str) -> float:
    value = settings.getfloat(name)
    if not 0 <= value <= 1:
        raise MonitorConfigError(f"{name} must be a share between 0 and 1, not {value}")
    return value
