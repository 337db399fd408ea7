# geomap — `make demo` and `make test` work on a fresh clone; see README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SEED   := data/examples/2024-02-05-strikes.csv
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install demo test lint bench browser data clean

install: $(STAMP)

# Re-runs only when the package metadata changes, so a second `make install` is quick.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench,build]'
	touch $(STAMP)

# Debian chromium for the browser tests: pip cannot install it; apt-get only when it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium (apt-get)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
	    chromium fonts-dejavu-core >/dev/null; }

demo: install
	@mkdir -p out
	$(BIN)/geomap export $(SEED) -o out/seed-2024-02-05.geojson --overwrite
	$(BIN)/geomap map $(SEED) -o out/seed-2024-02-05.html --overwrite --title "Strikes reported on 5 February 2024"
	@echo "wrote out/seed-2024-02-05.geojson"
	@echo "wrote out/seed-2024-02-05.html (open it in a browser; it works offline)"

lint: install
	$(BIN)/ruff check geomap tests scripts benchmarks

test: install browser lint
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/run_all.py

# Rebuild the shipped data files in geomap/data/ from data/ and the source packages.
data: install
	$(BIN)/python scripts/rebuild_all.py

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache .hypothesis
