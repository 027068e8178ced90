import errno
import json
import logging
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.state import (
    ArticleIndex,
    DataLayout,
    RunFile,
    RunFileError,
    SiteLock,
    SiteLocked,
    SiteState,
    index_damage,
    recover_partial_files,
    to_json_line,
)
from tests.helpers import json_line, make_record


def test_torn_partial_file_is_cut_and_finished(data_dir):
    layout = DataLayout(data_dir)
    layout.archive_dir("hungyen").mkdir(parents=True)
    good = json_line(make_record())
    layout.partial_archive_file("hungyen", "run-1").write_text(good + good[:40], "utf-8")
    assert recover_partial_files(layout, "hungyen") == [layout.archive_file("hungyen", "run-1")]
    lines = layout.archive_file("hungyen", "run-1").read_text("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["hungyen-230001"]
    assert not layout.partial_archive_file("hungyen", "run-1").exists()


def test_partial_file_without_a_complete_line_is_removed(data_dir):
    layout = DataLayout(data_dir)
    layout.archive_dir("hungyen").mkdir(parents=True)
    layout.partial_archive_file("hungyen", "run-1").write_text('{"id": "hung', "utf-8")
    assert recover_partial_files(layout, "hungyen") == []
    assert list(layout.archive_dir("hungyen").iterdir()) == []


def test_opening_state_indexes_files_the_index_missed(data_dir):
    layout = DataLayout(data_dir)
    layout.archive_dir("hungyen").mkdir(parents=True)
    layout.archive_file("hungyen", "run-1").write_text(json_line(make_record()), "utf-8")
    with SiteState.open(layout, "hungyen") as state:
        assert state.index.lookup("hungyen-230001").version == 1
        assert state.index.count("hungyen") == 1
        assert state.lock.held


def test_state_open_twice_in_one_process_is_refused_and_freed_on_close(data_dir):
    layout = DataLayout(data_dir)
    state = SiteState.open(layout, "hungyen")
    with pytest.raises(SiteLocked, match="already being crawled"):
        SiteState.open(layout, "hungyen")
    state.close()
    state.close()  # closing twice is harmless
    SiteState.open(layout, "hungyen").close()


def test_a_failure_while_opening_releases_the_lock(data_dir):
    layout = DataLayout(data_dir)
    layout.archive_dir("hungyen").parent.mkdir(parents=True)
    layout.archive_dir("hungyen").write_text("a file where the site's folder goes", "utf-8")
    with pytest.raises(FileExistsError):
        SiteState.open(layout, "hungyen")
    lock = SiteLock(layout, "hungyen")
    lock.check_free()


def test_older_versions_never_replace_newer_ones(data_dir):
    layout = DataLayout(data_dir)
    index = ArticleIndex(layout)
    layout.archive_dir("hungyen").mkdir(parents=True)
    newer = make_record(version=2, body="Đã sửa.")
    index.record_file("hungyen", layout.archive_file("hungyen", "b"), [newer])
    index.record_file("hungyen", layout.archive_file("hungyen", "a"), [make_record()])
    assert index.lookup("hungyen-230001").content_hash == newer["content_hash"]
    index.close()


def test_a_second_process_cannot_lock_the_same_site(data_dir):
    layout = DataLayout(data_dir)
    lock = SiteLock(layout, "hungyen")
    lock.acquire()
    try:
        code = textwrap.dedent(
            f"""
            from pathlib import Path
            from scraper.state import DataLayout, SiteLock, SiteLocked
            try:
                SiteLock(DataLayout(Path({str(data_dir)!r})), "hungyen").acquire()
            except SiteLocked as exc:
                print(exc)
            """
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "already being crawled" in result.stdout
    finally:
        lock.release()


def test_a_lock_left_by_a_dead_process_is_taken_over(data_dir):
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from scraper.state import DataLayout, SiteLock
        SiteLock(DataLayout(Path({str(data_dir)!r})), "hungyen").acquire()
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # exits holding the lock
    layout = DataLayout(data_dir)
    assert (layout.state_dir() / "hungyen.lock").exists()
    lock = SiteLock(layout, "hungyen")
    lock.acquire()
    lock.release()


def test_a_torn_final_file_is_repaired_at_start_up_and_its_original_kept(data_dir):
    layout = DataLayout(data_dir)
    layout.archive_dir("hungyen").mkdir(parents=True)
    good = json_line(make_record())
    torn = good + json_line(make_record(id="hungyen-230002"))[:30]  # the disk filled up
    layout.archive_file("hungyen", "run-1").write_text(torn, "utf-8")
    with SiteState.open(layout, "hungyen") as state:
        assert state.index.count("hungyen") == 1
    assert layout.archive_file("hungyen", "run-1").read_text("utf-8") == good
    (kept,) = (layout.state_dir() / "damaged").iterdir()
    assert kept.read_text("utf-8") == torn
    assert not list(layout.archive_dir("hungyen").glob(".*"))  # no temporary file left


def test_recovery_writes_a_new_file_and_leaves_the_old_until_it_is_safe(data_dir):
    layout = DataLayout(data_dir)
    layout.archive_dir("hungyen").mkdir(parents=True)
    part = layout.partial_archive_file("hungyen", "run-1")
    part.write_text(json_line(make_record()), "utf-8")
    # a recovery killed half-way left its temporary file: it is thrown away, the part kept
    leftover = part.with_name(".run-1.jsonl.recovering")
    leftover.write_text("half", "utf-8")
    assert recover_partial_files(layout, "hungyen") == [layout.archive_file("hungyen", "run-1")]
    assert not leftover.exists()
    assert not part.exists()
    lines = layout.archive_file("hungyen", "run-1").read_text("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["hungyen-230001"]


def test_a_write_error_leaves_the_temporary_file_and_no_final_name(data_dir, monkeypatch):
    layout = DataLayout(data_dir)
    run_file = RunFile(layout, "archive", "hungyen", "run-1")
    run_file.append(make_record())

    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(run_file._handle, "write", full)
    with pytest.raises(RunFileError, match="No space left on device"):
        run_file.append(make_record(id="hungyen-230002"))
    with pytest.raises(RunFileError, match="no longer written"):
        run_file.append(make_record(id="hungyen-230003"))
    assert run_file.commit() is None
    assert not layout.archive_file("hungyen", "run-1").exists()
    assert recover_partial_files(layout, "hungyen") == [layout.archive_file("hungyen", "run-1")]


def test_kept_fields_wait_on_disk_and_come_back_in_order_once_the_file_is_final(data_dir):
    layout = DataLayout(data_dir)
    run_file = RunFile(layout, "archive", "hungyen", "run-1", keep=("id", "version"))
    ids = [f"hungyen-23000{n}" for n in range(1, 4)]
    for n, article_id in enumerate(ids, 1):
        run_file.append(make_record(id=article_id, version=n))
    assert run_file.commit() == layout.archive_file("hungyen", "run-1")
    kept = list(run_file.kept())
    assert kept == [{"id": i, "version": n} for n, i in enumerate(ids, 1)]
    assert list(run_file.kept()) == []  # handed over once
    # the rows never had a name: nothing but the final file is left in the directory
    assert [p.name for p in layout.archive_dir("hungyen").iterdir()] == ["run-1.jsonl"]


def test_a_kept_row_that_cannot_be_written_leaves_the_file_for_recovery(data_dir, monkeypatch):
    layout = DataLayout(data_dir)
    run_file = RunFile(layout, "archive", "hungyen", "run-1", keep=("id",))
    run_file.append(make_record())

    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(run_file._rows, "add", full)
    with pytest.raises(RunFileError, match="No space left on device"):
        run_file.append(make_record(id="hungyen-230002"))
    # the index would miss the line whose row was lost: the file is not made final, and
    # the next run's recovery indexes every line it has
    assert run_file.commit() is None
    assert list(run_file.kept()) == []
    assert recover_partial_files(layout, "hungyen") == [layout.archive_file("hungyen", "run-1")]
    with SiteState.open(layout, "hungyen") as state:
        assert state.index.count("hungyen") == 2


def _archived_site(layout: DataLayout) -> None:
    """One archive file of two articles, indexed as a run leaves it."""
    records = [make_record(), make_record(id="hungyen-230002", url="https://x.vn/b-c2.html")]
    path = layout.archive_file("hungyen", "run-1")
    path.parent.mkdir(parents=True)
    path.write_text("".join(map(json_line, records)), "utf-8")
    with SiteState.open(layout, "hungyen") as state:
        assert state.index.count("hungyen") == 2


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda _data: bytes(range(256)) * 40, "not an SQLite database"),
        (lambda data: data[: len(data) // 2], "cut short"),
    ],
)
def test_a_damaged_index_is_moved_aside_and_rebuilt(data_dir, caplog, damage, reason):
    layout = DataLayout(data_dir)
    _archived_site(layout)
    index_file = layout.state_dir() / "index.sqlite3"
    index_file.write_bytes(damage(index_file.read_bytes()))
    with caplog.at_level(logging.WARNING), SiteState.open(layout, "hungyen") as state:
        assert state.index.lookup("hungyen-230002").version == 1
    (line,) = [r.getMessage() for r in caplog.records if "moved aside" in r.getMessage()]
    assert reason in line
    assert len(list(layout.state_dir().glob("index.sqlite3.damaged-*"))) >= 1


def test_pages_a_checkpoint_did_not_write_are_looked_for_in_the_wal(data_dir):
    """A full disk can stop a WAL checkpoint after page 1: the header then counts pages
    the file lacks, which the -wal file still holds (SQLite reads them from there)."""
    layout = DataLayout(data_dir)
    _archived_site(layout)
    index_file = layout.state_dir() / "index.sqlite3"
    page = index_file.read_bytes()[:4096]
    counted = page[:28] + (11).to_bytes(4, "big") + page[32:92] + page[24:28] + page[96:]
    index_file.write_bytes(counted)
    assert "cut short (4096 of 45056 bytes)" in str(index_damage(index_file))
    index_file.with_name("index.sqlite3-wal").write_bytes(b"\0" * 4128)
    assert index_damage(index_file) is None


def test_an_index_that_lost_its_articles_is_rebuilt_not_archived_again(data_dir, caplog):
    layout = DataLayout(data_dir)
    _archived_site(layout)
    db = sqlite3.connect(layout.state_dir() / "index.sqlite3")
    with db:
        db.execute("DELETE FROM articles")  # archive_files intact
    db.close()
    with caplog.at_level(logging.WARNING), SiteState.open(layout, "hungyen") as state:
        assert state.index.lookup("hungyen-230001").version == 1  # known: no new version 1
        assert state.index.count("hungyen") == 2
    assert any("disagrees with the archive" in r.getMessage() for r in caplog.records)


# JSON values as records hold them: no floats (the schema has none), integers of 64 bits
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(st.text(), _JSON, max_size=6))
@settings(max_examples=500, derandomize=True, deadline=None)
def test_a_line_is_the_bytes_json_dumps_gives(record):
    """The archive's lines are written by orjson; they are json.dumps's compact UTF-8 form,
    escapes (quotes, backslashes, control characters) and all."""
    expected = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert to_json_line(record) == expected.encode("utf-8")


def test_a_line_of_a_replica_record_is_the_bytes_json_dumps_gives():
    record = make_record(title='Tin "nóng"\\ \u2028 \x07', body="Đoạn một.\n\nĐoạn\thai.")
    expected = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert to_json_line(record) == expected.encode("utf-8")
