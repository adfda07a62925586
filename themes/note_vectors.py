"""Each note is embedded once: as the 20-word passages the shipped theme scorer reads (themes/calibrated.py,
`HYBRID["passage_words"]`), cached in the store by content. Every other vector a note needs is made from those:

    note_vectors(store, embedder, texts)   one unit vector per note: the mean of its passage vectors, for the
                                           near-duplicate check (engine/near_duplicates.py)
    passage_groups(store, embedder, texts) the note's passages joined into groups of about GROUP_WORDS words,
                                           each with the mean of its passages' vectors, for emergent themes

Before (issue 18), the near-duplicate check embedded every whole note and the emergent fit every 60-word passage
again: three embeddings of the same text, about 55% of `insights demo`. A mean of a text's passage vectors is a
close stand-in for the text's own vector (sentence-transformers' mean pooling is itself a mean); the thresholds
that read them were checked again on the demo corpus (bench/near_duplicates_demo.py).
"""
from __future__ import annotations

import numpy as np

from themes.assign import HYBRID, passages
from themes.embedder import Embedder, embed_cached

PASSAGE_WORDS = HYBRID["passage_words"]
GROUP_WORDS = 60


def note_vector_id(embedder: Embedder) -> str:
    """The id note vectors are stored under: never mixed with the embedder's own vectors of whole texts."""
    return f"{embedder.id}|mean-of-{PASSAGE_WORDS}-word-passages"


def _unit_mean(block: np.ndarray) -> np.ndarray:
    mean = block.mean(axis=0)
    return (mean / (np.linalg.norm(mean) or 1.0)).astype(np.float32)


def _passage_vectors(store, embedder: Embedder, texts: list[str]) -> tuple[list[list[str]], np.ndarray]:
    split = [passages(t, PASSAGE_WORDS) for t in texts]
    flat = [p for ps in split for p in ps]
    return split, (embed_cached(store, embedder, flat) if flat else embedder.empty())


def note_vectors(store, embedder: Embedder, texts: list[str]) -> np.ndarray:
    """One unit vector per text: the mean of its passages' (cached) vectors."""
    if not texts:
        return embedder.empty()
    split, vectors = _passage_vectors(store, embedder, texts)
    out, start = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32), 0
    for i, ps in enumerate(split):
        out[i] = _unit_mean(vectors[start:start + len(ps)])
        start += len(ps)
    return out


def passage_groups(store, embedder: Embedder, texts: list[str],
                   words: int = GROUP_WORDS) -> tuple[list[int], list[str], np.ndarray]:
    """(owner index, group text, group vector) for each group: a text's consecutive passages joined while they
    stay within `words` words (a longer passage stays alone), its vector the mean of theirs."""
    split, vectors = _passage_vectors(store, embedder, texts)
    owners: list[int] = []
    groups: list[str] = []
    rows: list[np.ndarray] = []
    start = 0
    for i, ps in enumerate(split):
        current: list[int] = []
        count = 0
        for j, p in enumerate(ps):
            n = len(p.split())
            if current and count + n > words:
                owners.append(i)
                groups.append(" ".join(ps[k] for k in current))
                rows.append(_unit_mean(vectors[[start + k for k in current]]))
                current, count = [], 0
            current.append(j)
            count += n
        if current:
            owners.append(i)
            groups.append(" ".join(ps[k] for k in current))
            rows.append(_unit_mean(vectors[[start + k for k in current]]))
        start += len(ps)
    return owners, groups, (np.vstack(rows) if rows else embedder.empty())
