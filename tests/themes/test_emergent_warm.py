"""numba's on-disk cache for the emergent fit: the set-up step fills the project's folder, a new process then
compiles none of the functions declared cacheable, and the clusters are the same either way (same seed).
Each side runs in its own fresh process: numba reads its cache folder once, when it is imported."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from themes.emergent_warm import SMALL, cache_files, main

ROOT = Path(__file__).resolve().parents[2]
# One fit on the warm step's synthetic passages (UMAP's small-corpus road); prints the labels, a hash of UMAP's
# layout, and how many functions numba compiled, split by whether they are declared cache=True.
FIT = r'''
import hashlib, json, sys
from engine.core.offline import ensure_offline
ensure_offline()
from numba.core import event
compiled = {"cacheable": 0, "not_cacheable": 0}
class Count(event.Listener):
    depth = 0
    def on_start(self, ev):
        if self.depth == 0:
            uncached = type(ev.data["dispatcher"]._cache).__name__ == "NullCache"
            compiled["not_cacheable" if uncached else "cacheable"] += 1
        self.depth += 1
    def on_end(self, ev):
        self.depth -= 1
from themes.emergent import fit_topics
from themes.emergent_warm import HashEmbedder, SMALL, synthetic_passages, warm
with event.install_listener("numba:compile", Count()):
    if sys.argv[1] == "warm-step-then-fit":
        warm((SMALL,))
    docs, vectors = synthetic_passages(SMALL)
    model, topics = fit_topics(docs, vectors, 42, embedder=HashEmbedder())
print(json.dumps({"labels": [int(t) for t in topics], "compiled": compiled,
                  "layout": hashlib.sha256(model.umap_model.embedding_.tobytes()).hexdigest()}))
'''


def fit_in_new_process(cache_dir: Path, mode: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env.update(INSIGHTS_NUMBA_CACHE_DIR=str(cache_dir), PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-c", FIT, mode], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def cold_then_warm(tmp_path_factory):
    folder = tmp_path_factory.mktemp("numba-cache")
    cold = fit_in_new_process(folder, "warm-step-then-fit")   # empty folder: the warm step compiles, then fits
    files = cache_files(folder)
    warm = fit_in_new_process(folder, "fit")                  # a new process on the filled folder
    return cold, files, warm


def test_when_the_warm_step_has_run_then_the_cache_folder_holds_numba_index_and_code_files(cold_then_warm):
    _, files, _ = cold_then_warm
    suffixes = {f.suffix for f in files}
    assert {".nbi", ".nbc"} <= suffixes
    assert any("pynndescent" in str(f) for f in files)   # UMAP's neighbour library, compiled at `import umap`


def test_when_the_cache_is_warm_then_no_cacheable_function_is_compiled_again(cold_then_warm):
    cold, _, warm = cold_then_warm
    assert cold["compiled"]["cacheable"] > 0          # the empty folder really was empty
    assert warm["compiled"]["cacheable"] == 0         # everything declared cache=True came from the folder


def test_when_fitted_with_a_cold_and_a_warm_cache_then_the_clusters_are_identical(cold_then_warm):
    cold, _, warm = cold_then_warm
    assert len(set(cold["labels"]) - {-1}) >= 2       # a real clustering, not one blob
    assert len(cold["labels"]) == SMALL
    assert warm["labels"] == cold["labels"]
    assert warm["layout"] == cold["layout"]           # UMAP's coordinates too, to the bit


def test_when_the_warm_command_gets_an_unknown_argument_then_it_prints_usage_and_fails(capsys):
    assert main(["--fast"]) == 2
    assert "usage: python -m themes.emergent_warm" in capsys.readouterr().out
