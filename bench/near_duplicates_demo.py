"""Near-duplicate thresholds on a database (the demo one: `insights demo --no-serve --db DB`), the way the shipped
thresholds were chosen (engine/near_duplicates.py):

1. different notes: each stored note's nearest other note by cosine (the stored MiniLM vectors) and the
   3-word-shingle Jaccard of the two texts: a threshold above these flags none of them;
2. pasted again with a few words changed: the share of the first 300 notes still caught when 3%, 5%, 10% or 20% of
   their words are replaced (embedded with MiniLM);
3. a file of 50 new notes (another seed of the demo generator) ingested on a copy of the database under one
   organisation and again under another: how many are flagged each time, and whether the published counts (theme
   list, evidence cells, the summary's top themes) are the same after the second as after the first.

    python -m bench.near_duplicates_demo --db /tmp/demo.db [--copy /tmp/demo-twice.db]

Reads DB only; step 3 works on the copy.
"""
from __future__ import annotations

import argparse
import json
import random

import numpy as np

from engine.core.offline import ensure_offline
from engine.core.settings import Settings
from engine.near_duplicates import text_similarity
from engine.store import Store


def _unit(m: np.ndarray) -> np.ndarray:
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def different_notes(store: Store, embedder_id: str) -> dict:
    rows, matrix = store.stored_note_vectors(embedder_id, 2 ** 62, 100_000)
    sims = _unit(matrix) @ _unit(matrix).T
    np.fill_diagonal(sims, -1)
    nearest = sims.argmax(axis=1)
    texts = store.note_texts([r["id"] for r in rows])
    ids = [r["id"] for r in rows]
    jac = np.array([text_similarity(texts[ids[i]], texts[ids[j]]) for i, j in enumerate(nearest)])
    best = sims.max(axis=1)
    return {"notes": len(rows), "nearest_cosine_p50_p99_max": np.percentile(best, [50, 99, 100]).round(3).tolist(),
            "nearest_jaccard_p50_p99_max": np.percentile(jac, [50, 99, 100]).round(3).tolist()}


def edited_copies(store: Store, settings: Settings, n: int = 300) -> dict:
    from themes.embedder import MiniLMEmbedder

    rows = store.notes_to_copy(n)
    rng, embedder = random.Random(1), MiniLMEmbedder()
    original = _unit(embedder.embed_batch([r["text"] for r in rows]))
    out = {}
    for share in (0.03, 0.05, 0.1, 0.2):
        copies = []
        for r in rows:
            words = r["text"].split()
            for _ in range(max(1, int(len(words) * share))):
                words[rng.randrange(len(words))] = rng.choice(["really", "also", "then", "the", "very"])
            copies.append(" ".join(words))
        cos = (original * _unit(embedder.embed_batch(copies))).sum(axis=1)
        jac = np.array([text_similarity(r["text"], c) for r, c in zip(rows, copies)])
        caught = (cos >= settings.near_duplicate_cosine) & (jac >= settings.near_duplicate_text)
        out[f"{share:.0%} of words changed"] = round(float(caught.mean()), 3)
    return out


def twice(db: str, copy: str) -> dict:
    from corpora.demo import generate_demo_corpus
    from engine.pipeline import Pipeline
    from engine.publish import evidence
    from engine.publish.summary import build_summary
    from engine.publish.suppression import Policy
    from engine.publish.theme_views import theme_list
    from engine.readers import RawNote

    source, target = Store(db), Store(copy)
    source.db.conn.backup(target.db.conn)        # an online copy: the WAL's pages included
    source.close()
    target.close()
    settings = Settings(db_path=copy)
    store = Store(copy)
    policy = Policy.from_settings(settings)

    def published():
        return {"themes": [(t["id"], t["notes"], t["organisations"]) for t in theme_list(store, policy)],
                "cells": [(c["area_code"], c["theme"], c["notes"], c["organisations"])
                          for c in evidence.build(store, policy, "ward")],
                "summary": [(r["id"], r["notes"], r["organisations"])
                            for r in build_summary(store, policy)["top_themes"]]}
    notes = generate_demo_corpus(seed=777, n_notes=200).notes[:50]
    file = [RawNote(x["text"], x["source_type"], x["date"][:7], x["area_code"], "x" + x["id"], where=x["id"])
            for x in notes]
    pipeline = Pipeline(settings, store)
    first = pipeline.ingest(file, "Demo Group X")
    after_first = published()
    second = pipeline.ingest(file, "Demo Group Y")
    return {"first": {"stored": first["stored"], "flagged": first["near_duplicates"]},
            "second": {"stored": second["stored"], "flagged": second["near_duplicates"]},
            "published_counts_unchanged": published() == after_first,
            "organisations_per_theme": {t["id"]: t["organisations"] for t in theme_list(store, policy)}}


def main() -> None:
    ensure_offline()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--copy", default="/tmp/near-duplicates-twice.db")
    parser.add_argument("--embedder-id", default="all-MiniLM-L6-v2", help="whose stored vectors to compare")
    args = parser.parse_args()
    settings = Settings(db_path=args.db)
    store = Store(args.db)
    embedder_id = args.embedder_id
    result = {"thresholds": {"cosine": settings.near_duplicate_cosine, "text": settings.near_duplicate_text},
              "different_notes": different_notes(store, embedder_id),
              "edited_copies_caught": edited_copies(store, settings)}
    store.close()
    result["file_of_50_twice"] = twice(args.db, args.copy)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
