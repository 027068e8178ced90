"""police-archive: crawl and archive the news of Vietnam's provincial police."""

__version__ = "0.1.0"
