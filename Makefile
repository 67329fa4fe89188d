# Two entry points do all set-up on a fresh machine with Python 3.11 and make:
#   make demo   – create .venv, install, extract corpus/ into reports.db, audit, summarise
#   make test   – create .venv, install with dev extras, run the whole test suite
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= reports.db

.PHONY: demo test lint venv clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

venv: $(VENV)/.installed

# One screen of output: the audit's per-report lines are not shown (`jixiao audit -v` prints
# every finding); the summary ends with the commands that show the rest.
demo: venv
	$(BIN)/jixiao extract corpus/ --db $(DB) --quiet
	$(BIN)/jixiao audit $(DB) > /dev/null || [ $$? -eq 3 ]  # 3: findings with errors, not a failure
	@echo
	@$(BIN)/jixiao summary $(DB)

test: venv
	$(BIN)/ruff check extractor tests scripts
	$(BIN)/python -m pytest

# Score extraction against the truth files of the corpus (docs/corpus.md).
evaluate: venv
	$(BIN)/jixiao evaluate corpus/

lint: venv
	$(BIN)/ruff check extractor tests scripts
	$(BIN)/ruff format --check extractor tests scripts

clean:
	rm -rf $(VENV) $(DB)
