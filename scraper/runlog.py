"""DATA/logs/<run_id>.log: every log line of the run, as text or JSON lines.

One file per run: the sites of a run crawled in one process share it, so the handler
is counted and removed when the last of them lets go.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object

from scraper.errors import SettingsError

LOG_FORMATS = ("text", "json")


class JsonLogFormatter(logging.Formatter):
    """One JSON object per log line, for log shippers."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class NetworkErrorsWithoutTraceback(logging.Filter):
    """A site that is down or slow is an expected condition: one line, no traceback."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__()
        self.expected = tuple(load_object(name) for name in settings.getlist("RETRY_EXCEPTIONS"))

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], self.expected):
            record.exc_info = None
            record.exc_text = None
        return True


class RunLog:
    """The run's log file on the root logger, shared by the sites of one process."""

    _open: ClassVar[dict[Path, tuple[logging.Handler, int]]] = {}

    def __init__(self, path: Path) -> None:
        self.path = path
        self._attached = False

    @classmethod
    def attach(cls, path: Path, settings: BaseSettings) -> RunLog:
        """Start writing the root logger's lines to `path` (POLICE_LOG_FORMAT: text or
        json, LOG_LEVEL) unless a site of this run already does."""
        log = cls(path.resolve())
        handler, users = cls._open.get(log.path, (None, 0))
        if handler is None:
            handler = _file_handler(log.path, settings)
            root = logging.getLogger()
            root.addHandler(handler)
            root.setLevel(min(root.level or logging.WARNING, handler.level))
        cls._open[log.path] = (handler, users + 1)
        log._attached = True
        return log

    def detach(self) -> None:
        """Stop this site's share of the log; the last one closes the file."""
        if not self._attached:
            return
        self._attached = False
        handler, users = self._open.pop(self.path)
        if users > 1:
            self._open[self.path] = (handler, users - 1)
            return
        logging.getLogger().removeHandler(handler)
        handler.close()


def log_format(settings: BaseSettings) -> str:
    """POLICE_LOG_FORMAT, refused with a SettingsError when it is neither."""
    value = str(settings.get("POLICE_LOG_FORMAT") or "text")
    if value not in LOG_FORMATS:
        raise SettingsError(
            f"POLICE_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {value!r}"
        )
    return value


def _file_handler(path: Path, settings: BaseSettings) -> logging.Handler:
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.addFilter(NetworkErrorsWithoutTraceback(settings))
    if log_format(settings) == "json":
        handler.setFormatter(JsonLogFormatter())
    else:
        handler.setFormatter(logging.Formatter(settings["LOG_FORMAT"], settings["LOG_DATEFORMAT"]))
    handler.setLevel(settings["LOG_LEVEL"])
    return handler
