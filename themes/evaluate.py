"""`insights eval themes`: theme assignment scored against real, human-labelled public text.

Rows are split once (seeded, half and half, stratified for single-label data) into dev and held-out rows.
Every figure but the learned ones is scored on the held-out rows, all in the same run.
  zero-shot   exactly what ships (themes/zero_shot.py with the default settings): the CalibratedAssigner,
              its state fitted on the held-out texts without their labels (as `insights themes assign`
              calibrates on its input file); nothing is tuned on labels here.
  anchor      a label-free rule someone could write in minutes, on the same rows: UK-CAT's own regular
              expressions (ukcat), the keyword list in themes/data/disaster_keywords.yaml (disaster).
  supervised  TF-IDF + logistic regression TRAINED ON THE DEV ROWS' LABELS (themes/eval_supervised.py).
  learned     learning from corrections (themes/learned.py) on top of the shipped zero-shot scorer (its state
              fitted on all rows, no labels, as the pipeline fits it on every stored note): 5-fold
              cross-validation over all rows, the training folds fed in as confirmed assignments; every row is
              predicted by a model that never saw it. Scored on the held-out rows and on all rows.
  few labels  the learner trained on 100 dev rows' labels, picked by the review queue (themes/pick.py, two
              rounds of 50: zero-shot, then the learner fitted on round 1) or drawn at random (3 seeds), as if a
              person had confirmed them; scored on the held-out rows (themes/eval_supervised.py).
  oracle      the hybrid similarity scorer with its word weight, threshold and margin TUNED ON THE DEV ROWS'
              LABELS: reported apart, as it is not what ships (a new taxonomy has no labelled rows to tune on).
With `splits` > 1, zero-shot is also scored on that many different held-out halves (seeds seed, seed+1, ...)
and the mean, spread and range of its macro-F1 are reported: with few positives per theme in a half, one
split's score can move by several points.
Data loading lives in themes/eval_data.py and eval_zero_data.py, the metrics in themes/eval_metrics.py, the
report in eval_report.py.
"""
from __future__ import annotations

import random
import time
from pathlib import Path

import numpy as np

from engine.core.errors import InputError
from themes.eval_data import (  # noqa: F401
    DATA_DIR,
    NHS_TAXONOMY,
    UKCAT_TAXONOMY,
    eval_taxonomy,
    load_nhs,
    load_ukcat,
    load_ukcat_regexes,
    regex_tags,
)
from themes.eval_metrics import (  # noqa: F401
    decide_matrix,
    macro_f1_matrix,
    multilabel_metrics,
    single_label_metrics,
    tune_zero_shot,
)
from themes.eval_report import format_eval  # noqa: F401

FOLDS = 5
DATASETS = ("ukcat", "nhs-feedback", "disaster", "care-opinion")
EMBEDDERS = ("accurate", "fast", "both")
LEXICAL_WEIGHTS = (0.0, 0.15, 0.3, 0.5, 0.75, 1.0)


class MemoryVectorStore:
    """Keeps vectors for one run, so cross-validation embeds each text once (the `embed_cached` store API)."""

    def __init__(self):
        self.vectors: dict[tuple, np.ndarray] = {}

    def get_embeddings(self, hashes, embedder_id):
        return {h: self.vectors[(h, embedder_id)] for h in hashes if (h, embedder_id) in self.vectors}

    def put_embeddings(self, new, embedder_id):
        self.vectors.update({(h, embedder_id): v for h, v in new.items()})


def split_dev_heldout(n: int, seed: int, strata: list[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Half the rows for tuning global knobs (dev), half for reporting (held-out); stratified when given."""
    from sklearn.model_selection import train_test_split

    dev, held_out = train_test_split(np.arange(n), test_size=0.5, random_state=seed, stratify=strata)
    return np.sort(dev), np.sort(held_out)


def tune_hybrid(emb: np.ndarray, words: np.ndarray, gold: np.ndarray, max_themes: int) -> dict:
    """The word-signal weight, threshold and margin maximising macro-F1 on (dev) rows."""
    best = {"dev_macro_f1": -1.0}
    for weight in LEXICAL_WEIGHTS:
        threshold, margin, f1 = tune_zero_shot(emb + np.float32(weight) * words, gold, max_themes)
        if f1 > best["dev_macro_f1"] + 1e-9:
            best = {"lexical_weight": weight, "threshold": threshold, "margin": margin, "dev_macro_f1": f1}
    return best


def _subsample(train: np.ndarray, gold: np.ndarray, per_theme: int | None, seed: int) -> np.ndarray:
    """Up to `per_theme` confirmed rows for each theme, plus as many 'none of these' rows."""
    if not per_theme:
        return train
    rng = random.Random(seed)
    chosen: set[int] = set()
    for column in list(gold.T) + [~gold.any(axis=1)]:
        rows = [int(i) for i in train if column[i]]
        chosen.update(rng.sample(rows, min(per_theme, len(rows))))
    return np.array(sorted(chosen))


def _metrics(pred_m, order_by, gold, gold_m, ids, single, rows) -> dict:
    gold_rows = [gold[i] for i in rows]
    if not single:
        return multilabel_metrics(gold_rows, [[ids[j] for j in np.flatnonzero(p)] for p in pred_m[rows]], ids)
    top = [ids[int(np.argmax(np.where(p, s, -np.inf)))] if p.any() else None
           for p, s in zip(pred_m[rows], order_by[rows])]
    result = single_label_metrics([g[0] for g in gold_rows], top, ids)
    result["forced_choice_accuracy"] = round(float(np.mean(np.argmax(order_by[rows], 1) ==
                                                           np.argmax(gold_m[rows], 1))), 4)
    return result


def shipped_predictions(assigner, raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """What the shipped stateless path does to these notes (CalibratedAssigner with calibrate_on_input): a state
    fitted on their raw scores, then each note's calibrated scores and decision. Returns (scores, booleans)."""
    from themes.calibrated import standardise

    scores = standardise(raw, assigner.fit_raw(raw))
    ids = [t.id for t in assigner.taxonomy.themes]
    decided = assigner.decide(scores)
    return scores, np.array([[i in {a.theme_id for a in row} for i in ids] for row in decided],
                            dtype=bool).reshape(scores.shape)


def _on_rows(n: int, rows: np.ndarray, values: np.ndarray) -> np.ndarray:
    """A full-size (n x themes) array holding `values` at `rows` (zeros elsewhere)."""
    out = np.zeros((n, values.shape[1]), dtype=values.dtype)
    out[rows] = values
    return out


def _zero_shot_over_splits(assigner, raw, gold, gold_m, ids, single, splits) -> dict:
    """Held-out zero-shot macro-F1 over several held-out halves, each calibrating on its own texts."""
    scores = []
    for _, held_out in splits:
        zs, pred = shipped_predictions(assigner, raw[held_out])
        n = len(raw)
        scores.append(_metrics(_on_rows(n, held_out, pred), _on_rows(n, held_out, zs), gold, gold_m, ids, single,
                               held_out)["macro_f1"])
    return {"splits": len(scores), "macro_f1_mean": round(float(np.mean(scores)), 4),
            "macro_f1_sd": round(float(np.std(scores)), 4), "macro_f1_min": round(min(scores), 4),
            "macro_f1_max": round(max(scores), 4)}


def _evaluate_embedder(name, taxonomy, texts, gold, single, examples, settings, fast_model_path, split,
                       extra_splits=()) -> dict:
    from sklearn.model_selection import KFold, StratifiedKFold

    from engine.core.settings import Settings
    from themes.calibrated import LEXICAL_WEIGHT, standardise
    from themes.embedders import make_embedder
    from themes.eval_supervised import FEW_LABELS, few_label_predictions, tfidf_reference
    from themes.learned import LearnedAssigner
    from themes.zero_shot import zero_shot_assigner

    ids = [t.id for t in taxonomy.themes]
    gold_m = np.array([[i in g for i in ids] for g in gold], dtype=bool).reshape(len(gold), len(ids))
    max_themes = 1 if single else settings.max_themes_per_note
    dev, held_out = split
    n = len(texts)
    embedder, timings, store = make_embedder(name, fast_model_path), {}, MemoryVectorStore()
    # The shipped scorer, built as the pipeline and `insights themes assign` build it, with default settings.
    shipped = zero_shot_assigner(Settings(), taxonomy, embedder, max_themes=max_themes)
    started = time.perf_counter()
    emb, words, vectors = shipped.score_parts(texts, store)
    raw = emb + np.float32(LEXICAL_WEIGHT) * words          # = shipped.raw_scores(texts), computed once
    timings["score_s"] = round(time.perf_counter() - started, 1)
    timings["notes_per_s"] = round(n / max(timings["score_s"], 1e-3), 1)

    zs_held, zs_pred_held = shipped_predictions(shipped, raw[held_out])
    zs_scores, zs_pred = _on_rows(n, held_out, zs_held), _on_rows(n, held_out, zs_pred_held)

    sup_pred = _on_rows(n, held_out, tfidf_reference(texts, gold_m, dev, held_out, single, settings.seed))

    knobs = tune_hybrid(emb[dev], words[dev], gold_m[dev], max_themes)
    oracle_scores = emb + np.float32(knobs["lexical_weight"]) * words
    oracle_pred = decide_matrix(oracle_scores, knobs["threshold"], knobs["margin"], max_themes)

    # Learned from corrections, on the shipped scorer calibrated on all rows (label-free, as in the pipeline).
    learner_zs = zero_shot_assigner(Settings(), taxonomy, embedder, max_themes=max_themes)
    state_all = learner_zs.fit_raw(raw)
    learner_zs.with_calibration(state_all)
    all_scores = standardise(raw, state_all)
    splitter = StratifiedKFold(FOLDS, shuffle=True, random_state=settings.seed) if single else \
        KFold(FOLDS, shuffle=True, random_state=settings.seed)
    learned_scores, learned_pred = np.zeros_like(all_scores), np.zeros_like(gold_m)
    fallback: dict[str, int] = {}
    started = time.perf_counter()
    for fold, (train, test) in enumerate(splitter.split(texts, [g[0] for g in gold] if single else None)):
        used = _subsample(train, gold_m, examples, settings.seed + fold)
        learner = LearnedAssigner(learner_zs, [(texts[i], gold[i]) for i in used], store, seed=settings.seed)
        for theme_id in learner.fallback_themes:
            fallback[theme_id] = fallback.get(theme_id, 0) + 1
        learned_scores[test] = learner.score_from([texts[i] for i in test], all_scores[test], vectors[test])
        for row, decided in zip(test, learner.decide(learned_scores[test])):
            learned_pred[row] = [i in {a.theme_id for a in decided} for i in ids]
    timings["cross_validation_s"] = round(time.perf_counter() - started, 1)
    # Few labels: FEW_LABELS dev rows (picked by the review queue in rounds, or random), scored on held-out rows.
    picked_pred, random_preds = few_label_predictions(learner_zs, texts, gold, all_scores, vectors, dev, held_out,
                                                      settings.seed)
    few = {"labels": min(FEW_LABELS, len(dev)),
           "picked": _metrics(_on_rows(n, held_out, picked_pred), _on_rows(n, held_out, picked_pred.astype(float)),
                              gold, gold_m, ids, single, held_out),
           "random_macro_f1": [_metrics(_on_rows(n, held_out, p), _on_rows(n, held_out, p.astype(float)), gold,
                                        gold_m, ids, single, held_out)["macro_f1"] for p in random_preds]}
    every = np.arange(n)
    over_splits = _zero_shot_over_splits(shipped, raw, gold, gold_m, ids, single, [split, *extra_splits]) \
        if extra_splits else None
    return {"embedder": embedder.id, "knobs": knobs, "learned_fallback": fallback, "timings": timings,
            "zero_shot_over_splits": over_splits,
            "zero_shot_calibration": {"notes": len(held_out), "z_threshold": shipped.threshold,
                                      "line": shipped.fit_raw(raw[held_out]).line, "margin": shipped.margin},
            "zero_shot": _metrics(zs_pred, zs_scores, gold, gold_m, ids, single, held_out),
            "supervised": _metrics(sup_pred, sup_pred.astype(np.float32), gold, gold_m, ids, single, held_out),
            "oracle": _metrics(oracle_pred, oracle_scores, gold, gold_m, ids, single, held_out),
            "learned": _metrics(learned_pred, learned_scores, gold, gold_m, ids, single, held_out),
            "learned_few_labels": few,
            "learned_all_rows": _metrics(learned_pred, learned_scores, gold, gold_m, ids, single, every)}


def _load(dataset: str, data_dir: Path):
    """(texts, gold theme-id lists, taxonomy, single-label, strata, anchor (name, tags) or None, dropped rows)."""
    from themes.eval_zero_data import (
        CARE_OPINION_TAXONOMY,
        DISASTER_TAXONOMY,
        keyword_tags,
        load_care_opinion,
        load_disaster,
        load_keywords,
    )

    if dataset == "ukcat":
        texts, gold = load_ukcat(data_dir)
        anchor = ("UK-CAT regex", regex_tags(texts, load_ukcat_regexes(data_dir)))
        return texts, gold, eval_taxonomy(UKCAT_TAXONOMY), False, None, anchor, None
    if dataset == "disaster":
        texts, gold = load_disaster(data_dir)
        return texts, gold, eval_taxonomy(DISASTER_TAXONOMY), False, None, \
            ("keyword list", keyword_tags(texts, load_keywords())), None
    if dataset == "care-opinion":
        texts, gold = load_care_opinion(data_dir)
        return texts, gold, eval_taxonomy(CARE_OPINION_TAXONOMY), False, None, None, None
    texts, labels, dropped = load_nhs(data_dir)
    return texts, [[x] for x in labels], eval_taxonomy(NHS_TAXONOMY), True, labels, None, dropped


def run_eval(dataset: str, embedder_name: str = "accurate", examples: int | None = None, settings=None,
             data_dir: Path = DATA_DIR, fast_model_path: Path | None = None, splits: int = 1) -> dict:
    """Score the shipped zero-shot scorer, learning from corrections, the anchor (if the data set has one), the
    supervised reference and the tuned oracle on `dataset` (see the module docstring).
    `embedder_name` is accurate, fast or both; `examples` limits confirmed rows per theme when learning;
    `splits` > 1 also reports zero-shot over that many held-out halves."""
    from engine.core.offline import ensure_offline
    from engine.core.settings import Settings

    ensure_offline()
    settings = settings or Settings()
    if dataset not in DATASETS:
        raise InputError(f"Unknown dataset '{dataset}'. Use one of: {', '.join(DATASETS)}.")
    if embedder_name not in EMBEDDERS:
        raise InputError(f"Unknown embedder '{embedder_name}'. Use one of: {', '.join(EMBEDDERS)}.")
    if examples is not None and examples < 1:
        raise InputError("--examples must be 1 or more (confirmed rows per theme).")
    if not 1 <= splits <= 100:
        raise InputError("--splits must be between 1 and 100 (dev/held-out splits for zero-shot).")
    result: dict = {"dataset": dataset, "folds": FOLDS, "seed": settings.seed, "examples_per_theme": examples}
    texts, gold, taxonomy, single, strata, anchor, dropped = _load(dataset, Path(data_dir))
    ids = [t.id for t in taxonomy.themes]
    split = split_dev_heldout(len(texts), settings.seed, strata)
    extra_splits = [split_dev_heldout(len(texts), settings.seed + k, strata) for k in range(1, splits)]
    if dropped is not None:
        result["dropped_empty_rows"] = dropped
    if anchor is not None:
        anchor_name, tags = anchor
        result["anchor"] = {"name": anchor_name,
                            "held_out": multilabel_metrics([gold[i] for i in split[1]], [tags[i] for i in split[1]],
                                                           ids),
                            "all_rows": multilabel_metrics(gold, tags, ids)}
        if extra_splits:
            f1 = [multilabel_metrics([gold[i] for i in ho], [tags[i] for i in ho], ids)["macro_f1"]
                  for _, ho in [split, *extra_splits]]
            result["anchor"]["over_splits"] = {"splits": len(f1), "macro_f1_mean": round(float(np.mean(f1)), 4),
                                               "macro_f1_sd": round(float(np.std(f1)), 4)}
    result.update(rows=len(texts), dev_rows=len(split[0]), held_out_rows=len(split[1]),
                  rows_with_a_theme=sum(bool(g) for g in gold), single_label=single, taxonomy=taxonomy.label,
                  labels={t.id: t.label for t in taxonomy.themes}, runs={})
    for name in ("accurate", "fast") if embedder_name == "both" else (embedder_name,):
        result["runs"][name] = _evaluate_embedder(name, taxonomy, texts, gold, single, examples, settings,
                                                  fast_model_path, split, extra_splits)
    return result
