"""The one spider, `police`; sites differ only by profile and platform adapter."""
