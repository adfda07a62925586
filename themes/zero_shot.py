"""The shipped zero-shot assigner, built in one place for the pipeline, `insights themes assign` and
`insights eval themes`, and its calibration state kept per taxonomy version and embedder.

  calibrated  (default) CalibratedAssigner (themes/calibrated.py): each theme's score is standardised against
              the corpus's own notes, no labels. In the pipeline the state is fitted on every stored note, kept
              (CalibrationStore, JSON) and refitted only when the stored notes have doubled since it was
              fitted; a state only ever themes notes not yet themed, so old notes keep their themes.
  similarity  the legacy raw-cosine rule (SimilarityAssigner, the INSIGHTS_*ASSIGN_THRESHOLD/MARGIN settings),
              an explicit option only (INSIGHTS_ASSIGN_SCORER=similarity).
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from engine.core.errors import InputError
from engine.core.protocols import CalibrationStore
from engine.core.settings import Settings
from themes.assign import SimilarityAssigner
from themes.calibrated import CalibratedAssigner, Calibration
from themes.embedder import Embedder
from themes.taxonomy import Taxonomy

REFIT_GROWTH = 2.0   # refit the state once the stored notes number this many times those it was fitted on


def zero_shot_assigner(settings: Settings, taxonomy: Taxonomy, embedder: Embedder, *,
                       calibrate_on_input: bool = False, max_themes: int | None = None):
    """The zero-shot assigner the settings ask for (see the module docstring). `calibrate_on_input`: the
    stateless use, where the calibrated scorer fits its state on the texts it is given (1 note: the prior)."""
    max_themes = max_themes or settings.max_themes_per_note
    if settings.assign_scorer == "similarity":
        threshold, margin = settings.assign_rule(embedder.kind)
        return SimilarityAssigner(taxonomy, embedder, threshold, max_themes, margin)
    return CalibratedAssigner(taxonomy, embedder, max_themes=max_themes, calibrate_on_input=calibrate_on_input)


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _no_progress(iterable, **_) -> _NoBar:
    return _NoBar()


def fit_on_store(assigner: CalibratedAssigner, store: CalibrationStore, batch: int = 256,
                 progress: Callable = _no_progress) -> Calibration:
    """A state fitted on every note in `store` (their vectors are cached there for the assignment that follows)."""
    texts = [r["text"] for r in store.notes_for_refit()]
    bar = progress(range(len(texts)), desc="Calibrating themes", unit="note", total=len(texts))
    parts = []
    for start in range(0, len(texts), batch):
        parts.append(assigner.raw_scores(texts[start:start + batch], store)[0])
        bar.update(len(parts[-1]))
    bar.close()
    raw = np.vstack(parts) if parts else np.zeros((0, len(assigner.taxonomy.themes)), dtype=np.float32)
    return assigner.fit_raw(raw)


def calibrate(assigner, store: CalibrationStore, taxonomy_version: int, *, refit: bool = False,
              progress: Callable = _no_progress) -> Calibration | None:
    """Give a CalibratedAssigner the state in force for (taxonomy version, embedder): the stored one, or a new
    one fitted on every stored note (and stored) when there is none, when the stored notes have doubled since
    it was fitted, or when `refit` (an explicit refit of every note) finds the corpus changed. Returns the state
    (None for an assigner that has no calibration)."""
    if not isinstance(assigner, CalibratedAssigner):
        return None
    row = store.latest_calibration(taxonomy_version, assigner.embedder.id)
    state = None
    if row is not None:
        try:
            state = Calibration.from_dict(row["state"])
            assigner._check(state)
        except (InputError, KeyError, TypeError, ValueError):   # a state for another taxonomy content or embedder: fit a new one
            state = None
    grown = state is not None and store.count_notes() >= REFIT_GROWTH * max(state.notes, 1)
    if state is None or grown or refit:
        fitted = fit_on_store(assigner, store, progress=progress)
        if state is None or fitted.fingerprint != state.fingerprint:
            store.put_calibration(taxonomy_version, assigner.embedder.id, fitted.to_dict(), fitted.fingerprint,
                                  fitted.notes)
        state = fitted
    assigner.with_calibration(state)
    return state
