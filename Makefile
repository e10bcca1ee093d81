# letopis: `make run` and `make test` are the whole set-up on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DB ?= letopis.duckdb
SHARED := ../shared

.PHONY: run test eval bench bench-store train-ner gazetteer browser clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Front-end libraries from the npm registry, pinned by the lockfile; served from 127.0.0.1.
web/node_modules/.installed: web/package.json web/package-lock.json
	npm ci --prefix web --ignore-scripts --no-audit --no-fund
	touch $@

# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	bash scripts/setup_browser.sh

run: $(VENV)/.installed web/node_modules/.installed
	$(BIN)/letopis ingest samples --db $(DB)
	$(BIN)/letopis chronicle --db $(DB)
	$(BIN)/letopis serve --db $(DB)

test: $(VENV)/.installed web/node_modules/.installed browser
	$(BIN)/python -m pytest -q

eval: $(VENV)/.installed
	@if [ -d $(SHARED)/gold ]; then \
		$(BIN)/letopis eval $(SHARED)/gold $(wildcard tests/gold/*/) --ner --nerel-events --merge tests/fixtures/same_story; \
	else echo "eval skipped: $(SHARED) is absent (gold and corpora live there)"; fi

bench: $(VENV)/.installed
	$(BIN)/python -m letopis.bench

# The store at 10^4 and SIZE articles (10^6: up to an hour); figures to stdout and bench/store.md.
SIZE ?= 100000
bench-store: $(VENV)/.installed
	$(BIN)/python -m letopis.storebench --size $(SIZE)

train-ner: $(VENV)/.installed
	$(BIN)/python -m letopis.train_ner

gazetteer: $(VENV)/.installed
	$(BIN)/python scripts/build_gazetteer.py

clean:
	rm -rf $(VENV) $(DB) $(DB).wal
