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
