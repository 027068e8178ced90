"""Which encoding a page's bytes are really in, when its declaration may be wrong.

Vietnamese portals declare one charset and send another often enough: UTF-8 bytes under
``charset=iso-8859-1`` (or a stale ``<meta charset=windows-1252>``), Windows-1258 bytes
under ``charset=utf-8``. Decoded with the declaration, such a page is either not text at all
(invalid UTF-8) or mojibake ("CÃ´ng an", "Viêòt"). ``decode_page`` is the one place that
decides, for both the crawl (``scraper.middlewares.encoding``) and saved pages
(``scraper.extract_page``):

1. the encoding in use (declared, or what Scrapy inferred): a clean declaration is
   believed;
2. UTF-8: valid UTF-8 with non-ASCII text is almost never an accident;
3. Windows-1258, the legacy Vietnamese code page (it decodes nearly any byte string, so the
   mojibake check is what rules it out);
4. the page's other declarations (HTTP header vs ``<meta>``);
5. what bs4's ``UnicodeDammit`` would try (the document's declaration, charset
   detection, UTF-8, Windows-1252).

Each must decode strictly and show no mojibake signs (``looks_mojibake``). When none does,
the page is undecodable: the least damaged candidate (fewest replacement characters and
mojibake signs) is returned with ``clean=False``. (UTF-8 that reads as mojibake was
double-encoded at the source: no reading repairs it, and it is undecodable too.)

Windows-1258 writes tones as combining marks after the letter, so text decoded from it is
not NFC: the record's text is composed downstream (``pipelines.normalize``).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from bs4.dammit import EncodingDetector
from w3lib.encoding import read_bom

UTF8 = "utf-8"
WINDOWS_1258 = "cp1258"
WINDOWS_1252 = "cp1252"

# First bytes of the UTF-8 sequences Vietnamese text is made of: C2-C3 Latin-1 supplement
# (à á â ã è é ê ...), C4-C6 Latin Extended-A/B (ă đ ĩ ũ ơ ư), CC-CD combining marks (NFD
# text); E1 Latin Extended Additional (ạ ả ấ ... ỹ) and E2 punctuation (“ ” – …), which
# take two continuation bytes (80-BF).
_UTF8_LEADS_OF_TWO = bytes([0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xCC, 0xCD])
_UTF8_LEADS_OF_THREE = bytes([0xE1, 0xE2])
_UTF8_CONTINUATION = bytes(range(0x80, 0xC0))
# Windows-1258 bytes of the five tone marks (grave, acute, tilde, hook, dot below) and of
# the vowels they follow besides ASCII ones (â ê ô ă ơ ư and their capitals).
_CP1258_TONES = bytes([0xCC, 0xEC, 0xDE, 0xD2, 0xF2])
_CP1258_VOWELS = bytes([0xE2, 0xEA, 0xF4, 0xE3, 0xF5, 0xFD, 0xC2, 0xCA, 0xD4, 0xC3, 0xD5, 0xDD])
_C1_CONTROLS = re.compile("[\u0080-\u009f]")  # never text: bytes decoded as ISO-8859-1
# Letters only Vietnamese text has (decoded right): ạ..ỹ, ă đ ĩ ũ ơ ư, and tone marks.
_VIETNAMESE = re.compile("[\u1ea0-\u1ef9ăĂđĐĩĨũŨơƠưƯ\u0300\u0301\u0303\u0309\u0323]")


@dataclass(frozen=True)
class Decoded:
    """A page's text and the encoding it was read with."""

    encoding: str  # a Python codec name ("utf-8", "cp1258", "cp1252"), as Scrapy names them
    text: str
    clean: bool  # decoded strictly, and shows no mojibake signs


def codec_name(encoding: str | None) -> str | None:
    """The canonical Python name of an encoding ("windows-1258" -> "cp1258"), None if unknown."""
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def _byte_chars(encoding: str, data: bytes) -> str:
    """What each byte of `data` reads as, alone, in `encoding` (nothing for multi-byte codecs)."""
    chars = []
    for byte in data:
        try:
            chars.append(bytes([byte]).decode(encoding))
        except UnicodeDecodeError:
            continue
    return "".join(c for c in chars if len(c) == 1)


def _char_class(chars: str) -> str:
    return "[" + "".join(sorted({re.escape(c) for c in chars})) + "]"


def sign_parts(encoding: str) -> list[tuple[str, str]]:
    """Mojibake signs in text decoded with `encoding`, as (characters a sign starts with,
    regex of the rest): UTF-8 sequences read byte by byte ("Ã´", "Ä‘", "á»‡"; also in
    Windows-1252, so that UTF-8 text holding double-encoded UTF-8 is caught), and, for
    other single-byte encodings, Windows-1258 tone marks read as letters after a vowel
    ("êò", "aÌ")."""
    read = {encoding, WINDOWS_1252} if encoding != UTF8 else {WINDOWS_1252}
    leads2 = "".join(_byte_chars(e, _UTF8_LEADS_OF_TWO) for e in read)
    leads3 = "".join(_byte_chars(e, _UTF8_LEADS_OF_THREE) for e in read)
    follow = _char_class("".join(_byte_chars(e, _UTF8_CONTINUATION) for e in read))
    signs = [(leads2, follow), (leads3, f"{follow}{{2}}")]
    tones = _byte_chars(encoding, _CP1258_TONES)
    if encoding != WINDOWS_1258 and len(tones) == len(_CP1258_TONES):  # single-byte codecs
        vowels = "aeiouyAEIOUY" + _byte_chars(encoding, _CP1258_VOWELS)
        signs.append((vowels, _char_class(tones)))
    return signs


@cache
def _sign_pattern(encoding: str) -> re.Pattern[str]:
    """The signs of ``sign_parts`` as one regex. "A1 R1|A2 R2" is written
    "[A1 A2](?:(?<=A1) R1|(?<=A2) R2)": the same matches, but one character class leads,
    which the regex engine scans for three times quicker (a page is read once per
    encoding tried)."""
    signs = sign_parts(encoding)
    firsts = _char_class("".join(first for first, _ in signs))
    rests = "|".join(f"(?<={_char_class(first)}){rest}" for first, rest in signs)
    return re.compile(f"{firsts}(?:{rests})")


def mojibake_signs(text: str, encoding: str) -> int:
    """How many mojibake signs `text`, decoded with `encoding`, shows."""
    return len(_sign_pattern(encoding).findall(text)) + len(_C1_CONTROLS.findall(text))


def looks_mojibake(text: str, encoding: str) -> bool:
    """Whether `text` looks like a Vietnamese page read with the wrong encoding: more
    mojibake signs than Vietnamese letters outside them. (A right reading of a Vietnamese
    page has hundreds of letters and almost no signs; a wrong one the reverse.)"""
    signs = mojibake_signs(text, encoding)
    if not signs:
        return False
    rest = _C1_CONTROLS.sub("", _sign_pattern(encoding).sub("", text))
    return signs > len(_VIETNAMESE.findall(rest))


def clean_text(body: bytes, encoding: str) -> str | None:
    """`body` decoded strictly with `encoding` when that shows no mojibake, else None."""
    try:
        text = body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return None if looks_mojibake(text, encoding) else text


def _detected(body: bytes, tried: list[str]) -> Decoded | None:
    """bs4's guesses (what ``UnicodeDammit`` tries: the document's own declaration,
    charset detection, UTF-8, Windows-1252), the first that decodes strictly and cleanly.
    Its ``EncodingDetector`` is asked directly: ``UnicodeDammit`` would go on to decode
    with replacement characters, which here is the caller's decision."""
    for guess in EncodingDetector(body, is_html=True).encodings:
        encoding = codec_name(guess)
        if encoding is None or encoding in tried:
            continue
        text = clean_text(body, encoding)
        if text is not None:
            return Decoded(encoding, text, clean=True)
        tried.append(encoding)
    return None


def _least_damaged(body: bytes, candidates: list[str]) -> Decoded:
    def damage(encoding: str) -> int:
        text = body.decode(encoding, "replace")
        return text.count("\ufffd") + mojibake_signs(text, encoding)

    best = min(candidates, key=damage)  # min keeps the first of equals: the one in use
    return Decoded(best, body.decode(best, "replace"), clean=False)


def decode_page(body: bytes, declared: Iterable[str | None] = ()) -> Decoded:
    """The text of an HTML page and the encoding it is really in (see the module's
    docstring for the order). `declared`: the encoding in use first (Scrapy's
    ``response.encoding``), then the page's other declarations; Nones are skipped. A
    byte-order mark settles it, as it does for Scrapy and browsers."""
    bom_encoding, bom = read_bom(body)
    if bom_encoding and bom:
        encoding = codec_name(bom_encoding) or UTF8
        rest = body[len(bom) :]
        text = clean_text(rest, encoding)
        if text is not None:
            return Decoded(encoding, text, clean=True)
        return Decoded(encoding, rest.decode(encoding, "replace"), clean=False)
    names = [name for name in (codec_name(d) for d in declared) if name]
    in_use = names[:1]
    candidates = list(dict.fromkeys([*in_use, UTF8, WINDOWS_1258, *names[1:]]))
    for encoding in candidates:
        text = clean_text(body, encoding)
        if text is not None:
            return Decoded(encoding, text, clean=True)
    return _detected(body, list(candidates)) or _least_damaged(body, candidates)
