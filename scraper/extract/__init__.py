"""Field extractors: pure functions from page fragments or strings to record values."""
