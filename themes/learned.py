"""Learning from corrections: a per-theme classifier trained on confirmed assignments.

Each confirmed note says which themes it has (an empty list means "none of these"). For every theme with
at least one confirmed positive, a logistic regression learns from the note's embedding, its zero-shot
score for that theme, its word score for that theme (the taxonomy's own words, `TaxonomyLexicon`) and the
words it uses (TF-IDF of words and word pairs, fitted on the confirmed notes, which are already
anonymised); its decision threshold is the one that maximised F1 on out-of-fold predictions
inside the confirmed notes (never on the notes being scored). Themes without a confirmed positive keep
the zero-shot rule (threshold and margin of the zero-shot assigner), and `fallback_themes` / `summary()`
say which ones. With the calibrated zero-shot scorer (themes/calibrated.py) the zero-shot feature is the
calibrated score times the calibration's scale (raw-score units), and the fallback rule is its Z rule.

`score()` returns, per theme, the classifier's probability for learned themes and the zero-shot
similarity for fallback themes; `decide()` applies each theme's own rule.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.core.errors import InputError
from themes.assign import Assignment, SimilarityAssigner

# The zero-shot similarity feature is multiplied by this (features are not standardised), so
# the classifier can lean on it cheaply when it has few examples (unit-vector components are ~0.05).
SCORE_WEIGHT = 4.0
WORD_SCORE_WEIGHT = 2.0   # the same for the taxonomy word score (0 to 1)
DEFAULT_C = 3.0
INNER_FOLDS = 3
DEFAULT_THRESHOLD = 0.5   # used only when a theme has a single positive, too few to choose one by F1
PRIOR_EXAMPLES = True     # the taxonomy's prompts join the training rows (see LearnedAssigner._prior_examples)


@dataclass
class ThemeModel:
    theme_id: str
    positives: int
    negatives: int
    mode: str                      # "learned" or "zero-shot"
    threshold: float | None = None
    threshold_source: str = ""     # "out-of-fold F1" or "default 0.5 (one positive)"
    model: object = None


class LearnedAssigner:
    method = "learned"

    def __init__(self, zero_shot: SimilarityAssigner, examples: list[tuple[str, list[str]]], store=None,
                 C: float | None = None, seed: int = 42, scored: tuple[np.ndarray, np.ndarray] | None = None):
        """`scored`: the examples' own (zero-shot scores, note vectors) from `zero_shot.score`, when the
        caller has them already (the eval and the bench); otherwise they are computed here."""
        self.zero_shot = zero_shot
        self.taxonomy = zero_shot.taxonomy
        self.max_themes = zero_shot.max_themes
        self.C = DEFAULT_C if C is None else C
        self.seed = seed
        # Calibrated zero-shot scores are standard scores (about 0-6), not cosines: the feature is taken back
        # to raw-score units (x the calibration's scale), the size SCORE_WEIGHT was chosen for.
        self.score_scale = float(getattr(zero_shot, "feature_scale", 1.0))
        ids = [t.id for t in self.taxonomy.themes]
        index = {theme_id: j for j, theme_id in enumerate(ids)}
        labels = np.zeros((len(examples), len(ids)), dtype=bool)
        for i, (_, theme_ids) in enumerate(examples):
            for theme_id in theme_ids:
                if theme_id not in index:
                    raise InputError(f"Example {i + 1} is confirmed as theme '{theme_id}', which is not in the "
                                     f"taxonomy. Use one of: {', '.join(ids)}.", where=f"example {i + 1}")
                labels[i, index[theme_id]] = True
        texts = [text for text, _ in examples]
        self.vectorizer = self._vectorizer(texts)
        if examples:
            zs_scores, vectors = scored if scored is not None else zero_shot.score(texts, store)
            lexical = zero_shot.lexicon.score(texts)
        else:
            zs_scores, vectors, lexical = np.zeros((0, len(ids))), np.zeros((0, 1)), np.zeros((0, len(ids)))
        words = self.vectorizer.transform(texts) if self.vectorizer is not None else None
        zs_scores = np.asarray(zs_scores) * self.score_scale
        self.prior = self._prior_examples(ids) if examples and PRIOR_EXAMPLES else None
        self.models = [self._fit(theme_id, j, zs_scores, lexical, vectors, words, labels[:, j])
                       for j, theme_id in enumerate(ids)]

    def _prior_examples(self, ids: list[str]):
        """The taxonomy's own prompts (label, description, examples) as extra training rows: each is a positive
        of its theme and a negative of every other. They join every fit (never the out-of-fold scoring), so a
        theme with a handful of confirmed notes still knows what its name says."""
        prompts = [(p, j) for j, t in enumerate(self.taxonomy.themes) for p in t.prompts()]
        texts = [p for p, _ in prompts]
        zs_scores, vectors = self.zero_shot.score(texts)
        labels = np.zeros((len(texts), len(ids)), dtype=bool)
        labels[np.arange(len(texts)), [j for _, j in prompts]] = True
        words = self.vectorizer.transform(texts) if self.vectorizer is not None else None
        return np.asarray(zs_scores) * self.score_scale, self.zero_shot.lexicon.score(texts), vectors, words, labels

    # -- fitting -------------------------------------------------------------------------------------------
    @staticmethod
    def _vectorizer(texts: list[str]):
        """Word and word-pair TF-IDF over the confirmed notes, or None when they share no word at all."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        if not texts:
            return None
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2 if len(texts) >= 20 else 1, sublinear_tf=True)
        try:
            return vectorizer.fit(texts)
        except ValueError:   # empty vocabulary: the notes hold no word of two or more letters
            return None

    @staticmethod
    def _features(zs_column: np.ndarray, lexical_column: np.ndarray, vectors: np.ndarray, words):
        from scipy import sparse

        dense = sparse.csr_matrix(np.hstack([vectors, SCORE_WEIGHT * zs_column[:, None],
                                             WORD_SCORE_WEIGHT * lexical_column[:, None]]))
        return dense if words is None else sparse.hstack([words, dense]).tocsr()

    def _classifier(self):
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=self.C, class_weight="balanced", solver="liblinear", max_iter=2000,
                                  random_state=self.seed)

    def _fit(self, theme_id: str, j: int, zs_scores, lexical, vectors, words, y: np.ndarray) -> ThemeModel:
        n_pos, n_neg = int(y.sum()), int((~y).sum())
        if n_pos == 0:
            return ThemeModel(theme_id, 0, n_neg, "zero-shot")
        X = self._features(zs_scores[:, j], lexical[:, j], vectors, words)
        if n_neg == 0:
            raise InputError(f"Every confirmed example has theme '{theme_id}'. Confirm some notes without it "
                             "(or as 'none of these') so the assigner can learn what it is not.")
        extra = None
        if self.prior is not None:
            p_zs, p_lex, p_vectors, p_words, p_labels = self.prior
            extra = (self._features(p_zs[:, j], p_lex[:, j], p_vectors, p_words), p_labels[:, j])
        threshold, source = DEFAULT_THRESHOLD, "default 0.5 (one positive)"
        folds = min(INNER_FOLDS, n_pos, n_neg)
        if folds >= 2:
            threshold, source = self._oof_threshold(X, y, folds, extra), "out-of-fold F1"
        model = self._train(X, y, extra)
        return ThemeModel(theme_id, n_pos, n_neg, "learned", threshold, source, model)

    def _train(self, X, y: np.ndarray, extra):
        from scipy import sparse

        if extra is None:
            return self._classifier().fit(X, y)
        return self._classifier().fit(sparse.vstack([X, extra[0]]).tocsr(), np.concatenate([y, extra[1]]))

    def _oof_threshold(self, X, y: np.ndarray, folds: int, extra=None) -> float:
        from sklearn.model_selection import StratifiedKFold

        oof = np.zeros(len(y))
        for train, test in StratifiedKFold(folds, shuffle=True, random_state=self.seed).split(X, y):
            oof[test] = self._train(X[train], y[train], extra).predict_proba(X[test])[:, 1]
        return best_f1_threshold(oof, y)

    # -- scoring -------------------------------------------------------------------------------------------
    @property
    def fallback_themes(self) -> list[str]:
        return [m.theme_id for m in self.models if m.mode == "zero-shot"]

    def summary(self) -> str:
        learned = [m for m in self.models if m.mode == "learned"]
        lines = [f"Learned from confirmed examples: {len(learned)} of {len(self.models)} themes."]
        if self.vectorizer is None:
            lines.append("The confirmed notes share no words, so only their embeddings and similarities are used.")
        if self.fallback_themes:
            lines.append("No confirmed example, so zero-shot is used for: " + ", ".join(self.fallback_themes))
        return "\n".join(lines)

    def score_from(self, texts: list[str], zs_scores: np.ndarray, vectors: np.ndarray) -> np.ndarray:
        """Scores from already computed zero-shot scores and note vectors of `texts` (see `score`)."""
        out = np.array(zs_scores, dtype=np.float32, copy=True)
        if not len(out):
            return out
        words = self.vectorizer.transform(texts) if self.vectorizer is not None else None
        lexical = self.zero_shot.lexicon.score(texts)
        for j, m in enumerate(self.models):
            if m.mode == "learned":
                features = self._features(zs_scores[:, j] * self.score_scale, lexical[:, j], vectors, words)
                out[:, j] = m.model.predict_proba(features)[:, 1]
        return out

    def score(self, texts: list[str], store=None) -> tuple[np.ndarray, np.ndarray]:
        zs_scores, vectors = self.zero_shot.score(texts, store)
        return self.score_from(texts, zs_scores, vectors), vectors

    def decide(self, scores: np.ndarray) -> list[list[Assignment]]:
        ids = [m.theme_id for m in self.models]
        fallback = np.array([m.mode == "zero-shot" for m in self.models])
        thresholds = np.array([m.threshold if m.mode == "learned" else np.nan for m in self.models])
        out = []
        for row in scores:
            chosen = []
            # Probabilities and zero-shot scores are not on one scale: themes are ranked (for max_themes) by how
            # far each sits above its own line, in log-odds for learned themes and in score units for the rest.
            above = np.where(fallback, 0.0, _logit(row) - _logit(np.nan_to_num(thresholds, nan=0.5)))
            if fallback.any():
                best = float(row[fallback].max())
                floor = max(self.zero_shot.threshold, best - self.zero_shot.margin)
                above = np.where(fallback, row - floor, above)
                chosen += [j for j in np.flatnonzero(fallback) if row[j] >= floor]
            chosen += [j for j in np.flatnonzero(~fallback) if row[j] >= thresholds[j]]
            chosen.sort(key=lambda j: (-above[j], j))
            out.append([Assignment(ids[j], round(float(row[j]), 4)) for j in chosen[: self.max_themes]])
        return out

    def assign(self, texts: list[str], store=None) -> tuple[list[list[Assignment]], np.ndarray]:
        scores, vectors = self.score(texts, store)
        return self.decide(scores), vectors


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def best_f1_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    """The cut-off that maximises F1 of `scores >= cut` against `y`, midway between neighbouring scores."""
    order = np.argsort(-scores, kind="stable")
    s, t = scores[order], y[order].astype(bool)
    tp = np.cumsum(t)
    fp = np.cumsum(~t)
    f1 = 2 * tp / (tp + fp + t.sum())
    k = int(np.argmax(f1))
    return float((s[k] + s[k + 1]) / 2) if k + 1 < len(s) else float(s[k])


def load_examples(path, taxonomy) -> list[tuple[str, list[str]]]:
    """Confirmed assignments from a JSONL file: one {"text": ..., "themes": [theme id, ...]} per line, an empty
    list meaning "none of these". Every bad line is reported at once, by number."""
    from pathlib import Path

    from engine.core.jsonl import jsonl_lines

    path = Path(path)
    if not path.exists():
        raise InputError(f"Examples file {path} does not exist. Check the path.")
    known, examples, problems = set(taxonomy.ids), [], []
    for line_no, obj, problem in jsonl_lines(path):
        if problem:
            problems.append(f"line {line_no}: {problem}")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip() \
                or not isinstance(obj.get("themes"), list):
            problems.append(f'line {line_no}: needs a "text" string and a "themes" list (empty for none)')
            continue
        unknown = [t for t in obj["themes"] if t not in known]
        if unknown:
            problems.append(f"line {line_no}: theme(s) {', '.join(map(str, unknown))} not in the taxonomy")
            continue
        examples.append((obj["text"], list(obj["themes"])))
    if problems:
        raise InputError(f"Examples file {path} has {len(problems)} bad line(s): " + "; ".join(problems[:10])
                         + (" ..." if len(problems) > 10 else "") + f". Theme ids: {', '.join(sorted(known))}.")
    if not examples:
        raise InputError(f"Examples file {path} holds no examples. Give one JSON object per line.")
    return examples
