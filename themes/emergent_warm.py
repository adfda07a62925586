"""Warm numba's on-disk cache for the emergent-theme fit, once, at set-up:

    python -m themes.emergent_warm [--quick]

It runs `themes.emergent.fit_topics` (the same UMAP, HDBSCAN and BERTopic set-up as a real fit) on synthetic
unit vectors of the embedders' type (float32, C-ordered, one row per passage; numba compiles one version per
argument type, not per size), so the compiled code lands in `Settings.numba_cache_dir`. Two fits, because UMAP
takes two roads: below 4,096 passages exact neighbours from all pairwise distances, from 4,096 on pynndescent's
approximate ones (`--quick` warms only the first: a few seconds fewer at set-up, for tests).

What it saves, and what it cannot: numba keeps only functions with a file cache. Most of pynndescent's are
declared cache=True (compiled when umap is imported: 20-28 s with an empty cache, under 1 s warm); UMAP's own fit
functions (smooth_knn_dist, compute_membership_strengths, fast_knn_indices, the layout epoch) are not, and get one
from themes/numba_cache.py before the fit. pynndescent's nn_descent takes the distance function as an argument,
so it cannot be cached at all and is compiled again in every process that takes the large road. See README,
Performance.
"""
from __future__ import annotations

import sys
import time
import zlib
from pathlib import Path

import numpy as np

from engine.core.offline import ensure_offline
from engine.core.settings import Settings

DIM = 256             # the fast embedder's; MiniLM's 384 compiles to the same code (the size is not in the type)
SMALL = 240           # UMAP's exact road (below 4,096 passages)
LARGE = 4_200         # UMAP's pynndescent road
TOPICS = ("bus route hospital appointment", "rent landlord mould repairs", "food bank meals children",
          "gas meter heating cold", "lonely isolated visits friends", "benefit sanction universal credit")
SHARED = ("family", "worried", "money", "support", "centre", "morning", "help", "letter", "phone", "house")


class HashEmbedder:
    """A stand-in embedder for the synthetic fit's readable labels: each text's vector is drawn from a generator
    seeded by the text, so the same word always gets the same unit vector. Type and shape as a real embedder's."""

    dim = DIM

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        rows = [np.random.default_rng(zlib.crc32(t.encode("utf-8"))).standard_normal(DIM) for t in texts]
        vectors = np.asarray(rows, dtype=np.float32).reshape(len(texts), DIM)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def synthetic_passages(n: int, seed: int = 0) -> tuple[list[str], np.ndarray]:
    """n passages in len(TOPICS) topics: the topic's words and three shared ones (c-TF-IDF needs words that
    more than one topic uses), vectors near the topic's centre."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((len(TOPICS), DIM))
    topic = np.arange(n) % len(TOPICS)
    vectors = (centres[topic] + 0.6 * rng.standard_normal((n, DIM))).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    docs = [" ".join([*rng.permutation(TOPICS[t].split()), *rng.choice(SHARED, 3, replace=False)]) for t in topic]
    return docs, np.ascontiguousarray(vectors)


def cache_files(folder: Path | str) -> list[Path]:
    """numba's cache files under `folder`: an index (.nbi) per function and a .nbc per compiled version."""
    return sorted(p for pattern in ("*.nbi", "*.nbc") for p in Path(folder).rglob(pattern))


def warm(sizes: tuple[int, ...] = (SMALL, LARGE), seed: int = 42, settings: Settings | None = None) -> dict:
    """Fit on synthetic passages of each size; return the cache folder, the seconds and the cache files there."""
    settings = settings or Settings.from_env()
    ensure_offline(settings)
    from themes.emergent import fit_topics

    started = time.perf_counter()
    for n in sizes:
        docs, vectors = synthetic_passages(n)
        fit_topics(docs, vectors, seed, embedder=HashEmbedder())
    folder = Path(settings.numba_cache_dir).resolve()
    return {"cache_dir": str(folder), "seconds": round(time.perf_counter() - started, 1),
            "files": len(cache_files(folder))}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["--quick"]):
        print("usage: python -m themes.emergent_warm [--quick]   (--quick: only UMAP's small-corpus road)")
        return 0 if args in (["-h"], ["--help"]) else 2
    result = warm((SMALL,) if args else (SMALL, LARGE))
    print(f"Warmed numba's cache for the emergent fit in {result['seconds']} s: {result['files']} files in "
          f"{result['cache_dir']}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
