"""The command line: usage errors exit 2, unhealthy crawls exit 1, one line on stderr."""

from __future__ import annotations

import json

import pytest

from testbed.replica import build_replica
from tests.e2e import assert_one_line_error, closed_port, police_archive


def test_sites_lists_every_profile():
    result = police_archive("sites")
    assert result.returncode == 0
    assert "hungyen" in result.stdout
    assert "Công an tỉnh Lai Châu" in result.stdout
    assert "nukeviet" in result.stdout
    assert "portal" in result.stdout


def test_unknown_site_exits_2(tmp_path):
    result = police_archive("crawl", "nowhere", "--data-dir", str(tmp_path))
    assert_one_line_error(result, 2, "unknown site 'nowhere'")
    assert not (tmp_path / "archive").exists()


def test_bad_option_exits_2():
    assert_one_line_error(police_archive("crawl", "hungyen", "--frobnicate"), 2, "--frobnicate")


def test_no_command_exits_2():
    assert_one_line_error(police_archive(), 2, "required")


def test_a_bare_base_url_needs_one_site():
    result = police_archive("crawl", "all", "--base-url", "http://127.0.0.1:1")
    assert_one_line_error(result, 2, "with several sites, say whose (SITE=URL)")


@pytest.mark.parametrize(
    ("values", "said"),
    [
        (["quangtri=http://127.0.0.1:1"], "'quangtri' is not a site of this crawl"),
        (["hungyen=http://127.0.0.1:1", "hungyen=http://127.0.0.1:2"], "two origins for 'hungyen'"),
        (["hungyen=ftp://127.0.0.1:1"], "must be an http(s) URL"),
    ],
)
def test_base_urls_are_checked_site_by_site(values, said):
    options = [option for value in values for option in ("--base-url", value)]
    result = police_archive("crawl", "hungyen", "laichau", *options)
    assert_one_line_error(result, 2, said)


def test_max_articles_must_be_positive():
    assert_one_line_error(
        police_archive("crawl", "hungyen", "--max-articles", "0"), 2, "--max-articles"
    )


def test_extract_missing_file_exits_2(tmp_path):
    result = police_archive("extract", str(tmp_path / "missing.html"))
    assert_one_line_error(result, 2, "no such file")


def test_extract_page_of_unknown_site_exits_2(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><h1>x</h1></body></html>", "utf-8")
    assert_one_line_error(police_archive("extract", str(page)), 2, "--site")


def test_extract_non_article_exits_1(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><h1>Trang chủ</h1></body></html>", "utf-8")
    assert_one_line_error(
        police_archive("extract", str(page), "--site", "hungyen"), 1, "not an article"
    )


def test_extract_prints_one_json_record(tmp_path):
    replica = build_replica("hungyen")
    truth = replica.truth[0]
    path = truth["url"].removeprefix("https://congan.hungyen.gov.vn")
    page = tmp_path / "page.html"
    page.write_bytes(replica.pages[path].body)
    result = police_archive("extract", str(page), "--url", truth["url"])
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["id"] == truth["id"]
    assert record["title"] == truth["title"]
    assert "\\u" not in result.stdout  # Vietnamese letters printed as they are


def test_serve_replica_of_unknown_site_exits_2():
    assert_one_line_error(police_archive("serve-replica", "nowhere"), 2, "no replica for site")


@pytest.mark.e2e
def test_unreachable_site_exits_1(tmp_path):
    port = closed_port()
    result = police_archive(
        "crawl", "hungyen", "--base-url", f"http://127.0.0.1:{port}", "--data-dir", str(tmp_path)
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()  # one line per failed monitor
    assert lines[0].startswith("police-archive: hungyen: Articles found: site unreachable: ")
    assert all(line.startswith("police-archive: hungyen: ") for line in lines)
    summary = json.loads(next((tmp_path / "runs").glob("*.json")).read_text("utf-8"))
    assert summary["ok"] is False
    assert summary["sites"][0]["problems"][0].startswith("Articles found: site unreachable")
    log = next((tmp_path / "logs").glob("*.log")).read_text("utf-8")
    assert "Connection was refused" in log
    assert "Traceback" not in log


def test_second_crawl_of_a_site_is_refused_at_once(tmp_path):
    from scraper.state import DataLayout, SiteLock

    lock = SiteLock(DataLayout(tmp_path.resolve()), "hungyen")
    lock.acquire()
    try:
        result = police_archive("crawl", "hungyen", "--data-dir", str(tmp_path))
    finally:
        lock.release()
    assert_one_line_error(result, 1, "already being crawled")


def test_verify_exits_1_naming_file_and_line(tmp_path):
    from tests.helpers import json_line, make_record

    archive = tmp_path / "archive" / "hungyen"
    archive.mkdir(parents=True)
    (archive / "run-1.jsonl").write_text(json_line(make_record())[:-20], "utf-8")
    result = police_archive("verify", "--data-dir", str(tmp_path))
    assert_one_line_error(result, 1, "1 problems")
    assert f"{archive / 'run-1.jsonl'}:1: torn line" in result.stdout


def test_verify_of_a_missing_data_dir_exits_2(tmp_path):
    result = police_archive("verify", "--data-dir", str(tmp_path / "nothing"))
    assert_one_line_error(result, 2, "no such data directory")


def test_data_dir_may_come_before_or_after_the_command(tmp_path):
    (tmp_path / "runs").mkdir()
    for args in (("--data-dir", str(tmp_path), "report"), ("report", "--data-dir", str(tmp_path))):
        assert police_archive(*args).returncode == 0
    assert_one_line_error(
        police_archive("--data-dir", str(tmp_path / "no"), "report"), 2, "no runs in"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("crawl", "--name", "x"), "--name goes with --url"),
        (("crawl",), "name the sites to crawl"),
        (("crawl", "hungyen", "--url", "https://a.vn/tin"), "either site keys or --url"),
        (("crawl", "--url", "congan.x.gov.vn/tin"), "--url must be an http(s) URL"),
        (("crawl", "--url", "https://congan.hungyen.gov.vn/tin"), "'hungyen' is a bundled site"),
        (("crawl", "--url", "https://a.vn/tin", "--name", "Bad Name"), "--name 'Bad Name'"),
    ],
)
def test_crawl_by_url_usage_errors(args, message):
    assert_one_line_error(police_archive(*args), 2, message)


@pytest.mark.e2e
def test_crawl_by_url_detects_the_platform(tmp_path):
    from tests.e2e import latest_run, lines_of, served

    replica = build_replica("daklak")
    listing = "https://congan.daklak.gov.vn" + replica.start_paths[0]
    with served("daklak") as url:
        result = police_archive(
            "crawl",
            "--url",
            listing,
            "--name",
            "daklak_moi",
            "--base-url",
            url,
            "--data-dir",
            str(tmp_path),
        )
    assert result.returncode == 0, result.stderr
    summary = latest_run(tmp_path)["sites"][0]
    assert summary["site"] == "daklak_moi"
    assert summary["stats"]["platform/detected"] == "liferay"
    records = lines_of(tmp_path, "archive", "daklak_moi")
    truth = {r["url"]: r for r in replica.truth}
    assert records
    assert all(r["url"] in truth for r in records)
    assert all(r["title"] == truth[r["url"]]["title"] for r in records)


def test_extract_tells_an_unknown_site_by_its_page(tmp_path):
    from testbed.replica import UNSEEN_KEYS

    replica = build_replica(UNSEEN_KEYS[0])
    truth = replica.truth[0]
    path = next(p for p in replica.article_paths if truth["url"].endswith(p))
    page = tmp_path / "page.html"
    page.write_bytes(replica.pages[path].body)
    result = police_archive("extract", str(page), "--url", truth["url"])
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert (record["title"], record["published_at"]) == (truth["title"], truth["published_at"])


def test_an_os_error_is_one_line_naming_path_and_cause(monkeypatch, capsys, tmp_path):
    import errno

    from scraper import cli

    inside = tmp_path / "runs" / "x.json"

    def denied(_args):
        raise PermissionError(errno.EACCES, "Permission denied", str(inside))

    monkeypatch.setattr(cli, "cmd_report", denied)
    assert cli.main(["report", "--data-dir", str(tmp_path)]) == 1  # the run failed
    assert capsys.readouterr().err == f"police-archive: error: {inside}: Permission denied\n"

    out = tmp_path / "a.csv"

    def read_only(_args):
        raise OSError(errno.EROFS, "Read-only file system", str(out))

    monkeypatch.setattr(cli, "cmd_export", read_only)
    args = ["export", "--format", "csv", "--out", str(out), "--data-dir", str(tmp_path)]
    assert cli.main(args) == 2  # a path given on the command line cannot be used
    assert capsys.readouterr().err == f"police-archive: error: {out}: Read-only file system\n"


def test_a_programming_error_is_not_swallowed(monkeypatch, tmp_path):
    from scraper import cli

    def broken(_args):
        raise KeyError("bug")

    monkeypatch.setattr(cli, "cmd_report", broken)
    with pytest.raises(KeyError):
        cli.main(["report", "--data-dir", str(tmp_path)])


def test_set_values_reach_scrapy_converted():
    from scraper.cli import _overrides
    from scraper.runner import project_settings

    overrides, unsafe = _overrides(
        ["DOWNLOAD_DELAY=3", "RETRY_HTTP_CODES=500,503", "ROBOTSTXT_OBEY=true"], unsafe=False
    )
    assert unsafe == {}
    settings = project_settings(overrides)
    assert settings["DOWNLOAD_DELAY"] == 3.0
    assert settings["RETRY_HTTP_CODES"] == [500, 503]
    assert settings["ROBOTSTXT_OBEY"] is True


def test_unsafe_lets_a_fence_down_and_names_it():
    from scraper.cli import _overrides

    overrides, unsafe = _overrides(["ROBOTSTXT_OBEY=False", "RETRY_TIMES=1"], unsafe=True)
    assert overrides == {"ROBOTSTXT_OBEY": False, "RETRY_TIMES": 1}
    assert unsafe == {"ROBOTSTXT_OBEY": "False"}


def test_schedule_passes_set_and_unsafe_on_to_each_run(monkeypatch, tmp_path):
    import scraper.schedule
    from scraper import cli

    seen = []

    def run_schedule(crawl_args, *_args, **_kwargs):
        seen.append(crawl_args)
        return 0

    monkeypatch.setattr(scraper.schedule, "run_schedule", run_schedule)
    args = ["schedule", "hungyen", "--every", "1h", "--data-dir", str(tmp_path)]
    assert cli.main([*args, "--set", "ROBOTSTXT_OBEY=false", "--unsafe"]) == 0
    [crawl_args] = seen
    assert crawl_args[crawl_args.index("--set") + 1] == "ROBOTSTXT_OBEY=false"
    assert "--unsafe" in crawl_args


@pytest.mark.e2e
def test_unsafe_settings_are_written_into_the_run_summary(tmp_path):
    from tests.e2e import latest_run, served

    with served("hungyen") as url:
        result = police_archive(
            *("crawl", "hungyen", "--base-url", url, "--data-dir", str(tmp_path)),
            *("--max-articles", "1", "--set", "ROBOTSTXT_OBEY=false", "--set", "RETRY_TIMES=1"),
            "--unsafe",
        )
    assert result.returncode == 0, result.stderr
    assert "fences off (--unsafe): ROBOTSTXT_OBEY=false" in result.stdout
    site = latest_run(tmp_path)["sites"][0]
    assert site["unsafe_settings"] == {"ROBOTSTXT_OBEY": "false"}
    assert site["stats"]["settings/unsafe"] == {"ROBOTSTXT_OBEY": "false"}
    assert "robotstxt/request_count" not in site["stats"]  # robots.txt was not read


def test_extract_reads_a_folder_of_pages_one_json_line_each(tmp_path):
    replica = build_replica("hungyen")
    folder = tmp_path / "saved"
    folder.mkdir()
    truths = replica.truth[:3]
    for number, truth in enumerate(truths):
        path = truth["url"].removeprefix("https://congan.hungyen.gov.vn")
        (folder / f"{number}.html").write_bytes(replica.pages[path].body)
    (folder / "9-home.html").write_text("<html><body><h1>Trang chủ</h1></body></html>", "utf-8")
    (folder / "notes.txt").write_text("not a page", "utf-8")
    result = police_archive("extract", str(folder), "--site", "hungyen")
    assert result.returncode == 1  # one page is no article; the others are read
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["title"] for r in records] == [t["title"] for t in truths]
    (line,) = result.stderr.splitlines()
    assert "9-home.html: not an article page" in line


def test_extract_url_names_one_page(tmp_path):
    pages = [tmp_path / "a.html", tmp_path / "b.html"]
    for page in pages:
        page.write_text("<html></html>", "utf-8")
    result = police_archive("extract", *map(str, pages), "--url", "https://congan.hungyen.gov.vn/a")
    assert_one_line_error(result, 2, "--url names one page")
