"""The main job on the bundled corpus: generate it, load its areas and illustrative indicators, ingest every
note through the real pipeline (anonymise -> store -> embed -> themes), link themes to indicators, and
propose emergent themes. Returns a summary for the CLI to print."""
from __future__ import annotations

import sys
from collections import defaultdict

from engine.places.areas import name_aliases
from engine.places.links import load_links
from engine.readers import RawNote
from engine.store import Store

# Which indicator speaks to which theme (and whether a higher value means more need) lives in engine/places/links.yaml,
# the same editable file `insights links load` reads; the demo loads it as it is.


def load_areas(store: Store, areas: list[dict], vintage: str = "2019") -> None:
    store.upsert_areas([{**a, "vintage": a.get("vintage", vintage)} for a in areas])
    aliases = name_aliases(areas)
    for a in areas:
        if a["level"] == "ward":
            aliases += [{"alias": d.upper(), "kind": "postcode_district", "area_code": a["code"]}
                        for d in a.get("postcode_districts", [])]
    store.add_area_aliases(aliases)


def load_indicators(store: Store, meta: dict, rows: list[dict]) -> int:
    for indicator_id, m in meta.items():
        store.upsert_indicator({"id": indicator_id, **m})
    store.add_observations([
        {"indicator_id": r["indicator"], "area_code": r["area_code"], "period": str(r["period"]),
         "value": r["value"], "numerator": r.get("numerator"), "denominator": r.get("denominator")}
        for r in rows
    ])
    load_links(store)
    return len(rows)


def run_demo(pipeline, n_notes: int | None = None, discover: bool = True) -> dict:
    from corpora.demo import generate_demo_corpus

    corpus = generate_demo_corpus() if n_notes is None else generate_demo_corpus(n_notes=n_notes)
    store = pipeline.store
    load_areas(store, corpus.areas)
    observations = load_indicators(store, corpus.indicator_meta, corpus.indicators)
    by_org: dict[str, list[RawNote]] = defaultdict(list)
    for note in corpus.notes:
        by_org[note["org"]].append(RawNote(note["text"], note["source_type"], note["date"][:7], note["area_code"],
                                           note["id"], where=note["id"]))
    reports = {}
    for org, notes in by_org.items():
        print(f"{org}: {len(notes)} notes", file=sys.stderr)
        reports[org] = pipeline.ingest(notes, org, channel="demo", assign=False)
    print("Finding themes for all notes", file=sys.stderr)
    pipeline.assign_pending()
    if discover:
        print("Looking for emergent themes among notes no theme fits", file=sys.stderr)
    emergent = pipeline.discover_emergent() if discover else []
    return {
        "notes_in_corpus": len(corpus.notes),
        "stored": sum(r["stored"] for r in reports.values()),
        "duplicates": sum(r["duplicates"] for r in reports.values()),
        "rejected": [x for r in reports.values() for x in r["rejected"]],
        "organisations": len(reports),
        "areas": len(corpus.areas),
        "observations": observations,
        "theme_counts": store.theme_note_counts(),
        "sensitive_themes": {t.id for t in pipeline.taxonomy.themes if t.sensitive},
        "emergent": [{"label": c["label"], "size": c["size"], "keywords": c["keywords"]} for c in emergent],
    }
