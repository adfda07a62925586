"""Near-duplicate notes, found at ingest: the same story told by two groups, or pasted twice.

A new note is the near-duplicate of an earlier one (its "twin") when both checks agree:
- meaning: the cosine of the two notes' vectors (each the mean of its 20-word passages' vectors: a bag of its
  passages, blind to their order; stored, same embedder) is at least Settings.near_duplicate_cosine (0.94). One numpy matrix product of the new notes against the latest
  Settings.near_duplicate_window (20,000) stored vectors, so the work is bounded whatever the collection's size;
- wording: the Jaccard overlap of the two anonymised texts' 3-word shingles is at least
  Settings.near_duplicate_text (0.5), so two different stories about the same thing (which embed close) are not
  taken for one.
Checked on the demo corpus (README "Many voices, counted once"; bench/near_duplicates_demo.py). With these
vectors (since issue 18; before, each whole note was embedded again) each demo note's nearest other note has a
cosine of 0.87 at the median and 0.98 at most, so the wording check does most of the separating: one pair of the
1,600 passes both (the same filler sentences in another order, Jaccard 0.53). A note pasted again with 5% of its
words changed is caught 98.7% of the time (whole-note vectors: 96.3%), 10%: 90% (84%).
Each new note is paired with at most one twin (the most similar earlier note that passes both), and recorded as
'flagged' (engine/store/near_duplicates.py): it is then left out of every published count. Raw text never comes
here: only anonymised text and stored vectors.
"""
from __future__ import annotations

import re

import numpy as np

CANDIDATES = 5        # earlier notes per new note given the wording check, most similar first
SHINGLE = 3


def shingles(text: str, k: int = SHINGLE) -> set[tuple[str, ...]]:
    """The text's k-word shingles (lower case, placeholders kept as words); the words themselves when shorter."""
    words = re.findall(r"<[^>]+>|[a-z0-9']+", text.lower())
    if len(words) < k:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + k]) for i in range(len(words) - k + 1)}


def text_similarity(a: str, b: str) -> float:
    """Jaccard overlap of two texts' 3-word shingles (0-1)."""
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def _unit(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms == 0, 1.0, norms)


def _store_note_vectors(store, embedder, rows: list[dict]) -> np.ndarray:
    """The note vectors of these rows (id, text, content_hash), stored under their own id for the next check."""
    from themes.note_vectors import note_vector_id, note_vectors

    vectors = note_vectors(store, embedder, [r["text"] for r in rows])
    store.put_embeddings({r["content_hash"]: v for r, v in zip(rows, vectors)}, note_vector_id(embedder))
    return vectors


def find_pairs(store, embedder, note_ids: list[int], settings) -> list[dict]:
    """Pairs {note_id, twin_id, cosine, text_similarity} for these new notes: each against the earlier stored
    notes (and the earlier of the new ones). A note's vector is the mean of its 20-word passages' vectors
    (themes/note_vectors.py), the passages the theme scorer embeds and caches anyway; notes stored before
    these vectors existed get theirs here, once."""
    from themes.note_vectors import note_vector_id

    new = store.notes_for_duplicate_check(note_ids)
    if not new:
        return []
    new_vectors = _unit(_store_note_vectors(store, embedder, new))
    vector_id = note_vector_id(embedder)
    older = store.notes_without_vector(vector_id, new[0]["id"], settings.near_duplicate_window)
    if older:
        _store_note_vectors(store, embedder, older)
    old_rows, old_matrix = store.stored_note_vectors(vector_id, new[-1]["id"], settings.near_duplicate_window)
    if not old_rows:
        return []
    old_ids = np.array([r["id"] for r in old_rows])
    sims = new_vectors @ _unit(old_matrix).T
    texts = {r["id"]: r["text"] for r in new}
    pairs = []
    for i, row in enumerate(new):
        scores = np.where(old_ids < row["id"], sims[i], -1.0)
        order = np.argsort(-scores)[:CANDIDATES]
        order = [j for j in order if scores[j] >= settings.near_duplicate_cosine]
        if not order:
            continue
        missing = [int(old_ids[j]) for j in order if int(old_ids[j]) not in texts]
        texts.update(store.note_texts(missing) if missing else {})
        for j in order:
            twin = int(old_ids[j])
            overlap = text_similarity(row["text"], texts[twin])
            if overlap >= settings.near_duplicate_text:
                pairs.append({"note_id": row["id"], "twin_id": twin, "cosine": round(float(scores[j]), 4),
                              "text_similarity": round(overlap, 4)})
                break
    return pairs


def flag_near_duplicates(store, embedder, note_ids: list[int], settings) -> int:
    """Find and record the near-duplicates among these new notes; returns how many were flagged."""
    if not note_ids:
        return 0
    return store.put_near_duplicates(find_pairs(store, embedder, note_ids, settings))
