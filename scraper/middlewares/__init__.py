"""Downloader middlewares of our own."""
