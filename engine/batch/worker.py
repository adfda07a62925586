"""The batch worker: one Ray actor (Ray Data `map_batches` with this class) that loads the anonymiser and the
embedder once and then, for each range of notes it is given (engine/batch/shards.py), reads that range from the
file itself, anonymises it with the pipeline's own `anonymise` and embeds the anonymised texts.

What it returns, and so all that reaches Ray's object store: the anonymised notes (NewNote, without the offsets
into the original text), the rejections ({"where", "error"}: file and row, never text) and the vectors of the
anonymised texts and of the passages the zero-shot assigner will score, keyed by content hash (the embedding
cache's key, so the driver's near-duplicate check and theme assignment find them and embed nothing again).
Raw text lives only in this process's memory, for the length of one call. A failure on a range is reported per
note by file and row with the kind of error only; the exception itself (whose message might quote text) is
dropped, never logged or raised."""
from __future__ import annotations

import pickle
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from engine.core.offline import ensure_offline
from engine.core.settings import Settings


def payload(notes: list, rejected: list[dict], vectors: dict, embedder_id: str, seconds: float) -> bytes:
    """One range's result as bytes (what crosses the object store); `seconds`: the worker's time on it."""
    return pickle.dumps({"notes": notes, "rejected": rejected, "vectors": vectors, "embedder_id": embedder_id,
                         "seconds": seconds}, protocol=pickle.HIGHEST_PROTOCOL)


def read_payload(data: bytes) -> dict:
    return pickle.loads(data)


class ShardWorker:
    """The actor's callable. `settings`: the driver's Settings (anonymisation then runs in this one process)."""

    def __init__(self, settings: Settings, source_type: str):
        ensure_offline(settings)
        from engine.pipeline import Pipeline
        from engine.store import Store

        self.settings = settings.with_overrides(anonymise_processes=1)
        self.source_type = source_type
        self.store = Store(self.settings.db_path)    # read only: area names, place names, the taxonomy in force
        self.pipeline = Pipeline(self.settings, self.store)
        self.pipeline.anonymiser, self.pipeline.embedder   # loaded once per worker, before the first range
        self.passage_words = getattr(self.pipeline.zero_shot, "passage_words", None)

    def __call__(self, batch):
        import pyarrow as pa

        shards = batch.column("shard").to_pylist()
        out = [self.run(path, start, stop) for path, start, stop in
               zip(batch.column("path").to_pylist(), batch.column("start").to_pylist(),
                   batch.column("stop").to_pylist())]
        return pa.table({"shard": pa.array(shards, pa.int64()), "payload": pa.array(out, pa.binary())})

    def run(self, path: str, start: int, stop: int) -> bytes:
        """Notes [start, stop) of `path`: read, anonymised and embedded here; anonymised results as bytes."""
        from engine.readers import read_path

        began = time.perf_counter()
        wheres: list[str] = []
        try:
            raw = read_path(Path(path), self.source_type, self.settings.max_upload_bytes).notes[start:stop]
            wheres = [n.where for n in raw]
            ready, rejected = self.pipeline.anonymise(raw)
            del raw
            ready = [replace(n, original_spans=None) for n in ready]
            rejected = [{"where": r["where"], "error": r["error"]} for r in rejected]
            vectors = self.vectors([n.text for n in ready])
        except Exception as exc:   # fail closed for the range; the message names the kind of failure only
            kind = type(exc).__name__
            wheres = wheres or [f"{Path(path).name} notes {start + 1}-{stop}"]
            return payload([], [{"where": w, "error": f"The batch worker failed on this range ({kind}), so its "
                                 "notes were not stored. Run the batch again."} for w in wheres], {},
                           self.pipeline.embedder.id, time.perf_counter() - began)
        return payload(ready, rejected, vectors, self.pipeline.embedder.id, time.perf_counter() - began)

    def vectors(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Vectors of the anonymised texts and of their passages as the zero-shot assigner cuts them."""
        from themes.assign import passages
        from themes.embedder import content_hash

        wanted = list(texts)
        if self.passage_words:
            wanted += [p for t in texts for p in passages(t, self.passage_words)]
        unique = list(dict.fromkeys(wanted))
        fresh = self.pipeline.embedder.embed_batch(unique) if unique else []
        return {content_hash(t): np.asarray(v, dtype=np.float32) for t, v in zip(unique, fresh)}
