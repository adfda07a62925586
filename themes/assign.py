"""Theme assignment by similarity: multi-label, with an honest 'unassigned' when nothing fits.

Each note is split into passages of whole sentences (MiniLM reads at most 256 word pieces, and long notes
often raise several themes). A theme's embedding score for a passage is the mean of its `top_k` best cosine
similarities to the theme's prompts (label and description, then each example phrase); a note takes its best
passage. With `lexical_weight` > 0 a word signal built only from the taxonomy's own words is added (see
`TaxonomyLexicon`). Themes scoring at least the threshold and within `margin` of the note's best theme are
assigned (up to `max_themes`); a note with none is unassigned.

The defaults (60-word passages, best prompt, no word signal) are the scorer the project's threshold 0.36 was
calibrated for; `SimilarityAssigner.hybrid(...)` gives the stronger scorer `insights eval themes` measures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from themes.embedder import Embedder, embed_cached
from themes.taxonomy import Taxonomy

PLACEHOLDER = re.compile(r"<[A-Z_]+(?:[:_][^>]*)?>")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
PASSAGE_WORDS = 60
# The hybrid scorer: short passages, mean of the two best prompts, plus the taxonomy's own words.
HYBRID = {"passage_words": 20, "top_k": 2, "lexical_weight": 0.3}


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


# -- the word signal -----------------------------------------------------------------------------------------
WORD = re.compile(r"[a-z]+")
SUFFIXES = ("ations", "ation", "nesses", "ness", "ments", "ment", "ings", "ing", "ities", "ity", "ies", "ied",
            "ers", "er", "ed", "es", "ly", "s")


def stem(word: str) -> str:
    """A light suffix stripper, enough to match 'bereaved' with 'bereavement' and 'homeless' with 'homelessness'."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if (suffix == "s" and word.endswith("ss")) or \
                    (suffix == "es" and not word.endswith(("ses", "xes", "ches", "shes"))):
                continue
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def _stop_words() -> frozenset:
    """scikit-learn's English stop words. Importing them the usual way runs all of scikit-learn's and SciPy's
    set-up (~1.5 s of a new process, for a word list); when scikit-learn is not loaded yet, its one module that
    defines the list (it imports nothing) is read on its own instead. The same frozenset either way."""
    import importlib.util
    import sys

    if "sklearn.feature_extraction.text" in sys.modules:
        return sys.modules["sklearn.feature_extraction.text"].ENGLISH_STOP_WORDS
    package = importlib.util.find_spec("sklearn")
    path = Path(package.origin).parent / "feature_extraction" / "_stop_words.py"
    spec = importlib.util.spec_from_file_location("_insights_sklearn_stop_words", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ENGLISH_STOP_WORDS


def stems(text: str, stop: frozenset) -> set[str]:
    return {stem(w) for w in WORD.findall(text.lower()) if len(w) > 1 and w not in stop}


class TaxonomyLexicon:
    """Each theme's own words (label, description, examples), each weighted by how close the word's embedding
    is to the theme's meaning (squared cosine to 'label: description'), twice as much for label words, and
    divided by the number of themes that use it. A note's word score for a theme is 1 - exp(-2 x the summed
    weights of the theme's words it contains): 0 with none, near 1 with several. No labelled data is used."""

    LABEL_WEIGHT = 2.0
    SATURATION = 2.0

    def __init__(self, taxonomy: Taxonomy, embedder: Embedder):
        self.stop = _stop_words()
        words: dict[int, dict[str, tuple[float, list[str]]]] = {}
        for j, theme in enumerate(taxonomy.themes):
            entry: dict[str, tuple[float, list[str]]] = {}
            for text, base in [(theme.label, self.LABEL_WEIGHT)] + [(t, 1.0) for t in (theme.description,
                                                                                         *theme.examples)]:
                for w in WORD.findall(text.lower()):
                    if len(w) > 1 and w not in self.stop:
                        s = stem(w)
                        weight, forms = entry.get(s, (0.0, []))
                        entry[s] = (max(weight, base), forms + [w])
            words[j] = entry
        vocab = sorted({w for entry in words.values() for _, forms in entry.values() for w in forms})
        word_vectors = dict(zip(vocab, embedder.embed_batch(vocab)))
        theme_vectors = embedder.embed_batch([f"{t.label}: {t.description}" for t in taxonomy.themes])
        used_by: dict[str, int] = {}
        for entry in words.values():
            for s in entry:
                used_by[s] = used_by.get(s, 0) + 1
        self.weights: list[dict[str, float]] = []
        for j, entry in words.items():
            weights = {}
            for s, (base, forms) in entry.items():
                closeness = max(max(float(word_vectors[w] @ theme_vectors[j]) for w in forms), 0.0)
                weights[s] = base * closeness ** 2 / used_by[s]
            self.weights.append({s: w for s, w in weights.items() if w > 0})

    def score(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.weights)), dtype=np.float32)
        for i, text in enumerate(texts):
            found = stems(text, self.stop)
            for j, weights in enumerate(self.weights):
                total = sum(w for s, w in weights.items() if s in found)
                out[i, j] = 1.0 - np.exp(-self.SATURATION * total)
        return out


# -- the assigner --------------------------------------------------------------------------------------------
@dataclass
class Assignment:
    theme_id: str
    score: float


class SimilarityAssigner:
    method = "zero-shot"

    def __init__(self, taxonomy: Taxonomy, embedder: Embedder, threshold: float, max_themes: int = 3,
                 margin: float = 1.0, *, passage_words: int = PASSAGE_WORDS, top_k: int = 1,
                 lexical_weight: float = 0.0):
        self.taxonomy = taxonomy
        self.embedder = embedder
        self.threshold = threshold
        self.margin = margin
        self.max_themes = max_themes
        self.passage_words = passage_words
        self.top_k = top_k
        self.lexical_weight = lexical_weight
        self._prompt_vectors = None
        self._prompt_owner = None
        self._lexicon = None

    @classmethod
    def hybrid(cls, taxonomy: Taxonomy, embedder: Embedder, threshold: float, max_themes: int = 3,
               margin: float = 1.0, **overrides) -> "SimilarityAssigner":
        """The stronger scorer: short passages, top-2 prompts, plus the taxonomy's own words (see HYBRID)."""
        return cls(taxonomy, embedder, threshold, max_themes, margin, **{**HYBRID, **overrides})

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

    @property
    def lexicon(self) -> TaxonomyLexicon:
        if self._lexicon is None:
            self._lexicon = TaxonomyLexicon(self.taxonomy, self.embedder)
        return self._lexicon

    def score_parts(self, texts: list[str], store=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(embedding scores, word scores, note vectors); the word scores are zeros when lexical_weight is 0."""
        prompt_vectors, owner = self._prompts()
        split = [passages(t, self.passage_words) for t in texts]
        flat = [p for ps in split for p in ps]
        vectors = embed_cached(store, self.embedder, flat)
        sims = vectors @ prompt_vectors.T
        n_themes = len(self.taxonomy.themes)
        per_passage = np.full((len(flat), n_themes), -1.0, dtype=np.float32)
        for j in range(n_themes):
            own = sims[:, owner == j]
            k = min(self.top_k, own.shape[1])
            per_passage[:, j] = own.max(axis=1) if k == 1 else -np.sort(-own, axis=1)[:, :k].mean(axis=1)
        scores = np.zeros((len(texts), n_themes), dtype=np.float32)
        note_vectors = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
        start = 0
        for i, ps in enumerate(split):
            block = slice(start, start + len(ps))
            scores[i] = per_passage[block].max(axis=0)
            mean = vectors[block].mean(axis=0)
            note_vectors[i] = mean / (np.linalg.norm(mean) or 1.0)
            start += len(ps)
        words = self.lexicon.score(texts) if self.lexical_weight else np.zeros_like(scores)
        return scores, words, note_vectors

    def score(self, texts: list[str], store=None) -> tuple[np.ndarray, np.ndarray]:
        """Return (theme scores n_notes x n_themes, note vectors n_notes x dim)."""
        scores, words, note_vectors = self.score_parts(texts, store)
        return scores + np.float32(self.lexical_weight) * words, note_vectors

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
