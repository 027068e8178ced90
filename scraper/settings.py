"""Scrapy settings: polite by default. Per-site overrides live in the site profiles."""

from scraper import __version__

BOT_NAME = "police-archive"
SPIDER_MODULES = ["scraper.spiders"]
NEWSPIDER_MODULE = "scraper.spiders"
# `scrapy crawl` checks its -s settings as `police-archive crawl --set` does
COMMANDS_MODULE = "scraper.commands"

# -- politeness -----------------------------------------------------------------------
USER_AGENT = (
    f"police-archive/{__version__} (+https://github.com/police-archive/police-archive; "
    "research archive of public police news)"
)
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # ±50% around DOWNLOAD_DELAY
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False  # no console on a port (and removed from EXTENSIONS below)
REMOTE_CONTROL_ENABLED = False  # Scrapy 2.19's code-running HTTP server and its ~ job files
# robots.txt fails closed (scraper/middlewares/robots.py): a 5xx, no answer or a file over
# this size (RFC 9309 asks parsers to read at least 500 KiB) fetches nothing from the site
POLICE_ROBOTSTXT_MAX_SIZE = 512 * 1024

# -- robustness -----------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [408, 429, 500, 502, 503, 504, 522, 524]
RETRY_BACKOFF_BASE = 5.0  # seconds before the first retry, doubled for each next one
RETRY_BACKOFF_MAX = 120.0
# Retry-After of a 429/503 is waited up to this many seconds; a longer one is not retried
POLICE_RETRY_AFTER_MAX = 300.0
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scraper.middlewares.robots.FailClosedRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scraper.middlewares.retry.BackoffRetryMiddleware": 550,
    # redirect loops and off-site redirects fail with their URL (not dropped silently)
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "scraper.middlewares.redirect.SiteMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "scraper.middlewares.redirect.SiteRedirectMiddleware": 600,
    # process_response runs in decreasing order: below HttpCompressionMiddleware (590) the
    # body is decompressed, below 550 retried responses are gone; so it sees the responses
    # the spider gets and reads each in the encoding its bytes are really in.
    "scraper.middlewares.encoding.EncodingMiddleware": 540,
    # pages over DOWNLOAD_MAXSIZE fail as ResponseTooLarge, however Scrapy stopped them
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "scraper.middlewares.size.SizeFencedCompressionMiddleware": 590,
    "scraper.middlewares.size.ResponseSizeMiddleware": 950,
    # above HttpCompressionMiddleware (590), redirects (600) and retries (550): each
    # response is captured as received, before any of them reads or replaces it
    "scraper.middlewares.capture.CaptureMiddleware": 900,
}
CLOSESPIDER_TIMEOUT = 6 * 3600  # a scheduled run must end even if a site hangs
EXTENSIONS = {
    # the one owner of the site's state, log and summary (scraper/site_run.py)
    "scraper.site_run.SiteRun": 100,
    "scraper.progress.ProgressFile": 110,
    "scrapy.extensions.closespider.CloseSpider": 500,
    "scraper.monitors.PoliceSpidermon": 510,
    # nothing listens on a port, nothing is written outside DATA
    "scrapy.extensions.telnet.TelnetConsole": None,
    "scrapy.extensions.remote_control.RemoteControl": None,
}

# -- output ---------------------------------------------------------------------------
ITEM_PIPELINES = {
    "pipelines.normalize.NormalizePipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.views.ViewsPipeline": 250,
    "pipelines.dedupe.DedupePipeline": 300,
    "pipelines.archive.ArchivePipeline": 400,
}
# Scrapy runs each callback's output through CONCURRENT_ITEMS asyncio tasks (100 by
# default), made anew for every response; the pipelines above never await, so one task
# does the same work in the same order without the other 99 (about 6% more pages a
# second on loopback). An async pipeline would need this raised.
CONCURRENT_ITEMS = 1
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
LOG_FORMATTER = "scraper.logformatter.ArchiveLogFormatter"

# -- police-archive -------------------------------------------------------------------
POLICE_DATA_DIR = "data"
POLICE_RUN_ID = ""  # set by the CLI; the spider makes one when run with `scrapy crawl`
POLICE_LOG_FORMAT = "text"  # DATA/logs/<run_id>.log as "text" or "json" lines
POLICE_INCREMENTAL_OVERLAP = 1  # listing pages read past the first one with nothing new
POLICE_MAX_ATTEMPTS = 3  # an article whose page failed is fetched again until this many
# every response written to DATA/warc/<site>/<run_id>.warc.gz (scraper/capture.py)
POLICE_CAPTURE_ENABLED = True
# counters written once a second for the command line's live progress lines (on when its
# output is a terminal; scraper/progress.py)
POLICE_PROGRESS = False
POLICE_LOOPBACK_FAST = True  # drop delays only when the fetch origin is 127.0.0.1/::1

# -- monitors (scraper/monitors.py, run by Spidermon when each site's crawl closes) ------
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ("scraper.monitors.PoliceMonitorSuite",)
SPIDERMON_EXPECTED_FINISH_REASONS = ["finished", "closespider_itemcount"]
SPIDERMON_UNWANTED_HTTP_CODES = [403, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524]
SPIDERMON_UNWANTED_HTTP_CODES_MAX_COUNT = 10
# share of fetched article pages that must have each field; a profile may override them
POLICE_COVERAGE_THRESHOLDS = {
    "title": 1.0,
    "body": 1.0,
    "published_at": 0.95,
    "view_count": 0.9,  # only on sites whose profile says shows_views = true
    "author": 0.8,
}
POLICE_MAX_ERROR_RATIO = 0.1  # requests that finally failed / distinct requests made
# share of the article pages requested that must end archived (or known unchanged)
POLICE_MIN_ARCHIVED_RATIO = 0.5
POLICE_HISTORY_RUNS = 10  # compare with the median of the site's last healthy runs...
POLICE_HISTORY_MIN_RUNS = 3  # ...once there are this many
POLICE_HISTORY_MAX_DROP = 0.5  # fail below half the usual articles per listing page or coverage
# alerts when a monitor fails: POST of the site's summary, and/or an e-mail
POLICE_ALERT_WEBHOOK_URL = ""
POLICE_ALERT_EMAIL_TO: list[str] = []
POLICE_ALERT_EMAIL_FROM = "police-archive@localhost"
POLICE_SMTP_HOST = ""
POLICE_SMTP_PORT = 25
POLICE_SMTP_USER = ""
POLICE_SMTP_PASSWORD = ""
POLICE_SMTP_STARTTLS = False
