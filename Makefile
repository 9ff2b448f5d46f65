# congvan: `make ingest` and `make test` set everything up on a fresh machine.
# Setup is stamped: it reruns only when pyproject.toml changes (or the stamps are removed).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
INBOX  ?= samples/inbox
DB     ?= congvan.duckdb
SHARED ?= ../shared
REPORT ?= report
PYTEST_ARGS ?=

STAMP     := $(VENV)/.installed
SYS_STAMP := $(VENV)/.sysdeps
export OMP_THREAD_LIMIT ?= 1

# handwriting fonts for the synthetic handwritten numbers and days (tests, bench/handwriting.py)
HAND_FONTS := fonts-dkg-handwriting fonts-breip fonts-humor-sans fonts-kristi fonts-dancingscript \
	fonts-bwht fonts-comic-neue fonts-klee

# Debian package -> the check that says it is already there
APT_CHECKS := \
	tesseract-ocr:'command -v tesseract' \
	tesseract-ocr-vie:'tesseract --list-langs 2>/dev/null | grep -qx vie' \
	poppler-utils:'command -v pdftoppm' \
	antiword:'command -v antiword' \
	libreoffice-writer-nogui:'command -v soffice' \
	fonts-liberation:'fc-list 2>/dev/null | grep -q LiberationSerif' \
	fonts-liberation2:'test -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf' \
	graphviz:'command -v dot' \
	chromium:'command -v chromium' \
	chromium-driver:'command -v chromedriver' \
	$(foreach f,$(HAND_FONTS),$(f):'dpkg -s $(f) >/dev/null')


.PHONY: help setup sysdeps ingest report test test-fast eval eval-wild digit-check bench bench-scan fuzz samples regen-golden lint clean

help: ## Show the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-10s %s\n", $$1, $$2}'
	@echo "  variables: INBOX=$(INBOX) DB=$(DB) SHARED=$(SHARED) PYTHON=$(PYTHON)"

setup: $(SYS_STAMP) $(STAMP) ## Create .venv, install missing system tools and the project (stamped)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

sysdeps: $(SYS_STAMP) ## Install the Debian tools (OCR, poppler, antiword, LibreOffice, fonts) when missing

$(SYS_STAMP): Makefile | $(VENV)/bin/python
	@missing=""; \
	for entry in $(APT_CHECKS); do \
		pkg="$${entry%%:*}"; check="$${entry#*:}"; \
		bash -c "$$check" >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if [ -z "$$missing" ]; then touch $@; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing \
		&& touch $@; \
	else \
		echo "note: missing system packages:$$missing (not root: skipped; PDF/DOC/OCR files may fail to load)"; \
	fi

ingest: setup ## Ingest INBOX into DB, print the summary and the tasks
	@status=0; $(BIN)/congvan ingest $(INBOX) --db $(DB) || status=$$?; \
	echo; echo "tasks in $(DB):"; $(BIN)/congvan tasks --db $(DB) --limit 12 || true; \
	echo; echo "cited documents not in $(DB):"; $(BIN)/congvan missing --db $(DB) || true; \
	exit $$status

report: setup ## Build the HTML report of DB (after make ingest) into REPORT (default report/) and print its path
	@$(BIN)/congvan report --db $(DB) --out $(REPORT)
	@echo "open $(abspath $(REPORT))/index.html in a browser (file://, no server needed)"

test: setup ## Run the test suite
	$(BIN)/pytest -q $(PYTEST_ARGS)

test-fast: setup ## Run the tests that need neither LibreOffice nor OCR
	$(BIN)/pytest -q -m 'not slow' $(PYTEST_ARGS)

eval: setup ## Score extraction against the dev gold (text, then scans)
	@if [ ! -f $(SHARED)/eval/score.py ]; then echo "skipped: $(SHARED)/eval/score.py not found"; exit 0; fi; \
	for subset in text scan; do \
		echo "== $$subset"; \
		$(BIN)/python $(SHARED)/eval/score.py --gold $(SHARED)/corpus/dev --subset $$subset \
			--cmd "$(BIN)/congvan extract --json" --show 3 || exit $$?; \
	done

eval-wild: setup ## Score the wild gold (tests/gold/wild): the tuned part, then the 15 held back, apart
	$(BIN)/python bench/eval_wild.py --shared $(SHARED) --part tuned --show 3
	$(BIN)/python bench/eval_wild.py --shared $(SHARED) --part held_back --show 3

digit-check: setup ## Every number and day printed from a dev or wild scan, with the readings that agreed (slow)
	$(BIN)/python bench/digit_check.py --shared $(SHARED) --set all

bench: setup ## Print throughput figures (files/s, ms/page per format, peak RSS, OCR s/page and accuracy)
	$(BIN)/python bench/bench.py
	@if [ -d $(SHARED)/corpus/dev ]; then \
		$(BIN)/python bench/ocr_bench.py $(SHARED)/corpus/dev/d023.pdf $(SHARED)/corpus/dev/d047.pdf \
			--scan $(SHARED)/corpus/dev/d008.pdf $(SHARED)/corpus/dev/d020.pdf; \
	else echo "OCR benchmark skipped: $(SHARED)/corpus/dev not found"; fi
	$(BIN)/python bench/handwriting.py -n 30
	$(BIN)/python bench/graph_bench.py
	$(BIN)/python bench/report_bench.py
	$(BIN)/python bench/ingest_bench.py --shared $(SHARED)

fuzz: setup ## Fuzz the readers with Hypothesis for a bounded number of examples (FUZZ_EXAMPLES, default 300; not in CI)
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-300} $(BIN)/python -m pytest -q -p no:cacheprovider tests/fuzz_readers.py

bench-scan: setup ## OCR vs text layer on the synthetic dispatches laid out, printed and rendered as scans (~2 min)
	$(BIN)/python bench/scan_synthetic.py

regen-golden: setup ## Rewrite tests/golden/*.json from the current extraction (check the diff by eye)
	UPDATE_GOLDEN=1 $(BIN)/pytest -q tests/test_samples_golden.py
	@git --no-pager diff --stat -- tests/golden || true

samples: setup ## Re-render the seeds as DOCX and PDF into samples/inbox
	$(BIN)/python samples/render.py

lint: setup ## Check the import layers (import-linter) and, when installed, ruff
	$(BIN)/lint-imports
	@if $(BIN)/python -m ruff --version >/dev/null 2>&1; then $(BIN)/python -m ruff check .; \
	else echo "ruff not installed: $(BIN)/pip install ruff"; fi

clean: ## Remove the database and caches (keeps .venv)
	rm -f $(DB) $(DB).wal
	rm -rf .pytest_cache bench/out
