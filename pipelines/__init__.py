"""Item pipelines, one concern each, in the order settings.ITEM_PIPELINES runs them:
normalise (100) -> validate (200) -> record views (250) -> deduplicate (300) -> archive (400)."""
