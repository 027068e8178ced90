import csv
import json

import pyarrow.parquet as pq
import pytest

from scraper.export import ExportError, export, latest_records
from scraper.state import DataLayout
from tests.e2e import assert_one_line_error, police_archive
from tests.helpers import json_line, make_record


@pytest.fixture
def layout(data_dir):
    """Two articles; the first one archived in two versions by two runs."""
    layout = DataLayout(data_dir)
    layout.archive_dir("hungyen").mkdir(parents=True)
    other = make_record(
        id="hungyen-7",
        url="https://congan.hungyen.gov.vn/b-c7.html",
        view_count=None,
        images=[{"url": "https://x.vn/a.jpg", "caption": None}],
    )
    runs = {"run-1": [make_record(), other], "run-2": [make_record(version=2, body="Đã sửa.")]}
    for run_id, records in runs.items():
        layout.archive_file("hungyen", run_id).write_text("".join(map(json_line, records)))
    return layout


def test_only_the_latest_version_of_each_article(layout):
    records = {r["id"]: r for r in latest_records(layout)}
    assert set(records) == {"hungyen-230001", "hungyen-7"}
    assert (records["hungyen-230001"]["version"], records["hungyen-230001"]["body"]) == (
        2,
        "Đã sửa.",
    )


def test_parquet_keeps_the_types(layout, tmp_path):
    out = tmp_path / "articles.parquet"
    assert export(layout, "parquet", out) == 2
    table = pq.read_table(out)
    assert str(table.schema.field("published_at").type).endswith("tz=Asia/Ho_Chi_Minh]")
    assert str(table.schema.field("view_count").type) == "int64"
    rows = {row["id"]: row for row in table.to_pylist()}
    assert rows["hungyen-7"]["view_count"] is None
    assert rows["hungyen-230001"]["view_count"] == 1234
    assert rows["hungyen-230001"]["published_at"].isoformat() == "2024-11-20T00:00:00+07:00"
    assert rows["hungyen-7"]["images"] == [{"url": "https://x.vn/a.jpg", "caption": None}]


def test_csv_writes_lists_as_json(layout, tmp_path):
    out = tmp_path / "articles.csv"
    export(layout, "csv", out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert rows["hungyen-230001"]["title"] == "Bài viết thử nghiệm"
    assert json.loads(rows["hungyen-7"]["images"]) == [
        {"url": "https://x.vn/a.jpg", "caption": None}
    ]


def test_cli_export(layout, tmp_path):
    out = tmp_path / "out" / "articles.parquet"
    out.parent.mkdir()
    result = police_archive(
        "export", "--format", "parquet", "--out", str(out), "--data-dir", str(layout.root)
    )
    assert result.returncode == 0, result.stderr
    assert "wrote 2 articles" in result.stdout
    assert out.exists()


def test_cli_export_without_archive_exits_2(tmp_path):
    result = police_archive(
        "export", "--format", "csv", "--out", str(tmp_path / "a.csv"), "--data-dir", str(tmp_path)
    )
    assert_one_line_error(result, 2, "no archive to export")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json\n", "run-2.jsonl:2: not JSON"),
        ("[1]\n", "run-2.jsonl:2: not a JSON object"),
        ('{"id": 7, "site": "hungyen", "version": 1}\n', "run-2.jsonl:2: id is missing"),
        ('{"id": "hungyen-8", "site": "hungyen", "version": "1"}\n', "version is missing"),
        ('{"id": "hungyen-8", "version": 1}\n', "run-2.jsonl:2: site is missing"),
    ],
)
def test_a_line_that_is_no_record_fails_the_export_naming_it(layout, tmp_path, line, message):
    path = layout.archive_file("hungyen", "run-2")
    path.write_text(path.read_text("utf-8") + line, "utf-8")
    out = tmp_path / "articles.csv"
    with pytest.raises(ExportError, match=message):
        export(layout, "csv", out)
    assert list(tmp_path.glob("*articles.csv*")) == []  # neither the table nor its tmp


def test_a_time_that_does_not_convert_fails_the_parquet_export(layout, tmp_path):
    record = make_record(id="hungyen-8", url="https://congan.hungyen.gov.vn/c-c8.html")
    record["published_at"] = "hôm qua"
    layout.archive_file("hungyen", "run-3").write_text(json_line(record), "utf-8")
    out = tmp_path / "articles.parquet"
    with pytest.raises(ExportError, match="hungyen-8: published_at 'hôm qua'"):
        export(layout, "parquet", out)
    assert list(tmp_path.glob("*articles.parquet*")) == []


def test_cli_export_of_a_bad_archive_exits_1(layout, tmp_path):
    layout.archive_file("hungyen", "run-3").write_text("{torn", "utf-8")
    out = tmp_path / "a.csv"
    result = police_archive(
        "export", "--format", "csv", "--out", str(out), "--data-dir", str(layout.root)
    )
    assert_one_line_error(result, 1, "run-3.jsonl:1: not JSON")
    assert not out.exists()
