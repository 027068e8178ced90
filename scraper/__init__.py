"""police-archive: crawl and archive the news of Vietnam's provincial police."""

# The one place the version is written: pyproject.toml reads it from here.
__version__ = "0.1.0"
