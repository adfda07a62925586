"""Which notes to check next (active learning): the notes whose confirmation would teach the engine most.

Given the assigner in force (zero-shot, or learned from the examples so far), its scores and the note vectors
of a pool, `pick` chooses N notes that are both uncertain and diverse:

- uncertain: for each theme, how far the note's score sits from that theme's decision line (its threshold, or
  the margin floor under the note's best theme), in units of that theme's spread of scores over the pool. A
  note on the line of any theme is uncertain. Themes with few confirmed positives weigh more (a theme nobody
  has confirmed yet gains most from its first examples): weight 1 / sqrt(1 + confirmed positives).
- diverse: a greedy choice that multiplies each note's uncertainty by its cosine distance to the nearest note
  already chosen or already confirmed, so the queue does not fill with ten copies of one borderline note.

Deterministic: ties go to the earlier pool line. Pure: no store, no model loading (the caller scores).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from engine.core.errors import InputError

NEAR_BAND = 1.0        # a theme is "near" when the note is within this many spreads of its line
DIVERSITY_POWER = 1.0  # how much diversity counts against uncertainty (0: uncertainty alone)
SUGGESTED_WEIGHT = 0.5  # value added for a note the rule gives a theme, times that theme's few-positives weight


@dataclass
class Pick:
    index: int                     # position in the pool
    uncertainty: float             # 0-1, 1 = on a theme's line
    suggested: list[str] = field(default_factory=list)   # themes the current rule gives the note
    near: list[str] = field(default_factory=list)        # themes close to their line, given or not


def decision_floors(assigner, scores: np.ndarray) -> np.ndarray:
    """Per note and theme, the score at which the assigner's rule would give the theme (n_notes x n_themes)."""
    scores = np.asarray(scores, dtype=np.float64)
    models = getattr(assigner, "models", None)
    if models is not None:     # LearnedAssigner: learned themes have their own threshold, the rest the zero-shot rule
        zs = assigner.zero_shot
        fallback = np.array([m.mode == "zero-shot" for m in models])
        floors = np.tile(np.array([m.threshold if m.mode == "learned" else np.nan for m in models]),
                         (len(scores), 1))
        if fallback.any():
            best = scores[:, fallback].max(axis=1)
            floors[:, fallback] = np.maximum(zs.threshold, best - zs.margin)[:, None]
        return floors
    best = scores.max(axis=1) if scores.shape[1] else np.zeros(len(scores))
    return np.tile(np.maximum(assigner.threshold, best - assigner.margin)[:, None], (1, scores.shape[1]))


def positives_per_theme(theme_ids: list[str], examples: list[tuple[str, list[str]]]) -> np.ndarray:
    index = {t: j for j, t in enumerate(theme_ids)}
    counts = np.zeros(len(theme_ids))
    for _, themes in examples:
        for t in themes:
            if t in index:
                counts[index[t]] += 1
    return counts


def uncertainty(assigner, scores: np.ndarray, positives: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(per-note uncertainty 0-1, per-note-and-theme distance to the line in spreads)."""
    scores = np.asarray(scores, dtype=np.float64)
    spread = scores.std(axis=0) if len(scores) > 1 else np.ones(scores.shape[1])
    spread = np.where(spread > 1e-9, spread, 1.0)
    distance = np.abs(scores - decision_floors(assigner, scores)) / spread
    weight = 1.0 / np.sqrt(1.0 + positives)
    return (weight * np.exp(-distance)).max(axis=1) if scores.shape[1] else np.zeros(len(scores)), distance


def pick(assigner, scores: np.ndarray, vectors: np.ndarray, n: int, *,
         examples: list[tuple[str, list[str]]] = (), example_vectors: np.ndarray | None = None,
         exclude: set[int] = frozenset()) -> list[Pick]:
    """The `n` pool notes to check next, best first (see the module docstring). `scores` and `vectors` are
    the assigner's own output for the pool (`assigner.score(texts)`); `example_vectors` those of the notes
    already confirmed; `exclude` pool positions never to pick (already confirmed)."""
    if n < 1:
        raise InputError(f"Asked for {n} notes to check; ask for at least 1 (--n).")
    scores = np.asarray(scores, dtype=np.float64)
    vectors = np.asarray(vectors, dtype=np.float64)
    if len(scores) != len(vectors):
        raise InputError("Scores and vectors describe different numbers of notes; score the pool once and pass "
                         "both outputs of assigner.score(texts).")
    theme_ids = [t.id for t in assigner.taxonomy.themes]
    u, distance = uncertainty(assigner, scores, positives_per_theme(theme_ids, list(examples)))
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    nearest = np.ones(len(unit))                 # cosine distance to the nearest chosen or confirmed note
    if example_vectors is not None and len(example_vectors):
        ex = np.asarray(example_vectors, dtype=np.float64)
        ex = ex / np.maximum(np.linalg.norm(ex, axis=1, keepdims=True), 1e-12)
        nearest = np.clip(1.0 - (unit @ ex.T).max(axis=1), 0.0, 2.0)
    available = np.ones(len(unit), dtype=bool)
    for i in exclude:
        if 0 <= i < len(available):
            available[i] = False
    decided = assigner.decide(scores.astype(np.float32))
    positives = positives_per_theme(theme_ids, list(examples))
    given = np.zeros(scores.shape, dtype=bool)
    for i, row in enumerate(decided):
        given[i, [theme_ids.index(a.theme_id) for a in row]] = True
    # a note given a theme with few confirmed positives is a likely positive of it: where most notes have no
    # theme, uncertainty alone fills the queue with negatives
    suggested = (given / np.sqrt(1.0 + positives)).max(axis=1) if scores.shape[1] else np.zeros(len(scores))
    worth = u + SUGGESTED_WEIGHT * suggested
    chosen: list[Pick] = []
    while len(chosen) < n and available.any():
        value = np.where(available, worth * np.power(nearest + 1e-6, DIVERSITY_POWER), -np.inf)
        i = int(np.argmax(value))              # argmax takes the first of equal values: the earlier line
        available[i] = False
        nearest = np.minimum(nearest, np.clip(1.0 - unit @ unit[i], 0.0, 2.0))
        chosen.append(Pick(i, round(float(u[i]), 4), [a.theme_id for a in decided[i]],
                           [theme_ids[j] for j in np.argsort(distance[i], kind="stable")
                            if distance[i, j] <= NEAR_BAND]))
    return chosen
