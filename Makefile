# catalogc — the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint bench schema clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/catalogc check .
	$(BIN)/catalogc build . -o out

test: setup
	bash scripts/test-assets.sh $(VENV)/share/catalogc-test
	CATALOGC_TEST_ASSETS=$(VENV)/share/catalogc-test $(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src

bench: setup
	$(BIN)/python bench/run.py --generate --total-items 100000

schema: setup
	$(BIN)/catalogc schema -o schema/catalog.schema.json
	$(BIN)/catalogc schema --bundle -o schema/bundle.schema.json
	$(BIN)/catalogc schema --settings -o schema/catalogc-toml.schema.json

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
