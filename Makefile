# drillsim — the two commands a new user needs: `make drill` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: drill test bench clean help

help:
	@echo "make drill   create .venv, install drillsim, run the default drill"
	@echo "make test    create .venv, install drillsim with test tools, run the test suite"
	@echo "make bench   run the benchmarks (not part of the tests)"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

drill: $(STAMP)
	@if [ -t 0 ] && [ -t 1 ]; then $(BIN)/drillsim; else \
	  echo "no terminal: playing the default drill headless instead of opening the app"; \
	  $(BIN)/drillsim run ordos-coal-mine --seed 1; fi

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info
