"""The archive and its exports in the analysts' tools: the README's own pandas, DuckDB and
polars snippets run against a real archive (two crawls, one article edited in between),
and the exports (Parquet, CSV, WACZ) checked for types, rows and the latest-version rule."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest

from testbed.replica import Page, build_replica
from tests.e2e import crawl, lines_of, police_archive, served
from tests.helpers import ROOT

pytestmark = pytest.mark.e2e

SITE = "nghean"
REPLICA = build_replica(SITE)
EDITED = REPLICA.article_paths[0]


def _edited_page() -> Page:
    """The first article with one more sentence in its first paragraph."""
    truth = next(r for r in REPLICA.truth if r["url"].endswith(EDITED))
    first = truth["body"].split("\n")[0][:30]
    page = REPLICA.pages[EDITED]
    body = page.body.decode("utf-8").replace(first, "Bản cập nhật. " + first, 1)
    return Page(body=body.encode("utf-8"), content_type=page.content_type)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding data/: the edited page first, the page as it is now second."""
    root = tmp_path_factory.mktemp("analyst")
    data = root / "data"
    with served(SITE, overrides={EDITED: _edited_page()}) as url:
        crawl(SITE, url, data)
    with served(SITE) as url:
        crawl(SITE, url, data, "--full")
    return root


def latest_by_id(data: Path) -> dict[str, dict]:
    latest: dict[str, dict] = {}
    for record in lines_of(data):
        if record["version"] > latest.get(record["id"], {}).get("version", 0):
            latest[record["id"]] = record
    return latest


def readme_blocks(language: str) -> Iterator[str]:
    """The README's code blocks in `language`, in its section for analysts."""
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## For analysts", 1)[1].split("\n## ", 1)[0]
    yield from re.findall(rf"```{language}\n(.*?)```", section, flags=re.DOTALL)


def run_python(code: str, where: Path, **names: object) -> dict:
    namespace: dict = dict(names)
    here = Path.cwd()
    os.chdir(where)
    try:
        exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 -- the README's own
    finally:
        os.chdir(here)
    return namespace


def test_the_archive_holds_an_article_in_two_versions(workdir):
    versions = [r["version"] for r in lines_of(workdir / "data") if r["url"].endswith(EDITED)]
    assert sorted(versions) == [1, 2]


def test_the_readme_pandas_snippet(workdir):
    pandas_block, *_ = readme_blocks("python")
    names = run_python(pandas_block, workdir)
    latest, expected = names["latest"], latest_by_id(workdir / "data")
    assert len(latest) == len(expected) == len(REPLICA.truth)
    assert dict(zip(latest["id"], latest["version"], strict=True)) == {
        key: record["version"] for key, record in expected.items()
    }
    assert str(latest["view_count"].dtype) == "Int64"
    assert str(latest["published_at"].dtype).endswith("Asia/Ho_Chi_Minh]")
    first = expected[latest["id"].iloc[0]]
    shown = latest["published_at"].iloc[0]
    assert shown.isoformat() == first["published_at"]  # the +07:00 wall time


def test_the_readme_duckdb_snippet(workdir):
    (sql,) = readme_blocks("sql")
    here = Path.cwd()
    os.chdir(workdir)
    try:
        con = duckdb.connect()
        statements = [s for s in sql.split(";") if s.strip(" \n-")]
        for statement in statements[:-1]:
            con.execute(statement)
        rows = con.execute(statements[-1]).fetchall()
    finally:
        os.chdir(here)
    expected = latest_by_id(workdir / "data")
    assert len(rows) == len(expected)
    by_id = {row[0]: row for row in rows}
    for key, record in expected.items():
        _, title, published, views, version = by_id[key]
        assert (title, views, version) == (record["title"], record["view_count"], record["version"])
        if record["published_at"]:
            assert published.isoformat() == record["published_at"]  # +07:00 wall time


def test_the_readme_polars_snippet(workdir):
    _, polars_block, _ = readme_blocks("python")
    latest = run_python(polars_block, workdir)["latest"]
    expected = latest_by_id(workdir / "data")
    assert latest.height == len(expected)
    assert dict(zip(latest["id"], latest["version"], strict=True)) == {
        key: record["version"] for key, record in expected.items()
    }
    assert latest.schema["published_at"] == pl.Datetime("us", "Asia/Ho_Chi_Minh")
    assert latest.schema["view_count"] == pl.Int64


def test_the_parquet_exports_in_pandas(workdir):
    data = str(workdir / "data")
    out = workdir / "articles.parquet"
    assert (
        police_archive(
            "export", "--format", "parquet", "--out", str(out), "--data-dir", data
        ).returncode
        == 0
    )
    views = workdir / "views.parquet"
    done = police_archive(
        "export", "--format", "parquet", "--table", "views", "--out", str(views), "--data-dir", data
    )
    assert done.returncode == 0, done.stderr
    *_, parquet_block = readme_blocks("python")
    names = run_python(parquet_block, workdir, pd=pd)
    articles, observed = names["articles"], names["views"]
    expected = latest_by_id(workdir / "data")
    assert len(articles) == len(expected)
    assert sorted(articles["version"]) == sorted(r["version"] for r in expected.values())
    assert str(articles["view_count"].dtype) == "Int64"
    assert str(articles["published_at"].dtype).startswith("datetime64[")
    assert str(articles["published_at"].dtype).endswith("Asia/Ho_Chi_Minh]")
    assert len(observed) == len(lines_of(workdir / "data", "views"))  # every observation
    assert str(observed["view_count"].dtype) == "Int64"
    assert str(observed["observed_at"].dtype).endswith("UTC]")
    assert set(observed["site"]) == {SITE}
    # the same files in polars and DuckDB
    frame = pl.read_parquet(out)
    assert frame.height == len(expected)
    assert frame.schema["view_count"] == pl.Int64
    assert frame.schema["published_at"] == pl.Datetime("ms", "Asia/Ho_Chi_Minh")
    con = duckdb.connect()
    con.execute("SET TimeZone = 'Asia/Ho_Chi_Minh'")
    rows = con.execute(
        "SELECT id, published_at, view_count FROM read_parquet(?) ORDER BY id", [str(out)]
    ).fetchall()
    assert len(rows) == len(expected)
    for key, published, views in rows:
        assert views == expected[key]["view_count"]
        if expected[key]["published_at"]:
            assert published.isoformat() == expected[key]["published_at"]
    counted = con.execute("SELECT count(*) FROM read_parquet(?)", [str(workdir / "views.parquet")])
    assert counted.fetchone() == (len(observed),)


def test_an_export_for_a_site_from_a_day_on(workdir):
    expected = [
        r
        for r in latest_by_id(workdir / "data").values()
        if (r["published_at"] or "") >= "2025-01-01"
    ]
    assert 0 < len(expected) < len(REPLICA.truth)
    out = workdir / "since.csv"
    done = police_archive(
        "export",
        "--format",
        "csv",
        "--site",
        SITE,
        "--since",
        "2025-01-01",
        "--out",
        str(out),
        "--data-dir",
        str(workdir / "data"),
    )
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out)
    assert sorted(table["id"]) == sorted(r["id"] for r in expected)
    assert json.loads(table["images"].iloc[0]) == next(
        r["images"] for r in expected if r["id"] == table["id"].iloc[0]
    )


def test_a_wacz_of_the_sites_captures_validates_and_finds_a_page(workdir):
    out = workdir / "nghean.wacz"
    data = workdir / "data"
    done = police_archive(
        "export", "--format", "wacz", "--site", SITE, "--out", str(out), "--data-dir", str(data)
    )
    assert done.returncode == 0, done.stderr
    checked = subprocess.run(
        [str(Path(sys.executable).with_name("wacz")), "validate", "-f", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    record = latest_by_id(data)[next(r["id"] for r in lines_of(data) if r["url"].endswith(EDITED))]
    with zipfile.ZipFile(out) as package:
        for info in package.infolist():
            if info.filename.startswith("archive/"):
                assert info.compress_type == zipfile.ZIP_STORED  # read by byte range
        index = package.read("indexes/index.cdx").decode("utf-8").splitlines()
        pages = [json.loads(line) for line in package.read("pages/pages.jsonl").splitlines()]
        # the page the record came from, looked up as a replay tool does: by URL, in the index
        fetched = [line for line in index if EDITED.rstrip("/") in line.split(" ", 1)[0]]
        assert fetched, index[:3]
        entry = json.loads(fetched[0].split(" ", 2)[2])
        warc = package.read(f"archive/{entry['filename']}")
    offset, length = int(entry["offset"]), int(entry["length"])
    import io

    from warcio.archiveiterator import ArchiveIterator

    stored = next(iter(ArchiveIterator(io.BytesIO(warc[offset : offset + length]))))
    assert stored.rec_headers.get_header("WARC-Target-URI").endswith(EDITED)
    assert pages[0]["format"] == "json-pages-1.0"
    assert record["url"] in {page.get("url") for page in pages[1:]}
