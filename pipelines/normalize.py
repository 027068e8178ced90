"""Unicode NFC and white space, and the content hash computed on the normalised text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scraper.extract.text import clean_line, clean_paragraphs, content_hash, nfc
from scraper.items import Record, item_record

# Fields printed on one line: every run of white space becomes one space.
SINGLE_LINE_FIELDS = frozenset(
    ("title", "category", "published_text", "author", "byline", "summary", "source")
)


_NUMBERS = frozenset((int, float, bool))


def _nfc_deep(value: Any) -> Any:
    """The value with every string in it (in lists and dicts too) in NFC: the same object
    when that changes nothing, as for nearly every value."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        items = [_nfc_deep(v) for v in value]
        return value if all(map(_same, items, value)) else items
    if isinstance(value, dict):
        fields = {k: _nfc_deep(v) for k, v in value.items()}
        return value if all(map(_same, fields.values(), value.values())) else fields
    return value


def _same(new: Any, old: Any) -> bool:
    return new is old


def _with_field(entries: Any, name: str, tidy: Any) -> Any:
    """Each dict of ``entries`` (images, related links) in NFC, with ``name`` set to
    ``tidy(its value)``; the same list, and the same dicts, where that changes nothing.
    One pass over the dicts, as nearly every entry is a URL and a line already clean.
    What is not a list of dicts is only put in NFC (validation refuses it, in one line)."""
    if type(entries) is not list:
        return _nfc_deep(entries)
    out: list[Any] | None = None
    for index, entry in enumerate(entries):
        changed: Any = None
        if type(entry) is not dict:
            new_entry = _nfc_deep(entry)
            changed = None if new_entry is entry else new_entry
        else:
            for key, value in entry.items():
                if key != name:
                    new = nfc(value) if type(value) is str else _nfc_deep(value)
                    if new is not value:
                        changed = changed if changed is not None else dict(entry)
                        changed[key] = new
            value = entry.get(name)
            new = tidy(value if value is None or type(value) is str else _nfc_deep(value))
            if new is not value or name not in entry:
                changed = changed if changed is not None else dict(entry)
                changed[name] = new
        if changed is not None:
            out = out if out is not None else entries[:index]
            out.append(changed)
        elif out is not None:
            out.append(entry)
    return out if out is not None else entries


def _caption(text: str | None) -> str | None:
    return clean_line(text) or None


def normalized_fields(record: Mapping[str, Any]) -> dict[str, Any]:
    """What normalising changes in ``record``: every field whose normal form differs (in
    NFC, lines folded, body paragraphs tidied), then tags and content_hash, which are
    always set; ``{**record, **normalized_fields(record)}`` is the normalised record."""
    changes: dict[str, Any] = {}
    for key, value in record.items():
        if value is None or type(value) in _NUMBERS:
            continue  # nothing in it to normalise
        if isinstance(value, str):
            if key in SINGLE_LINE_FIELDS:
                new = clean_line(value) or None
            elif key == "body":
                new = clean_paragraphs(value)
            else:
                new = nfc(value)
        elif key == "images":
            new = _with_field(value, "caption", _caption)
        elif key == "related":
            new = _with_field(value, "title", clean_line)
        else:
            new = _nfc_deep(value)
        if new is not value:
            changes[key] = new
    tags = changes.get("tags", record.get("tags"))
    tidy_tags = [t for t in (clean_line(t) for t in tags or []) if t]
    if not (
        isinstance(tags, list) and len(tidy_tags) == len(tags) and all(map(_same, tidy_tags, tags))
    ):
        changes["tags"] = tidy_tags
    title = changes.get("title", record.get("title"))
    body = changes.get("body", record.get("body"))
    changes["content_hash"] = content_hash(title or "", body or "")
    return changes


def normalize_record(record: dict[str, Any]) -> dict[str, Any]:
    """Return the record in NFC, lines folded, body paragraphs tidied, content_hash set (a
    new dict; the lists and dicts in it that needed no change are the record's own)."""
    return {**record, **normalized_fields(record)}


class NormalizePipeline:
    def process_item(self, item: Any) -> Record:
        """The item's values, copied once into a plain Record and normalised: what the
        later pipelines validate, version and archive, as it is."""
        record = Record(item_record(item))
        record.update(normalized_fields(record))
        return record
