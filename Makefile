# letopis: `make run` and `make test` are the whole set-up on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DB ?= letopis.duckdb
SHARED := ../shared
KB := src/letopis/kb/built/default.sqlite

.PHONY: run test eval bench bench-store train-ner gazetteer browser screenshots kb clean

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

# The default knowledge base, from NEREL's links (train and dev) in ../shared; git ignores it, as
# NEREL states no licence that lets a table derived from it ship. Without ../shared the KB is empty.
kb: $(VENV)/.installed
	@if [ -f $(KB) ]; then :; \
	elif [ -d $(SHARED)/data/nerel/train ]; then \
		$(BIN)/letopis kb build --from-nerel $(SHARED)/data/nerel/train $(SHARED)/data/nerel/dev --out $(KB); \
	else echo "kb skipped: $(SHARED) is absent; entities stay unlinked (an empty KB)"; fi

run: $(VENV)/.installed web/node_modules/.installed kb
	$(BIN)/letopis ingest samples --db $(DB)
	$(BIN)/letopis chronicle --db $(DB)
	$(BIN)/letopis serve --db $(DB)

test: $(VENV)/.installed web/node_modules/.installed browser kb
	$(BIN)/python -m pytest -q

eval: $(VENV)/.installed
	@if [ -d $(SHARED)/gold ]; then \
		$(BIN)/letopis eval $(SHARED)/gold $(wildcard tests/gold/*/) --ner --nerel-events --nerel-args --links --merge tests/fixtures/same_story; \
		$(BIN)/letopis agree tests/gold/heldout tests/agreement/heldout; \
		$(BIN)/letopis agree tests/gold/heldout_quotes tests/agreement/heldout_quotes; \
	else echo "eval skipped: $(SHARED) is absent (gold and corpora live there)"; fi

# Every page at 1400 px and 390 px into docs/screenshots/, over a chronicle of samples/ (not a test).
screenshots: $(VENV)/.installed web/node_modules/.installed browser
	$(BIN)/python scripts/screenshots.py

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
