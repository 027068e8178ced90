"""The run's log file (scraper/runlog.py): shared by the sites of a run, text or JSON."""

from __future__ import annotations

import errno
import json
import logging

import pytest
from scrapy.settings import Settings

from scraper.errors import SettingsError
from scraper.runlog import RunLog, log_format


def settings(**values: object) -> Settings:
    result = Settings()
    result.setmodule("scraper.settings", priority="project")
    result.setdict(values, priority="cmdline")
    return result


def test_two_sites_share_one_file_until_the_last_lets_go(tmp_path):
    path = tmp_path / "logs" / "run.log"
    first, second = RunLog.attach(path, settings()), RunLog.attach(path, settings())
    log = logging.getLogger("scraper.test")
    log.warning("both attached")
    first.detach()
    log.warning("one attached")
    second.detach()
    log.warning("none attached")
    first.detach()  # harmless
    text = path.read_text("utf-8")
    assert "both attached" in text
    assert "one attached" in text
    assert "none attached" not in text


def test_json_lines_for_log_shippers(tmp_path):
    path = tmp_path / "run.log"
    run_log = RunLog.attach(path, settings(POLICE_LOG_FORMAT="json"))
    logging.getLogger("scraper.test").warning("Công an %s", "tỉnh")
    run_log.detach()
    (entry,) = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert (entry["level"], entry["logger"], entry["message"]) == (
        "WARNING",
        "scraper.test",
        "Công an tỉnh",
    )


def test_an_unknown_log_format_is_refused_naming_the_setting():
    with pytest.raises(SettingsError, match="POLICE_LOG_FORMAT must be one of text, json"):
        log_format(settings(POLICE_LOG_FORMAT="xml"))


def test_a_log_that_cannot_be_written_keeps_its_first_error_and_prints_nothing(
    tmp_path, capsys, monkeypatch
):
    path = tmp_path / "run.log"
    run_log = RunLog.attach(path, settings())
    handler = next(
        h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(path)
    )

    def full(_text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(handler.stream, "write", full)
    log = logging.getLogger("scraper.test")
    log.warning("lost")
    log.warning("lost too")
    assert run_log.failure is not None
    assert run_log.failure.strerror == "No space left on device"
    assert run_log.failure.filename == str(path)
    monkeypatch.undo()
    run_log.detach()
    assert capsys.readouterr().err == ""  # no "--- Logging error ---" with its traceback
