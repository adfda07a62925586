"""The supervised reference of `insights eval themes` (and bench/zero_shot.py): TF-IDF of words and word pairs
plus logistic regression, TRAINED ON THE DEV HALF's labels and scored on the held-out half. It needs labelled
rows, which a new taxonomy never has: it shows what labels alone buy, and is not zero-shot."""
from __future__ import annotations

import numpy as np

C = 10.0


def tfidf_reference(texts: list[str], gold_m: np.ndarray, dev: np.ndarray, held_out: np.ndarray, single: bool,
                    seed: int) -> np.ndarray:
    """Boolean predictions for the held-out rows (rows x themes): one balanced logistic regression per theme
    (probability >= 0.5), or one multi-class model (its top class) when `single`."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x_dev = vec.fit_transform([texts[i] for i in dev])
    x_ho = vec.transform([texts[i] for i in held_out])
    pred = np.zeros((len(held_out), gold_m.shape[1]), dtype=bool)
    if single:
        y = gold_m[dev].argmax(1)
        model = LogisticRegression(max_iter=2000, C=C, class_weight="balanced", random_state=seed).fit(x_dev, y)
        pred[np.arange(len(held_out)), model.classes_[model.predict_proba(x_ho).argmax(1)]] = True
        return pred
    for j in range(gold_m.shape[1]):
        y = gold_m[dev, j]
        if y.sum() == 0:
            continue
        model = LogisticRegression(max_iter=2000, C=C, class_weight="balanced", random_state=seed).fit(x_dev, y)
        pred[:, j] = model.predict_proba(x_ho)[:, 1] >= 0.5
    return pred


# -- learning from few labels: the review queue's picks against random rows -----------------------------------
PICK_ROUND = 50          # notes a person checks per round of the review queue


def learner_on_rows(zero_shot, texts: list[str], gold: list[list[str]], scores: np.ndarray, vectors: np.ndarray,
                    rows: np.ndarray, seed: int, learner_cls=None):
    """The learner (themes.learned.LearnedAssigner unless given) trained on the gold labels of `rows`, as if a
    person had confirmed them; `scores` and `vectors` are `zero_shot.score`'s output for every text."""
    if learner_cls is None:
        from themes.learned import LearnedAssigner as learner_cls
    rows = np.asarray(rows, dtype=int)
    kwargs = {"scored": (scores[rows], vectors[rows])} if "scored" in learner_cls.__init__.__code__.co_varnames \
        else {}
    return learner_cls(zero_shot, [(texts[i], gold[i]) for i in rows], seed=seed, **kwargs)


def learned_predictions(learner, texts, scores, vectors, rows: np.ndarray) -> np.ndarray:
    """Boolean predictions (rows x themes) of a learner for `rows`."""
    ids = [t.id for t in learner.taxonomy.themes]
    decided = learner.decide(learner.score_from([texts[i] for i in rows], scores[rows], vectors[rows]))
    return np.array([[i in {a.theme_id for a in row} for i in ids] for row in decided],
                    dtype=bool).reshape(len(rows), len(ids))


def picked_rows(zero_shot, texts, gold, scores, vectors, pool: np.ndarray, sizes, seed: int,
                learner_cls=None) -> dict[int, np.ndarray]:
    """The pool rows the review queue (themes/pick.py) asks a person to check, in rounds of PICK_ROUND: the first
    round chosen by the zero-shot scorer, each later one by the learner trained on the rows checked so far.
    Returns, per size, the first rows checked (a size under PICK_ROUND is the start of the first round, which
    is what a pick of that size gives: the choice is greedy)."""
    from themes.pick import pick

    pool = np.asarray(pool, dtype=int)
    want = min(max(sizes), len(pool))
    chosen: list[int] = []                     # positions in `pool`
    while len(chosen) < want:
        if not chosen:
            assigner, pool_scores, kwargs = zero_shot, scores[pool], {}
        else:
            rows = pool[chosen]
            assigner = learner_on_rows(zero_shot, texts, gold, scores, vectors, rows, seed, learner_cls)
            pool_scores = assigner.score_from([texts[i] for i in pool], scores[pool], vectors[pool])
            kwargs = {"examples": [(texts[i], gold[i]) for i in rows], "example_vectors": vectors[rows],
                      "exclude": set(chosen)}
        take = min(PICK_ROUND, want - len(chosen))
        chosen += [p.index for p in pick(assigner, pool_scores, vectors[pool], take, **kwargs)]
    return {n: pool[chosen[:n]] for n in sizes}


def random_rows(pool: np.ndarray, n: int, seed: int) -> np.ndarray:
    return np.sort(np.random.default_rng(seed).choice(np.asarray(pool, dtype=int), min(n, len(pool)),
                                                      replace=False))


FEW_LABELS = 100         # `insights eval themes`: labels checked in two rounds of the review queue
RANDOM_SEEDS = 3


def few_label_predictions(zero_shot, texts, gold, scores, vectors, pool: np.ndarray, test: np.ndarray, seed: int,
                          n: int = FEW_LABELS) -> tuple[np.ndarray, list[np.ndarray]]:
    """Predictions for `test` of the learner trained on `n` pool rows picked by the review queue, and of the
    learner trained on `n` random pool rows (one per seed seed, seed+1, ...)."""
    picked = picked_rows(zero_shot, texts, gold, scores, vectors, pool, (n,), seed)[n]
    learned = learner_on_rows(zero_shot, texts, gold, scores, vectors, picked, seed)
    randoms = [learner_on_rows(zero_shot, texts, gold, scores, vectors, random_rows(pool, n, seed + s), seed)
               for s in range(RANDOM_SEEDS)]
    return learned_predictions(learned, texts, scores, vectors, test), \
        [learned_predictions(r, texts, scores, vectors, test) for r in randoms]
