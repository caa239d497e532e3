# biocorr — the two commands the README leads with are `make report` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install report test bench fixtures clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The main job on the embedded default example (hivsn) into ./report/
report: install
	$(BIN)/biocorr analyze --example hivsn --out report

# The whole test suite, notebooks included
test: install
	$(BIN)/python -m pytest -q

# Benchmarks (not part of the tests); numbers go into the README
bench: install
	$(BIN)/python benchmarks/bench_analyze.py

# Regenerate the R reference fixtures (needs R: apt-get install r-base-core r-cran-psych)
fixtures:
	Rscript tests/fixtures/make_reference.R

clean:
	rm -rf $(VENV) report test-artifacts .pytest_cache
