"""Run monitors (Spidermon): a failing site must be loud, not silent.

Spidermon runs `PoliceMonitorSuite` when each site's crawl closes. Spidermon's own
monitors check the finish reason and unwanted HTTP codes; ours, on the same base class,
check that robots.txt could be read and listings list articles, that the article pages
requested end in the archive, the error ratio, field coverage per site, and drops
against the site's previous runs (how a layout change shows up). Actions record every
result in the crawl stats (so the run summary and the exit code carry them) and, when a
monitor fails, POST the site's summary to a webhook and send an e-mail.
"""

from __future__ import annotations

import json
import logging
import math
import smtplib
import statistics
import urllib.request
import warnings
from email.message import EmailMessage
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import ScrapyDeprecationWarning
from spidermon import Monitor, MonitorSuite, monitors
from spidermon.contrib.scrapy.extensions import Spidermon
from spidermon.contrib.scrapy.monitors import FinishReasonMonitor, UnwantedHTTPCodesMonitor
from spidermon.contrib.scrapy.runners import SpiderMonitorResult, SpiderMonitorRunner
from spidermon.core.actions import Action
from spidermon.settings import MONITOR

from scraper.monitor_config import MonitorConfig
from scraper.record import COVERAGE_FIELDS
from scraper.site_run import SiteRun
from scraper.summary import INTERRUPTED, SiteSummary, coverage_of, previous_site_runs

logger = logging.getLogger(__name__)

# Spidermon 1.27 still calls the deprecated Spider.log(); the warning is its, not ours.
warnings.filterwarnings(
    "ignore", message=r"Spider\.log\(\) is deprecated", category=ScrapyDeprecationWarning
)


def config_of(crawler: Crawler) -> MonitorConfig:
    """The crawl's monitor configuration, built once by its SiteRun."""
    config = SiteRun.of(crawler).monitor_config
    if config is None:
        raise RuntimeError("monitors run while SPIDERMON_ENABLED is off")
    return config


# stats key prefix: the sentence a passing monitor leaves (PoliceMonitor.checked)
CHECKED = "monitors_checked/"


class PoliceMonitor(Monitor):
    @property
    def stats(self) -> dict[str, Any]:
        stats: dict[str, Any] = self.data.stats
        return stats

    @property
    def config(self) -> MonitorConfig:
        return config_of(self.data.crawler)

    def checked(self, sentence: str) -> None:
        """What a monitor that passes found (RecordMonitorResults puts it in its result):
        an OK says what it checked, "48 of 48 article pages archived"."""
        self.data.crawler.stats.set_value(f"{CHECKED}{self.monitor_name}", sentence)


@monitors.name("Articles found")
class ArticlesFoundMonitor(PoliceMonitor):
    @monitors.name("listing pages list articles")
    def test_listings_list_articles(self) -> None:
        listed = int(self.stats.get("articles/listed", 0))
        pages = int(self.stats.get("pages/listing", 0))
        robots = self.stats.get("robots/unavailable")
        if robots:  # robots.txt failed closed (scraper/middlewares/robots.py)
            refused = int(self.stats.get("robots/refused", 0))
            outcome = "nothing fetched" if not pages else f"{refused} requests refused"
            if self.stats.get("robots/unreachable"):  # no answer at all: a network error
                self.fail(f"site unreachable: {robots} (robots.txt: {outcome})")
            self.fail(f"robots.txt unavailable ({robots}): {outcome}")
        if listed == 0:
            if not pages:
                self.fail(
                    f"site unreachable: {self.stats.get('errors/first') or 'no listing page'}"
                )
            self.fail(
                f"no articles found: no article links on {pages} listing pages (layout change?)"
            )
        self.checked(f"{listed} articles listed on {pages} listing pages")


def errors_by_reason(stats: dict[str, Any]) -> dict[str, int]:
    """Requests that finally failed, by reason: the spider's errback counts each request
    once, after its retries and redirects."""
    return _prefixed(stats, "errors/by_reason/")


def _prefixed(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {k.removeprefix(prefix): int(v) for k, v in stats.items() if k.startswith(prefix)}


# the kinds of request the spider counts as it sends each one (requests/<kind>): the
# retries and redirects of a request are no new requests, robots.txt is Scrapy's own
REQUEST_KINDS = ("listing", "article", "discovery")


@monitors.name("Error ratio")
class ErrorRatioMonitor(PoliceMonitor):
    @monitors.name("few requests fail")
    def test_error_ratio(self) -> None:
        if self.stats.get("robots/unavailable"):
            self.skipTest("robots.txt unavailable: nothing fetched (see Articles found)")
        reasons = errors_by_reason(self.stats)
        failed = sum(reasons.values())
        sent = sum(int(self.stats.get(f"requests/{kind}", 0)) for kind in REQUEST_KINDS)
        requests = max(sent, failed)  # each failure is one request the spider made
        if requests and failed / requests > self.config.max_error_ratio:
            detail = ", ".join(f"{reason} ×{n}" for reason, n in sorted(reasons.items()))
            self.fail(
                f"{failed} of {requests} requests failed ({failed / requests:.0%} > "
                f"{self.config.max_error_ratio:.0%}): {detail}"
            )
        self.checked(f"{failed} of {requests} requests failed")


# item drops that lose nothing: the archive holds the article already
KEPT_DROPS = frozenset({"UnchangedArticle", "DuplicateInRun"})
KEPT = ("articles/archived", "articles/unchanged", "articles/duplicate_in_run")


@monitors.name("Articles archived")
class ArticlesArchivedMonitor(PoliceMonitor):
    """Article pages requested -> articles archived (or known unchanged): a run that
    fetched article pages must not end "ok" with none of them, or far too few, kept."""

    @monitors.name("article pages requested end in the archive")
    def test_articles_archived(self) -> None:
        requested = int(self.stats.get("requests/article", 0))
        if not requested:
            self.skipTest("no article page requested in this run")
        kept = sum(int(self.stats.get(key, 0)) for key in KEPT)
        share = kept / requested
        floor = self.config.min_archived_ratio
        if kept and share >= floor:
            self.checked(f"{kept} of {requested} article pages archived or known unchanged")
            return
        below = f" ({share:.0%} < {floor:.0%})" if share < floor else ""
        lost = ", ".join(self._losses()) or "no reason counted (see the log)"
        self.fail(f"{kept} of {requested} article pages archived{below}: {lost}")

    def _losses(self) -> list[str]:
        """What became of the article pages that were not archived, most frequent first:
        items dropped by reason, pages without an article, requests failed by reason."""
        stats = self.stats
        found: list[tuple[int, str]] = []
        for reason, count in _prefixed(stats, "item_dropped_reasons_count/").items():
            if reason in KEPT_DROPS or not count:
                continue
            details = []
            if reason == "InvalidRecord":  # the fields the schema refused
                details += sorted(_prefixed(stats, "articles/invalid/"))
            example = stats.get(f"dropped/example/{reason}")
            if example:
                details.append(f"e.g. {example}")
            detail = f" ({', '.join(details)})" if details else ""
            found.append((count, f"dropped {reason} ×{count}{detail}"))
        no_article = int(stats.get("pages/extraction_failed", 0))
        if no_article:
            found.append((no_article, f"no article on the page ×{no_article}"))
        for reason, count in errors_by_reason(stats).items():
            example = stats.get(f"errors/example/{reason}")
            detail = f" (e.g. {example})" if example else ""
            found.append((count, f"failed {reason} ×{count}{detail}"))
        return [text for _, text in sorted(found, key=lambda pair: -pair[0])]


@monitors.name("Field coverage")
class FieldCoverageMonitor(PoliceMonitor):
    @monitors.name("fields are filled on article pages")
    def test_field_coverage(self) -> None:
        pages = int(self.stats.get("coverage/pages", 0))
        if not pages:
            self.skipTest("no article page fetched in this run")
        coverage = coverage_of(self.stats)
        low = []
        thresholds = self.config.thresholds_for(self.data.crawler.spider.profile)
        for name, threshold in thresholds.items():
            missing = pages - int(self.stats.get(f"coverage/{name}", 0))
            # a few pages may miss a field below 100%: round the allowance up, so that
            # one page without a view counter in a run of 12 is not an alarm
            allowed = math.ceil(round((1 - threshold) * pages, 6))
            if missing > allowed:
                low.append(f"{name} {coverage[name]:.0%} < {threshold:.0%}")
        if low:
            self.fail(f"field coverage below threshold on {pages} article pages: " + ", ".join(low))
        shares = ", ".join(
            f"{name} {coverage[name]:.0%}" for name in thresholds if coverage[name] is not None
        )
        self.checked(f"on {pages} article pages: {shares}")


@monitors.name("History")
class HistoryDropMonitor(PoliceMonitor):
    """Compares with the median of the site's last healthy runs."""

    @monitors.name("no drop against the site's previous runs")
    def test_no_drop_against_history(self) -> None:
        config = self.config
        run = SiteRun.of(self.data.crawler)
        history = previous_site_runs(run.layout, run.site, config.history_runs, skip_run=run.run_id)
        if len(history) < config.history_min_runs:
            self.skipTest(f"{len(history)} previous runs, {config.history_min_runs} needed")
        floor = 1 - config.history_max_drop
        drops = []
        pages = int(self.stats.get("pages/listing", 0))
        if pages:
            per_page = int(self.stats.get("articles/listed", 0)) / pages
            usual = statistics.median(r["articles_per_listing_page"] for r in history)
            if per_page < usual * floor:
                drops.append(f"articles per listing page {per_page:.1f} (median {usual:.1f})")
        coverage = coverage_of(self.stats)
        for name in COVERAGE_FIELDS:
            past = [r["coverage"][name] for r in history if r["coverage"].get(name) is not None]
            if coverage[name] is None or len(past) < config.history_min_runs:
                continue
            usual = statistics.median(past)
            if coverage[name] < usual * floor:
                drops.append(f"{name} coverage {coverage[name]:.0%} (median {usual:.0%})")
        if drops:
            self.fail(f"far below the last {len(history)} runs: " + ", ".join(drops))
        self.checked(f"no drop against the median of the last {len(history)} healthy runs")


def _spidermon_checked(name: str, stats: Any) -> str:
    """What the two monitors taken from Spidermon as they are checked, when they pass."""
    if name == "Finish Reason Monitor":
        return f"finish reason {stats.get_value('finish_reason')}"
    if name == "Unwanted HTTP codes monitor":
        return "no unwanted HTTP status above its limit"
    return ""


class RecordMonitorResults(Action):
    """Put each monitor's outcome in the stats: the run summary and exit code use them."""

    def run_action(self) -> None:
        stats = self.data.crawler.stats
        for result in self.result.monitor_results:
            name = result.item.monitor_name
            message = str(getattr(result, "reason", "") or "")
            if result.status == MONITOR.STATUS.SUCCESS:  # what it checked, where it says
                message = str(
                    stats.get_value(f"{CHECKED}{name}") or _spidermon_checked(name, stats)
                )
                logger.info("monitor %s: OK: %s", name, message or "passed")
            if result.status == MONITOR.STATUS.ERROR:  # the monitor itself broke
                lines = str(getattr(result, "error", "")).strip().splitlines()
                message = f"monitor error: {lines[-1] if lines else 'unknown'}"
            message = message.removeprefix("False is not true : ")
            stats.set_value(f"monitors/{name}", {"status": result.status, "message": message})


class PostSummaryToWebhook(Action):
    """POST the site's run summary as JSON to POLICE_ALERT_WEBHOOK_URL."""

    def run_action(self) -> None:
        url = config_of(self.data.crawler).webhook_url
        if not url:
            return
        body = json.dumps(alert_payload(self.data.crawler), ensure_ascii=False).encode()
        request = urllib.request.Request(  # noqa: S310 -- MonitorConfig admits http(s) only
            url, data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310 -- as above
                response.read()
        except OSError as exc:  # unreachable, refused, HTTP error: an alert lost is said once
            alert_failed(self.data.crawler, "webhook", url, exc)


class SendAlertEmail(Action):
    """Mail the failed monitors and the site's summary to POLICE_ALERT_EMAIL_TO.

    Spidermon's SendSmtpEmail requires SMTP authentication and sends through Twisted
    without waiting, so the message can be lost when the crawl process ends; this one
    sends with smtplib before the crawl is allowed to finish.
    """

    def run_action(self) -> None:
        config = config_of(self.data.crawler)
        if not config.email_to:
            return
        payload = alert_payload(self.data.crawler)
        failed = [m for m in payload["monitors"] if m["status"] not in MONITOR.STATUSES.SUCCESSFUL]
        message = EmailMessage()
        message["Subject"] = (
            f"police-archive: {payload['site']} unhealthy in run {payload['run_id']}"
        )
        message["From"] = config.email_from
        message["To"] = ", ".join(config.email_to)
        lines = [f"{m['name']}: {m['message']}" for m in failed]
        message.set_content(
            "\n".join(lines) + "\n\n" + json.dumps(payload, ensure_ascii=False, indent=1)
        )
        try:
            with smtplib.SMTP(config.smtp_host, config.smtp_port, timeout=15) as smtp:
                if config.smtp_starttls:
                    smtp.starttls()
                if config.smtp_user and config.smtp_password:
                    smtp.login(config.smtp_user, config.smtp_password)
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            where = f"{config.smtp_host}:{config.smtp_port}"
            alert_failed(self.data.crawler, "e-mail", where, exc)


def alert_failed(crawler: Crawler, channel: str, target: str, error: BaseException) -> None:
    """An alert that could not be sent: one log line, and the run summary says so (the
    monitors' verdict stands; the alert is what was lost)."""
    crawler.stats.set_value(f"alerts/{channel}_failed", f"{target}: {error}")
    logger.error("the %s alert could not be sent to %s: %s", channel, target, error)


def alert_payload(crawler: Crawler) -> dict[str, Any]:
    run = SiteRun.of(crawler)
    payload = SiteSummary.from_stats(run.site, crawler.stats.get_stats()).to_json()
    payload["run_id"] = run.run_id
    return payload


class PoliceMonitorSuite(MonitorSuite):
    monitors = [  # noqa: RUF012 -- Spidermon's declarative API
        ArticlesFoundMonitor,
        ArticlesArchivedMonitor,
        FinishReasonMonitor,
        ErrorRatioMonitor,
        UnwantedHTTPCodesMonitor,
        FieldCoverageMonitor,
        HistoryDropMonitor,
    ]
    monitors_finished_actions = [RecordMonitorResults]  # noqa: RUF012
    monitors_failed_actions = [PostSummaryToWebhook, SendAlertEmail]  # noqa: RUF012


class _OneLineFailures(SpiderMonitorResult):
    """Spidermon's log output, with a failed check as one line instead of a traceback.

    A failed monitor is the expected way a broken site shows up, not a crash; a monitor
    that raised (status ERROR) still gets its traceback.
    """

    def write_errors(self) -> None:
        for status in self.step.error_statuses:
            for item in self.step.items_for_status(status):
                detail = item.error if status == MONITOR.STATUS.ERROR else item.reason
                detail = str(detail).removeprefix("False is not true : ")
                self.log_error(f"{item.status}: {item.item.name}: {detail}")


class _Runner(SpiderMonitorRunner):
    def create_result(self) -> SpiderMonitorResult:
        return _OneLineFailures(self.spider)


class PoliceSpidermon(Spidermon):
    """Spidermon's extension (settings, suites, field coverage) with one-line failures;
    a crawl refused because another run held the site is not monitored (it did nothing,
    and the other run is the one to watch). It also keeps the URL of the first item
    dropped for each reason (``dropped/example/<reason>``) for the monitors' messages."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PoliceSpidermon:
        extension: PoliceSpidermon = super().from_crawler(crawler)
        crawler.signals.connect(extension._item_dropped, signal=signals.item_dropped)
        return extension

    def _item_dropped(self, item: Any, exception: BaseException) -> None:
        key = f"dropped/example/{type(exception).__name__}"
        stats = self.crawler.stats
        if not stats.get_value(key):
            url = ItemAdapter(item).get("url") if ItemAdapter.is_item(item) else None
            if url:
                stats.set_value(key, str(url))

    def _run_suites(self, spider: Any, suites: list[Any]) -> None:
        # a refused crawl did nothing; an interrupted one was stopped on purpose, half done
        if SiteRun.of(self.crawler).refused or self.crawler.stats.get_value(INTERRUPTED):
            return
        data = self._generate_data_for_spider(spider)
        for suite in suites:
            _Runner(spider=spider).run(suite, **data)
