"""A changed extraction rule, for the reparse tests.

Imported before the command line runs (``python -c "import tests.support.rule_fix; ..."``),
it changes the generic credit rule the way a fix would look to the archive: on every
page with a credit, one field (the author, now in upper case) reads differently, and
nothing else does.
"""

from __future__ import annotations

from scraper.extract import credits
from scraper.extract.generic import metadata

_original = metadata.parse_credit


def parse_credit(text: str) -> credits.Credit | None:
    credit = _original(text)
    return credit._replace(author=credit.author.upper()) if credit else None


metadata.parse_credit = parse_credit
