import json
import sqlite3
import unicodedata

import pytest

from scraper.state import ArticleIndex, DataLayout
from scraper.verify import verify
from tests.helpers import json_line, make_record


@pytest.fixture
def archive(data_dir):
    """A sound archive of two runs: one article in two versions, one in one."""
    layout = DataLayout(data_dir)
    layout.archive_dir("hungyen").mkdir(parents=True)
    index = ArticleIndex(layout)
    first = [
        make_record(),
        make_record(id="hungyen-7", url="https://congan.hungyen.gov.vn/b-c7.html"),
    ]
    second = [make_record(version=2, body="Đã sửa.", run_id="run-2")]
    for run_id, records in (("run-1", first), ("run-2", second)):
        path = layout.archive_file("hungyen", run_id)
        path.write_text("".join(map(json_line, records)), "utf-8")
        index.record_file("hungyen", path, records)
    index.close()
    return layout


def test_sound_archive_passes(archive):
    report = verify(archive)
    assert report.ok, report.problems
    assert (report.lines, report.articles) == (3, 2)


def test_torn_line_is_named_by_file_and_line(archive):
    path = archive.archive_file("hungyen", "run-1")
    path.write_bytes(path.read_bytes()[:-30])
    assert any(p.startswith(f"{path}:2: torn line") for p in verify(archive).problems)


def test_doubled_id_and_version(archive):
    path = archive.archive_file("hungyen", "run-2")
    path.write_text(path.read_text("utf-8") * 2, "utf-8")
    assert any(
        f"{path}:2: hungyen-230001 version 2 already at {path}:1" in p
        for p in verify(archive).problems
    )


def test_text_not_in_nfc(archive):
    path = archive.archive_file("hungyen", "run-2")
    record = make_record(version=2, body="Đã sửa.", run_id="run-2")
    record["title"] = unicodedata.normalize("NFD", record["title"])
    path.write_text(json_line(record), "utf-8")
    assert f"{path}:1: text is not NFC" in verify(archive).problems


def test_schema_violation(archive):
    path = archive.archive_file("hungyen", "run-2")
    path.write_text(json_line(make_record(version=2, view_count="nhiều")), "utf-8")
    problems = verify(archive).problems
    assert any(p.startswith(f"{path}:1: view_count:") for p in problems)


def test_index_disagreeing_with_the_archive(archive):
    db = sqlite3.connect(archive.state_dir() / "index.sqlite3")
    with db:
        db.execute("UPDATE articles SET version = 1 WHERE id = 'hungyen-230001'")
        db.execute("DELETE FROM articles WHERE id = 'hungyen-7'")
        db.execute(
            "INSERT INTO articles SELECT 'hungyen-9', site, url, content_hash, version,"
            " published_at, first_seen, last_seen, run_id FROM articles LIMIT 1"
        )
    db.close()
    problems = " | ".join(verify(archive).problems)
    assert "hungyen-230001 indexed at version 1, archived up to version 2" in problems
    assert "hungyen-7 is archived but not indexed" in problems
    assert "hungyen-9 is indexed but in no archive file" in problems


def test_missing_version_is_a_gap(archive):
    archive.archive_file("hungyen", "run-1").write_text(
        json_line(make_record(id="hungyen-7", url="https://congan.hungyen.gov.vn/b-c7.html")),
        "utf-8",
    )
    assert "hungyen-230001: versions [2] have a gap" in verify(archive).problems


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"version": "2"}, 'version: "2" is not of type "integer"'),
        ({"version": True}, 'version: true is not of type "integer"'),
        ({"version": None}, 'version: null is not of type "integer"'),
        ({"id": None}, 'id: null is not of type "string"'),
        ({"id": ["hungyen-1"]}, 'id: ["hungyen-1"] is not of type "string"'),
        ({"site": 3}, 'site: 3 is not of type "string"'),
        ({"content_hash": None}, 'content_hash: null is not of type "string"'),
        ({"images": "none"}, 'images: "none" is not of type "array"'),
        ({"title": {"vi": "x"}}, 'title: {"vi":"x"} is not of type "string"'),
    ],
)
def test_fields_of_the_wrong_type_are_named_by_file_and_line(archive, change, problem):
    path = archive.archive_file("hungyen", "run-2")
    path.write_text(json_line(make_record(version=2, run_id="run-2") | change), "utf-8")
    problems = verify(archive).problems
    assert f"{path}:1: {problem}" in problems


@pytest.mark.parametrize("field", ["id", "version", "content_hash", "site"])
def test_a_missing_field_is_named_by_file_and_line(archive, field):
    path = archive.archive_file("hungyen", "run-2")
    record = make_record(version=2, run_id="run-2")
    del record[field]
    path.write_text(json_line(record), "utf-8")
    assert f'{path}:1: (record): "{field}" is a required property' in verify(archive).problems


def test_lines_that_are_no_record(archive):
    path = archive.archive_file("hungyen", "run-2")
    path.write_text('[1, 2]\n"text"\n' + "[" * 100_000 + "\n", "utf-8")
    problems = verify(archive).problems
    assert f"{path}:1: not a JSON object" in problems
    assert f"{path}:2: not a JSON object" in problems
    assert any(p.startswith(f"{path}:3: not JSON") for p in problems)


def test_an_index_that_is_no_database(archive):
    index = archive.state_dir() / "index.sqlite3"
    index.write_bytes(b"not a database" * 100)
    assert (
        f"{index}: the index is damaged (not an SQLite database): the next crawl rebuilds it "
        "from the archive" in verify(archive).problems
    )


def test_an_index_cut_short_is_reported(archive):
    index = archive.state_dir() / "index.sqlite3"
    index.write_bytes(index.read_bytes()[:4096])
    (problem,) = [p for p in verify(archive).problems if "damaged" in p]
    assert "cut short" in problem


def test_a_content_hash_that_is_not_its_texts_is_reported(archive):
    path = archive.archive_files()[0]
    lines = path.read_text("utf-8").splitlines(keepends=True)
    record = json.loads(lines[0])
    record["body"] += " sửa tay"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n" + "".join(lines[1:]), "utf-8")
    assert (
        f"{path}:1: content_hash is not the hash of its title and body" in verify(archive).problems
    )


def _captured(layout: DataLayout) -> tuple[dict, object]:
    """A run whose one record (schema 2) names its capture, as a crawl writes them."""
    from scraper.capture import CaptureFile, RequestFacts, ResponseFacts

    captures = CaptureFile(layout, "hungyen", "run-3", {})
    url = "https://congan.hungyen.gov.vn/c-c9.html"
    capture = captures.write(
        RequestFacts(url, "GET", "/c-c9.html", ()),
        ResponseFacts(url, 200, "HTTP/1.1", (("Content-Type", "text/html"),), b"<html/>"),
    )
    captures.commit()
    record = make_record(
        id="hungyen-9",
        url=url,
        run_id="run-3",
        schema_version=2,
        warc_file=capture.warc_file,
        warc_record_id=capture.record_id,
    )
    path = layout.archive_file("hungyen", "run-3")
    path.write_text(json_line(record), "utf-8")
    index = ArticleIndex(layout)
    index.record_file("hungyen", path, [record])
    index.close()
    return record, captures


def test_a_record_and_its_capture_pass(archive):
    _captured(archive)
    report = verify(archive)
    assert report.problems == []


def test_a_capture_a_record_names_that_is_not_there_is_reported(archive):
    record, captures = _captured(archive)
    captures.final.unlink()
    (problem,) = verify(archive).problems
    assert f"its capture file {record['warc_file']} is not there" in problem
    assert problem.startswith(str(archive.archive_file("hungyen", "run-3")) + ":1:")


def test_a_torn_capture_file_is_reported(archive):
    _, captures = _captured(archive)
    data = captures.final.read_bytes()
    captures.final.write_bytes(data[:-40])
    problems = verify(archive).problems
    assert any("a torn WARC record after byte" in p for p in problems), problems


def test_a_v2_line_without_its_warc_fields_is_a_schema_problem(archive):
    path = archive.archive_file("hungyen", "run-4")
    path.write_text(json_line(make_record(id="hungyen-8", schema_version=2)), "utf-8")
    problems = verify(archive).problems
    assert any("warc_file" in p for p in problems), problems
