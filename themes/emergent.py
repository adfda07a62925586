"""Emergent themes: what keeps coming up in notes that no taxonomy theme fits.

BERTopic clusters the passages of unassigned notes (explicit UMAP and HDBSCAN, UMAP seeded, cluster size
scaled to the number of passages; HDBSCAN's "leaf" selection, because "eom" merged the demo corpus's unassigned
passages into two giant clusters on one machine and into seven on another, from the same seed). Everyday talk ("we had a cup of tea") fills every note, themed or not, so a
cluster is only proposed when it is enriched among unassigned notes: its passages are at least ENRICHMENT
times as common there as among a fixed sample of assigned notes. Each candidate has keywords, a readable label,
its notes, and central but varied quotes. A separate, explicit job: never a side effect of a read.
"""
from __future__ import annotations

import re

import numpy as np

from engine.core.errors import InsightsError
from engine.core.offline import ensure_offline
from themes.assign import PLACEHOLDER, stem

MIN_PASSAGES = 30
MAX_LABEL_WORDS = 4
READABLE = "Readable"
# A cluster is proposed only when its passages are at least ENRICHMENT times as common among unassigned notes
# as among assigned ones (everyday talk, such as an interview's greetings, is common in both: at 3x it was
# proposed on the demo corpus), and when they are closer to their own centre than to the rest of the unassigned
# passages by MIN_SEPARATION (cosine): without it, HDBSCAN's leaves split one featureless blob into "themes".
ENRICHMENT = 5.0
MIN_SEPARATION = 0.02
# ... and when the words that define it are too: the median of its first KEYWORDS_TESTED c-TF-IDF keywords is
# at least WORD_ENRICHMENT times as common in unassigned passages as in assigned ones. Talk about the service
# itself (opening times, the Friday session, the volunteers) fills themed and unthemed notes alike, but inside a
# themed note it shares a passage with the theme, so its passages' vectors escape the test above; its words do not.
KEYWORDS_TESTED = 5
WORD_ENRICHMENT = 5.0
STOP_EXTRA = ["said", "told", "asked", "says", "just", "really", "like", "know", "think", "get", "got", "someone",
              "going", "went", "lot", "bit", "week", "weeks", "today", "yes", "yeah", "interviewer", "resident",
              "client", "worker", "ve", "ll", "don", "didn", "doesn", "isn", "wasn", "couldn", "can", "t", "s",
              "mentioned", "time", "visit", "day", "tell", "said", "says", "bit", "things", "thing"]


def cluster_size(n: int) -> int:
    return max(8, min(200, n // 25))


def separation(vectors: np.ndarray, members: np.ndarray) -> float:
    """How much closer a cluster's passages are to their own centre than to the centre of all other passages."""
    if members.all() or not members.any():
        return 0.0
    own = vectors[members].mean(axis=0)
    rest = vectors[~members].mean(axis=0)
    own /= np.linalg.norm(own) or 1.0
    rest /= np.linalg.norm(rest) or 1.0
    return float((vectors[members] @ own).mean() - (vectors[members] @ rest).mean())


def diverse_quotes(vectors: np.ndarray, k: int = 3) -> list[int]:
    """Indexes of central but varied members: nearest the centroid first, then maximal marginal relevance."""
    if len(vectors) == 0:
        return []
    centroid = vectors.mean(axis=0)
    centrality = vectors @ (centroid / (np.linalg.norm(centroid) or 1.0))
    chosen = [int(np.argmax(centrality))]
    while len(chosen) < min(k, len(vectors)):
        redundancy = (vectors @ vectors[chosen].T).max(axis=1)
        mmr = 0.5 * centrality - 0.5 * redundancy
        mmr[chosen] = -np.inf
        chosen.append(int(np.argmax(mmr)))
    return chosen


def readable_label(terms: list[str], max_words: int = MAX_LABEL_WORDS) -> str:
    """A short phrase from a topic's readable terms, best first: the first term, and the next one that shares
    no word stem with it when both fit in max_words with "and" between ("Bus route and hospital")."""
    picked: list[str] = []
    used: set[str] = set()
    for term in (t.strip() for t in terms):
        words = term.split()
        if not words or len(words) > max_words or used & {stem(w) for w in words}:
            continue
        if picked and len(" ".join(picked).split()) + 1 + len(words) > max_words:
            continue
        picked.append(term)
        used |= {stem(w) for w in words}
        if len(picked) == 2:
            break
    label = " and ".join(picked)
    return label[:1].upper() + label[1:]


def _backend(embedder):
    """Our embedder as BERTopic's embedding backend, so its representation models embed words offline."""
    from bertopic.backend import BaseEmbedder

    class Backend(BaseEmbedder):
        def embed(self, documents, verbose: bool = False) -> np.ndarray:
            return embedder.embed_batch([str(d) for d in documents])

    return Backend()


def _representation(seed: int) -> dict:
    """c-TF-IDF keywords stay the main representation; "Readable" re-ranks c-TF-IDF's candidate words and
    phrases by closeness to the topic's representative passages (KeyBERTInspired), then drops near-repeats
    (MaximalMarginalRelevance)."""
    from bertopic.representation import KeyBERTInspired, MaximalMarginalRelevance

    return {"Readable": [KeyBERTInspired(top_n_words=10, nr_repr_docs=5, nr_samples=200, random_state=seed),
                         MaximalMarginalRelevance(diversity=0.3, top_n_words=6)]}


def readable_terms(model, topic: int) -> list[str]:
    """The topic's "Readable" terms; raises when BERTopic gave none (never a silent fallback)."""
    terms = [w for w, _ in (model.topic_aspects_.get(READABLE, {}).get(topic) or []) if w]
    if not terms:
        raise InsightsError(f"BERTopic gave no readable representation for emergent topic {topic}.",
                            fix="Check the installed bertopic version supports representation_model aspects "
                                "(KeyBERTInspired, MaximalMarginalRelevance) and that the embedder loads.")
    return terms


def word_enrichment(keywords: list[str], analyzer, unassigned: list[set], background: list[set]) -> float:
    """The median, over a cluster's first KEYWORDS_TESTED c-TF-IDF keywords, of how many times as common each
    is among unassigned passages as among assigned ones (add-one smoothed)."""
    lifts = []
    for word in keywords[:KEYWORDS_TESTED]:
        share = sum(word in d for d in unassigned) / max(1, len(unassigned))
        lifts.append(share / ((sum(word in d for d in background) + 1) / (len(background) + 1)))
    return float(np.median(lifts)) if lifts else 0.0


def fit_topics(docs: list[str], vectors: np.ndarray, seed: int, *, embedder):
    """The BERTopic fit itself: (model, topic of each passage, -1 for none). Also what
    `python -m themes.emergent_warm` runs, so the code numba compiles at set-up is the code compiled here."""
    ensure_offline()
    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
    from umap import UMAP

    from themes import numba_cache

    numba_cache.enable()      # UMAP's own fit functions too, not only those marked cache=True
    umap_model = UMAP(n_neighbors=min(15, len(docs) - 1), n_components=5, min_dist=0.0, metric="cosine",
                      random_state=seed, n_jobs=1)
    hdbscan_model = HDBSCAN(min_cluster_size=cluster_size(len(docs)), metric="euclidean",
                            cluster_selection_method="leaf", prediction_data=False)

    def fit(min_df: int):
        vectorizer = CountVectorizer(stop_words=list(ENGLISH_STOP_WORDS.union(STOP_EXTRA)), ngram_range=(1, 2),
                                     min_df=min_df, token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b")
        model = BERTopic(embedding_model=_backend(embedder), umap_model=umap_model, hdbscan_model=hdbscan_model,
                         vectorizer_model=vectorizer, representation_model=_representation(seed),
                         calculate_probabilities=False, verbose=False)
        return model, np.asarray(model.fit_transform(docs, embeddings=vectors)[0])

    try:
        return fit(min_df=2)
    except ValueError as exc:
        # c-TF-IDF has one document per cluster (outliers included): when HDBSCAN finds no cluster at all,
        # there is one document and no word can be in two; fit again without that rule (same seed, same
        # clusters), which then proposes nothing.
        if "max_df corresponds to < documents than min_df" not in str(exc):
            raise
        return fit(min_df=1)


def discover(passage_note_ids: list[int], passages: list[str], vectors: np.ndarray, background: np.ndarray,
             seed: int = 42, *, embedder, background_passages: list[str]) -> list[dict]:
    """passages/vectors: of unassigned notes; background / background_passages: vectors and texts of passages
    from assigned notes; embedder: the one that made the vectors (the readable labels embed words with it).
    Returns candidates: {label, keywords (c-TF-IDF), terms (readable), size, note_ids, quotes, quote_note_ids
    (the note of each quote, for the audit log of reads), enrichment}."""
    if len(passages) < MIN_PASSAGES:
        return []
    docs = [re.sub(r"\s+", " ", PLACEHOLDER.sub(" ", p)) for p in passages]
    model, topics = fit_topics(docs, vectors, seed, embedder=embedder)
    analyzer = model.vectorizer_model.build_analyzer()
    unassigned_words = [set(analyzer(d)) for d in docs]
    background_words = [set(analyzer(PLACEHOLDER.sub(" ", p))) for p in background_passages]
    candidates = []
    for topic in sorted(set(topics.tolist()) - {-1}):
        members = np.where(topics == topic)[0]
        centroid = vectors[members].mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        radius = float(np.percentile(vectors[members] @ centroid, 20))
        inside = int((vectors @ centroid >= radius).sum())
        near_background = int((background @ centroid >= radius).sum()) if len(background) else 0
        enrichment = (inside / len(vectors)) / ((near_background + 1) / max(1, len(background)))
        if enrichment < ENRICHMENT or separation(vectors, topics == topic) < MIN_SEPARATION:
            continue
        words = [w for w, _ in (model.get_topic(topic) or [])][:8]
        lift = word_enrichment(words, analyzer, unassigned_words, background_words)
        if lift < WORD_ENRICHMENT:
            continue
        terms = readable_terms(model, topic)
        note_ids = sorted({passage_note_ids[i] for i in members})
        distinct = list({docs[m]: m for m in members}.values())   # identical passages are one quote
        picked = [distinct[i] for i in diverse_quotes(vectors[distinct])]
        candidates.append({
            "label": readable_label(terms), "keywords": words, "terms": terms,
            "size": len(note_ids), "note_ids": note_ids, "quotes": [docs[m] for m in picked],
            "quote_note_ids": [int(passage_note_ids[m]) for m in picked],   # for the audit log of reads only
            "enrichment": round(enrichment, 2), "word_enrichment": round(lift, 2),
        })
    return sorted(candidates, key=lambda c: -c["size"])
