# make run: install and run the main job on the built-in Carana plan.
# make test: install everything and run the whole test suite (lint, types, tests).

VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
STAMP := $(VENV)/.installed
export MISSIONPLAN_TEST_PG_URL ?= postgresql+psycopg://missionplan:missionplan@127.0.0.1:5432/missionplan_test

.PHONY: run test lint typecheck pytest system bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[all,dev]'
	touch $(STAMP)

run: $(STAMP)
	-$(BIN)/missionplan check
	$(BIN)/missionplan schedule --as-of 2027-06-20 --actual tam_deployed=2027-06-12
	$(BIN)/missionplan serve --open

system:
	./scripts/system-setup

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -n 2 --dist loadgroup -q

test: system lint typecheck pytest

bench: $(STAMP)
	for b in bench/*.py; do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
