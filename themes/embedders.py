"""The embedders by name, registered in one place (the names are Settings' EMBEDDER_NAMES): "accurate" (MiniLM
on ONNX Runtime, int8), "accurate-torch" (the same MiniLM on PyTorch, the reference) and "fast" (the static model
distilled from it). Loading is lazy: making an embedder loads nothing."""
from __future__ import annotations

from pathlib import Path

from engine.core.errors import InputError
from themes.embedder import Embedder, MiniLMEmbedder
from themes.fast_embedder import DEFAULT_MODEL_PATH, FastEmbedder
from themes.onnx_embedder import OnnxMiniLMEmbedder

EMBEDDERS = {"accurate": lambda path: OnnxMiniLMEmbedder(),
             "accurate-torch": lambda path: MiniLMEmbedder(),
             "fast": lambda path: FastEmbedder(path or DEFAULT_MODEL_PATH)}


def make_embedder(name: str, fast_model_path: Path | None = None) -> Embedder:
    """The embedder called `name` (see EMBEDDERS; the fast one's static model at `fast_model_path` or its default
    place). Loading is lazy: nothing heavy happens here."""
    if name not in EMBEDDERS:
        raise InputError(f"Unknown embedder '{name}'. Use {', '.join(EMBEDDERS)}.")
    return EMBEDDERS[name](fast_model_path)
