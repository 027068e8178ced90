"""The `police-archive` command (also `python -m scraper`). See README for each command."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

from scraper import __version__
from scraper.errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNHEALTHY,
    EXIT_USAGE,
    SettingsError,
    os_error_text,
)
from scraper.extract.urls import is_web_url
from scraper.platforms import ExtractionError
from scraper.profiles import ProfileError, load_profiles, site_key_problem
from scraper.site_profile import SiteProfile
from scraper.state import DataLayout, SiteLocked, read_archive_lines

if TYPE_CHECKING:
    from scraper.summary import RunSummary


class UsageError(Exception):
    """Bad usage or configuration: exit 2 with a one-line message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _build_parser() -> argparse.ArgumentParser:
    # --data-dir is accepted before and after the command; only the top level has a
    # default, so that a value given before the command is not reset after it
    top = _Parser(add_help=False)
    common = _Parser(add_help=False)
    for parser, default in ((top, Path("data")), (common, argparse.SUPPRESS)):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=default,
            metavar="DIR",
            help="where archive, runs, logs and state live (default: ./data)",
        )
    # options of every command that crawls
    crawling = _Parser(add_help=False)
    crawling.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a setting of scraper/settings.py, e.g. POLICE_ALERT_WEBHOOK_URL=https://... "
        "(known settings only, each checked: see scraper/setting_rules.py)",
    )
    crawling.add_argument(
        "--unsafe",
        action="store_true",
        help="allow --set values that switch off a fence (ROBOTSTXT_OBEY=false, "
        "DOWNLOAD_MAXSIZE=0, ITEM_PIPELINES=...); they are recorded in the run summary",
    )
    crawling.add_argument(
        "--quiet",
        action="store_true",
        help="print nothing but problems (no live progress on a terminal, no final table)",
    )
    crawling.add_argument(
        "--log-format",
        choices=("text", "json"),
        default="text",
        help="DATA/logs/<run_id>.log as text lines or JSON lines (default: text)",
    )
    parser = _Parser(prog="police-archive", description=__doc__, parents=[top])
    parser.add_argument("--version", action="version", version=f"police-archive {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    commands.add_parser(
        "demo",
        parents=[common, crawling],
        help="serve the bundled replicas on 127.0.0.1 and crawl them all",
    )

    crawl = commands.add_parser(
        "crawl", parents=[common, crawling], help="crawl sites into the archive"
    )
    crawl.add_argument("sites", nargs="*", metavar="SITE", help="site keys, or 'all'")
    crawl.add_argument(
        "--url",
        help="crawl a site that has no profile, from one of its listing pages "
        "(platform detected, generic extraction as the fallback)",
    )
    crawl.add_argument("--name", metavar="KEY", help="with --url: the site's key (default: host)")
    crawl.add_argument(
        "--base-url",
        action="append",
        metavar="[SITE=]URL",
        help="fetch a site from another origin, e.g. a replica (ids and URLs stay those of "
        "the real site): URL for the one site crawled, SITE=URL (repeatable) for several",
    )
    crawl.add_argument(
        "--max-articles", type=int, metavar="N", help="stop after archiving N articles"
    )
    crawl.add_argument(
        "--full", action="store_true", help="walk every listing page and fetch every article again"
    )
    crawl.add_argument(
        "--refresh-days",
        type=int,
        metavar="N",
        help="also fetch known articles published in the last N days (views, late edits)",
    )

    extract = commands.add_parser(
        "extract",
        parents=[common],
        help="print the records of saved HTML pages (files, or folders of .html files), "
        "one JSON line each",
    )
    extract.add_argument("files", type=Path, nargs="+", metavar="FILE")
    extract.add_argument("--url", help="the page's URL, for one file (default: its canonical link)")
    extract.add_argument("--site", help="site key (default: told by the URL)")

    schedule = commands.add_parser(
        "schedule",
        parents=[common, crawling],
        help="crawl periodically in the foreground, never overlapping",
    )
    schedule.add_argument("sites", nargs="+", metavar="SITE", help="site keys, or 'all'")
    when = schedule.add_mutually_exclusive_group(required=True)
    when.add_argument("--every", metavar="DURATION", help="e.g. 6h, 30m, 1h30m")
    when.add_argument("--cron", metavar="EXPR", help='e.g. "0 */6 * * *" (UTC)')
    schedule.add_argument("--base-url", action="append", metavar="[SITE=]URL", help="as for crawl")
    schedule.add_argument("--refresh-days", type=int, metavar="N", help="as for crawl")
    schedule.add_argument(
        "--run-timeout", default="7h", metavar="DURATION", help="stop a run after this long (7h)"
    )
    schedule.add_argument("--max-runs", type=int, metavar="N", help="stop after N runs")
    schedule.add_argument(
        "--min-interval",
        default="5m",
        metavar="DURATION",
        help="refuse a schedule whose runs come closer than this (default 5m; lower it for "
        "a replica)",
    )
    schedule.add_argument(
        "--wait-first",
        action="store_true",
        help="wait for the first tick before the first run (default: the first run at once)",
    )

    report = commands.add_parser(
        "report", parents=[common], help="recent runs per site: status, counts, failed monitors"
    )
    report.add_argument("--site", help="only this site")
    report.add_argument("--last", type=int, default=5, metavar="N", help="runs per site (5)")
    report.add_argument("--json", action="store_true", help="JSON for machines")
    report.add_argument(
        "--html",
        type=Path,
        metavar="PATH",
        help="write one self-contained HTML page of charts (articles per month, runs, "
        "coverage, views) to PATH",
    )

    export = commands.add_parser(
        "export",
        parents=[common],
        help="one table of the latest version of every article (or of view observations), "
        "or a site's captures as WACZ",
    )
    export.add_argument("--format", choices=("parquet", "csv", "wacz"), required=True)
    export.add_argument("--out", type=Path, required=True, metavar="PATH")
    export.add_argument(
        "--table",
        choices=("articles", "views"),
        default="articles",
        help="articles: the latest version of each (default); views: every view observation",
    )
    export.add_argument(
        "--site", action="append", metavar="KEY", help="only this site (repeatable; one for wacz)"
    )
    export.add_argument(
        "--since",
        metavar="DATE",
        help="only articles published (Vietnam time) or views observed (UTC) from this "
        "day on (YYYY-MM-DD)",
    )

    reparse = commands.add_parser(
        "reparse",
        parents=[common],
        help="read the archived pages again from their captures (DATA/warc) with today's "
        "rules; new versions only where a record changed; no network",
    )
    reparse.add_argument("--site", action="append", metavar="KEY", help="only this site")
    reparse.add_argument(
        "--since", metavar="DATE", help="only versions fetched since (YYYY-MM-DD, UTC)"
    )
    reparse.add_argument(
        "--dry-run", action="store_true", help="print what would change, field by field"
    )
    show = commands.add_parser(
        "show", parents=[common], help="an article's versions and the captures they came from"
    )
    show.add_argument("id", metavar="ID")
    commands.add_parser("schema", parents=[common], help="print the record's JSON Schema")

    sites = commands.add_parser(
        "sites",
        parents=[common],
        help="list site profiles: key, name, base URL, platform, verified on its replica "
        "(as last recorded by --verify)",
    )
    sites.add_argument(
        "--verify",
        action="store_true",
        help="check every site's adapter on its replica now and record the result in "
        "DATA/state/verified.json; exit 1 unless all are verified",
    )
    commands.add_parser(
        "verify",
        parents=[common],
        help="check every archive line and the index; exit 1 on problems",
    )

    serve = commands.add_parser(
        "serve-replica",
        parents=[common],
        help="serve one site's replica on 127.0.0.1 until stopped",
    )
    serve.add_argument("site", metavar="SITE")
    serve.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args: argparse.Namespace | None = None
    try:
        args = _build_parser().parse_args(argv)
        handler = {
            "demo": cmd_demo,
            "crawl": cmd_crawl,
            "extract": cmd_extract,
            "sites": cmd_sites,
            "serve-replica": cmd_serve_replica,
            "verify": cmd_verify,
            "report": cmd_report,
            "export": cmd_export,
            "schedule": cmd_schedule,
            "reparse": cmd_reparse,
            "show": cmd_show,
            "schema": cmd_schema,
        }[args.command]
        return handler(args)
    except (UsageError, ProfileError, SettingsError) as exc:
        return _fail(str(exc), EXIT_USAGE)
    except ExtractionError as exc:
        return _fail(f"not an article page: {exc}", EXIT_UNHEALTHY)
    except KeyboardInterrupt:  # outside a crawl (which stops cleanly on its own)
        return _fail("interrupted", EXIT_INTERRUPTED)
    except BrokenPipeError:  # `police-archive report | head`: the reader has enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # the last net: permission denied, disk full, read-only...
        code = EXIT_USAGE if _is_input_path(exc, args) else EXIT_UNHEALTHY
        return _fail(os_error_text(exc), code)


def _fail(message: str, code: int) -> int:
    line = " ".join(message.split())  # one line, whatever the message holds
    print(f"police-archive: error: {line}", file=sys.stderr)
    return code


def _is_input_path(exc: OSError, args: argparse.Namespace | None) -> bool:
    """Whether the error is about a path given on the command line (--data-dir, --out,
    FILE) or the folder it is in: unusable input (exit 2), not a failed run."""
    if args is None or not isinstance(exc.filename, str | bytes | os.PathLike):
        return False
    given = [getattr(args, name, None) for name in ("data_dir", "out", "file")]
    failed = os.path.abspath(os.fsdecode(exc.filename))
    return any(
        isinstance(path, Path) and failed in (_absolute(path), _absolute(path.parent))
        for path in given
    )


def _absolute(path: Path) -> str:
    return os.path.abspath(path)


def _nearest_existing(path: Path, option: str) -> Path:
    """The path itself, or the closest of its parents that exists."""
    current = Path(_absolute(path))
    while True:
        try:
            current.stat()
            return current
        except (FileNotFoundError, NotADirectoryError):
            if current.parent == current:
                return current
            current = current.parent
        except OSError as exc:
            raise UsageError(f"{option} {path}: {os_error_text(exc)}") from None


def _write_problem(directory: Path) -> str | None:
    """Why no file can be made in `directory` (tried, then removed), or None."""
    try:
        handle, name = tempfile.mkstemp(dir=directory, prefix=".police-archive-probe-")
    except OSError as exc:
        return exc.strerror or str(exc)
    os.close(handle)
    os.unlink(name)
    return None


# the folders of a data directory a run writes into (scraper.state.DataLayout)
_WRITTEN_FOLDERS = ("archive", "views", "runs", "logs", "state")


def check_writable_data_dir(path: Path, option: str = "--data-dir") -> None:
    """Refuse, before anything starts, a --data-dir that is a file, or that (or the
    closest parent it would be made in) cannot be written (`option`: how the user gave it,
    for the message: `scrapy crawl` takes ``-s POLICE_DATA_DIR``)."""
    where = _nearest_existing(path, option)
    if not where.is_dir():
        if where == Path(_absolute(path)):
            raise UsageError(f"{option} {path} is not a directory")
        raise UsageError(f"{option} {path}: {where} is not a directory")
    folders = [where]
    if where == Path(_absolute(path)):
        folders += [where / name for name in _WRITTEN_FOLDERS if (where / name).exists()]
    for folder in folders:
        if not folder.is_dir():
            raise UsageError(f"{option} {path}: {folder} is not a directory")
        problem = _write_problem(folder)
        if problem:
            raise UsageError(f"{option} {path}: cannot write in {folder} ({problem})")


def _check_data_dir_exists(path: Path) -> None:
    """Commands that only read the data directory: it must be one."""
    if not path.exists():
        raise UsageError(f"no such data directory: {path}")
    if not path.is_dir():
        raise UsageError(f"--data-dir {path} is not a directory")


def _check_out_file(path: Path) -> None:
    """export --out: a file name in a folder that exists and can be written."""
    if path.is_dir():
        raise UsageError(f"--out {path} is a directory: give the file to write")
    folder = path.parent
    if not folder.exists():
        raise UsageError(f"--out {path}: no such directory: {folder}")
    if not folder.is_dir():
        raise UsageError(f"--out {path}: {folder} is not a directory")
    problem = _write_problem(folder)
    if problem:
        raise UsageError(f"--out {path}: cannot write in {folder} ({problem})")


def _site_keys(requested: Sequence[str], known: Mapping[str, SiteProfile]) -> list[str]:
    """The keys asked for among the `known` sites (``_known_sites``); `all` is every one."""
    keys = sorted(known) if "all" in requested else list(dict.fromkeys(requested))
    unknown = [key for key in keys if key not in known]
    if unknown:
        raise UsageError(f"unknown site '{unknown[0]}' (known sites: {', '.join(sorted(known))})")
    return keys


def _known_sites(data_dir: Path) -> dict[str, SiteProfile]:
    """Bundled sites, and sites remembered in the data directory (first crawled with
    --url); a bundled profile is never shadowed."""
    from scraper.remembered import remembered_profiles

    bundled = load_profiles()
    layout = DataLayout(data_dir)
    remembered = remembered_profiles(layout) if layout.state_dir().is_dir() else {}
    return {**remembered, **bundled}  # a bundled profile is never shadowed


def _targets(keys: Sequence[str], known: Mapping[str, SiteProfile]) -> list[str | SiteProfile]:
    """A bundled site by its key, a remembered one by its profile."""
    bundled = load_profiles()
    return [key if key in bundled else known[key] for key in keys]


def cmd_crawl(args: argparse.Namespace) -> int:
    targets: list[str | SiteProfile]
    if args.url:
        unprofiled = _unprofiled_site(args.url, args.name, args.sites)
        targets, keys = [unprofiled], [unprofiled.key]
    elif args.name:
        raise UsageError("--name goes with --url")
    elif not args.sites:
        raise UsageError("name the sites to crawl (or 'all'), or give --url URL")
    else:
        known = _known_sites(args.data_dir)
        keys = _site_keys(args.sites, known)
        targets = _targets(keys, known)
    base_urls = _base_urls(args.base_url or [], keys)
    if args.max_articles is not None and args.max_articles < 1:
        raise UsageError("--max-articles must be at least 1")
    if args.refresh_days is not None and args.refresh_days < 1:
        raise UsageError("--refresh-days must be at least 1")
    overrides, unsafe = _overrides(args.set, unsafe=args.unsafe)
    check_writable_data_dir(args.data_dir)
    return _run_and_report(
        targets,
        args.data_dir,
        base_urls=base_urls,
        max_articles=args.max_articles,
        full=args.full,
        refresh_days=args.refresh_days,
        log_format=args.log_format,
        overrides=overrides,
        unsafe_settings=unsafe,
        quiet=args.quiet,
    )


def _check_http_url(option: str, url: str) -> None:
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 -- raises ValueError for a port out of range
    except ValueError:
        raise UsageError(f"{option} has a port that is not from 0 to 65535: {url!r}") from None
    if not is_web_url(url):
        raise UsageError(f"{option} must be an http(s) URL, not {url!r}")


def _base_urls(values: Sequence[str], keys: Sequence[str]) -> dict[str, str]:
    """--base-url values as {site: origin}: `SITE=URL` for any site crawled, or a bare URL
    when one site is."""
    found: dict[str, str] = {}
    for value in values:
        key, sep, url = value.partition("=")
        if not sep or "://" in key:  # a bare URL (which may hold "=" in its query)
            if len(keys) != 1:
                raise UsageError(f"--base-url {value}: with several sites, say whose (SITE=URL)")
            key, url = keys[0], value
        if key not in keys:
            raise UsageError(f"--base-url {value}: '{key}' is not a site of this crawl")
        if key in found:
            raise UsageError(f"--base-url: two origins for '{key}'")
        _check_http_url("--base-url", url)
        found[key] = url
    return found


def _unprofiled_site(url: str, name: str | None, sites: Sequence[str]) -> SiteProfile:
    """The provisional profile of a site known by one listing URL (`crawl --url`)."""
    from scraper.platforms.detect import profile_for_url

    if sites:
        raise UsageError("give either site keys or --url, not both")
    _check_http_url("--url", url)
    if name is not None:
        problem = site_key_problem(name)
        if problem:
            shown = repr(name) if len(name) <= 70 else repr(name[:67] + "...")
            raise UsageError(f"--name {shown} is not a site key: it {problem}")
    profile = profile_for_url(url, name)
    if profile.key in load_profiles():
        raise UsageError(
            f"'{profile.key}' is a bundled site: crawl it by its key, or pick another --name"
        )
    return profile


def _overrides(pairs: Sequence[str], *, unsafe: bool) -> tuple[dict[str, Any], dict[str, str]]:
    """The --set NAME=VALUE pairs checked by scraper/setting_rules.py and converted to
    their types; and those that switch off a fence, as given (refused without --unsafe).
    SettingsError names a setting that is unknown or a value of the wrong kind."""
    from scraper.setting_rules import parse_settings

    given: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--set wants NAME=VALUE, not {pair!r}")
        given[name.strip()] = value.strip()
    overrides, fenced = parse_settings(given)
    if fenced and not unsafe:
        name, problem = next(iter(fenced.items()))
        raise UsageError(
            f"--set {name}={given[name]} switches off a fence: {problem} "
            "(add --unsafe to run so anyway; it is recorded in the run summary)"
        )
    return overrides, {name: given[name] for name in fenced}


def _run_and_report(
    keys: Sequence[str | SiteProfile], data_dir: Path, *, quiet: bool = False, **options: Any
) -> int:
    """Crawl, print the summary, one stderr line per unhealthy site; the exit code. On a
    terminal, one live progress line per site while it runs (scraper/progress.py); with
    `quiet` nothing but the problems."""
    # Scrapy's import costs: only the crawling commands pay it
    from scraper.monitor_config import MonitorConfigError
    from scraper.progress import live_progress
    from scraper.runner import run_crawl
    from scraper.spiders.police import new_run_id
    from scraper.summary import stopped_by_signal

    run_id = new_run_id()
    show = not quiet and sys.stderr.isatty()
    if show:
        overrides = {**options.get("overrides", {}), "POLICE_PROGRESS": True}
        options = {**options, "overrides": overrides}
    keys_shown = [key if isinstance(key, str) else key.key for key in keys]
    try:
        with live_progress(DataLayout(data_dir), keys_shown, run_id) if show else nullcontext():
            summary = run_crawl(keys, data_dir, run_id=run_id, **options)
    except SiteLocked as exc:
        return _fail(str(exc), EXIT_UNHEALTHY)
    except MonitorConfigError as exc:
        return _fail(f"monitor configuration: {exc}", EXIT_USAGE)
    except SettingsError as exc:
        return _fail(f"setting: {exc}", EXIT_USAGE)
    if not quiet:
        print(format_summary(summary))
    for site in summary.sites:
        for problem in site.problems:  # one line per failed monitor
            print(f"police-archive: {site.site}: {problem}", file=sys.stderr)
    if any(stopped_by_signal(site) for site in summary.sites):
        return EXIT_INTERRUPTED
    return EXIT_OK if summary.ok else EXIT_UNHEALTHY


def format_summary(summary: RunSummary) -> str:
    from scraper.summary import stopped_by_signal

    header = ("site", "status", "new", "updated", "unchanged", "known", "dropped", "errors")
    rows: list[tuple[object, ...]] = [header] + [
        (
            s.site,
            "stopped" if stopped_by_signal(s) else "ok" if s.ok else "FAILED",
            s.new,
            s.updated,
            s.unchanged,
            s.known,
            s.dropped,
            s.errors,
        )
        for s in summary.sites
    ]
    from scraper.report import text_table

    data = Path(summary.data_dir)
    lines = [
        f"run {summary.run_id}",
        text_table(rows),
        f"archive: {data / 'archive'}",
        f"run summary: {data / 'runs' / (summary.run_id + '.json')}"
        if summary.written
        else "run summary: not written (see the problems below)",
        f"log: {summary.log_file}",
    ]
    unsafe = {k: v for site in summary.sites for k, v in (site.unsafe_settings or {}).items()}
    if unsafe:  # allowed by --unsafe, recorded in the run summary
        lines.append("fences off (--unsafe): " + ", ".join(f"{k}={v}" for k, v in unsafe.items()))
    return "\n".join(lines)


def cmd_reparse(args: argparse.Namespace) -> int:
    from scraper.capture import capture_dir
    from scraper.spiders.reparse import ReparseSpider, parse_since

    layout = DataLayout(args.data_dir)
    since = ""
    if args.since:
        try:
            since = parse_since(args.since)
        except ValueError:
            raise UsageError(f"--since wants a date (YYYY-MM-DD), not {args.since!r}") from None
    keys = args.site or sorted(
        path.name for path in (layout.root / "archive").glob("*") if path.is_dir()
    )
    for key in keys:
        if (problem := site_key_problem(key)) is not None:
            raise UsageError(f"--site {key!r} is not a site key: it {problem}")
        if not layout.archive_dir(key).is_dir():
            raise UsageError(f"no archive of site {key!r} in {layout.root}")
    if not keys:
        raise UsageError(f"nothing archived in {layout.root}")
    sites: list[str | SiteProfile] = [_profile_for_archive(layout, key) for key in keys]
    without = [key for key in keys if not capture_dir(layout, key).is_dir()]
    if without:
        print(f"no captures (DATA/warc) of: {', '.join(without)}", file=sys.stderr)
    check_writable_data_dir(args.data_dir)
    return _run_and_report(
        sites,
        args.data_dir,
        spider=ReparseSpider,
        spider_options={"since": since, "dry_run": args.dry_run},
    )


def _profile_for_archive(layout: DataLayout, key: str) -> str | SiteProfile:
    """The bundled profile of an archived site, or (a site crawled with --url) one made
    from the host of its archived URLs."""
    if key in load_profiles():
        return key
    known = _known_sites(layout.root)
    if key in known:  # remembered from its first crawl with --url
        return known[key]
    from scraper.export import Selection, latest_records
    from scraper.platforms.detect import profile_for_url

    for record in latest_records(layout, Selection((key,))):
        return profile_for_url(str(record["url"]), key)
    raise UsageError(f"no archived article of site {key!r} in {layout.root}")


def cmd_show(args: argparse.Namespace) -> int:
    from scraper.capture import CaptureStore

    layout = DataLayout(args.data_dir)
    site = str(args.id).rpartition("-")[0]
    versions = [
        record
        for path in (layout.archive_files(site) if site_key_problem(site) is None else [])
        for _, record in read_archive_lines(path)
        if isinstance(record, dict) and record.get("id") == args.id
    ]
    if not versions:
        raise UsageError(f"no article {args.id!r} in {layout.root / 'archive'}")
    versions.sort(key=lambda r: int(r["version"]))
    files = sorted({str(r["warc_file"]) for r in versions if r.get("warc_file")})
    store = CaptureStore([layout.root / f for f in files if (layout.root / f).is_file()])
    print(f"{args.id}  {versions[-1]['url']}")
    for record in versions:
        print(
            f"version {record['version']}  fetched {record['scraped_at']}  run {record['run_id']}"
        )
        print(f"  title: {record['title']}")
        record_id = record.get("warc_record_id")
        if not record_id:
            print("  capture: none (written before captures, or built from a CMS API)")
            continue
        stored = store.response(str(record_id))
        where = f"{record['warc_file']} {record_id}"
        if stored is None:
            print(f"  capture: {where} (not found)")
        else:
            print(f"  capture: {where}  HTTP {stored.status}, {len(stored.body)} bytes as received")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:  # noqa: ARG001 (no option of its own)
    from scraper.record import article_schema

    print(json.dumps(article_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from testbed.replica import SITE_KEYS
    from testbed.replica.server import start_server

    overrides, unsafe = _overrides(args.set, unsafe=args.unsafe)
    check_writable_data_dir(args.data_dir)
    servers = []
    base_urls: dict[str, str] = {}
    try:
        for key in SITE_KEYS:
            server, url = start_server(key)
            servers.append(server)
            base_urls[key] = url
            if not args.quiet:
                print(f"serving the {key} replica at {url}/")
        return _run_and_report(
            list(SITE_KEYS),
            args.data_dir,
            base_urls=base_urls,
            log_format=args.log_format,
            overrides=overrides,
            unsafe_settings=unsafe,
            quiet=args.quiet,
        )
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def cmd_extract(args: argparse.Namespace) -> int:
    """One JSON line per page on stdout; a page that cannot be read is one line on stderr
    and the rest go on. Exit 0 when every page gave a record, 1 when one is no article,
    2 when one's site cannot be told (give --site)."""
    from scraper.extract_page import extract_file

    pages = _saved_pages(args.files)
    if args.url and len(pages) > 1:
        raise UsageError("--url names one page: give one FILE with it")
    code = EXIT_OK
    for page in pages:
        try:
            record = extract_file(page, url=args.url, site=args.site)
        except ProfileError as exc:
            code = EXIT_USAGE
            _fail(f"{page}: {exc}", code)
        except ExtractionError as exc:
            code = max(code, EXIT_UNHEALTHY)
            _fail(f"{page}: not an article page: {exc}", code)
        else:
            print(json.dumps(record, ensure_ascii=False), flush=True)
    return code


def _saved_pages(paths: Sequence[Path]) -> list[Path]:
    """The files given, and the .html/.htm files under the folders given, in order."""
    pages: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".html", ".htm"))
            if not found:
                raise UsageError(f"no .html file in {path}")
            pages += found
        elif path.is_file():
            pages.append(path)
        else:
            raise UsageError(f"no such file: {path}")
    return pages


def cmd_sites(args: argparse.Namespace) -> int:
    # Plain `sites` reads the recorded verification only: it never imports testbed.
    from scraper.report import text_table
    from scraper.state import DataLayout
    from scraper.verified import NOT_CHECKED, YES, read_verified, record_verified, verified_status

    profiles = load_profiles()
    layout = DataLayout(args.data_dir)
    if args.verify:
        check_writable_data_dir(args.data_dir)
        from testbed.evaluate import verified_on_replica

        recorded = record_verified(layout, {key: verified_on_replica(key) for key in profiles})
    else:
        recorded = read_verified(layout)
    status = {key: verified_status(recorded, key) for key in profiles}
    rows = [("key", "name", "base URL", "platform", "verified on replica")] + [
        (p.key, p.name, p.base_url, p.platform, status[p.key]) for p in profiles.values()
    ]
    print(text_table(rows))
    if args.verify:
        failed = [key for key, value in status.items() if value != YES]
        if failed:
            return _fail(f"not verified on its replica: {', '.join(failed)}", EXIT_UNHEALTHY)
    elif NOT_CHECKED in status.values():
        print("not checked: run `police-archive sites --verify` to check on the replicas")
    return EXIT_OK


def cmd_serve_replica(args: argparse.Namespace) -> int:
    from testbed.replica import SITE_KEYS
    from testbed.replica.server import make_server

    if args.site not in SITE_KEYS:
        raise UsageError(f"no replica for site '{args.site}' (replicas: {', '.join(SITE_KEYS)})")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be from 0 to 65535 (0: a free one), not {args.port}")
    try:
        server = make_server(args.site, port=args.port)
    except OSError as exc:
        return _fail(f"cannot listen on port {args.port}: {exc.strerror}", EXIT_USAGE)
    host, port = server.server_address[:2]
    host = host.decode() if isinstance(host, bytes) else host
    print(f"serving the {args.site} replica at http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from scraper.state import DataLayout
    from scraper.verify import verify

    _check_data_dir_exists(args.data_dir)
    report = verify(DataLayout(args.data_dir))
    for note in report.notes:
        print(f"note: {note}")
    for problem in report.problems:
        print(problem)
    summary = (
        f"{report.lines} lines in {report.files} files, {report.articles} articles, "
        f"{len(report.problems)} problems"
    )
    if not report.ok:
        return _fail(summary, EXIT_UNHEALTHY)
    print(f"ok: {summary}")
    return EXIT_OK


def cmd_schedule(args: argparse.Namespace) -> int:
    from scraper.schedule import next_times, parse_duration, run_schedule, shortest_interval

    keys = _site_keys(args.sites, _known_sites(args.data_dir))
    try:
        every = parse_duration(args.every) if args.every else None
        next_tick = next_times(every, args.cron)
        run_timeout = parse_duration(args.run_timeout)
        floor = parse_duration(args.min_interval)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    gap = every if every is not None else shortest_interval(next_tick)
    if gap < floor:
        given = f"--every {args.every}" if args.every else f"--cron {args.cron!r}"
        raise UsageError(
            f"{given} runs every {_duration_text(gap)}, more often than --min-interval "
            f"{args.min_interval}: a site is not polled that often (lower --min-interval to "
            "allow it)"
        )
    if not run_timeout:
        raise UsageError("--run-timeout must be longer than 0")
    if args.max_runs is not None and args.max_runs < 1:
        raise UsageError("--max-runs must be at least 1")
    if args.refresh_days is not None and args.refresh_days < 1:
        raise UsageError("--refresh-days must be at least 1")
    crawl_args = [*keys, "--data-dir", str(args.data_dir)]
    for key, url in _base_urls(args.base_url or [], keys).items():
        crawl_args += ["--base-url", f"{key}={url}"]
    if args.refresh_days:
        crawl_args += ["--refresh-days", str(args.refresh_days)]
    _overrides(args.set, unsafe=args.unsafe)  # refuse a bad --set now, not at every run
    for pair in args.set:
        crawl_args += ["--set", pair]
    if args.unsafe:
        crawl_args.append("--unsafe")
    crawl_args += ["--log-format", args.log_format]
    if args.quiet:
        crawl_args.append("--quiet")
    check_writable_data_dir(args.data_dir)
    return run_schedule(
        crawl_args,
        next_tick,
        run_timeout=run_timeout,
        max_runs=args.max_runs,
        wait_first=args.wait_first,
    )


def _duration_text(gap: timedelta) -> str:
    seconds = int(gap.total_seconds())
    if seconds % 60:
        return f"{seconds}s"
    return f"{seconds // 60}m"


def cmd_report(args: argparse.Namespace) -> int:
    from scraper.report import format_table, recent_runs
    from scraper.state import DataLayout

    if args.last < 1:
        raise UsageError("--last must be at least 1")
    layout = DataLayout(args.data_dir)
    if not layout.runs_dir().is_dir():
        raise UsageError(f"no runs in {args.data_dir} (no such directory: {layout.runs_dir()})")
    if args.html is not None:
        from scraper.report_html import write_html_report

        _check_out_file(args.html)
        if args.site and args.site not in {r["site"] for r in recent_runs(layout, None, 1)}:
            raise UsageError(f"no runs of site '{args.site}' in {args.data_dir}")
        charts = write_html_report(layout, args.html, args.site)
        print(f"wrote {charts} charts to {args.html}")
        return EXIT_OK
    rows = recent_runs(layout, args.site, args.last)
    if args.site and not rows:  # any key `report` lists is one it takes
        listed = sorted({row["site"] for row in recent_runs(layout, None, 1)} - {"?"})
        raise UsageError(
            f"no runs of site '{args.site}' in {args.data_dir} "
            f"(sites with runs: {', '.join(listed) or 'none'})"
        )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print(format_table(rows))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from scraper.export import ExportError, Selection, export

    _check_data_dir_exists(args.data_dir)
    layout = DataLayout(args.data_dir)
    sites = tuple(dict.fromkeys(args.site or ()))
    for key in sites:
        if (problem := site_key_problem(key)) is not None:
            raise UsageError(f"--site {key!r} is not a site key: it {problem}")
        if not layout.archive_dir(key).is_dir():
            raise UsageError(f"no archive of site {key!r} in {args.data_dir}")
    since = _since_day(args.since) if args.since else ""
    if not layout.archive_files():
        raise UsageError(f"no archive to export in {args.data_dir}")
    _check_out_file(args.out)
    if args.format == "wacz":
        return _export_wacz(layout, sites, args.out, since)
    try:
        rows = export(
            layout, args.format, args.out, table=args.table, selection=Selection(sites, since)
        )
    except ExportError as exc:
        return _fail(str(exc), EXIT_UNHEALTHY)
    what = "view observations" if args.table == "views" else "articles (latest versions)"
    print(f"wrote {rows} {what} to {args.out}")
    return EXIT_OK


def _since_day(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise UsageError(f"--since wants a day (YYYY-MM-DD), not {text!r}") from None


def _export_wacz(layout: DataLayout, sites: tuple[str, ...], out: Path, since: str) -> int:
    from scraper.export import Selection, latest_records
    from scraper.wacz import WaczError, export_wacz

    if len(sites) != 1:
        raise UsageError("--format wacz packs one site's captures: give one --site KEY")
    if since:
        raise UsageError("--format wacz packs every capture of the site: --since does not apply")
    records = list(latest_records(layout, Selection(sites)))
    try:
        files = export_wacz(layout, sites[0], out, records)
    except WaczError as exc:
        raise UsageError(str(exc)) from None
    print(f"wrote {files} capture files and {len(records)} pages of {sites[0]} to {out}")
    return EXIT_OK
