"""Scores for `insights eval themes`: multi-label and single-label precision/recall/F1, and the zero-shot
decision rule as a matrix with the search that tunes its global knobs (threshold, margin) on dev rows."""
from __future__ import annotations

import numpy as np

from engine.core.errors import InputError

MARGINS = (0.02, 0.04, 0.06, 0.08, 0.10, 0.15, 0.20, 1.0)


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "support": tp + fn, "predicted": tp + fp}


def multilabel_metrics(gold: list[list[str]], pred: list[list[str]], labels: list[str]) -> dict:
    """Per-theme precision/recall/F1, macro-F1 (mean over `labels`), micro-F1 and the share of notes with
    no predicted theme (against the share with no gold theme)."""
    if len(gold) != len(pred):
        raise InputError(f"{len(gold)} gold rows but {len(pred)} predictions.")
    per = {}
    for label in labels:
        tp = sum(label in g and label in p for g, p in zip(gold, pred))
        per[label] = _prf(tp, sum(label in p for p in pred) - tp, sum(label in g for g in gold) - tp)
    tp = sum(len(set(g) & set(p)) for g, p in zip(gold, pred))
    micro = _prf(tp, sum(len(set(p)) for p in pred) - tp, sum(len(set(g)) for g in gold) - tp)
    n = max(len(gold), 1)
    return {"per_theme": per, "macro_f1": round(float(np.mean([v["f1"] for v in per.values()])), 4),
            "micro_f1": micro["f1"], "unassigned_share": round(sum(not p for p in pred) / n, 4),
            "gold_unassigned_share": round(sum(not g for g in gold) / n, 4), "rows": len(gold)}


def single_label_metrics(gold: list[str], pred: list[str | None], labels: list[str]) -> dict:
    """Accuracy (an unassigned note counts as wrong), macro-F1 over `labels`, per-label P/R/F1."""
    result = multilabel_metrics([[g] for g in gold], [[p] if p else [] for p in pred], labels)
    result["accuracy"] = round(sum(g == p for g, p in zip(gold, pred)) / max(len(gold), 1), 4)
    return result


def decide_matrix(scores: np.ndarray, threshold: float, margin: float, max_themes: int) -> np.ndarray:
    """SimilarityAssigner.decide as a boolean matrix: at most max_themes best themes scoring at least
    max(threshold, best - margin)."""
    if not len(scores):
        return np.zeros(scores.shape, dtype=bool)
    rank = np.argsort(np.argsort(-scores, axis=1, kind="stable"), axis=1, kind="stable")
    floor = np.maximum(threshold, scores.max(axis=1) - margin)
    return (rank < max_themes) & (scores >= floor[:, None])


def macro_f1_matrix(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = (pred & gold).sum(0)
    denom = pred.sum(0) + gold.sum(0)
    return float(np.mean(np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0)))


def tune_zero_shot(scores: np.ndarray, gold: np.ndarray, max_themes: int) -> tuple[float, float, float]:
    """(threshold, margin, macro-F1) maximising macro-F1 of decide_matrix on (scores, gold). Thresholds are
    tried on a fixed grid from 0.10 to 1.50 (cosine scores sit below 1; word signals can add to them)."""
    best = (-1.0, 0.0, 0.0)
    for threshold in np.round(np.arange(0.10, 1.50, 0.02), 2):
        for margin in MARGINS:
            f1 = macro_f1_matrix(decide_matrix(scores, threshold, margin, max_themes), gold)
            if f1 > best[0] + 1e-9:
                best = (f1, float(threshold), float(margin))
    return best[1], best[2], round(best[0], 4)
