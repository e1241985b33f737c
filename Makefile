# catalogc — the two commands a newcomer needs are `make demo` and `make test`.
# Installs come from requirements-dev.txt (exact versions with their hashes), so a new release
# upstream cannot break a green commit; `make test-latest` tries the newest releases in a
# separate venv, and `make lock` moves the lock to them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LOCK := requirements-dev.txt
FUZZ_LOCK := requirements-fuzz.txt
LATEST ?= .venv-latest
FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?= loader timelimit citation settings
ASSETS = $(1)/share/catalogc-test
COMPILE = $(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes --upgrade

.PHONY: setup demo test test-latest lock fuzz docs lint bench schema clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

demo: setup
	$(BIN)/catalogc check .
	$(BIN)/catalogc build . -o out

test: setup
	bash scripts/test-assets.sh $(call ASSETS,$(VENV))
	CATALOGC_TEST_ASSETS=$(call ASSETS,$(VENV)) $(BIN)/python -m pytest

# The newest releases allowed by pyproject.toml, resolved afresh in their own venv.
test-latest:
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST)/bin/python -m pip install --quiet --upgrade -e '.[dev]'
	$(LATEST)/bin/python -m pip freeze --exclude-editable > $(LATEST)/resolved.txt
	bash scripts/test-assets.sh $(call ASSETS,$(LATEST))
	CATALOGC_TEST_ASSETS=$(call ASSETS,$(LATEST)) $(LATEST)/bin/python -m pytest
	@echo "passed with the versions in $(LATEST)/resolved.txt; make lock moves the lock to the newest releases"

lock: setup
	$(COMPILE) --universal --extra dev pyproject.toml requirements-build.in -o $(LOCK)
	$(COMPILE) --python-platform x86_64-manylinux_2_28 --extra fuzz -c $(LOCK) pyproject.toml -o $(FUZZ_LOCK)

# Coverage-guided fuzzing (atheris): each harness for FUZZ_SECONDS; see fuzz/README.md.
fuzz: setup
	$(BIN)/python -m pip install --quiet --require-hashes -r $(FUZZ_LOCK)
	for target in $(FUZZ_TARGETS); do bash fuzz/fuzz.sh $$target $(FUZZ_SECONDS) $(BIN)/python || exit 1; done

# The rule table of docs/format.md, then the site (rule pages generated) into build/docs, offline.
docs: setup
	$(BIN)/python scripts/docs.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir build/docs

lint: setup
	$(BIN)/ruff check src tests bench scripts fuzz
	$(BIN)/mypy src

bench: setup
	$(BIN)/python bench/run.py --generate --total-items 100000

schema: setup
	$(BIN)/catalogc schema -o schema/catalog.schema.json
	$(BIN)/catalogc schema --bundle -o schema/bundle.schema.json
	$(BIN)/catalogc schema --settings -o schema/catalogc-toml.schema.json
	$(BIN)/catalogc schema --release-log -o schema/release-log.schema.json
	$(BIN)/catalogc schema --diff -o schema/diff.schema.json

clean:
	rm -rf $(VENV) $(LATEST) build dist src/*.egg-info .pytest_cache
