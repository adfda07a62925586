"""A zero-shot theme scorer that calibrates itself from the corpus it is given, without labels.

The raw score is the hybrid scorer's (themes/assign.py: 20-word passages, mean of a theme's two best prompts,
best passage, plus LEXICAL_WEIGHT (0.5) x the taxonomy's own words). Raw cosines are not comparable across themes: one theme's
prompts sit close to everything in a corpus, another's to nothing, so one fixed threshold (0.36) over- and
under-assigns at once. Calibration turns each theme's raw score into a standard score against the corpus's
own distribution of that theme's scores:

    z[i, j]   = (raw[i, j] - center[j]) / scale        center[j] = 25th percentile of theme j's raw scores
                                                         scale     = median over themes of (50th - 10th pct)
    adj[i, j] = z[i, j] - NOTE_CENTRING x median_j z[i, j]   (a note near every theme is near none in particular)

A note takes the themes with adj >= its line that are within MARGIN of its best (at most max_themes). The line
comes from the corpus too (version 2 states): LINE_SHARE (0.5) x the median over themes of each theme's
TAIL_QUANTILE (99.5th percentile) calibrated score, i.e. a note must reach halfway to the corpus's strongest
notes for a typical theme. Where a taxonomy's themes stand out sharply from most notes (charity objects, where
three notes in four have none of the themes) the line rises; where they are everywhere and faint (patient
stories) it falls. The prior's line is the old fixed Z_THRESHOLD (1.75), so one note is themed as before. To
keep one decision rule for every caller, scores are reported shifted by (line - Z_THRESHOLD): the rule is
always adj >= Z_THRESHOLD in reported units, and a version 1 state (no line) behaves exactly as before.
The lower quartile, not the median, is the center so a theme that a third of the corpus raises still has a
background to stand out from; the scale is pooled over themes so a theme whose scores are all alike is not
blown up by a tiny spread.

The calibration is a fitted state (`Calibration`, a small JSON-able dict of per-theme numbers) computed once
from a corpus and then applied to each note on its own: the same note with the same state always gets the same
themes, and assigning new notes never moves an old note's themes. Small corpora are shrunk towards a prior
fitted on reference text shipped with the package (the taxonomy's own prompts and themes/data/
background_sentences.txt, written for this): with n notes the statistics are (n x corpus + PRIOR_WEIGHT x
prior) / (n + PRIOR_WEIGHT), so 1 note is themed by the prior alone and 2,000 notes almost wholly by themselves.
As a corpus grows, refit (`CalibratedAssigner.fit`) when it has doubled since the last fit and apply the new
state to new notes only; stored assignments keep the state they were made with (see `Calibration.fingerprint`).

All constants were chosen on the dev halves of four labelled public data sets (UK-CAT, disaster response, NHS
feedback, Care Opinion; bench/zero_shot.py) and are the same for every corpus and both embedders.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from importlib import resources

import numpy as np

from engine.core.errors import InputError
from themes.assign import HYBRID, WORD, SimilarityAssigner, TaxonomyLexicon, stem
from themes.embedder import Embedder
from themes.taxonomy import Taxonomy

CENTER_QUANTILE = 0.25
SCALE_QUANTILES = (0.10, 0.50)
NOTE_CENTRING = 0.5
LEXICAL_WEIGHT = 0.5
Z_THRESHOLD = 1.75
MARGIN = 2.0
PRIOR_WEIGHT = 50
TAIL_QUANTILE = 0.995
LINE_SHARE = 0.5
MIN_SCALE = 1e-3
VERSION = 2


def background_sentences() -> list[str]:
    """The shipped reference set of generic sentences (no theme) for the prior."""
    text = resources.files("themes").joinpath("data", "background_sentences.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return stem(word)


class FastLexicon(TaxonomyLexicon):
    """TaxonomyLexicon with the same scores, computed with cached stems and one weight matrix (the word
    signal otherwise costs as much as the fast embedder itself)."""

    def __init__(self, taxonomy: Taxonomy, embedder: Embedder):
        super().__init__(taxonomy, embedder)
        vocab = sorted({s for weights in self.weights for s in weights})
        self.index = {s: i for i, s in enumerate(vocab)}
        self.matrix = np.zeros((len(vocab), len(self.weights)), dtype=np.float64)
        for j, weights in enumerate(self.weights):
            for s, w in weights.items():
                self.matrix[self.index[s], j] = w

    def score(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.weights)), dtype=np.float32)
        for i, text in enumerate(texts):
            found = {_stem(w) for w in WORD.findall(text.lower()) if len(w) > 1 and w not in self.stop}
            rows = [self.index[s] for s in found if s in self.index]
            if rows:
                total = self.matrix[rows].sum(axis=0)
                out[i] = 1.0 - np.exp(-self.SATURATION * total)
        return out


@dataclass(frozen=True)
class Calibration:
    """Per-theme statistics of the raw scores of a corpus: all a note needs to be themed on its own."""
    theme_ids: tuple[str, ...]
    center: tuple[float, ...]
    spread: tuple[float, ...]      # each theme's 50th - 10th percentile; the scale is their median
    notes: int                     # corpus notes the statistics came from (0: prior only)
    embedder_id: str
    taxonomy_hash: str
    version: int = VERSION
    line: float = Z_THRESHOLD      # the calibrated score a theme must reach (version 1 states: Z_THRESHOLD)

    @property
    def scale(self) -> float:
        return max(float(np.median(self.spread)), MIN_SCALE)

    def to_dict(self) -> dict:
        data = {**asdict(self), "theme_ids": list(self.theme_ids), "center": list(self.center),
                "spread": list(self.spread)}
        if self.version < 2:       # a version 1 state has no line: its dict, and so its fingerprint, as stored
            del data["line"]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Calibration:
        return cls(tuple(data["theme_ids"]), tuple(float(x) for x in data["center"]),
                   tuple(float(x) for x in data["spread"]), int(data["notes"]), str(data["embedder_id"]),
                   str(data["taxonomy_hash"]), int(data.get("version", 1)),
                   float(data.get("line", Z_THRESHOLD)))

    @property
    def fingerprint(self) -> str:
        """A short id for this state, to record with the assignments it made."""
        return hashlib.sha256(json.dumps(self.to_dict(), sort_keys=True).encode()).hexdigest()[:16]


def _round(values) -> tuple[float, ...]:
    return tuple(round(float(v), 6) for v in values)


def statistics(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(center, spread) per theme from a notes x themes matrix of raw scores."""
    center = np.quantile(raw, CENTER_QUANTILE, axis=0)
    low, mid = np.quantile(raw, SCALE_QUANTILES, axis=0)
    return center, mid - low


def _centred(raw: np.ndarray, center, scale: float) -> np.ndarray:
    z = (raw - np.asarray(center, dtype=np.float64)) / scale
    return z - NOTE_CENTRING * np.median(z, axis=1, keepdims=True)


def tail_line(adj: np.ndarray) -> float:
    """LINE_SHARE x the median over themes of each theme's TAIL_QUANTILE calibrated score (before any shift)."""
    return float(LINE_SHARE * np.median(np.quantile(adj, TAIL_QUANTILE, axis=0)))


def standardise(raw: np.ndarray, calibration: Calibration) -> np.ndarray:
    """Calibrated scores: per-theme standard scores, less NOTE_CENTRING x the note's median standard score,
    shifted so that the state's line sits at Z_THRESHOLD (see the module docstring)."""
    z = _centred(raw, calibration.center, calibration.scale) - (calibration.line - Z_THRESHOLD)
    return z.astype(np.float32)


class CalibratedAssigner(SimilarityAssigner):
    """SimilarityAssigner with the hybrid raw score and a corpus calibration in place of a raw threshold.

    `fit(texts)` returns a new Calibration from a corpus (shrunk towards the prior); `assign(texts)` themes
    notes with the state given at construction, else the prior, else (stateless use, `calibrate_on_input`)
    a state fitted on the input itself. Scores reported in Assignment are calibrated scores (adj)."""

    method = "zero-shot"

    def __init__(self, taxonomy: Taxonomy, embedder: Embedder, calibration: Calibration | None = None,
                 max_themes: int = 3, *, z_threshold: float = Z_THRESHOLD, z_margin: float = MARGIN,
                 calibrate_on_input: bool = False):
        super().__init__(taxonomy, embedder, threshold=z_threshold, max_themes=max_themes, margin=z_margin,
                         **{**HYBRID, "lexical_weight": LEXICAL_WEIGHT})
        if calibration is not None:
            self._check(calibration)
        self.calibration = calibration
        self.calibrate_on_input = calibrate_on_input
        self._prior: Calibration | None = None

    @property
    def lexicon(self) -> TaxonomyLexicon:
        if self._lexicon is None:
            self._lexicon = FastLexicon(self.taxonomy, self.embedder)
        return self._lexicon

    # -- fitting -------------------------------------------------------------------------------------------
    def raw_scores(self, texts: list[str], store=None) -> tuple[np.ndarray, np.ndarray]:
        """(hybrid raw scores, note vectors)."""
        return SimilarityAssigner.score(self, texts, store)

    def _state(self, center, spread, notes: int) -> Calibration:
        return Calibration(tuple(t.id for t in self.taxonomy.themes), _round(center), _round(spread), notes,
                           self.embedder.id, self.taxonomy.content_hash)

    @property
    def prior(self) -> Calibration:
        """Statistics of the raw scores of reference text: every theme's prompts and the background sentences."""
        if self._prior is None:
            reference = [p for t in self.taxonomy.themes for p in t.prompts()] + background_sentences()
            raw, _ = self.raw_scores(reference)
            self._prior = self._state(*statistics(raw), 0)
        return self._prior

    def fit_raw(self, raw: np.ndarray) -> Calibration:
        n = len(raw)
        prior = self.prior
        if n == 0:
            return prior
        center, spread = statistics(raw)
        w = n / (n + PRIOR_WEIGHT)
        state = self._state(w * center + (1 - w) * np.asarray(prior.center),
                            w * spread + (1 - w) * np.asarray(prior.spread), n)
        corpus_line = tail_line(_centred(raw, state.center, state.scale))
        return replace(state, line=round(w * corpus_line + (1 - w) * prior.line, 6))

    def fit(self, texts: list[str], store=None) -> Calibration:
        """A calibration from a corpus (label-free); the corpus's vectors are cached in `store` if given."""
        return self.fit_raw(self.raw_scores(texts, store)[0])

    def with_calibration(self, calibration: Calibration) -> CalibratedAssigner:
        self._check(calibration)
        self.calibration = calibration
        return self

    def _check(self, calibration: Calibration) -> None:
        ids = tuple(t.id for t in self.taxonomy.themes)
        if calibration.theme_ids != ids or calibration.taxonomy_hash != self.taxonomy.content_hash:
            raise InputError("This calibration was fitted for another taxonomy; refit it with "
                             "CalibratedAssigner.fit on the corpus.")
        if calibration.embedder_id != self.embedder.id:
            raise InputError(f"This calibration was fitted with embedder {calibration.embedder_id}, not "
                             f"{self.embedder.id}; refit it.")

    @property
    def fingerprint(self) -> str | None:
        """The fingerprint of the state given (None when none is: the prior or the input's own state)."""
        return self.calibration.fingerprint if self.calibration is not None else None

    @property
    def feature_scale(self) -> float:
        """What multiplies a calibrated score back to raw-score units (cosine + word signal): the state's
        scale. LearnedAssigner uses it so its zero-shot feature keeps the size it was designed for."""
        return (self.calibration or self.prior).scale

    # -- scoring -------------------------------------------------------------------------------------------
    def score(self, texts: list[str], store=None) -> tuple[np.ndarray, np.ndarray]:
        """(calibrated scores n_notes x n_themes, note vectors)."""
        raw, vectors = self.raw_scores(texts, store)
        calibration = self.calibration
        if calibration is None:
            calibration = self.fit_raw(raw) if self.calibrate_on_input else self.prior
        return standardise(raw, calibration), vectors
