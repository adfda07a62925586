from engine.demo import load_areas
from engine.readers import RawNote

AREAS = [
    {"code": "E09000023", "name": "Lewisham", "level": "lad", "parent_code": None},
    {"code": "E05000451", "name": "Rushey Green", "level": "ward", "parent_code": "E09000023",
     "postcode_districts": ["SE6"]},
    {"code": "E05000447", "name": "Lee Green", "level": "ward", "parent_code": "E09000023",
     "postcode_districts": ["SE12"]},
]
TEXTS = [
    "She is skipping meals so the children can eat; we gave her a food parcel.",
    "The landlord served an eviction notice and there is black mould in the flat.",
    "He has been grieving since his wife died and cannot afford the funeral.",
    "Her partner controls the money and checks her phone; she is frightened.",
]


def _notes(areas):
    return [RawNote(t, "case_note", "2025-03", a, where=f"n{i}", position=f"row {i}")
            for i, (t, a) in enumerate(zip(TEXTS, areas))]


def test_when_areas_given_in_different_ways_then_each_resolves_and_says_how(pipeline, store):
    load_areas(store, AREAS)
    raw = _notes(["E05000451", "lee green ward", "SE12 9AB", None])
    raw[3].text += " She lives at SE6 4RT."
    report = pipeline.ingest(raw, "Org")
    rows = store.q("SELECT area_code, area_how FROM notes ORDER BY id")
    assert [(r["area_code"], r["area_how"]) for r in rows] == [
        ("E05000451", "code"), ("E05000447", "name"), ("E05000447", "postcode_district"),
        ("E05000451", "postcode_in_note")]
    assert report["area_resolution"] == {"code": 1, "name": 1, "postcode_district": 1, "postcode_in_note": 1}


def test_when_area_cannot_be_resolved_then_note_kept_as_unknown_and_counted(pipeline, store):
    report = pipeline.ingest(_notes(["Atlantis", "E05999999"]), "Org")
    assert report["stored"] == 2 and report["area_resolution"] == {"unknown": 2}


def test_when_new_notes_arrive_then_old_assignments_do_not_change(pipeline, store):
    pipeline.ingest(_notes([None] * 4)[:2], "Org")
    before = store.q("SELECT * FROM assignments ORDER BY note_id, theme_id")
    pipeline.ingest(_notes([None] * 4)[2:], "Org")
    after = store.q("SELECT * FROM assignments ORDER BY note_id, theme_id")
    assert after[:len(before)] == before and len(after) > len(before)


def test_when_same_notes_ingested_into_two_databases_then_assignments_identical(settings, anonymiser, embedder,
                                                                               tmp_path):
    from engine.pipeline import Pipeline
    from engine.store import Store

    results = []
    for name in ("a.db", "b.db"):
        store = Store(tmp_path / name)
        Pipeline(settings, store, anonymiser=anonymiser, embedder=embedder).ingest(_notes([None] * 4), "Org")
        results.append(store.q("SELECT note_id, theme_id, score FROM assignments ORDER BY note_id, theme_id"))
    assert results[0] == results[1] and results[0]


def test_when_raw_text_has_a_canary_then_it_never_reaches_the_database(pipeline, settings):
    canary = "Zebedee Quixotic-Fernsby"
    pipeline.ingest([RawNote(f"Visited {canary} at 14 Elm Road about the food bank.", "case_note",
                             position="row 1")], "Org")
    raw = b"".join(p.read_bytes() for p in settings.db_path.parent.glob(settings.db_path.name + "*"))
    assert canary.encode() not in raw and b"Quixotic" not in raw and b"14 Elm Road" not in raw
