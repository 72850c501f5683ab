# Two commands: `make play` and `make test`. Each creates .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: play test bench deep-test clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Brinkmanship needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

# ^C at the table exits 130 once brink has said how to continue: no make error after it.
play: $(VENV)/.installed
	@echo $(BIN)/brink play
	@$(BIN)/brink play || [ $$? -eq 130 ]

# The suite is shared among the cores (pytest-xdist); TEST_JOBS=0 runs it in one process.
TEST_JOBS ?= auto

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist worksteal

# The whole suite with Hypothesis' deep profile (many more examples) and the long soak of
# kept games (50 games from two processes), on demand; not in CI.
deep-test: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=deep BRINK_SOAK=25 $(BIN)/python -m pytest -n $(TEST_JOBS) --dist worksteal

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py
	$(BIN)/python bench/bench_tui.py
	$(BIN)/python bench/bench_bots.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis
