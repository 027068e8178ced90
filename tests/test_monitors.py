"""Monitors: a broken site fails the right monitor, loudly, with alerts."""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from lxml import html as lxml_html
from scrapy.settings import Settings

from scraper.monitor_config import MonitorConfig, MonitorConfigError
from scraper.profiles import load_profile
from testbed.replica import Page, build_replica
from tests.e2e import (
    assert_one_line_error,
    closed_port,
    crawl,
    latest_run,
    police_archive,
    served,
)

SITE = "hungyen"
REPLICA = build_replica(SITE)


def settings(**values) -> Settings:
    result = Settings()
    result.setmodule("scraper.settings", priority="project")
    result.setdict(values, priority="cmdline")
    return result


# -- configuration ----------------------------------------------------------------------
def test_default_thresholds_and_per_site_overrides():
    config = MonitorConfig.from_settings(settings())
    profile = load_profile(SITE)
    assert config.thresholds_for(profile)["title"] == 1.0
    assert config.thresholds_for(profile)["view_count"] == 0.9
    no_views = dataclasses.replace(profile, shows_views=False, coverage={"author": 0.5})
    assert "view_count" not in config.thresholds_for(no_views)
    assert config.thresholds_for(no_views)["author"] == 0.5
    assert config.coverage_thresholds["author"] == 0.8  # the settings' own are kept
    assert config.min_archived_ratio == 0.5


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"POLICE_MAX_ERROR_RATIO": 2}, "POLICE_MAX_ERROR_RATIO"),
        ({"POLICE_MIN_ARCHIVED_RATIO": 1.5}, "POLICE_MIN_ARCHIVED_RATIO"),
        ({"POLICE_MIN_ARCHIVED_RATIO": -0.1}, "POLICE_MIN_ARCHIVED_RATIO"),
        ({"POLICE_COVERAGE_THRESHOLDS": {"titel": 1.0}}, r"\['titel'\]: not a field"),
        ({"POLICE_COVERAGE_THRESHOLDS": {"body": 95}}, "'body'"),
        ({"POLICE_HISTORY_MIN_RUNS": 20}, "POLICE_HISTORY_MIN_RUNS"),
        ({"POLICE_ALERT_WEBHOOK_URL": "ftp://x"}, "POLICE_ALERT_WEBHOOK_URL"),
        ({"POLICE_ALERT_EMAIL_TO": "ops@example.org"}, "POLICE_SMTP_HOST"),
    ],
)
def test_misconfigured_monitors_are_refused(values, message):
    with pytest.raises(MonitorConfigError, match=message):
        MonitorConfig.from_settings(settings(**values))


@pytest.mark.e2e
def test_misconfigured_monitor_stops_the_crawl_at_start_up(tmp_path):
    result = police_archive(
        "crawl", SITE, "--data-dir", str(tmp_path), "--set", "POLICE_MAX_ERROR_RATIO=2"
    )
    assert_one_line_error(result, 2, "monitor configuration: POLICE_MAX_ERROR_RATIO")
    assert not (tmp_path / "archive").exists()


# -- broken replicas --------------------------------------------------------------------
def broken_crawl(tmp_path: Path, overrides: dict[str, Page], *options: str):
    with served(SITE, overrides=overrides) as url:
        result = police_archive(
            "crawl", SITE, "--base-url", url, "--data-dir", str(tmp_path), *options
        )
    assert result.returncode == 1, result.stdout + result.stderr
    failed = {
        m["name"]: m["message"]
        for m in latest_run(tmp_path)["sites"][0]["monitors"]
        if m["status"] not in ("OK", "SKIPPED")
    }
    return result, failed


def rewritten(path: str, old: str, new: str) -> Page:
    body = REPLICA.pages[path].body.decode("utf-8")
    assert old in body
    return Page(body=body.replace(old, new).encode("utf-8"))


@pytest.mark.e2e
def test_article_pages_answering_503(tmp_path):
    overrides = {
        path: Page(body=b"<h1>Service Unavailable</h1>", status=503)
        for path in REPLICA.article_paths
    }
    result, failed = broken_crawl(tmp_path, overrides)
    assert "status code=503" in failed["Unwanted HTTP codes monitor"]
    assert "HTTP 503" in failed["Error ratio"]
    for name, message in failed.items():  # one stderr line per failed monitor
        assert f"police-archive: {SITE}: {name}: {message}" in result.stderr.splitlines()
    summary = latest_run(tmp_path)["sites"][0]
    assert summary["responses_by_status"]["503"] >= len(REPLICA.article_paths)
    assert summary["errors_by_type"]["HTTP 503"]["example"].startswith("http://127.0.0.1:")


@pytest.mark.e2e
def test_listings_without_articles(tmp_path):
    empty = Page(body=b"<html><body><div class='list-news'></div></body></html>")
    _, failed = broken_crawl(tmp_path, dict.fromkeys(REPLICA.start_paths, empty))
    assert failed["Articles found"].startswith("no articles found: no article links on 3 listing")


@pytest.mark.e2e
def test_body_container_renamed_is_read_by_the_generic_rule(tmp_path):
    overrides = {
        p: rewritten(p, 'class="article-content"', 'class="article-text"')
        for p in REPLICA.article_paths
    }
    with served(SITE, overrides=overrides) as url:
        summary = crawl(SITE, url, tmp_path)  # healthy: no article lost
    assert summary["new"] == len(REPLICA.article_paths)
    assert summary["field_sources"]["body"] == {"generic": len(REPLICA.article_paths)}
    assert summary["field_sources"]["title"] == {"adapter": len(REPLICA.article_paths)}
    log = next((tmp_path / "logs").glob("*.log")).read_text("utf-8")
    assert "the portal adapter's selector for body matched on no page" in log


def _text_gone(path: str) -> Page:
    """The article page as a script-rendered shell: headline and date, no text."""
    root = lxml_html.document_fromstring(REPLICA.pages[path].body.decode("utf-8"))
    for node in root.xpath("//*[@class='article-content' or @class='article-sapo']"):
        node.drop_tree()
    return Page(body=lxml_html.tostring(root, encoding="utf-8"))


@pytest.mark.e2e
def test_article_text_gone(tmp_path):
    overrides = {p: _text_gone(p) for p in REPLICA.article_paths}
    _, failed = broken_crawl(tmp_path, overrides, "--log-format", "json")
    assert re.search(r"on 48 article pages: body \d+% < 100%", failed["Field coverage"])
    assert "title" not in failed["Field coverage"]
    events = [
        json.loads(line)
        for line in next((tmp_path / "logs").glob("*.log")).read_text("utf-8").splitlines()
    ]
    assert {"time", "level", "logger", "message"} <= set(events[0])
    warnings = [e["message"] for e in events if e["level"] == "WARNING"]
    # one line per dropped record, with its URL and the reason
    dropped = [m for m in warnings if m.startswith("dropped (InvalidRecord): invalid record ")]
    assert dropped
    assert all("https://congan.hungyen.gov.vn/" in m and "body:" in m for m in dropped)
    assert not any("Traceback" in e["message"] for e in events)


def _without_category(path: str) -> Page:
    """The article page with neither its category header nor its breadcrumb."""
    root = lxml_html.document_fromstring(REPLICA.pages[path].body.decode("utf-8"))
    for node in root.xpath("//*[@class='category-title' or @class='breadcrumb']"):
        node.drop_tree()
    return Page(body=lxml_html.tostring(root, encoding="utf-8"))


@pytest.mark.e2e
def test_a_layout_change_shows_against_history(tmp_path):
    with served(SITE) as url:
        for _ in range(3):
            assert crawl(SITE, url, tmp_path, "--full")["ok"]
    overrides = {p: _without_category(p) for p in REPLICA.article_paths}
    _, failed = broken_crawl(tmp_path, overrides, "--full")
    assert set(failed) == {"History"}  # no threshold on category: only history notices
    assert "category coverage 0% (median 100%)" in failed["History"]
    report = json.loads(
        police_archive("report", "--data-dir", str(tmp_path), "--json", "--site", SITE).stdout
    )
    assert [row["status"] for row in report] == ["ok", "ok", "ok", "FAILED"]
    assert report[-1]["failed_monitors"] == ["History"]


# -- alerts -----------------------------------------------------------------------------
class WebhookReceiver(ThreadingHTTPServer):
    def __init__(self) -> None:
        self.received: list[dict] = []
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                received.append(json.loads(self.rfile.read(length)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture
def webhook() -> Iterator[WebhookReceiver]:
    server = WebhookReceiver()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def smtp_inbox() -> Iterator[tuple[int, list]]:
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    inbox: list = []

    class Keep(Message):
        def handle_message(self, message) -> None:
            inbox.append(message)

    port = closed_port()  # aiosmtpd's Controller cannot start on port 0
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


@pytest.mark.e2e
def test_failed_monitors_post_the_summary_and_send_mail(tmp_path, webhook, smtp_inbox):
    smtp_port, inbox = smtp_inbox
    empty = Page(body=b"<html><body></body></html>")
    hook = f"http://127.0.0.1:{webhook.server_address[1]}/alerts"
    broken_crawl(
        tmp_path,
        dict.fromkeys(REPLICA.start_paths, empty),
        "--set",
        f"POLICE_ALERT_WEBHOOK_URL={hook}",
        "--set",
        "POLICE_ALERT_EMAIL_TO=ops@example.org",
        "--set",
        "POLICE_SMTP_HOST=127.0.0.1",
        "--set",
        f"POLICE_SMTP_PORT={smtp_port}",
    )
    [payload] = webhook.received
    assert payload["site"] == SITE
    assert payload["ok"] is False
    assert payload["run_id"] == latest_run(tmp_path)["run_id"]
    assert any(m["name"] == "Articles found" and m["status"] == "FAIL" for m in payload["monitors"])
    [mail] = inbox
    assert mail["To"] == "ops@example.org"
    assert f"{SITE} unhealthy" in mail["Subject"]
    assert "Articles found: no articles found" in mail.get_payload()


@pytest.mark.e2e
def test_healthy_crawl_sends_no_alert(tmp_path, webhook):
    hook = f"http://127.0.0.1:{webhook.server_address[1]}/alerts"
    with served(SITE) as url:
        crawl(SITE, url, tmp_path, "--set", f"POLICE_ALERT_WEBHOOK_URL={hook}")
    assert webhook.received == []


@pytest.mark.e2e
def test_an_alert_that_cannot_be_sent_is_one_line_not_a_traceback(tmp_path):
    empty = Page(body=b"<html><body></body></html>")
    port = closed_port()
    result, failed = broken_crawl(
        tmp_path,
        dict.fromkeys(REPLICA.start_paths, empty),
        "--set",
        f"POLICE_ALERT_WEBHOOK_URL=http://127.0.0.1:{port}/alerts",
        "--set",
        "POLICE_ALERT_EMAIL_TO=ops@example.org",
        "--set",
        "POLICE_SMTP_HOST=127.0.0.1",
        "--set",
        f"POLICE_SMTP_PORT={port}",
    )
    assert "Articles found" in failed
    lines = result.stderr.strip().splitlines()
    assert any("the webhook alert was not sent: http://127.0.0.1:" in line for line in lines)
    assert any("the e-mail alert was not sent: 127.0.0.1:" in line for line in lines)
    log = next((tmp_path / "logs").glob("*.log")).read_text("utf-8")
    assert "could not be sent" in log
    assert "Traceback" not in log
