"""The review queue: given an assigner, a pool of texts and the examples confirmed so far, the pool lines to
check next (themes/pick.py), each with the themes the assigner suggests (and their scores) and the themes it
is near. One function for `insights themes pick`, the API route and the "Check these notes" page.

A pool line whose text repeats an example's text (after trimming spaces) is never picked: it is already
confirmed. Pure: the caller builds the assigner; the store, when given, only caches note vectors.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.core.errors import InputError
from themes.pick import pick


@dataclass
class QueueItem:
    index: int                                        # position in the pool
    uncertainty: float                                # 0-1, 1 = on a theme's line
    suggested: list[tuple[str, float]] = field(default_factory=list)   # (theme id, score), best first
    near: list[str] = field(default_factory=list)     # themes close to their line, given or not


def _key(text: str) -> str:
    return " ".join(text.split())


def review_queue(assigner, texts: list[str], n: int, examples: list[tuple[str, list[str]]] = (), *,
                 store=None, exclude: set[int] = frozenset()) -> list[QueueItem]:
    """The `n` lines of `texts` to check next, best first (fewer when fewer are left). `examples` are the
    (text, theme ids) confirmed so far; `exclude` pool positions never to pick."""
    if n < 1:
        raise InputError(f"Asked for {n} notes to check; ask for at least 1.", where="n",
                         fix="Ask for 1 or more notes (for example --n 20 or ?n=20).")
    if not texts:
        raise InputError("There are no notes to choose from.",
                         fix="Give a pool with at least one note (one JSON object per line, with a \"text\").")
    examples = list(examples)
    known = {_key(text) for text, _ in examples}
    skip = set(exclude) | {i for i, text in enumerate(texts) if _key(text) in known}
    scores, vectors = assigner.score(list(texts), store)
    example_vectors = assigner.score([t for t, _ in examples], store)[1] if examples else None
    theme_ids = [t.id for t in assigner.taxonomy.themes]
    column = {t: j for j, t in enumerate(theme_ids)}
    picks = pick(assigner, scores, vectors, n, examples=examples, example_vectors=example_vectors, exclude=skip)
    return [QueueItem(p.index, p.uncertainty,
                      [(t, round(float(scores[p.index, column[t]]), 4)) for t in p.suggested],
                      list(p.near))
            for p in picks]


def stateless_assigner(settings, taxonomy, texts: list[str], examples: list[tuple[str, list[str]]] = ()):
    """The shipped scorer as `insights themes assign` builds it without a database: the settings' zero-shot
    assigner calibrated on `texts`, learned from `examples` when there are any."""
    from themes.calibrated import CalibratedAssigner
    from themes.embedders import make_embedder
    from themes.zero_shot import zero_shot_assigner

    assigner = zero_shot_assigner(settings, taxonomy, make_embedder(settings.embedder))
    if isinstance(assigner, CalibratedAssigner) and texts:
        assigner.with_calibration(assigner.fit(texts))
    if examples:
        from themes.learned import LearnedAssigner

        assigner = LearnedAssigner(assigner, list(examples), seed=settings.seed)
    return assigner
