"""The article record as a Scrapy item, one field per property of its JSON Schema."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import scrapy
from itemadapter import ItemAdapter

from scraper.record import RECORD_FIELDS


class ArticleItem(scrapy.Item):
    """One article at one content version (fields: see article.schema.json)."""


# One field per schema property, so the item and the schema cannot drift apart.
ArticleItem.fields.update({name: scrapy.Field() for name in RECORD_FIELDS})

# JSON's scalars, by exact type: never items, never holding one
_SCALARS = frozenset((str, int, float, bool, type(None)))


class Record(dict[str, Any]):
    """An article record of plain JSON values (no items in it), as NormalizePipeline
    passes it on: the pipelines after it read and write this one dict, with no copy."""


def item_record(item: Any) -> dict[str, Any]:
    """The item as a plain dict, nested items too: ``ItemAdapter(item).asdict()``, which
    asks every value of a record whether it is an item (about 150 µs an article), without
    asking it of strings and numbers. A Record is one already: itself, not a copy."""
    if type(item) is Record:
        return item
    # a Mapping (dict, scrapy.Item) is what ItemAdapter would read, read directly: its
    # items() or an adapter's cost several calls a field, dict() one
    fields = (
        item
        if isinstance(item, dict)
        else dict(item if isinstance(item, Mapping) else ItemAdapter(item))
    )
    return _plain_dict(fields)


def _plain_dict(mapping: Any) -> dict[str, Any]:
    return {k: v if type(v) in _SCALARS else _plain(v) for k, v in mapping.items()}


def _plain(value: Any) -> Any:
    # ItemAdapter._asdict, case by case, for what is not a scalar
    if isinstance(value, dict):
        return _plain_dict(value)
    if type(value) is list:
        return [v if type(v) in _SCALARS else _plain(v) for v in value]
    if isinstance(value, (list, set, tuple)):
        return value.__class__(v if type(v) in _SCALARS else _plain(v) for v in value)
    if isinstance(value, ItemAdapter):
        return value.asdict()
    if ItemAdapter.is_item(value):
        return ItemAdapter(value).asdict()
    return value
