"""Every archived line satisfies the JSON Schema shipped in the package."""

from __future__ import annotations

import logging
from typing import Any, Self

import jsonschema_rs
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
# jsonschema-rs (compiled Rust): a valid record, nearly every one, is told so about 9
# times quicker than by fastjsonschema's generated Python (5 against 48 µs a replica
# record), and the same validator names every problem of an invalid one. Its patterns
# are ECMA-262's, as JSON Schema specifies: `\d` is an ASCII digit and `$` is the end of
# the text, not "before a final newline" as in Python's re (which let "hungyen\n" pass
# as a site key).
_VALIDATOR = jsonschema_rs.validator_for(article_schema())
_BEFORE_VERSIONING = jsonschema_rs.validator_for(_BEFORE_VERSIONING_SCHEMA)


def schema_problems(record: dict[str, Any], *, versioned: bool = True) -> list[str]:
    """One "field: reason" string per schema violation, empty if the record is valid.
    ``versioned=False`` checks a record whose DECIDED_LATER fields are not set yet (a
    value that is set is still checked)."""
    validator = _VALIDATOR if versioned else _BEFORE_VERSIONING
    if validator.is_valid(record):
        return []
    problems = [
        (".".join(map(str, error.instance_path)) or "(record)", error.message[:160])
        for error in validator.iter_errors(record)
    ]
    return [f"{where}: {message}" for where, message in sorted(problems)]


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
