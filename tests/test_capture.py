"""Captures (scraper/capture.py, scraper/middlewares/capture.py): every response as it was
received, in DATA/warc/<site>/<run_id>.warc.gz, linked from the records it gave."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from scraper.capture import (
    CaptureFile,
    CaptureStore,
    Earlier,
    RequestFacts,
    ResponseFacts,
    capture_file,
    payload_digest,
    recover_captures,
)
from scraper.site_run import SiteRun
from scraper.state import DataLayout
from testbed.crawler import site_crawler
from testbed.replica import build_replica
from tests.e2e import assert_captures_sound, crawl, latest_run, lines_of
from tests.support.faults import Gzipped, faulty

SITE = "nghean"
URL = "https://congan.nghean.gov.vn/a-1.html"


def exchange(body: bytes, url: str = URL) -> tuple[RequestFacts, ResponseFacts]:
    request = RequestFacts(url, "GET", "/a-1.html", (("Host", "congan.nghean.gov.vn"),))
    response = ResponseFacts(
        url,
        200,
        "HTTP/1.1",
        (("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")),
        body,
    )
    return request, response


def killed(captures: CaptureFile) -> None:
    """What a killed run leaves of its capture file: the temporary file as written, never
    committed (its files closed as the kernel closes them; the unnamed one is gone)."""
    assert captures._handle is not None
    assert captures._rows is not None
    captures._handle.close()
    captures._rows.close()


def warcio_check(path: Path) -> None:
    warcio = Path(sys.executable).with_name("warcio")
    for command in ("check", "index"):
        done = subprocess.run(
            [str(warcio), command, str(path)], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr


def records(path: Path) -> list:
    with path.open("rb") as handle:
        return [
            (r.rec_type, r.rec_headers, r.http_headers, r.raw_stream.read())
            for r in ArchiveIterator(handle)
        ]


def test_a_capture_file_holds_warcinfo_then_each_response_and_its_request(data_dir):
    layout = DataLayout(data_dir)
    captures = CaptureFile(layout, SITE, "run-1", {"software": "police-archive/test"})
    first = captures.write(*exchange(b"<html>one</html>"))
    assert not list(capture_file(layout, SITE, "run-1").parent.glob("*.warc.gz"))
    final = captures.commit()
    assert final == capture_file(layout, SITE, "run-1")
    assert not captures.partial.exists()
    warcio_check(final)
    (info, response, request) = records(final)
    assert info[0] == "warcinfo"
    assert b"software: police-archive/test" in info[3]
    assert response[0] == "response"
    assert response[1].get_header("WARC-Record-ID") == first.record_id
    assert response[1].get_header("WARC-Payload-Digest") == payload_digest(b"<html>one</html>")
    assert response[3] == b"<html>one</html>"
    # the body is stored without its transfer coding: the record must not claim one
    assert response[2].get_header("Transfer-Encoding") is None
    assert request[0] == "request"
    assert request[1].get_header("WARC-Concurrent-To") == first.record_id
    assert first.warc_file == "warc/nghean/run-1.warc.gz"


def _second_run(data_dir, body):
    """A first run that captured `body` at URL, committed; a second run's capture file, and
    the first capture as the second run knows it."""
    layout = DataLayout(data_dir)
    one = CaptureFile(layout, SITE, "run-1", {})
    original = one.write(*exchange(body))
    one.commit()
    earlier = Earlier(original.record_id, original.url, original.date, original.digest)
    return one, original, CaptureFile(layout, SITE, "run-2", {}), earlier


def test_an_identical_body_is_a_revisit_of_the_earlier_capture(data_dir):
    body = b"<html>same</html>"
    one, original, two, earlier = _second_run(data_dir, body)
    revisit = two.write(*exchange(body), earlier=earlier)
    changed = two.write(*exchange(b"<html>new</html>", URL + "?x"), earlier=earlier)
    final = two.commit()
    assert final is not None
    warcio_check(final)
    assert revisit.revisit
    assert not changed.revisit
    kinds = [(kind, headers.get_header("WARC-Refers-To")) for kind, headers, *_ in records(final)]
    assert kinds[1] == ("revisit", original.record_id)
    store = CaptureStore([one.final, final])
    replayed = store.response(revisit.record_id)
    assert replayed is not None
    assert replayed.body == body  # the revisit read with its original's payload


def test_each_record_is_one_gzip_member(data_dir):
    captures = CaptureFile(DataLayout(data_dir), SITE, "run-1", {})
    for n in range(3):
        captures.write(*exchange(f"<html>{n}</html>".encode() * 50, f"{URL}?{n}"))
    final = captures.commit()
    assert final is not None
    data, members = final.read_bytes(), 0
    while data:
        member = zlib.decompressobj(wbits=31)
        member.decompress(data)
        assert member.eof
        data, members = member.unused_data, members + 1
    assert members == len(records(final)) == 1 + 2 * 3  # warcinfo, then response + request


def test_the_index_rows_of_full_captures_come_after_the_rename_not_kept_in_memory(data_dir):
    body = b"<html>same</html>"
    _, _, two, earlier = _second_run(data_dir, body)
    two.write(*exchange(body), earlier=earlier)  # a revisit: no row
    full = [two.write(*exchange(f"<html>{n}</html>".encode(), f"{URL}?{n}")) for n in range(3)]
    assert not [name for name, value in vars(two).items() if isinstance(value, list | tuple)]
    handed: list = []

    def record(rows):
        assert two.final.exists()  # renamed first
        assert not two.partial.exists()
        handed.extend(rows)

    assert two.commit(record) == two.final
    assert handed == [(c.url, c.record_id, c.warc_file, c.date, c.digest) for c in full]
    assert not list(two.final.parent.glob(".*"))  # nothing left beside the file


def test_a_capture_file_that_was_not_renamed_hands_no_rows(data_dir):
    captures = CaptureFile(DataLayout(data_dir), SITE, "run-1", {})
    captures.write(*exchange(b"<html/>"))
    captures.failed = OSError(28, "No space left on device")  # as a failed write leaves it
    handed: list = []
    assert captures.commit(handed.extend) is None
    assert handed == []
    assert captures.partial.exists()  # for the next run's recovery


def test_a_killed_runs_capture_keeps_its_whole_records_and_gets_its_final_name(data_dir):
    layout = DataLayout(data_dir)
    captures = CaptureFile(layout, SITE, "run-1", {})
    # the last body incompressible: its member is long enough to cut in the middle
    bodies = [b"<html>0</html>", b"<html>1</html>", os.urandom(5000)]
    kept = [captures.write(*exchange(body, f"{URL}?{n}")) for n, body in enumerate(bodies)]
    killed(captures)
    data = captures.partial.read_bytes()
    captures.partial.write_bytes(data[:-1000])  # the last response torn (its request after it)
    handed: list = []
    assert recover_captures(layout, SITE, handed.extend) == [captures.final]
    assert not captures.partial.exists()
    warcio_check(captures.final)
    store = CaptureStore([captures.final])
    assert [c.record_id in store for c in kept] == [True, True, False]
    # the index rows the killed run would have handed, of its whole records
    assert handed == [(c.url, c.record_id, c.warc_file, c.date, c.digest) for c in kept[:2]]


def test_a_killed_runs_captures_are_revisited_by_the_next_run(data_dir):
    """The run that recovers a killed run's capture file indexes its full captures: an
    unchanged page is then a revisit of the killed run's copy, not stored in full again."""
    layout = DataLayout(data_dir)
    captures = CaptureFile(layout, SITE, "run-1", {})
    kept = captures.write(*exchange(b"<html>kept</html>"))
    captures.write(*exchange(b"<html>same</html>", URL + "?x"))
    killed(captures)
    with site_crawler(data_dir, "run-2", spider={"site": SITE}) as crawler:
        index = SiteRun.of(crawler).state.index
        assert index.earlier_capture(URL) == (kept.record_id, URL, kept.date, kept.digest)
        assert index.earlier_capture(URL + "?x") is not None


def test_a_capture_with_no_whole_record_is_removed(data_dir):
    layout = DataLayout(data_dir)
    captures = CaptureFile(layout, SITE, "run-1", {})
    captures.write(*exchange(b"<html/>"))
    killed(captures)
    captures.partial.write_bytes(captures.partial.read_bytes()[:10])
    assert recover_captures(layout, SITE) == []
    assert not captures.partial.exists()
    assert not captures.final.exists()


@pytest.mark.e2e
def test_a_crawl_keeps_the_bytes_as_sent_and_links_each_record_to_them(tmp_path):
    replica = build_replica(SITE)
    article = replica.article_paths[0]
    with faulty(SITE, {article: Gzipped()}) as (_, url):
        summary = crawl(SITE, url, tmp_path)
        # every request (robots.txt among the "other") has its response captured
        assert summary["stats"]["capture/response"] == sum(summary["requests"].values())
        again = crawl(SITE, url, tmp_path, "--full")
    assert again["stats"]["capture/revisit"] >= 1  # unchanged pages stored once
    assert_captures_sound(tmp_path)
    files = sorted((tmp_path / "warc" / SITE).glob("*.warc.gz"))
    assert len(files) == 2
    store = CaptureStore(files)
    by_path = {r["url"].split(".vn", 1)[1]: r for r in lines_of(tmp_path)}
    record = by_path[article]
    assert record["schema_version"] == 2
    assert record["warc_file"] == f"warc/{SITE}/{files[0].name}"
    stored = store.response(record["warc_record_id"])
    assert stored is not None
    assert stored.url.endswith(article)
    assert ("Content-Encoding", "gzip") in stored.headers
    assert stored.body[:2] == b"\x1f\x8b"  # as received, before decompression
    assert gzip.decompress(stored.body) == replica.pages[article].body
    assert latest_run(tmp_path)["sites"][0]["ok"]
