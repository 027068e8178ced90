"""DATA/logs/<run_id>.log: every log line of the run, as text or JSON lines.

One file per run. Each site of a run is crawled in a process of its own (scraper/runner.py)
and every line it logs names its site and the run (``[hungyen 20261201T...]`` in text, the
``site`` and ``run_id`` keys in JSON); the processes append to the same file. Within a
process the handler is counted and removed when the last user lets go. Scrapy's start-up
dumps (versions, settings, enabled components) are the same for every site: only the
run's first process writes them (``startup_dumps``).
"""

from __future__ import annotations

import json
import logging
import sys
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
            "site": getattr(record, "site", "-"),
            "run_id": getattr(record, "run_id", "-"),
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


class RunContext(logging.Filter):
    """Names the site and run on every record the run log writes."""

    def __init__(self, site: str, run_id: str) -> None:
        super().__init__()
        self.site, self.run_id = site, run_id

    def filter(self, record: logging.LogRecord) -> bool:
        record.site = getattr(record, "site", self.site)
        record.run_id = getattr(record, "run_id", self.run_id)
        return True


# Scrapy's start-up dumps: the same for every site of a run (settings, components, versions)
_STARTUP_LOGGERS = frozenset({"scrapy.utils.log", "scrapy.middleware", "scrapy.addons"})


class WithoutStartupDumps(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.name in _STARTUP_LOGGERS:
            return False
        return not (
            record.name == "scrapy.crawler"
            and isinstance(record.msg, str)
            and record.msg.startswith("Overridden")
        )


# Scrapy's default line with the site and run after the time
DEFAULT_TEXT_FORMAT = "%(asctime)s [%(site)s %(run_id)s] [%(name)s] %(levelname)s: %(message)s"
_SCRAPY_TEXT_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"


class RunLogHandler(logging.FileHandler):
    """The run's log file. A line that cannot be written (a full disk) is no traceback on
    stderr, as logging's default would print for every later line too: the first error
    is kept (`failure`, reported in each site's summary by its SiteRun) and the file is
    written no more."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8")
        self.failure: OSError | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.failure is None:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):  # a bad format string: logging's own report
            super().handleError(record)
            return
        self._failed(error)

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as exc:
            self._failed(exc)

    def close(self) -> None:
        try:
            super().close()
        except OSError as exc:  # the lines still buffered could not be written
            self._failed(exc)

    def _failed(self, error: OSError) -> None:
        if self.failure is None:
            if error.filename is None:
                error.filename = self.baseFilename
            self.failure = error


class RunLog:
    """The run's log file on the root logger, shared by the sites of one process."""

    _open: ClassVar[dict[Path, tuple[RunLogHandler, int]]] = {}

    def __init__(self, path: Path) -> None:
        self.path = path
        self._attached = False
        self._handler: RunLogHandler | None = None

    @classmethod
    def attach(
        cls,
        path: Path,
        settings: BaseSettings,
        *,
        site: str = "-",
        run_id: str = "-",
        startup_dumps: bool = True,
    ) -> RunLog:
        """Start writing the root logger's lines to `path` (POLICE_LOG_FORMAT: text or
        json, LOG_LEVEL), each naming `site` and `run_id`, unless this process already
        does; without Scrapy's start-up dumps unless `startup_dumps`."""
        log = cls(path.resolve())
        handler, users = cls._open.get(log.path, (None, 0))
        if handler is None:
            handler = _file_handler(log.path, settings)
            handler.addFilter(RunContext(site, run_id))
            if not startup_dumps:
                handler.addFilter(WithoutStartupDumps())
            root = logging.getLogger()
            root.addHandler(handler)
            root.setLevel(min(root.level or logging.WARNING, handler.level))
        cls._open[log.path] = (handler, users + 1)
        log._attached = True
        log._handler = handler
        return log

    @property
    def failure(self) -> OSError | None:
        """The first error writing the file met, None while every line was written."""
        if self._handler is None:
            return None
        self._handler.flush()  # what is still buffered is written, or its failure kept
        return self._handler.failure

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


def _file_handler(path: Path, settings: BaseSettings) -> RunLogHandler:
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RunLogHandler(path)
    handler.addFilter(NetworkErrorsWithoutTraceback(settings))
    if log_format(settings) == "json":
        handler.setFormatter(JsonLogFormatter())
    else:
        text = settings["LOG_FORMAT"]
        text = DEFAULT_TEXT_FORMAT if text == _SCRAPY_TEXT_FORMAT else text
        handler.setFormatter(logging.Formatter(text, settings["LOG_DATEFORMAT"]))
    handler.setLevel(settings["LOG_LEVEL"])
    return handler
