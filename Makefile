# Two commands do all the set-up: `make demo` builds the seeds graph, `make test` runs the tests.
# Each creates .venv and installs what it needs first.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed

.PHONY: install demo test lint clean eval system-deps

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

system-deps:
	bash scripts/install-system-deps.sh

demo: $(STAMP)
	$(BIN)/kg build seeds/ --out out/graph.ttl --report out/report.json
	$(BIN)/kg query out/graph.ttl who-said --limit 10
	$(BIN)/kg viz out/graph.ttl --out out/network.html
	@echo "open out/network.html"

test: $(STAMP) system-deps
	$(BIN)/ruff check kg tests
	$(BIN)/pytest -q

eval: $(STAMP)
	$(BIN)/kg eval ../shared/eval/dev.jsonl --out out/dev-graph.ttl

clean:
	rm -rf out .pytest_cache
