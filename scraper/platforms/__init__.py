"""Platform adapters, one per CMS family; a site profile names its platform."""

from __future__ import annotations

from scraper.platforms.base import ExtractionError, ParsedArticle, PlatformAdapter
from scraper.platforms.dotnetnuke import DotNetNukeAdapter
from scraper.platforms.generic import GenericAdapter
from scraper.platforms.joomla import JoomlaAdapter
from scraper.platforms.liferay import LiferayAdapter
from scraper.platforms.nukeviet import NukeVietAdapter
from scraper.platforms.portal import ProvincialPortalAdapter
from scraper.platforms.wordpress import WordPressAdapter
from scraper.site_profile import SiteProfile

PLATFORMS: dict[str, type[PlatformAdapter]] = {
    adapter.platform: adapter
    for adapter in (
        ProvincialPortalAdapter,
        NukeVietAdapter,
        WordPressAdapter,
        LiferayAdapter,
        DotNetNukeAdapter,
        JoomlaAdapter,
        GenericAdapter,
    )
}

__all__ = ["PLATFORMS", "ExtractionError", "ParsedArticle", "PlatformAdapter", "adapter_for"]


def adapter_for(profile: SiteProfile) -> PlatformAdapter:
    """The adapter instance for a site profile."""
    return PLATFORMS[profile.platform](profile)
