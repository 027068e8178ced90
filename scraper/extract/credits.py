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
# "Theo Thanh Niên", "(Theo VnExpress)": the source an article is taken from.
_SOURCED = re.compile(
    r"^\(?\s*theo\s+(?:(?:báo|tạp\s+chí|trang|đài|kênh|cổng\s+thông\s+tin(?:\s+điện\s+tử)?)\s+)?"
    r"(?P<name>[^()]+?)\s*\)?$",
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
    names = [name.split() for name in text.split(",")]  # several authors: "A, B"
    words = [word for name in names for word in name]
    if not names or not all(names) or not 1 <= len(words) <= _MAX_NAME_WORDS * len(names):
        return False
    if re.search(r"[.:;!?\"“”]", text):
        return False
    return all(word[0].isupper() and not any(c.isdigit() for c in word) for word in words)


def _looks_like_source(name: str) -> bool:
    """A newspaper or portal a text is taken from: "Thanh Niên", "Cổng TTĐT Bộ Công an";
    capitalised mostly (organisation names keep some lower-case words), no number, no
    sentence punctuation ("Theo quy định", "Theo Thông tư 12" are no sources)."""
    words = name.split()
    if not 1 <= len(words) <= 8 or re.search(r"[\d.:;!?\"“”]", name):
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    return words[0][0].isupper() and capitalised * 2 >= len(words)


def parse_credit(line: str | None) -> Credit | None:
    """Parse "Name – Unit", "Name - Unit", "Tác giả: Name", "Name (Unit)" or a bare name/desk."""
    byline = clean_line(line)
    if not byline or len(byline) > _MAX_CREDIT_CHARS or byline.endswith((".", ":", ";")):
        return None
    text = re.sub(r"\s+,", ",", byline)  # NukeViet joins authors as "A , B"
    sourced = _SOURCED.match(text)
    if sourced:
        name = sourced.group("name").strip()
        return Credit(name, byline) if _looks_like_source(name) else None
    if text.startswith("(") and text.endswith(")"):
        inner = parse_credit(text[1:-1])
        return Credit(inner.author, byline) if inner else None
    labelled = _LABELLED.match(text)
    if labelled:
        name = labelled.group("name").strip()
        inner = parse_credit(name)
        return Credit(inner.author if inner else name, byline)
    for pattern in (_DASHED, _PARENTHESISED):
        match = pattern.match(text)
        if match and looks_like_name(match.group("name")) and len(match.group("unit").split()) <= 8:
            return Credit(match.group("name").strip(), byline)
    if looks_like_name(text) and (text.lower() in DESKS or len(text.split()) >= 2):
        return Credit(text, byline)
    return None
