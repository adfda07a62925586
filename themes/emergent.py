"""Emergent themes: BERTopic over the notes no taxonomy theme fits, proposing candidate themes with
keywords, a readable label and representative quotes. Seeded (UMAP random_state) and with the
cluster size scaled to the number of notes. A separate, explicit job: never a side effect of a read."""
from __future__ import annotations

import re

import numpy as np

from engine.offline import ensure_offline
from themes.assign import PLACEHOLDER

MIN_NOTES = 30
STOP_EXTRA = ["said", "told", "asked", "says", "just", "really", "like", "know", "think", "get", "got",
              "someone", "going", "went", "lot", "bit", "week", "weeks", "today", "yes", "yeah", "interviewer",
              "resident", "client", "worker"]


def cluster_size(n: int) -> int:
    return max(8, min(200, n // 25))


def diverse_quotes(vectors: np.ndarray, ids: list[int], k: int = 3) -> list[int]:
    """Central and diverse: start from the note nearest the centroid, then add the note that is central
    but least like those already chosen (maximal marginal relevance)."""
    if not ids:
        return []
    centroid = vectors.mean(axis=0)
    centrality = vectors @ (centroid / (np.linalg.norm(centroid) or 1.0))
    chosen = [int(np.argmax(centrality))]
    while len(chosen) < min(k, len(ids)):
        redundancy = (vectors @ vectors[chosen].T).max(axis=1)
        mmr = 0.5 * centrality - 0.5 * redundancy
        mmr[chosen] = -np.inf
        chosen.append(int(np.argmax(mmr)))
    return [ids[i] for i in chosen]


def discover(note_ids: list[int], texts: list[str], vectors: np.ndarray, seed: int = 42) -> list[dict]:
    """Return candidate themes: {label, keywords, size, note_ids, quote_note_ids}."""
    if len(texts) < MIN_NOTES:
        return []
    ensure_offline()
    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
    from umap import UMAP

    docs = [re.sub(r"\s+", " ", PLACEHOLDER.sub(" ", t)) for t in texts]
    umap_model = UMAP(n_neighbors=min(15, len(docs) - 1), n_components=5, min_dist=0.0, metric="cosine",
                      random_state=seed, n_jobs=1)
    hdbscan_model = HDBSCAN(min_cluster_size=cluster_size(len(docs)), metric="euclidean",
                            cluster_selection_method="eom", prediction_data=False)
    vectorizer = CountVectorizer(stop_words=list(ENGLISH_STOP_WORDS.union(STOP_EXTRA)), ngram_range=(1, 2),
                                 min_df=2, token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b")
    model = BERTopic(umap_model=umap_model, hdbscan_model=hdbscan_model, vectorizer_model=vectorizer,
                     calculate_probabilities=False, verbose=False)
    topics, _ = model.fit_transform(docs, embeddings=vectors)
    topics = np.asarray(topics)
    candidates = []
    for topic in sorted(set(topics.tolist()) - {-1}):
        members = np.where(topics == topic)[0]
        words = [w for w, _ in (model.get_topic(topic) or [])][:8]
        member_ids = [note_ids[i] for i in members]
        candidates.append({
            "label": " / ".join(words[:3]) if words else f"cluster {topic}",
            "keywords": words,
            "size": int(len(members)),
            "note_ids": member_ids,
            "quote_note_ids": diverse_quotes(vectors[members], member_ids),
        })
    return sorted(candidates, key=lambda c: -c["size"])
