"""Text normalisation for Vietnamese pages."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Old-style tone placement puts the mark on the second vowel of "oa", "oe", "uy"
# ("hoà", "Thuỳ"); the new style puts it on the first ("hòa", "Thùy"). Both are
# correct Vietnamese and coexist on the same site, so only hashing folds them.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_OLD_TONE_PLACEMENT = re.compile(rf"([oO])([aAeE])([{_TONES}])|([uU])([yY])([{_TONES}])")


# The same pairs as they look in NFC text: "o" or "u" before a precomposed letter whose
# decomposition is a, e (or y) with a tone mark straight after it ("à"; also "ặ", whose
# dot below sorts before its breve). Derived from Unicode's own decompositions.
def _toned(bases: str) -> list[str]:
    return [
        char
        for char in map(chr, range(0x00C0, 0x1F00))
        if len(form := unicodedata.normalize("NFD", char)) > 1
        and form[0] in bases
        and form[1] in _TONES
    ]


def _folded_pair(first: str, letter: str) -> str:
    """The pair ("o" + "à") as the rule leaves it: the tone moved onto the first vowel, composed."""
    form = unicodedata.normalize("NFD", letter)
    return unicodedata.normalize("NFC", first + form[1] + form[0] + form[2:])


_FOLDED = {
    first + letter: _folded_pair(first, letter)
    for firsts, bases in (("oO", "aAeE"), ("uU", "yY"))
    for first in firsts
    for letter in _toned(bases)
}
# (the first vowel found, then which second ones it pairs with: quicker than two branches)
_OLD_TONE_PLACEMENT_NFC = re.compile(
    f"[oOuU](?:(?<=[oO])[{''.join(_toned('aAeE'))}]|(?<=[uU])[{''.join(_toned('yY'))}])"
    r"(?=([\s\S]))?"  # and the character after the pair, if any
)


class _MarkFollows(Exception):
    """A combining mark after a pair: decomposing could reorder it into the pair."""


def nfc(text: str) -> str:
    """Compose decomposed (NFD) text, as pasted from some editors, into NFC (text that is
    NFC already, nearly all of it, is returned as it is, after a quick check)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):  # isascii: a flag read
        return text
    return unicodedata.normalize("NFC", text)


def clean_line(text: str | None) -> str:
    """NFC text with every run of white space (including NBSP) folded to one space."""
    if not text:
        return ""
    if _is_clean_line(text):
        return text
    return " ".join(nfc(text).split())  # split() and re's \s: the same (Unicode's) white space


def _is_clean_line(text: str) -> bool:
    """A quick yes for text clean_line leaves as it is (most text, once extracted): NFC,
    single spaces between words. No white space but the space is printable; printable
    text without a double, leading or trailing space has none to fold (text with other
    unprintable characters, such as a soft hyphen, takes the long way)."""
    return (
        text.isprintable()
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and (text.isascii() or unicodedata.is_normalized("NFC", text))
    )


def clean_paragraphs(text: str) -> str:
    """Body text: every paragraph (separated by a blank line) a clean line, empty ones
    dropped, one blank line between them (the same text when it is so already)."""
    if _flat_if_tidy(text) is not None:
        return text
    return "\n\n".join(line for line in map(clean_line, text.split("\n\n")) if line)


def _flat_if_tidy(body: str) -> str | None:
    """clean_line(body) when the body is as clean_paragraphs leaves it, else None: its
    paragraphs joined by single spaces make a clean line exactly when each is one, none is
    empty and nothing but one blank line parts them (NFC never composes across white
    space, so the paragraphs are NFC when that line is)."""
    global _last_tidy
    last = _last_tidy
    if last[0] is body:  # the body just tidied, now hashed: checked once
        return last[1]
    flat = body.replace("\n\n", " ")
    result = flat if _is_clean_line(flat) else None
    _last_tidy = (body, result)
    return result


# the last body _flat_if_tidy checked (the same string object: strings do not change)
_last_tidy: tuple[str | None, str | None] = (None, None)


def fold_tone_placement(text: str) -> str:
    """Move old-style tone marks to the new-style position ("Thuỳ" -> "Thùy"): the NFC of
    the text decomposed, each mark moved, composed again."""
    return _fold_composed(nfc(text))


def _fold_composed(composed: str) -> str:
    """fold_tone_placement of text in NFC."""
    if not _OLD_TONE_PLACEMENT_NFC.search(composed):
        return composed  # most text has no pair: nothing to decompose

    # Each pair replaced where it stands by the composed result of the rule is the rule
    # itself unless a combining mark follows the pair (only such a mark can move into it
    # when the text is decomposed); then, and only then, the rule is run in full.
    def fold(match: re.Match[str]) -> str:
        after = match[1]
        if after and unicodedata.combining(after):
            raise _MarkFollows
        return _FOLDED[match[0]]

    try:
        return nfc(_OLD_TONE_PLACEMENT_NFC.sub(fold, composed))
    except _MarkFollows:
        return nfc(_OLD_TONE_PLACEMENT.sub(_move_tone, unicodedata.normalize("NFD", composed)))


def _move_tone(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1) + match.group(3) + match.group(2)
    return match.group(4) + match.group(6) + match.group(5)


def content_hash(title: str, body: str) -> str:
    """Hash of the text as a reader sees it: white space, NFC/NFD and tone placement ignored."""
    flat_body = _flat_if_tidy(body)  # the body as the pipeline hands it: one quick check
    if flat_body is None:
        flat_body = clean_line(body)
    # both in NFC: clean_line's doing
    canonical = "\n".join(_fold_composed(part) for part in (clean_line(title), flat_body))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
