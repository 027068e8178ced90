"""The article record: its JSON Schema, its fields, the fields whose coverage is watched.

Free of Scrapy, so that what only reads records (profiles, `sites`, `verify`, `export`)
does not load it; the Scrapy item built from the same schema is in ``scraper.items``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

# 2 added warc_file and warc_record_id (the capture a record came from); lines written
# with 1 stay valid without them
SCHEMA_VERSION = 2


@lru_cache(maxsize=1)
def article_schema() -> dict[str, Any]:
    """The JSON Schema shipped in the package (scraper/schema/article.schema.json)."""
    text = resources.files("scraper.schema").joinpath("article.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


RECORD_FIELDS: tuple[str, ...] = tuple(article_schema()["properties"])

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
