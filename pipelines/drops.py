"""Why an item leaves the pipeline; the class name becomes the stats key of the reason."""

from __future__ import annotations

from scrapy.exceptions import DropItem


class InvalidRecord(DropItem):
    """The record does not satisfy the JSON Schema."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level="WARNING")


class DuplicateInRun(DropItem):
    """The same article id was already processed in this run."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level="DEBUG")


class UnchangedArticle(DropItem):
    """The archive already holds this article with the same content."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level="DEBUG")


class WriteFailed(DropItem):
    """The run's file could not be written (disk full...); the crawl stops, the lines
    written so far are recovered by the next run."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level="DEBUG")  # the one line is the pipeline's
