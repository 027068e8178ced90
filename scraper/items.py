"""The article record: its Scrapy item and the JSON Schema it must satisfy."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import scrapy

SCHEMA_VERSION = 1


@lru_cache(maxsize=1)
def article_schema() -> dict[str, Any]:
    """The JSON Schema shipped in the package (scraper/schema/article.schema.json)."""
    text = resources.files("scraper.schema").joinpath("article.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


RECORD_FIELDS: tuple[str, ...] = tuple(article_schema()["properties"])


class ArticleItem(scrapy.Item):
    """One article at one content version (fields: see article.schema.json)."""


# One field per schema property, so the item and the schema cannot drift apart.
ArticleItem.fields.update({name: scrapy.Field() for name in RECORD_FIELDS})

# Fields whose share of filled values is reported per run and may have a threshold.
COVERAGE_FIELDS: tuple[str, ...] = (
    "title",
    "body",
    "published_at",
    "view_count",
    "author",
    "category",
    "images",
)
