# biocorr — the two commands the README leads with are `make report` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install report test test-fast lint format typecheck wheel-check bench fixtures clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The main job on the embedded default example (hivsn) into ./report/
report: install
	$(BIN)/biocorr analyze --example hivsn --out report --overwrite

# The whole test suite: R reference values, doctests, README blocks, notebooks, browser.
# -n auto: one pytest worker per core (pytest-xdist); `pytest -p no:xdist` runs it in one process.
test: install
	$(BIN)/python -m pytest -q -n auto

# Everything but the slow tests (notebooks, browser, large inputs)
test-fast: install
	$(BIN)/python -m pytest -q -n auto -m "not slow"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: install
	$(BIN)/mypy

# Build the wheel, install it in an empty venv and run the README's commands there
wheel-check: install
	$(BIN)/python tools/check_wheel.py

# Benchmarks (not part of the tests); numbers go into the README
bench: install
	$(BIN)/python benchmarks/bench_analyze.py

# Regenerate the R reference fixtures (needs R: apt-get install r-base-core r-cran-psych r-cran-statcheck r-cran-bayesfactor)
fixtures:
	Rscript tests/fixtures/make_reference.R
	Rscript tests/fixtures/make_reference_rmcorr.R
	Rscript tests/fixtures/make_reference_matrices.R
	Rscript tests/fixtures/make_reference_derived.R
	Rscript tests/fixtures/make_reference_statcheck.R
	Rscript tests/fixtures/make_reference_statcheck_fuzz.R
	Rscript tests/fixtures/make_reference_review_corpus.R
	Rscript tests/fixtures/make_reference_screen.R
	Rscript tests/fixtures/make_reference_widen.R
	Rscript tests/fixtures/make_reference_critical.R
	Rscript tests/fixtures/make_reference_differences.R
	Rscript tests/fixtures/real_passages/make_reference_real_passages.R
	Rscript tests/fixtures/make_reference_p_adjust.R

clean:
	rm -rf $(VENV) report test-artifacts .pytest_cache .mypy_cache .ruff_cache build dist
