"""Every archived line satisfies the JSON Schema shipped in the package."""

from __future__ import annotations

import logging
from typing import Any, Self

from itemadapter import ItemAdapter
from jsonschema import Draft202012Validator
from scrapy.crawler import Crawler

from pipelines.drops import InvalidRecord
from scraper.items import article_schema

logger = logging.getLogger(__name__)

_VALIDATOR = Draft202012Validator(article_schema())


def schema_problems(record: dict[str, Any]) -> list[str]:
    """One "field: reason" string per schema violation, empty if the record is valid."""
    problems = []
    for error in sorted(_VALIDATOR.iter_errors(record), key=lambda e: list(e.path)):
        where = ".".join(str(p) for p in error.absolute_path) or "(record)"
        problems.append(f"{where}: {error.message[:160]}")
    return problems


class ValidatePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        record = ItemAdapter(item).asdict()
        problems = schema_problems(record)
        if problems:
            self.stats.inc_value("articles/invalid")
            for field in {problem.split(":", 1)[0] for problem in problems}:
                self.stats.inc_value(f"articles/invalid/{field}")
            raise InvalidRecord(f"invalid record {record.get('url')}: {'; '.join(problems)}")
        return item
