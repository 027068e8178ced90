"""Components the tests put into a real crawl (they are not part of the package)."""
