# The two commands a newcomer needs: `make run` and `make test`.
# Both install what is missing first; neither needs DATABASE_URL (without it
# an embedded PostgreSQL under .data/ is started for the command's lifetime).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
WITH_DB := $(PY) scripts/with_db.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup browser run test bench check-schema clean

setup: $(VENV)/.installed drizzle/node_modules/.installed

browser:
	bash scripts/ensure_chromium.sh

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

drizzle/node_modules/.installed: drizzle/package.json drizzle/package-lock.json
	cd drizzle && npm ci --no-audit --no-fund
	touch $@

## Serve the admin on http://$(HOST):$(PORT)/admin/ with demo data.
run: export DEBUG ?= true
run: setup
	$(WITH_DB) bash -c '$(PY) manage.py drizzle_migrate \
	  && $(PY) manage.py migrate --no-input \
	  && $(PY) manage.py seed_demo \
	  && $(PY) manage.py runserver $(HOST):$(PORT)'

## Run the whole test suite (Python and the Node schema checks) on a real PostgreSQL.
test: setup browser
	$(WITH_DB) $(PY) -m pytest $(PYTEST_ARGS)

## Time the audit pages on 10M rows against a stock ModelAdmin; writes docs/benchmarks.md.
## The data set lives in its own database (mcpmanager_bench), seeded on the first run and reused after.
bench: setup
	$(WITH_DB) $(PY) scripts/bench_admin.py $(BENCH_ARGS)

## The committed Drizzle schema and migrations agree (no new migration would be generated).
check-schema: drizzle/node_modules/.installed
	node drizzle/scripts/check-sync.mjs

clean:
	rm -rf $(VENV) drizzle/node_modules .pytest_cache
