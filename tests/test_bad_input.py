"""Bad input gets one line `police-archive: error: <cause>` on stderr and its exit code
(2 for bad usage or configuration, 1 for a check that found problems), never a traceback:
each case runs the command line in a subprocess (tests.e2e.police_archive asserts no
traceback), refused before anything is fetched."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.e2e import assert_one_line_error, police_archive
from tests.helpers import json_line, make_record

Build = Callable[[Path, pytest.FixtureRequest], list[str]]


class Case(NamedTuple):
    args: Build  # the command line, made in the test's tmp_path
    code: int
    text: str  # what the one line on stderr says
    stdout: str = ""  # what stdout says too (verify prints its problems there)


def _can_write(folder: Path) -> bool:
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def read_only(path: Path, request: pytest.FixtureRequest) -> Path:
    """A directory this process cannot write into (mode 555; for root, immutable too)."""
    path.mkdir(parents=True)
    path.chmod(0o555)
    request.addfinalizer(lambda: path.chmod(0o755))
    chattr = shutil.which("chattr")
    if _can_write(path) and chattr:  # root ignores the mode
        made = subprocess.run([chattr, "+i", str(path)], capture_output=True, check=False)
        if made.returncode == 0:
            request.addfinalizer(lambda: subprocess.run([chattr, "-i", str(path)], check=True))
    if _can_write(path):
        pytest.skip("no directory here is read-only to this process (root without chattr)")
    return path


def a_file(tmp: Path) -> Path:
    path = tmp / "a-file"
    path.write_text("not a directory\n", "utf-8")
    return path


def archive(tmp: Path, line: str | None = None) -> Path:
    """A data directory with one archive file: a sound record, or the line given."""
    data = tmp / "data"
    folder = data / "archive" / "hungyen"
    folder.mkdir(parents=True)
    (folder / "run-1.jsonl").write_text(line or json_line(make_record()), "utf-8")
    return data


def crawl_setting(*pairs: str) -> Build:
    def build(tmp: Path, _: pytest.FixtureRequest) -> list[str]:
        sets = [arg for pair in pairs for arg in ("--set", pair)]
        return ["crawl", "hungyen", "--data-dir", str(tmp / "data"), *sets]

    return build


def crawl_into(data_dir: Callable[[Path, pytest.FixtureRequest], Path]) -> Build:
    return lambda tmp, request: ["crawl", "hungyen", "--data-dir", str(data_dir(tmp, request))]


def export_to(out: Callable[[Path, pytest.FixtureRequest], Path]) -> Build:
    def build(tmp: Path, request: pytest.FixtureRequest) -> list[str]:
        data = archive(tmp)
        return [
            "export",
            "--format",
            "csv",
            "--out",
            str(out(tmp, request)),
            "--data-dir",
            str(data),
        ]

    return build


def verify_line(change: dict[str, object], drop: str = "") -> Build:
    def build(tmp: Path, _: pytest.FixtureRequest) -> list[str]:
        record = make_record() | change
        record.pop(drop, None)
        return ["verify", "--data-dir", str(archive(tmp, json_line(record)))]

    return build


def fixed(*args: str) -> Build:
    return lambda _tmp, _request: list(args)


URL = "https://congan.example.gov.vn/tin-tuc/"
UNSAFE = "switches off a fence"

CASES: dict[str, Case] = {
    # --set: a value of the wrong type, named with the setting
    "set-retry-times-x": Case(
        crawl_setting("RETRY_TIMES=x"),
        2,
        "setting: RETRY_TIMES must be a whole number of at least 0, not 'x'",
    ),
    "set-download-delay-abc": Case(
        crawl_setting("DOWNLOAD_DELAY=abc"), 2, "DOWNLOAD_DELAY must be a number of at least 0"
    ),
    "set-download-delay-negative": Case(
        crawl_setting("DOWNLOAD_DELAY=-1"), 2, "DOWNLOAD_DELAY must be a number of at least 0"
    ),
    "set-concurrent-requests-negative": Case(
        crawl_setting("CONCURRENT_REQUESTS=-1"),
        2,
        "CONCURRENT_REQUESTS must be a whole number of at least 1, not '-1'",
    ),
    "set-history-runs-x": Case(
        crawl_setting("POLICE_HISTORY_RUNS=x"),
        2,
        "monitor configuration: POLICE_HISTORY_RUNS must be a whole number",
    ),
    "set-coverage-not-a-dict": Case(
        crawl_setting("POLICE_COVERAGE_THRESHOLDS=notadict"),
        2,
        "POLICE_COVERAGE_THRESHOLDS must be a JSON object",
    ),
    "set-robots-not-a-bool": Case(
        crawl_setting("ROBOTSTXT_OBEY=perhaps"), 2, "ROBOTSTXT_OBEY must be true or false"
    ),
    "set-no-equals": Case(crawl_setting("RETRY_TIMES"), 2, "--set wants NAME=VALUE"),
    # --set: an unknown name, with the closest known one
    "set-typo": Case(
        crawl_setting("POLICE_ALERT_WEBHOK_URL=https://x.vn/"),
        2,
        "unknown setting 'POLICE_ALERT_WEBHOK_URL' (did you mean POLICE_ALERT_WEBHOOK_URL?)",
    ),
    "set-unknown": Case(crawl_setting("FROBNICATE=1"), 2, "unknown setting 'FROBNICATE'"),
    "set-data-dir": Case(
        crawl_setting("POLICE_DATA_DIR=/tmp"), 2, "POLICE_DATA_DIR is set with --data-dir"
    ),
    # --set: a fence switched off, refused without --unsafe
    "fence-robots": Case(
        crawl_setting("ROBOTSTXT_OBEY=False"), 2, "ROBOTSTXT_OBEY=False " + UNSAFE
    ),
    "fence-maxsize-0": Case(crawl_setting("DOWNLOAD_MAXSIZE=0"), 2, "DOWNLOAD_MAXSIZE=0 " + UNSAFE),
    "fence-maxsize-larger": Case(
        crawl_setting("DOWNLOAD_MAXSIZE=1000000000"), 2, "larger than the default limit"
    ),
    "fence-timeout-0": Case(crawl_setting("DOWNLOAD_TIMEOUT=0"), 2, "would never time out"),
    "fence-pipelines": Case(crawl_setting("ITEM_PIPELINES={}"), 2, "ITEM_PIPELINES={} " + UNSAFE),
    "fence-extensions": Case(crawl_setting("EXTENSIONS={}"), 2, "EXTENSIONS={} " + UNSAFE),
    "fence-downloader-middlewares": Case(
        crawl_setting("DOWNLOADER_MIDDLEWARES={}"), 2, "DOWNLOADER_MIDDLEWARES={} " + UNSAFE
    ),
    "fence-spider-middlewares": Case(
        crawl_setting('SPIDER_MIDDLEWARES={"x.Y": 1}'), 2, "SPIDER_MIDDLEWARES=" + '{"x.Y": 1} '
    ),
    "fence-no-delay": Case(
        crawl_setting("AUTOTHROTTLE_ENABLED=false", "DOWNLOAD_DELAY=0"), 2, "no delay"
    ),
    "fence-per-domain": Case(
        crawl_setting("CONCURRENT_REQUESTS_PER_DOMAIN=16"), 2, "more than 8 requests at once"
    ),
    "fence-says-unsafe": Case(crawl_setting("ROBOTSTXT_OBEY=0"), 2, "add --unsafe"),
    "schedule-set": Case(
        fixed("schedule", "hungyen", "--every", "1h", "--set", "RETRY_TIMES=x"),
        2,
        "RETRY_TIMES must be a whole number",
    ),
    "schedule-fence": Case(
        fixed("schedule", "hungyen", "--every", "1h", "--set", "ROBOTSTXT_OBEY=false"), 2, UNSAFE
    ),
    "demo-set": Case(fixed("demo", "--set", "DOWNLOAD_DELAY=x"), 2, "DOWNLOAD_DELAY must be"),
    # --data-dir that cannot be written
    "data-dir-a-file": Case(crawl_into(lambda tmp, _: a_file(tmp)), 2, "a-file is not a directory"),
    "data-dir-under-a-file": Case(
        crawl_into(lambda tmp, _: a_file(tmp) / "data"), 2, "a-file is not a directory"
    ),
    "data-dir-read-only": Case(
        crawl_into(lambda tmp, request: read_only(tmp / "ro", request)), 2, "cannot write in"
    ),
    "data-dir-in-a-read-only-parent": Case(
        crawl_into(lambda tmp, request: read_only(tmp / "ro", request) / "data"),
        2,
        "cannot write in",
    ),
    "data-dir-with-a-read-only-archive": Case(
        crawl_into(lambda tmp, request: read_only(tmp / "data" / "archive", request).parent),
        2,
        "archive (",
    ),
    "demo-data-dir-a-file": Case(
        lambda tmp, _: ["demo", "--data-dir", str(a_file(tmp))], 2, "is not a directory"
    ),
    "schedule-data-dir-read-only": Case(
        lambda tmp, request: [
            *("schedule", "hungyen", "--every", "1h", "--data-dir"),
            str(read_only(tmp / "ro", request)),
        ],
        2,
        "cannot write in",
    ),
    "sites-verify-data-dir-a-file": Case(
        lambda tmp, _: ["sites", "--verify", "--data-dir", str(a_file(tmp))],
        2,
        "is not a directory",
    ),
    # crawl --url --name: site keys are ASCII, lower case, at most 64 characters
    "name-too-long": Case(fixed("crawl", "--url", URL, "--name", "a" * 300), 2, "--name 'aaaaaaaa"),
    "name-not-ascii": Case(
        fixed("crawl", "--url", URL, "--name", "hưngyên"), 2, "--name 'hưngyên' is not a site key"
    ),
    "name-upper-case": Case(fixed("crawl", "--url", URL, "--name", "HungYen"), 2, "at most 64"),
    "base-url-port": Case(
        fixed("crawl", "hungyen", "--base-url", "http://127.0.0.1:99999"), 2, "port"
    ),
    # export --out
    "export-out-a-directory": Case(export_to(lambda tmp, _: tmp), 2, "is a directory"),
    "export-out-no-parent": Case(
        export_to(lambda tmp, _: tmp / "missing" / "a.csv"), 2, "no such directory"
    ),
    "export-out-parent-a-file": Case(
        export_to(lambda tmp, _: a_file(tmp) / "a.csv"), 2, "a-file is not a directory"
    ),
    "export-out-read-only": Case(
        export_to(lambda tmp, request: read_only(tmp / "ro", request) / "a.csv"),
        2,
        "cannot write in",
    ),
    "export-data-dir-a-file": Case(
        lambda tmp, _: [
            *("export", "--format", "csv", "--out", str(tmp / "a.csv")),
            *("--data-dir", str(a_file(tmp))),
        ],
        2,
        "is not a directory",
    ),
    # serve-replica --port
    "port-too-large": Case(
        fixed("serve-replica", "hungyen", "--port", "80000"), 2, "--port must be from 0 to 65535"
    ),
    "port-negative": Case(fixed("serve-replica", "hungyen", "--port", "-1"), 2, "not -1"),
    # verify: fields of the wrong type are problems at file:line, not a crash
    "verify-version-a-string": Case(
        verify_line({"version": "2"}), 1, "problems", 'run-1.jsonl:1: version: "2" is not of type'
    ),
    "verify-id-missing": Case(
        verify_line({}, drop="id"), 1, "problems", 'run-1.jsonl:1: (record): "id" is a required'
    ),
    "verify-id-not-a-string": Case(
        verify_line({"id": 42}), 1, "problems", 'run-1.jsonl:1: id: 42 is not of type "string"'
    ),
    "verify-site-not-a-string": Case(
        verify_line({"site": ["hungyen"]}), 1, "problems", 'run-1.jsonl:1: site: ["hungyen"]'
    ),
    "verify-data-dir-a-file": Case(
        lambda tmp, _: ["verify", "--data-dir", str(a_file(tmp))], 2, "is not a directory"
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_input_gets_one_line_and_its_exit_code(case: Case, tmp_path, request):
    result = police_archive(*case.args(tmp_path, request))
    assert_one_line_error(result, case.code, case.text)
    assert result.stderr.startswith("police-archive: error: ")
    assert case.stdout in result.stdout
    if case.code == 2:  # refused before anything started
        assert not list(tmp_path.glob("**/runs/*.json"))
