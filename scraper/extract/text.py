"""Text normalisation for Vietnamese pages."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WS = re.compile(r"\s+")

# Old-style tone placement puts the mark on the second vowel of "oa", "oe", "uy"
# ("hoà", "Thuỳ"); the new style puts it on the first ("hòa", "Thùy"). Both are
# correct Vietnamese and coexist on the same site, so only hashing folds them.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_OLD_TONE_PLACEMENT = re.compile(rf"([oO])([aAeE])([{_TONES}])|([uU])([yY])([{_TONES}])")


# The same pairs as they look in NFC text: "o" or "u" before a precomposed letter whose
# decomposition is a, e (or y) with a tone mark straight after it ("à"; also "ặ", whose
# dot below sorts before its breve). Derived from Unicode's own decompositions. Text
# without one has nothing to fold, and most text has none: it is not decomposed at all.
def _toned(bases: str) -> str:
    return "".join(
        char
        for char in map(chr, range(0x00C0, 0x1F00))
        if len(form := unicodedata.normalize("NFD", char)) > 1
        and form[0] in bases
        and form[1] in _TONES
    )


_OLD_TONE_PLACEMENT_NFC = re.compile(f"[oO][{_toned('aAeE')}]|[uU][{_toned('yY')}]")


def nfc(text: str) -> str:
    """Compose decomposed (NFD) text, as pasted from some editors, into NFC (text that is
    NFC already, nearly all of it, is returned as it is, after a quick check)."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def clean_line(text: str | None) -> str:
    """NFC text with every run of white space (including NBSP) folded to one space."""
    if not text:
        return ""
    return _WS.sub(" ", nfc(text).replace("\u00a0", " ")).strip()


def fold_tone_placement(text: str) -> str:
    """Move old-style tone marks to the new-style position ("Thuỳ" -> "Thùy")."""

    def move(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1) + match.group(3) + match.group(2)
        return match.group(4) + match.group(6) + match.group(5)

    composed = nfc(text)
    if not _OLD_TONE_PLACEMENT_NFC.search(composed):
        return composed
    decomposed = unicodedata.normalize("NFD", composed)
    return nfc(_OLD_TONE_PLACEMENT.sub(move, decomposed))


def content_hash(title: str, body: str) -> str:
    """Hash of the text as a reader sees it: white space, NFC/NFD and tone placement ignored."""
    canonical = "\n".join(fold_tone_placement(clean_line(part)) for part in (title, body))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
