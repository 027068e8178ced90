"""DATA/warc/<site>/<run_id>.warc.gz: every response a crawl fetched, as it was received.

One WARC file (ISO 28500, WARC/1.1, warcio) per site and run. It opens with a warcinfo
record naming the tool, its version and the settings that shape what was fetched; then,
for each response, a ``response`` record (the status line and headers as received, the
body before decompression: the capture middleware sits above HttpCompressionMiddleware)
and the ``request`` record that asked for it. A page whose body is byte for byte what an
earlier run captured of the same URL is a ``revisit`` record (profile
identical-payload-digest) pointing at that capture instead of a second copy.

Crash safety is the archive's: records go to ".<run_id>.warc.gz.part", one gzip member
each, flushed after each exchange; ``commit`` syncs and renames it. A killed run leaves
complete members and perhaps a torn last one: ``recover_captures`` (run with the site's
state) copies the complete ones to a new temporary file, syncs it and renames it. The
index learns a run's full captures only once their file has its final name; until then
their rows wait in an unnamed temporary file beside it (gone with the process), not in
memory, so a run's memory does not grow with its pages.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.state import DataLayout, PartialFile, RunFileError, WaitingRows, fsync_directory

logger = logging.getLogger(__name__)

# request.meta key: the Capture of the response to that request (the capture middleware)
CAPTURE_META = "police_capture"
CAPTURE_SUFFIX = ".warc.gz"
PART_SUFFIX = CAPTURE_SUFFIX + ".part"
# headers that describe the bytes on the wire, not the body stored: Scrapy hands over the
# body with its transfer coding (chunks) removed, so the record must not claim it
_TRANSFER_HEADERS = frozenset({b"transfer-encoding"})
# zlib's default: as small as warcio's level 9 on HTML pages (within 0.5%), in half the time
GZIP_LEVEL = 6


# the settings that shape what was fetched and how, named in each file's warcinfo record
_WARCINFO_SETTINGS = (
    "USER_AGENT",
    "ROBOTSTXT_OBEY",
    "DOWNLOAD_DELAY",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "AUTOTHROTTLE_ENABLED",
    "DOWNLOAD_TIMEOUT",
    "DOWNLOAD_MAXSIZE",
    "RETRY_TIMES",
    "COMPRESSION_ENABLED",
)


def warcinfo(settings: Any, site: str) -> dict[str, str]:
    """The warcinfo record's fields (WARC 1.1, annex: "application/warc-fields")."""
    from scrapy import __version__ as scrapy_version

    from scraper import __version__

    return {
        "software": f"police-archive/{__version__} (Scrapy {scrapy_version}, warcio)",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        "isPartOf": f"police-archive {site}",
        "description": f"every response a police-archive crawl of site {site} fetched",
        "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        **{f"setting-{name}": str(settings.get(name)) for name in _WARCINFO_SETTINGS},
    }


def capture_dir(layout: DataLayout, site: str) -> Path:
    return layout.root / "warc" / site


def capture_file(layout: DataLayout, site: str, run_id: str) -> Path:
    """DATA/warc/<site>/<run_id>.warc.gz."""
    return capture_dir(layout, site) / f"{run_id}{CAPTURE_SUFFIX}"


def capture_files(layout: DataLayout, site: str | None = None) -> list[Path]:
    pattern = f"{site}/*{CAPTURE_SUFFIX}" if site else f"*/*{CAPTURE_SUFFIX}"
    return sorted((layout.root / "warc").glob(pattern))


def relative_to_data(layout: DataLayout, path: Path) -> str:
    """A path as archive records name it: relative to DATA, with forward slashes."""
    return path.relative_to(layout.root).as_posix()


def payload_digest(body: bytes) -> str:
    """The WARC payload digest of a body: "sha1:" and the base-32 SHA-1, as warcio and
    every replay tool write it."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")  # noqa: S324 (the WARC convention)


@dataclass(frozen=True)
class Capture:
    """Where the response to one request is kept: its record and file, its digest."""

    record_id: str
    warc_file: str  # relative to DATA
    url: str
    date: str  # WARC-Date
    digest: str
    revisit: bool = False


@dataclass(frozen=True)
class Earlier:
    """An earlier run's capture of a URL, which an identical body revisits."""

    record_id: str
    url: str
    date: str
    digest: str


# what the index keeps of a full capture: (url, record_id, warc_file, warc_date, digest)
IndexRow = tuple[str, str, str, str, str]


class _GzipMembers:
    """The stream a WARCWriter (gzip off) writes to: each record, buffered until the writer
    flushes it at the record's end, goes to `out` as one gzip member (what warcio's own
    gzip does, at its level 9 and with a write and a flush per piece)."""

    def __init__(self, out: IO[bytes], level: int = GZIP_LEVEL) -> None:
        self.out, self.level = out, level
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        if not self._parts:
            return
        member = zlib.compressobj(self.level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        record, self._parts = b"".join(self._parts), []
        self.out.write(member.compress(record) + member.flush())


class CaptureFile(PartialFile):
    """The run's WARC file of one site; records only whole exchanges."""

    def __init__(self, layout: DataLayout, site: str, run_id: str, info: Mapping[str, str]):
        self.final = capture_file(layout, site, run_id)
        self.partial = self.final.with_name(f".{run_id}{PART_SUFFIX}")
        self.warc_file = relative_to_data(layout, self.final)
        self.info = dict(info)
        self.failed: OSError | None = None
        self._handle: IO[bytes] | None = None
        self._writer: WARCWriter | None = None
        # the index rows of the full captures, one JSON line each, until the rename
        self._rows: WaitingRows | None = None

    def _open(self) -> tuple[WARCWriter, IO[bytes]]:
        if self._writer is None or self._handle is None:
            self.partial.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.partial.open("ab")
            self._rows = WaitingRows(self.partial.parent)
            self._writer = WARCWriter(_GzipMembers(self._handle), gzip=False, warc_version="1.1")
            info = self._writer.create_warcinfo_record(self.final.name, self.info)
            self._writer.write_record(info)
        return self._writer, self._handle

    def write(
        self,
        request: RequestFacts,
        response: ResponseFacts,
        earlier: Earlier | None = None,
    ) -> Capture:
        """The exchange as a response (or, when `earlier` has the same body, a revisit)
        record and its request record; RunFileError (naming the file) if it cannot be
        written, after which nothing more is."""
        if self.failed is not None:
            raise RunFileError(f"{self.partial}: no longer written after: {self.failed}")
        try:
            writer, handle = self._open()
            capture = self._write_exchange(writer, request, response, earlier)
            handle.flush()
            if not capture.revisit and self._rows is not None:
                self._rows.add((capture.url, capture.record_id, capture.date, capture.digest))
        except OSError as exc:
            self.failed = exc
            raise RunFileError(f"{self.partial}: {exc.strerror or exc}") from exc
        return capture

    def _write_exchange(
        self,
        writer: WARCWriter,
        request: RequestFacts,
        response: ResponseFacts,
        earlier: Earlier | None,
    ) -> Capture:
        http_headers = StatusAndHeaders(
            f"{response.status} {_reason(response.status)}",
            [
                (name, value)
                for name, value in response.headers
                if name.lower().encode() not in _TRANSFER_HEADERS
            ],
            protocol=response.protocol,
        )
        digest = payload_digest(response.body)
        if earlier is not None and earlier.digest == digest:
            record = writer.create_revisit_record(
                response.url, digest, earlier.url, earlier.date, http_headers=http_headers
            )
            record.rec_headers.add_header("WARC-Refers-To", earlier.record_id)
        else:
            record = writer.create_warc_record(
                response.url,
                "response",
                payload=BytesIO(response.body),
                length=len(response.body),
                http_headers=http_headers,
                warc_headers_dict={"WARC-IP-Address": response.ip_address}
                if response.ip_address
                else None,
            )
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        date = record.rec_headers.get_header("WARC-Date")
        asked = writer.create_warc_record(
            request.url,
            "request",
            payload=BytesIO(request.body),
            length=len(request.body),
            http_headers=StatusAndHeaders(
                f"{request.method} {request.target} HTTP/1.1",
                list(request.headers),
                is_http_request=True,
            ),
            warc_headers_dict={"WARC-Concurrent-To": record_id, "WARC-Date": date},
        )
        writer.write_record(record)
        writer.write_record(asked)
        return Capture(
            record_id=record_id,
            warc_file=self.warc_file,
            url=response.url,
            date=date,
            digest=digest,
            revisit=earlier is not None and earlier.digest == digest,
        )

    def commit(self, record: Callable[[Iterator[IndexRow]], None] | None = None) -> Path | None:
        """Sync and give the file its final name, then hand `record` the index rows of its
        full captures (revisits refer to a capture; none refers to them), read back one at
        a time. None when nothing was captured or writing failed (the temporary file stays
        for the next run's recovery, and no row is handed over)."""
        rows, self._rows = self._rows, None
        try:
            if self._handle is None:
                return None
            handle, self._handle, self._writer = self._handle, None, None
            final = self._commit(handle)
            if final is not None and record is not None and rows is not None:
                record(
                    (url, record_id, self.warc_file, date, digest)
                    for url, record_id, date, digest in rows.read()
                )
            return final
        finally:
            if rows is not None:
                rows.close()


@dataclass(frozen=True)
class RequestFacts:
    """What a capture keeps of a request (kept free of Scrapy's classes)."""

    url: str
    method: str
    target: str  # path and query, as on the request line
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""


@dataclass(frozen=True)
class ResponseFacts:
    url: str
    status: int
    protocol: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    ip_address: str | None = None


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def complete_length(path: Path) -> int:
    """The bytes of `path` that hold whole WARC records: each record is one gzip member,
    so the file is cut after its last member that decompresses to its end (a killed run's
    torn last one reads as a short record to a WARC reader, without an error)."""
    end = position = 0
    member = zlib.decompressobj(wbits=31)
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            while chunk:
                try:
                    member.decompress(chunk)  # the text itself is not needed here
                except zlib.error:
                    return end  # not gzip from here on: the tail is garbage
                if not member.eof:
                    position += len(chunk)
                    break
                position += len(chunk) - len(member.unused_data)
                end = position
                chunk = member.unused_data
                member = zlib.decompressobj(wbits=31)
    return end


def recover_captures(
    layout: DataLayout, site: str, record: Callable[[Iterator[IndexRow]], None] | None = None
) -> list[Path]:
    """Finish the capture files killed runs of `site` left: their whole records copied to
    a new temporary file, synced and renamed to the final name; a file without one is
    removed. Then, as ``CaptureFile.commit`` does, `record` is handed the index rows of
    each finished file's full captures (read back from it: the killed run's rows went with
    its process), so that the next fetch of an unchanged page is a revisit of them. The
    caller holds the site's lock. Returns the files finished."""
    finished = []
    directory = capture_dir(layout, site)
    for partial in sorted(directory.glob(f".*{PART_SUFFIX}")):
        final = partial.with_name(partial.name[1:].removesuffix(".part"))
        end = complete_length(partial)
        if end == 0:
            logger.warning("%s holds no complete capture: removed", partial)
            partial.unlink()
            continue
        recovering = partial.with_name(partial.name + ".recovering")
        with partial.open("rb") as source, recovering.open("wb") as target:
            _copy(source, target, end)
            target.flush()
            os.fsync(target.fileno())
        os.replace(recovering, final)
        partial.unlink()
        fsync_directory(directory)
        logger.warning("finished the capture file of a run that was stopped: %s", final)
        finished.append(final)
        if record is not None:
            record(full_captures(final, relative_to_data(layout, final)))
    for stale in directory.glob(f".*{PART_SUFFIX}.recovering"):
        stale.unlink()  # a recovery killed before its rename; its .part is still there
    return finished


def full_captures(path: Path, warc_file: str) -> Iterator[IndexRow]:
    """The index rows of the full captures (response records) of a capture file, in order,
    as its run would have handed them: (url, record_id, warc_file, date, digest)."""
    with path.open("rb") as handle:
        try:
            for stored in ArchiveIterator(handle):
                if stored.rec_type != "response":
                    continue
                headers = stored.rec_headers
                yield (
                    str(headers.get_header("WARC-Target-URI")),
                    str(headers.get_header("WARC-Record-ID")),
                    warc_file,
                    str(headers.get_header("WARC-Date")),
                    str(headers.get_header("WARC-Payload-Digest")),
                )
        except ArchiveLoadFailed as exc:  # the index is a cache: those pages are stored anew
            logger.warning("%s: captures after a damaged record not indexed: %s", path, exc)


def _copy(source: IO[bytes], target: IO[bytes], length: int) -> None:
    left = length
    while left:
        chunk = source.read(min(left, 1 << 20))
        if not chunk:
            break
        target.write(chunk)
        left -= len(chunk)


@dataclass(frozen=True)
class StoredResponse:
    """A response read back from a capture file (a revisit resolved to its payload)."""

    record_id: str
    url: str
    date: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes  # as received: still compressed if it was sent so


@dataclass(frozen=True)
class _Place:
    path: Path
    offset: int
    refers_to: str | None  # a revisit's original


class CaptureStore:
    """The response and revisit records of some capture files, found by WARC-Record-ID
    and read one at a time (an index of offsets in memory, no bodies)."""

    def __init__(self, paths: list[Path]) -> None:
        self._places: dict[str, _Place] = {}
        for path in paths:
            with path.open("rb") as handle:
                records = ArchiveIterator(handle)
                for record in records:
                    if record.rec_type not in ("response", "revisit"):
                        continue
                    record_id = record.rec_headers.get_header("WARC-Record-ID")
                    refers_to = record.rec_headers.get_header("WARC-Refers-To")
                    self._places[record_id] = _Place(path, records.get_record_offset(), refers_to)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._places

    def __len__(self) -> int:
        return len(self._places)

    def response(self, record_id: str) -> StoredResponse | None:
        """The response as stored, a revisit with its original's body; None when the
        record (or a revisit's original) is not in these files."""
        place = self._places.get(record_id)
        if place is None:
            return None
        with place.path.open("rb") as handle:
            handle.seek(place.offset)
            record = next(iter(ArchiveIterator(handle)))
            headers = record.http_headers
            stored = StoredResponse(
                record_id=record_id,
                url=record.rec_headers.get_header("WARC-Target-URI"),
                date=record.rec_headers.get_header("WARC-Date"),
                status=int(headers.get_statuscode() or 0) if headers else 0,
                headers=list(headers.headers) if headers else [],
                body=record.raw_stream.read(),
            )
        if place.refers_to is None:
            return stored
        original = self.response(place.refers_to)
        if original is None:
            return None
        return StoredResponse(**{**stored.__dict__, "body": original.body})
