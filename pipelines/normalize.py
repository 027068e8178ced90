"""Unicode NFC and white space, and the content hash computed on the normalised text."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter

from scraper.extract.text import clean_line, content_hash, nfc

# Fields printed on one line: every run of white space becomes one space.
SINGLE_LINE_FIELDS = (
    "title",
    "category",
    "published_text",
    "author",
    "byline",
    "summary",
    "source",
)


def _nfc_deep(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc_deep(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc_deep(v) for k, v in value.items()}
    return value


def normalize_record(record: dict[str, Any]) -> dict[str, Any]:
    """Return the record in NFC, lines folded, body paragraphs tidied, content_hash set."""
    out: dict[str, Any] = _nfc_deep(dict(record))
    for field in SINGLE_LINE_FIELDS:
        if isinstance(out.get(field), str):
            out[field] = clean_line(out[field]) or None
    if isinstance(out.get("body"), str):
        paragraphs = (clean_line(p) for p in out["body"].split("\n\n"))
        out["body"] = "\n\n".join(p for p in paragraphs if p)
    for image in out.get("images") or []:
        image["caption"] = clean_line(image.get("caption")) or None
    for link in out.get("related") or []:
        link["title"] = clean_line(link.get("title"))
    out["tags"] = [t for t in (clean_line(t) for t in out.get("tags") or []) if t]
    out["content_hash"] = content_hash(out.get("title") or "", out.get("body") or "")
    return out


class NormalizePipeline:
    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        for key, value in normalize_record(adapter.asdict()).items():
            adapter[key] = value
        return item
