import json
import subprocess
import sys
import textwrap

import pytest

from scraper.state import (
    ArticleIndex,
    DataLayout,
    SiteLock,
    SiteLocked,
    SiteState,
    recover_partial_files,
    to_json_line,
)
from tests.helpers import make_record


def test_torn_partial_file_is_cut_and_finished(data_dir):
    layout = DataLayout(data_dir)
    layout.archive_dir("hungyen").mkdir(parents=True)
    good = to_json_line(make_record())
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
    layout.archive_file("hungyen", "run-1").write_text(to_json_line(make_record()), "utf-8")
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
    layout.archive_dir("hungyen").mkdir(parents=True)
    layout.archive_file("hungyen", "run-1").write_text("{not json\n", "utf-8")
    with pytest.raises(ValueError, match=r"run-1.jsonl:1: not a JSON line"):
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
