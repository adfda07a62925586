"""Theme assignment by similarity: multi-label, with an honest 'unassigned' when nothing fits.

Each note is split into passages of a few sentences (MiniLM reads at most 256 word pieces, and long notes
often raise several themes); a theme's score for a note is its best passage's best cosine similarity to the
theme's description or example phrases. Themes scoring at least the threshold and within `margin` of the
note's best theme are assigned (up to `max_themes`); a note with none is unassigned.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from themes.embedder import Embedder, embed_cached
from themes.taxonomy import Taxonomy

PLACEHOLDER = re.compile(r"<[A-Z_]+(?:[:_][^>]*)?>")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
PASSAGE_WORDS = 60


def passages(text: str, max_words: int = PASSAGE_WORDS) -> list[str]:
    """Split a note into passages of whole sentences, each at most about max_words words."""
    clean = PLACEHOLDER.sub("someone", text)
    out: list[str] = []
    current: list[str] = []
    count = 0
    for sentence in (s.strip() for s in SENTENCE_END.split(clean)):
        if not sentence:
            continue
        words = len(sentence.split())
        if current and count + words > max_words:
            out.append(" ".join(current))
            current, count = [], 0
        current.append(sentence)
        count += words
    if current:
        out.append(" ".join(current))
    return out or [clean.strip() or "(empty)"]


@dataclass
class Assignment:
    theme_id: str
    score: float


class SimilarityAssigner:
    method = "zero-shot"

    def __init__(self, taxonomy: Taxonomy, embedder: Embedder, threshold: float, max_themes: int = 3,
                 margin: float = 1.0):
        self.taxonomy = taxonomy
        self.embedder = embedder
        self.threshold = threshold
        self.margin = margin
        self.max_themes = max_themes
        self._prompt_vectors = None
        self._prompt_owner = None

    def _prompts(self):
        if self._prompt_vectors is None:
            texts, owner = [], []
            for j, theme in enumerate(self.taxonomy.themes):
                for prompt in theme.prompts():
                    texts.append(prompt)
                    owner.append(j)
            self._prompt_vectors = self.embedder.embed_batch(texts)
            self._prompt_owner = np.array(owner)
        return self._prompt_vectors, self._prompt_owner

    def score(self, texts: list[str], store=None) -> tuple[np.ndarray, np.ndarray]:
        """Return (theme scores n_notes x n_themes, note vectors n_notes x dim)."""
        prompt_vectors, owner = self._prompts()
        split = [passages(t) for t in texts]
        flat = [p for ps in split for p in ps]
        vectors = embed_cached(store, self.embedder, flat)
        sims = vectors @ prompt_vectors.T
        n_themes = len(self.taxonomy.themes)
        per_passage = np.full((len(flat), n_themes), -1.0, dtype=np.float32)
        for j in range(n_themes):
            per_passage[:, j] = sims[:, owner == j].max(axis=1)
        scores = np.zeros((len(texts), n_themes), dtype=np.float32)
        note_vectors = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
        start = 0
        for i, ps in enumerate(split):
            block = slice(start, start + len(ps))
            scores[i] = per_passage[block].max(axis=0)
            mean = vectors[block].mean(axis=0)
            note_vectors[i] = mean / (np.linalg.norm(mean) or 1.0)
            start += len(ps)
        return scores, note_vectors

    def decide(self, scores: np.ndarray) -> list[list[Assignment]]:
        ids = [t.id for t in self.taxonomy.themes]
        out = []
        for row in scores:
            order = np.argsort(-row, kind="stable")[: self.max_themes]
            floor = max(self.threshold, float(row[order[0]]) - self.margin) if len(order) else self.threshold
            out.append([Assignment(ids[j], round(float(row[j]), 4)) for j in order if row[j] >= floor])
        return out

    def assign(self, texts: list[str], store=None) -> tuple[list[list[Assignment]], np.ndarray]:
        scores, note_vectors = self.score(texts, store)
        return self.decide(scores), note_vectors
