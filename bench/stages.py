"""Our stages, each measured on its own. `bench/run.py` runs every stage in a fresh subprocess:

    python -m bench.stage_runner STAGE WORK_DIR RESULT_JSON

WORK_DIR is one size's folder (bench/work/n<N>/) with the corpus from corpora/bench.py. The end-to-end stage
builds WORK_DIR/insights.db; the later stages read the anonymised notes from it, so every stage and every
baseline works on the same notes. Model loading is timed apart from the work ("load_seconds"); "seconds" is
the work itself, except for the end-to-end stage, whose "seconds" is everything from file to queryable.
"""
from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INGEST_CHUNK = 5000   # notes per submission in the end-to-end stage, as an analyst would upload monthly files


def _settings(db: Path):
    from engine.core.settings import Settings

    return Settings(db_path=db)


def _fast_pipeline(db: Path):
    from engine.pipeline import Pipeline
    from engine.store import Store
    from themes.fast_embedder import FastEmbedder

    settings = _settings(db)
    return Pipeline(settings, Store(db), embedder=FastEmbedder(ROOT / "data/models/minilm-static", build=False))


def _load_links(store, work: Path) -> None:
    from engine.demo import load_areas, load_indicators

    load_areas(store, json.loads((work / "areas.json").read_text(encoding="utf-8")))
    ind = json.loads((work / "indicators.json").read_text(encoding="utf-8"))
    load_indicators(store, ind["meta"], ind["rows"])


def _query(store, settings) -> dict:
    """What an analyst's first look does, through the same view functions the API routes call."""
    from engine.publish import evidence
    from engine.publish import theme_views as views
    from engine.publish.suppression import Policy

    policy = Policy.from_settings(settings)
    themes = views.theme_list(store, policy)
    detail = views.theme_detail(store, policy, themes[0]["id"]) if themes else {}
    cells = evidence.build(store, policy, "ward")
    return {"themes": len(themes), "visible_themes": sum(1 for t in themes if not t["suppressed"]),
            "quotes": len(detail.get("quotes", [])), "evidence_cells": len(cells)}


def texts_from_db(work: Path) -> list[str]:
    from engine.store import Store

    db = work / "insights.db"
    if not db.exists():
        raise SystemExit(f"{db} is missing: run the e2e_fast stage for this size first.")
    store = Store(db)
    try:
        return store.all_note_texts()
    finally:
        store.close()


def e2e_fast(work: Path) -> dict:
    """File in -> anonymised, stored, themed (fast embedder), linked to indicators, emergent themes proposed,
    queryable. Each step is timed too, so the closing note can say where the time goes."""
    from engine.readers import read_path

    db = work / "insights.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    steps: dict[str, float] = {}
    t_all = time.perf_counter()

    def step(name: str, t0: float) -> float:
        now = time.perf_counter()
        steps[name] = round(steps.get(name, 0.0) + now - t0, 3)
        return now

    t = time.perf_counter()
    pipeline = _fast_pipeline(db)
    _load_links(pipeline.store, work)
    t = step("open database, load areas and indicators", t)
    pipeline.anonymiser.anonymise_many(["Warm-up note about the food bank."])
    pipeline.embedder.embed_batch(["warm-up"])
    t = step("load models", t)
    read = read_path(work / "notes.jsonl", max_bytes=None)
    t = step("read file", t)
    stored = rejected = 0
    for start in range(0, len(read.notes), INGEST_CHUNK):
        report = pipeline.ingest(read.notes[start:start + INGEST_CHUNK], "Benchmark partners", channel="bench",
                                 assign=False)
        stored += report["stored"]
        rejected += len(report["rejected"])
        print(f"  e2e: {start + len(read.notes[start:start + INGEST_CHUNK])}/{len(read.notes)} notes stored",
              file=sys.stderr, flush=True)
    t = step("anonymise and store", t)
    assigned = pipeline.assign_pending()
    t = step("assign themes", t)
    queried = _query(pipeline.store, pipeline.settings)
    t = step("query: theme list, theme detail, evidence", t)
    themed_seconds = time.perf_counter() - t_all
    emergent = pipeline.discover_emergent()
    t = step("emergent fit", t)
    pipeline.store.close()
    return {"notes": len(read.notes), "seconds": time.perf_counter() - t_all,
            "seconds_without_emergent": round(themed_seconds, 3), "steps": steps, "stored": stored,
            "rejected": rejected + len(read.errors), "assigned_notes": assigned["notes"],
            "unassigned_notes": assigned["themes"].get("unassigned", 0), "emergent_candidates": len(emergent),
            **queried}


def anonymise(work: Path) -> dict:
    """Our anonymiser over the raw notes, with recall scored on the planted identifiers."""
    from anonymise.anonymiser import Anonymiser
    from anonymise.evaluate import evaluate
    from engine.core.settings import Settings

    records = gold_records(work)
    settings = Settings()
    t0 = time.perf_counter()
    anonymiser = Anonymiser(settings)
    anonymiser.anonymise_many([records[0].text])
    load = time.perf_counter() - t0
    report = evaluate(records, anonymiser, batch_size=settings.anonymise_batch_size * 4)
    return {"notes": len(records), "seconds": report.seconds, "load_seconds": round(load, 3),
            "recall": report.overall.recall, "precision": report.overall.precision, "rejected": report.rejected}


def gold_records(work: Path):
    from anonymise.evaluate import parse_record
    from corpora.bench import read_jsonl

    return [parse_record(row, "jsonl", f"note {row['id']}", row["id"]) for row in read_jsonl(work / "gold.jsonl")]


def _embed(work: Path, embedder) -> dict:
    from themes.assign import passages

    texts = texts_from_db(work)
    flat = [p for t in texts for p in passages(t)]
    t0 = time.perf_counter()
    embedder.embed_batch(flat[:8])
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    vectors = embedder.embed_batch(flat)
    seconds = time.perf_counter() - t0
    return {"notes": len(texts), "seconds": seconds, "load_seconds": round(load, 3), "passages": len(flat),
            "dim": int(vectors.shape[1])}


def embed_fast(work: Path) -> dict:
    from themes.fast_embedder import FastEmbedder

    return _embed(work, FastEmbedder(ROOT / "data/models/minilm-static", build=False))


def embed_accurate(work: Path) -> dict:
    from themes.embedder import MiniLMEmbedder

    return _embed(work, MiniLMEmbedder())


def _assign(work: Path, embedder) -> dict:
    from engine.core.settings import Settings
    from themes.taxonomy import load_builtin
    from themes.zero_shot import zero_shot_assigner

    texts = texts_from_db(work)
    s = Settings()
    t0 = time.perf_counter()
    assigner = zero_shot_assigner(s, load_builtin(), embedder, calibrate_on_input=True)   # the shipped scorer
    assigner.assign(texts[:4])
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    decided, _ = assigner.assign(texts)          # no store: nothing cached, every passage embedded
    seconds = time.perf_counter() - t0
    return {"notes": len(texts), "seconds": seconds, "load_seconds": round(load, 3),
            "assigned_share": round(sum(1 for d in decided if d) / max(1, len(decided)), 3)}


def assign_fast(work: Path) -> dict:
    from themes.fast_embedder import FastEmbedder

    return _assign(work, FastEmbedder(ROOT / "data/models/minilm-static", build=False))


def assign_accurate(work: Path) -> dict:
    from themes.embedder import MiniLMEmbedder

    return _assign(work, MiniLMEmbedder())


def emergent_fit(work: Path) -> dict:
    """Pipeline.discover_emergent on the end-to-end database (fast embedder; passage vectors already cached
    by assignment, as they are in real use)."""
    pipeline = _fast_pipeline(work / "insights.db")
    try:
        version = pipeline.taxonomy_version()
        unassigned = len(pipeline.store.unassigned_notes(version))
        t0 = time.perf_counter()
        candidates = pipeline.discover_emergent()
        seconds = time.perf_counter() - t0
        return {"notes": pipeline.store.count_notes(), "seconds": seconds, "unassigned_notes": unassigned,
                "candidates": len(candidates), "fitted": _fitted(pipeline.store, version)}
    finally:
        pipeline.store.close()


def _fitted(store, version: int) -> bool:
    """Whether BERTopic ran at all: it needs MIN_PASSAGES passages among the unassigned notes."""
    from themes.assign import passages
    from themes.emergent import MIN_PASSAGES

    return sum(len(passages(r["text"])) for r in store.unassigned_notes(version)) >= MIN_PASSAGES


def evidence(work: Path) -> dict:
    """Rebuild the evidence view (themes x areas, joined to indicators, suppressed) at ward and council level."""
    from engine.publish import evidence as evidence_mod
    from engine.publish.suppression import Policy
    from engine.store import Store

    db = work / "insights.db"
    store = Store(db)
    try:
        policy = Policy.from_settings(_settings(db))
        t0 = time.perf_counter()
        ward = evidence_mod.build(store, policy, "ward")
        lad = evidence_mod.build(store, policy, "lad")
        seconds = time.perf_counter() - t0
        return {"notes": store.count_notes(), "seconds": seconds, "cells_ward": len(ward), "cells_lad": len(lad)}
    finally:
        store.close()


def incremental(work: Path) -> dict:
    """100 new notes into a copy of the end-to-end database: anonymise, store, assign; no refit, no rebuild."""
    from engine.readers import read_path

    source, db = work / "insights.db", work / "incremental.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, db)
    pipeline = _fast_pipeline(db)
    try:
        before = pipeline.store.count_notes()
        emergent_before = [c["id"] for c in pipeline.store.emergent()]
        t0 = time.perf_counter()
        pipeline.anonymiser.anonymise_many(["Warm-up note about the food bank."])
        pipeline.embedder.embed_batch(["warm-up"])
        load = time.perf_counter() - t0
        read = read_path(work / "new_notes.jsonl", max_bytes=None)
        t0 = time.perf_counter()
        report = pipeline.ingest(read.notes, "Benchmark partners", channel="bench")
        queried = _query(pipeline.store, pipeline.settings)
        seconds = time.perf_counter() - t0
        return {"notes": len(read.notes), "seconds": seconds, "load_seconds": round(load, 3),
                "database_notes_before": before, "stored": report["stored"],
                "assigned_notes": report["assigned"].get("notes", 0),
                "emergent_unchanged": [c["id"] for c in pipeline.store.emergent()] == emergent_before, **queried}
    finally:
        pipeline.store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)


STAGES = {f.__name__: f for f in (e2e_fast, anonymise, embed_fast, embed_accurate, assign_fast, assign_accurate,
                                   emergent_fit, evidence, incremental)}
