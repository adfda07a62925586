# Two commands do all set-up: `make demo` and `make test`. Both create .venv when needed.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install bench bench-quick clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first: the local CPU build; any other torch request pulls gigabytes of CUDA wheels.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	# The fast embedder: a static model distilled offline from the packaged MiniLM (~1 min, once).
	$(BIN)/python -m themes.fast_embedder
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/insights demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/anonymise_bench.py --notes 1000

bench-quick: $(STAMP)
	$(BIN)/python bench/anonymise_bench.py --notes 200

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
