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
	# The accurate embedder: the packaged MiniLM exported to ONNX Runtime (~10 s, once; no PyTorch at run time).
	$(BIN)/python -m themes.onnx_embedder
	# numba's cache for the emergent-theme fit (UMAP, pynndescent) in data/cache/numba: ~20 s less per new process.
	$(BIN)/python -m themes.emergent_warm
	# Headless Chromium for the end-to-end browser tests (Debian package; Playwright drives it by path).
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	# PostgreSQL's server programs: the PostgreSQL tests start a throwaway server of their own (tests/pg.py).
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq postgresql)
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/insights demo

test: $(STAMP)
	# Two workers; a test file stays on one worker (its module fixtures are built once).
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

# Benchmarks (README, Performance): each stage against the plain libraries; results in bench/results/<date>.{json,md}.
# Resumable: a size whose stage results exist is kept unless you add FRESH=--fresh.
bench: $(STAMP)
	test -x $(BIN)/py-spy || $(BIN)/pip install --quiet -c constraints.txt -e ".[bench]"
	$(BIN)/python -m bench.run --sizes 1000,10000,100000 --profile 10000 $(FRESH)
	$(BIN)/python -m bench.api_latency --size 100000 --clients 20

bench-quick: $(STAMP)
	$(BIN)/python -m bench.run --sizes 1000 --skip assign_accurate $(FRESH)

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
