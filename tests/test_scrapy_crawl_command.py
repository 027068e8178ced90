"""`scrapy crawl` (scraper/commands/crawl.py): its -s settings checked as `police-archive
crawl --set` checks them, refused in one line with exit 2 before a crawler exists."""

from __future__ import annotations

import argparse
import subprocess

import pytest
from scrapy.settings import Settings

from scraper.commands.crawl import Command
from tests.e2e import assert_one_line_error, closed_port, scrapy_crawl_command
from tests.helpers import ROOT


def _process(tmp_path, *pairs: str) -> Settings:
    """The settings `scrapy crawl police -s PAIR...` leaves for the crawler."""
    command = Command()
    command.settings = Settings()
    command.settings.setmodule("scraper.settings", priority="project")
    parser = argparse.ArgumentParser()
    command.add_options(parser)
    given = ["-s", f"POLICE_DATA_DIR={tmp_path / 'data'}"]
    for pair in pairs:
        given += ["-s", pair]
    command.process_options(["police"], parser.parse_args(given))
    return command.settings


def test_settings_are_given_to_the_crawler_as_their_kinds(tmp_path):
    settings = _process(
        tmp_path, "DOWNLOAD_DELAY=2", "ROBOTSTXT_OBEY=true", "RETRY_HTTP_CODES=500,503"
    )
    assert settings["DOWNLOAD_DELAY"] == 2.0
    assert settings["ROBOTSTXT_OBEY"] is True
    assert settings["RETRY_HTTP_CODES"] == [500, 503]
    assert settings["POLICE_DATA_DIR"] == str(tmp_path / "data")


@pytest.mark.parametrize(
    ("pair", "said"),
    [
        ("DOWNLOAD_TIMEOUT=abc", "DOWNLOAD_TIMEOUT must be a number"),
        ("DOWNLOAD_DELAYS=2", "did you mean DOWNLOAD_DELAY?"),
        ("ROBOTSTXT_OBEY=0", "-s ROBOTSTXT_OBEY=0 switches off a fence: robots.txt"),
        ("BOT_NAME=other", "BOT_NAME is fixed by the project"),
        ("POLICE_RUN_ID=mine", "POLICE_RUN_ID is set by the run"),
        ("POLICE_LOG_FORMAT=xml", "POLICE_LOG_FORMAT must be one of text, json"),
    ],
)
def test_a_wrong_setting_is_refused_in_one_line(tmp_path, capsys, pair, said):
    with pytest.raises(SystemExit) as stopped:
        _process(tmp_path, pair)
    assert stopped.value.code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("scrapy crawl: error: ")
    assert said in lines[0]


def test_an_unusable_data_dir_is_refused_in_one_line(tmp_path, capsys):
    (tmp_path / "file").write_text("")
    with pytest.raises(SystemExit):
        _process(tmp_path, f"POLICE_DATA_DIR={tmp_path / 'file' / 'data'}")
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert f"-s POLICE_DATA_DIR {tmp_path / 'file' / 'data'}: " in line
    assert "is not a directory" in line


def test_scrapy_crawl_is_this_command(tmp_path):
    """The project's COMMANDS_MODULE replaces Scrapy's own crawl: no traceback from inside
    Scrapy for a value it cannot read, and nothing fetched."""
    command = scrapy_crawl_command(
        "hungyen", f"http://127.0.0.1:{closed_port()}", tmp_path, DOWNLOAD_TIMEOUT="abc"
    )
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert_one_line_error(result, 2, "DOWNLOAD_TIMEOUT must be a number")
    assert not (tmp_path / "runs").exists()
