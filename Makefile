# Two commands matter: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
# Installs come from lock files: requirements/run.lock (what the crawler needs),
# dev.lock (that, and the test, lint and type-check tools), eval.lock (that, and
# trafilatura for `make eval`). Each pins every package to one version with its hashes,
# so pip installs exactly those and never resolves; the project itself goes in after
# them without dependencies. `make lock` regenerates the files.
INSTALL := $(PIP) install --require-hashes --requirement

.PHONY: demo test lint format lock replica bench eval clean

$(VENV)/.stamp-run: requirements/run.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(INSTALL) requirements/run.lock
	$(PIP) install --no-deps --editable .
	$(PIP) check
	touch $@

$(VENV)/.stamp-dev: $(VENV)/.stamp-run requirements/dev.lock
	$(INSTALL) requirements/dev.lock
	$(PIP) check
	touch $@

demo: $(VENV)/.stamp-run  ## serve the replicas on 127.0.0.1, crawl them, print a summary
	$(BIN)/police-archive demo

test: lint  ## lint, then the whole test suite
	$(BIN)/pytest

lint: $(VENV)/.stamp-dev  ## ruff's rules and formatting, mypy's types (settings: pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.stamp-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Every pin that still satisfies pyproject.toml is kept; to move them:
# `make lock LOCK_ARGS=--upgrade` (all) or `LOCK_ARGS='--upgrade-package NAME'`.
# The files are for CPython 3.11 on Linux, the machines' interpreter.
COMPILE = CUSTOM_COMPILE_COMMAND='make lock' $(BIN)/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)

# needs only pip-tools: a dependency just added to pyproject.toml is not installed yet
lock:  ## regenerate requirements/*.lock from pyproject.toml
	test -x $(BIN)/pip-compile || $(MAKE) $(VENV)/.stamp-dev
	$(COMPILE) -o requirements/run.lock pyproject.toml
	$(COMPILE) -o requirements/dev.lock --extra dev pyproject.toml
	$(COMPILE) -o requirements/eval.lock --extra eval pyproject.toml

# BENCH_ARGS: e.g. --quick (fewer rounds, smaller index, docs/BENCHMARKS.md left alone),
# --rounds 9, --crawl-rounds 1 (each takes minutes), --no-write
bench: $(VENV)/.stamp-run  ## speed and memory beside their peers (lxml, Scrapy, trafilatura), to docs/BENCHMARKS.md
	$(INSTALL) requirements/eval.lock
	$(BIN)/python -m testbed.bench $(BENCH_ARGS)

eval: $(VENV)/.stamp-run  ## per-field accuracy on every replica and unseen layout, beside trafilatura
	$(INSTALL) requirements/eval.lock
	$(BIN)/python -m testbed.evaluate

replica: $(VENV)/.stamp-run  ## write the replica pages and their truth to build/replica/
	$(BIN)/python -c "from pathlib import Path; from testbed.replica import SITE_KEYS, UNSEEN_KEYS, write_replica; [print(write_replica(k, Path('build/replica'))) for k in SITE_KEYS + UNSEEN_KEYS]"

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache .mypy_cache *.egg-info
