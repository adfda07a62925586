"""`insights eval themes`: theme assignment scored against real, human-labelled public text.

Rows are split once (seeded, half and half) into dev rows and held-out rows.
  zero-shot  the hybrid similarity scorer (themes/assign.py) with the fixed taxonomy in themes/data; its three
             global knobs (word-signal weight, threshold, margin) are tuned on the dev rows only and it is
             scored on the held-out rows.
  learned    learning from corrections (themes/learned.py): 5-fold cross-validation over all rows, the
             training folds fed in as confirmed assignments; every row is predicted by a model that never saw
             it. Scored on the held-out rows (comparable with zero-shot) and on all rows.
  regex      UK-CAT's own regular-expression tagger (ukcat only), scored on exactly the same rows.
With `splits` > 1, zero-shot is also tuned and scored on that many different dev/held-out splits (seeds
seed, seed+1, ...) and the mean, spread and range of its held-out macro-F1 are reported: with a few
positives per theme in the held-out half, one split's score can move by several points.
Data loading lives in themes/eval_data.py, the metrics in themes/eval_metrics.py, the report in eval_report.py.
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
DATASETS = ("ukcat", "nhs-feedback")
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


def _zero_shot_over_splits(emb, words, gold, gold_m, ids, single, max_themes, splits) -> dict:
    """Held-out zero-shot macro-F1 over several dev/held-out splits, each with its knobs tuned on its own dev rows."""
    scores = []
    for dev, held_out in splits:
        knobs = tune_hybrid(emb[dev], words[dev], gold_m[dev], max_themes)
        combined = emb + np.float32(knobs["lexical_weight"]) * words
        pred = decide_matrix(combined, knobs["threshold"], knobs["margin"], max_themes)
        scores.append(_metrics(pred, combined, gold, gold_m, ids, single, held_out)["macro_f1"])
    return {"splits": len(scores), "macro_f1_mean": round(float(np.mean(scores)), 4),
            "macro_f1_sd": round(float(np.std(scores)), 4), "macro_f1_min": round(min(scores), 4),
            "macro_f1_max": round(max(scores), 4)}


def _evaluate_embedder(name, taxonomy, texts, gold, single, examples, settings, fast_model_path, split,
                       extra_splits=()) -> dict:
    from sklearn.model_selection import KFold, StratifiedKFold

    from themes.assign import SimilarityAssigner
    from themes.embedders import make_embedder
    from themes.learned import LearnedAssigner

    ids = [t.id for t in taxonomy.themes]
    gold_m = np.array([[i in g for i in ids] for g in gold])
    max_themes = 1 if single else settings.max_themes_per_note
    dev, held_out = split
    embedder, timings, store = make_embedder(name, fast_model_path), {}, MemoryVectorStore()
    started = time.perf_counter()
    emb, words, vectors = SimilarityAssigner.hybrid(taxonomy, embedder, 0.5, max_themes).score_parts(texts, store)
    timings["score_s"] = round(time.perf_counter() - started, 1)
    timings["notes_per_s"] = round(len(texts) / max(timings["score_s"], 1e-3), 1)
    knobs = tune_hybrid(emb[dev], words[dev], gold_m[dev], max_themes)
    zero_shot = SimilarityAssigner.hybrid(taxonomy, embedder, knobs["threshold"], max_themes, knobs["margin"],
                                          lexical_weight=knobs["lexical_weight"])
    scores = emb + np.float32(knobs["lexical_weight"]) * words
    zs_pred = decide_matrix(scores, knobs["threshold"], knobs["margin"], max_themes)

    splitter = StratifiedKFold(FOLDS, shuffle=True, random_state=settings.seed) if single else \
        KFold(FOLDS, shuffle=True, random_state=settings.seed)
    learned_scores, learned_pred = np.zeros_like(scores), np.zeros_like(gold_m)
    fallback: dict[str, int] = {}
    started = time.perf_counter()
    for fold, (train, test) in enumerate(splitter.split(texts, [g[0] for g in gold] if single else None)):
        used = _subsample(train, gold_m, examples, settings.seed + fold)
        learner = LearnedAssigner(zero_shot, [(texts[i], gold[i]) for i in used], store, seed=settings.seed)
        for theme_id in learner.fallback_themes:
            fallback[theme_id] = fallback.get(theme_id, 0) + 1
        learned_scores[test] = learner.score_from([texts[i] for i in test], scores[test], vectors[test])
        for row, decided in zip(test, learner.decide(learned_scores[test])):
            learned_pred[row] = [i in {a.theme_id for a in decided} for i in ids]
    timings["cross_validation_s"] = round(time.perf_counter() - started, 1)
    every = np.arange(len(texts))
    over_splits = _zero_shot_over_splits(emb, words, gold, gold_m, ids, single, max_themes, [split, *extra_splits]) \
        if extra_splits else None
    return {"embedder": embedder.id, "knobs": knobs, "learned_fallback": fallback, "timings": timings,
            "zero_shot_over_splits": over_splits,
            "zero_shot": _metrics(zs_pred, scores, gold, gold_m, ids, single, held_out),
            "learned": _metrics(learned_pred, learned_scores, gold, gold_m, ids, single, held_out),
            "learned_all_rows": _metrics(learned_pred, learned_scores, gold, gold_m, ids, single, every)}


def run_eval(dataset: str, embedder_name: str = "accurate", examples: int | None = None, settings=None,
             data_dir: Path = DATA_DIR, fast_model_path: Path | None = None, splits: int = 1) -> dict:
    """Score zero-shot and learned assignment (and UK-CAT's regex tagger) on `dataset`.
    `embedder_name` is accurate, fast or both; `examples` limits confirmed rows per theme when learning;
    `splits` > 1 also reports zero-shot over that many dev/held-out splits."""
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
    if dataset == "ukcat":
        texts, gold = load_ukcat(data_dir)
        taxonomy, single = eval_taxonomy(UKCAT_TAXONOMY), False
        strata = None
        split = split_dev_heldout(len(texts), settings.seed)
        tags = regex_tags(texts, load_ukcat_regexes(data_dir))
        ids = [t.id for t in taxonomy.themes]
        result["regex_baseline"] = multilabel_metrics([gold[i] for i in split[1]], [tags[i] for i in split[1]], ids)
        result["regex_baseline_all_rows"] = multilabel_metrics(gold, tags, ids)
    else:
        texts, labels, dropped = load_nhs(data_dir)
        gold, taxonomy, single = [[x] for x in labels], eval_taxonomy(NHS_TAXONOMY), True
        strata = labels
        split = split_dev_heldout(len(texts), settings.seed, labels)
        result["dropped_empty_rows"] = dropped
    extra_splits = [split_dev_heldout(len(texts), settings.seed + k, strata) for k in range(1, splits)]
    if dataset == "ukcat" and extra_splits:
        regex_f1 = [multilabel_metrics([gold[i] for i in held_out], [tags[i] for i in held_out], ids)["macro_f1"]
                    for _, held_out in [split, *extra_splits]]
        result["regex_over_splits"] = {"splits": len(regex_f1), "macro_f1_mean": round(float(np.mean(regex_f1)), 4),
                                       "macro_f1_sd": round(float(np.std(regex_f1)), 4)}
    result.update(rows=len(texts), dev_rows=len(split[0]), held_out_rows=len(split[1]),
                  rows_with_a_theme=sum(bool(g) for g in gold), single_label=single, taxonomy=taxonomy.label,
                  labels={t.id: t.label for t in taxonomy.themes}, runs={})
    for name in ("accurate", "fast") if embedder_name == "both" else (embedder_name,):
        result["runs"][name] = _evaluate_embedder(name, taxonomy, texts, gold, single, examples, settings,
                                                  fast_model_path, split, extra_splits)
    return result
