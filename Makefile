# One-command set-up: `make run` and `make test` each create .venv, install, then run or test.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
EXTRAS ?= test,dask,app,png,dev

.PHONY: install run test test-fast wheel-check screenshots repro bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[$(EXTRAS)]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(VENV)/bin/article6 app --scenario kor-2018-roadmap

test: install
	$(VENV)/bin/ruff check article6 app paper_repro tests benchmarks
	$(PY) -m pytest -q
	bash .ci/wheel-check

# Build the wheel, install it into a fresh venv, run it outside the repository.
wheel-check: install
	bash .ci/wheel-check

test-fast: install
	$(PY) -m pytest -q -m "not browser and not cluster"

screenshots: install
	ARTICLE6_SCREENSHOTS=1 $(PY) -m pytest -q tests/test_app_browser.py tests/test_app_screens.py \
		tests/test_app_new_party.py tests/test_app_analyses.py

repro: install
	$(VENV)/bin/article6 reproduce

bench: install
	$(PY) benchmarks/bench_import.py
	$(PY) benchmarks/bench_sweep.py
	$(PY) benchmarks/bench_load.py
	$(PY) benchmarks/bench_ledger.py
	$(PY) benchmarks/bench_hostile.py

lint: install
	$(VENV)/bin/ruff check article6 app paper_repro tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
