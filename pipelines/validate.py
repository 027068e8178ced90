"""Every archived line satisfies the JSON Schema shipped in the package."""

from __future__ import annotations

import logging
from typing import Any, Self

import fastjsonschema
from jsonschema import Draft202012Validator
from scrapy.crawler import Crawler

from pipelines.drops import InvalidRecord
from scraper.items import item_record
from scraper.record import article_schema

logger = logging.getLogger(__name__)

# Fields a later pipeline decides: the version is the index's to give (DedupePipeline).
DECIDED_LATER = ("version",)

_BEFORE_VERSIONING_SCHEMA = article_schema() | {
    "required": [f for f in article_schema()["required"] if f not in DECIDED_LATER]
}
_VALIDATOR = Draft202012Validator(article_schema())
_BEFORE_VERSIONING = Draft202012Validator(_BEFORE_VERSIONING_SCHEMA)


def _compiled(schema: dict[str, Any]) -> Any:
    """The schema compiled to Python by fastjsonschema (which knows drafts up to 7: the
    keywords the schema uses are all in draft 7, so it is read as one)."""
    return fastjsonschema.compile(schema | {"$schema": "http://json-schema.org/draft-07/schema#"})


# A valid record (nearly every one) is told so by compiled code, about 12 times faster
# than jsonschema's; only an invalid one is walked again by jsonschema, whose messages
# name every problem at once.
_FAST = _compiled(article_schema())
_FAST_BEFORE_VERSIONING = _compiled(_BEFORE_VERSIONING_SCHEMA)


def schema_problems(record: dict[str, Any], *, versioned: bool = True) -> list[str]:
    """One "field: reason" string per schema violation, empty if the record is valid.
    ``versioned=False`` checks a record whose DECIDED_LATER fields are not set yet (a
    value that is set is still checked)."""
    try:
        (_FAST if versioned else _FAST_BEFORE_VERSIONING)(record)
    except fastjsonschema.JsonSchemaException:
        pass  # which ones, and where: jsonschema says
    else:
        return []
    validator = _VALIDATOR if versioned else _BEFORE_VERSIONING
    problems = []
    for error in sorted(validator.iter_errors(record), key=lambda e: list(e.path)):
        where = ".".join(str(p) for p in error.absolute_path) or "(record)"
        problems.append(f"{where}: {error.message[:160]}")
    return problems


# Fields whose text must have been decoded: U+FFFD there means the page's bytes matched no
# encoding (scraper/middlewares/encoding.py counts it), and mojibake is never archived.
DECODED_FIELDS = ("title", "body")


def undecodable_text(record: dict[str, Any]) -> list[str]:
    """A "field: reason" problem per text field holding replacement characters."""
    return [
        f"{name}: undecodable text ({count} replacement characters)"
        for name in DECODED_FIELDS
        if isinstance(record.get(name), str) and (count := record[name].count("\ufffd"))
    ]


class ValidatePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        record = item_record(item)
        problems = schema_problems(record, versioned=False) + undecodable_text(record)
        if problems:
            self.stats.inc_value("articles/invalid")
            for field in {problem.split(":", 1)[0] for problem in problems}:
                self.stats.inc_value(f"articles/invalid/{field}")
            raise InvalidRecord(f"invalid record {record.get('url')}: {'; '.join(problems)}")
        return item
