# RightsWatch — `make demo` and `make test` set everything up themselves.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEMO   := demo
SEED   ?= 7
PLATFORM_PG_URL ?= postgresql://postgres@127.0.0.1:5432/rightswatch_test

.PHONY: setup demo test lint bench clean

$(STAMP): pyproject.toml scripts/setup.sh
	PYTHON=$(PYTHON) bash scripts/setup.sh
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	bash scripts/demo.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check rightswatch tests bench

test: $(STAMP)
	$(VENV)/bin/ruff check rightswatch tests bench
	$(PY) -m pytest -q -n 2 --dist loadfile
	# the platform's suite again on PostgreSQL (the machine's server on 127.0.0.1:5432; see docs/platform.md)
	DATABASE_URL=$(PLATFORM_PG_URL) $(PY) -m pytest -q -n 2 --dist loadfile tests/platform

bench: $(STAMP)
	$(PY) -m bench.run_all

clean:
	rm -rf $(VENV) $(DEMO) workspace .pytest_cache .ruff_cache .hypothesis
