"""Credit lines: who wrote the article, as printed and as a bare name."""

from __future__ import annotations

import re
from typing import NamedTuple

from scraper.extract.text import clean_line

# Desks and pen names are real credits even though they are one word.
DESKS = frozenset({"pv", "ctv", "btv", "bbt", "ban biên tập", "nhóm pv", "pv-ctv", "pv – ctv"})
_LABELLED = re.compile(
    r"^(?:tác\s+giả|bài(?:\s*(?:và|,|&)\s*ảnh)?|người\s+viết)\s*[:：]\s*(?P<name>.+)$",
    re.IGNORECASE,
)
_DASHED = re.compile(r"^(?P<name>.+?)\s+[–—-]\s+(?P<unit>.+)$")
_PARENTHESISED = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<unit>[^()]+)\)$")
_MAX_CREDIT_CHARS = 90
_MAX_NAME_WORDS = 6


class Credit(NamedTuple):
    author: str
    byline: str


def looks_like_name(text: str) -> bool:
    """A person's name or a desk: a few capitalised words, no sentence punctuation."""
    text = text.strip()
    if text.lower() in DESKS:
        return True
    words = text.split()
    if not 1 <= len(words) <= _MAX_NAME_WORDS or re.search(r"[.:;!?\"“”]", text):
        return False
    return all(word[0].isupper() or word[0].isdigit() for word in words)


def parse_credit(line: str | None) -> Credit | None:
    """Parse "Name – Unit", "Name - Unit", "Tác giả: Name", "Name (Unit)" or a bare name/desk."""
    byline = clean_line(line)
    if not byline or len(byline) > _MAX_CREDIT_CHARS or byline.endswith((".", ":", ";")):
        return None
    labelled = _LABELLED.match(byline)
    if labelled:
        name = labelled.group("name").strip()
        inner = parse_credit(name)
        return Credit(inner.author if inner else name, byline)
    for pattern in (_DASHED, _PARENTHESISED):
        match = pattern.match(byline)
        if match and looks_like_name(match.group("name")) and len(match.group("unit").split()) <= 8:
            return Credit(match.group("name").strip(), byline)
    if looks_like_name(byline) and (byline.lower() in DESKS or len(byline.split()) >= 2):
        return Credit(byline, byline)
    return None
