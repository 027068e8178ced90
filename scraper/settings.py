"""Scrapy settings: polite by default. Per-site overrides live in the site profiles."""

from scraper import __version__

BOT_NAME = "police-archive"
SPIDER_MODULES = ["scraper.spiders"]
NEWSPIDER_MODULE = "scraper.spiders"

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
TELNETCONSOLE_ENABLED = False

# -- robustness -----------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [408, 429, 500, 502, 503, 504, 522, 524]
RETRY_BACKOFF_BASE = 5.0  # seconds before the first retry, doubled for each next one
RETRY_BACKOFF_MAX = 120.0
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scraper.middlewares.retry.BackoffRetryMiddleware": 550,
}
CLOSESPIDER_TIMEOUT = 6 * 3600  # a scheduled run must end even if a site hangs
EXTENSIONS = {"scrapy.extensions.closespider.CloseSpider": 500}

# -- output ---------------------------------------------------------------------------
ITEM_PIPELINES = {
    "pipelines.normalize.NormalizePipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.views.ViewsPipeline": 250,
    "pipelines.dedupe.DedupePipeline": 300,
    "pipelines.archive.ArchivePipeline": 400,
}
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
LOG_FORMATTER = "scraper.logformatter.ArchiveLogFormatter"

# -- police-archive -------------------------------------------------------------------
POLICE_DATA_DIR = "data"
POLICE_RUN_ID = ""  # set by the CLI; the spider makes one when run with `scrapy crawl`
POLICE_MAX_ARTICLES = 0  # 0: no limit
POLICE_INCREMENTAL_OVERLAP = 1  # listing pages read past the first one with nothing new
POLICE_LOOPBACK_FAST = True  # drop delays only when the fetch origin is 127.0.0.1/::1
