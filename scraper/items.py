"""The article record as a Scrapy item, one field per property of its JSON Schema."""

from __future__ import annotations

import scrapy

from scraper.record import RECORD_FIELDS


class ArticleItem(scrapy.Item):
    """One article at one content version (fields: see article.schema.json)."""


# One field per schema property, so the item and the schema cannot drift apart.
ArticleItem.fields.update({name: scrapy.Field() for name in RECORD_FIELDS})
