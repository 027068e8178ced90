"""`scrapy crawl` as this project has it: Scrapy's own command, with every ``-s NAME=VALUE``
checked by the rules of ``police-archive crawl --set`` (scraper/setting_rules.py) before
the crawler is built. A name the rules do not know, a value of the wrong kind or a value
that switches off a fence is refused in one line, exit 2, instead of a traceback from
deep inside Scrapy (``-s DOWNLOAD_TIMEOUT=abc``) or a setting that silently does nothing
(``-s DOWNLOAD_DELAYS=2``). There is no ``--unsafe`` here: ``police-archive crawl --set
... --unsafe`` runs with a fence down and records it in the run summary.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.utils.conf import arglist_to_dict

from scraper.cli import UsageError, check_writable_data_dir
from scraper.errors import EXIT_USAGE, SettingsError
from scraper.runlog import log_format
from scraper.setting_rules import parse_settings

# police-archive's options, which `scrapy crawl` users give as settings (the README's
# `-s POLICE_DATA_DIR=DIR`, `-s POLICE_LOG_FORMAT=json`): checked as the run reads them
OPTIONS_AS_SETTINGS = frozenset({"POLICE_DATA_DIR", "POLICE_LOG_FORMAT"})


class Command(ScrapyCrawl):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)  # a -s without "=" is Scrapy's UsageError
        settings = self.settings
        if settings is None:  # scrapy.cmdline sets them before it asks for the options
            return
        given = {
            name: str(text).strip()
            for name, text in arglist_to_dict(opts.set).items()
            if name not in OPTIONS_AS_SETTINGS
        }
        try:
            values, fenced = parse_settings(given)
            # the options, refused here as the run would refuse them once it has started
            log_format(settings)
            check_writable_data_dir(Path(str(settings["POLICE_DATA_DIR"])), "-s POLICE_DATA_DIR")
        except (SettingsError, UsageError) as exc:
            _refuse(str(exc))
        if fenced:
            name, problem = next(iter(fenced.items()))
            _refuse(
                f"-s {name}={given[name]} switches off a fence: {problem} (police-archive "
                "crawl --set ... --unsafe runs so, and records it in the run summary)"
            )
        settings.setdict(values, priority="cmdline")  # as their kinds, not as texts


def _refuse(message: str) -> NoReturn:
    line = " ".join(message.split())
    print(f"scrapy crawl: error: {line}", file=sys.stderr)
    raise SystemExit(EXIT_USAGE)  # scrapy.cmdline lets it through: no traceback
