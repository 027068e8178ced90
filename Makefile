# Two commands matter: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: demo test lint format replica bench eval clean

$(VENV)/.stamp-run: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --editable .
	touch $@

$(VENV)/.stamp-dev: $(VENV)/.stamp-run
	$(PIP) install --editable '.[dev]'
	touch $@

demo: $(VENV)/.stamp-run  ## serve the replicas on 127.0.0.1, crawl them, print a summary
	$(BIN)/police-archive demo

test: $(VENV)/.stamp-dev  ## lint, then the whole test suite
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(VENV)/.stamp-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.stamp-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.stamp-run  ## speed and memory targets: index with 1M articles, extraction
	$(BIN)/python -m testbed.bench

eval: $(VENV)/.stamp-run  ## per-field accuracy on every replica and unseen layout, beside trafilatura
	$(PIP) install --editable '.[eval]'
	$(BIN)/python -m testbed.evaluate

replica: $(VENV)/.stamp-run  ## write the replica pages and their truth to build/replica/
	$(BIN)/python -c "from pathlib import Path; from testbed.replica import SITE_KEYS, UNSEEN_KEYS, write_replica; [print(write_replica(k, Path('build/replica'))) for k in SITE_KEYS + UNSEEN_KEYS]"

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache *.egg-info
