"""`police-archive export --format wacz --site KEY`: a site's captures as one WACZ file.

WACZ 1.1.1 (Webrecorder's package format, which ReplayWeb.page and pywb open): a ZIP
holding the site's WARC files under ``archive/`` (stored, not deflated: replay reads
them by byte range), a CDXJ index of their response and revisit records under
``indexes/index.cdx`` (cdxj-indexer, the indexer pywb uses), one page per archived
article under ``pages/pages.jsonl`` (its URL, fetch time and title), and
``datapackage.json`` listing every file with its size and SHA-256, itself hashed in
``datapackage-digest.json``. Written under a temporary name and renamed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from cdxj_indexer.main import write_cdx_index

from scraper import __version__
from scraper.capture import capture_files
from scraper.state import DataLayout

WACZ_VERSION = "1.1.1"
_CHUNK = 1 << 20


class WaczError(ValueError):
    """The site has nothing to pack."""


def _sha256(stream: IO[bytes]) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return size, "sha256:" + digest.hexdigest()


def cdxj_index(paths: list[Path]) -> str:
    """The sorted CDXJ lines of the files' response and revisit records (``filename``
    being each file's name, as it is under archive/)."""
    out = io.StringIO()
    write_cdx_index(out, [str(p) for p in paths], {"sort": True, "records": "response,revisit"})
    lines = []
    names = {str(p): p.name for p in paths}
    for line in out.getvalue().splitlines():
        key, stamp, fields = line.split(" ", 2)
        data = json.loads(fields)
        data["filename"] = names.get(data.get("filename", ""), Path(data["filename"]).name)
        lines.append(f"{key} {stamp} {json.dumps(data, ensure_ascii=False)}")
    return "".join(f"{line}\n" for line in sorted(lines))


def _pages(records: list[dict[str, Any]]) -> str:
    """pages.jsonl: a header line, then the latest version of each archived article."""
    lines = [{"format": "json-pages-1.0", "id": "pages", "title": "Archived articles"}]
    lines.extend(
        {"id": r["id"], "url": r["url"], "ts": r["scraped_at"], "title": r["title"]}
        for r in sorted(records, key=lambda r: (r.get("scraped_at") or "", r["id"]))
    )
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def export_wacz(layout: DataLayout, site: str, out: Path, records: list[dict[str, Any]]) -> int:
    """Pack the site's capture files into `out`; the number of WARC files packed.
    `records` are the site's latest archived versions (the pages list)."""
    files = capture_files(layout, site)
    if not files:
        raise WaczError(f"no captures of site '{site}' in {layout.root / 'warc'}")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        _write(tmp, site, files, [r for r in records if r.get("warc_record_id")])
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return len(files)


def _write(path: Path, site: str, files: list[Path], records: list[dict[str, Any]]) -> None:
    created = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    resources = []
    with zipfile.ZipFile(path, "w", allowZip64=True) as package:
        for warc in files:
            name = f"archive/{warc.name}"
            package.write(warc, name, compress_type=zipfile.ZIP_STORED)
            with warc.open("rb") as handle:
                size, digest = _sha256(handle)
            # a Data Package resource name is lower case (frictionless refuses others)
            resources.append(
                {"name": warc.name.lower(), "path": name, "hash": digest, "bytes": size}
            )
        for name, text in (
            ("indexes/index.cdx", cdxj_index(files)),
            ("pages/pages.jsonl", _pages(records)),
        ):
            data = text.encode("utf-8")
            package.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
            size, digest = _sha256(io.BytesIO(data))
            resources.append({"name": Path(name).name, "path": name, "hash": digest, "bytes": size})
        datapackage = json.dumps(
            {
                "profile": "data-package",
                "resources": resources,
                "title": f"police-archive: captures of {site}",
                "description": "Every response police-archive crawls of this site fetched "
                "(WARC), with a CDXJ index and the archived articles as pages.",
                "created": created,
                "wacz_version": WACZ_VERSION,
                "software": f"police-archive {__version__}",
            },
            indent=2,
        ).encode("utf-8")
        package.writestr("datapackage.json", datapackage, compress_type=zipfile.ZIP_DEFLATED)
        package_digest = {
            "path": "datapackage.json",
            "hash": "sha256:" + hashlib.sha256(datapackage).hexdigest(),
        }
        package.writestr(
            "datapackage-digest.json", json.dumps(package_digest, indent=2), zipfile.ZIP_DEFLATED
        )
