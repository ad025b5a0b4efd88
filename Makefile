# One-command set-up: `make run` and `make test` each create .venv, install, then run or test.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
EXTRAS ?= test,dask,app,dev

.PHONY: install run test test-fast screenshots repro bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[$(EXTRAS)]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(VENV)/bin/article6 app --scenario data/scenarios/kor-2018-roadmap.toml

test: install
	$(VENV)/bin/ruff check article6 app paper_repro tests benchmarks
	$(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m "not browser and not cluster"

screenshots: install
	ARTICLE6_SCREENSHOTS=1 $(PY) -m pytest -q tests/test_app_browser.py

repro: install
	$(VENV)/bin/article6 reproduce

bench: install
	$(PY) benchmarks/bench_import.py
	$(PY) benchmarks/bench_sweep.py
	$(PY) benchmarks/bench_load.py

lint: install
	$(VENV)/bin/ruff check article6 app paper_repro tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
