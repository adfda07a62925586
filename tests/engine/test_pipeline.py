import pytest

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


# ---- theme lifecycle: stability, taxonomy versions, corrections, the embedder setting -------------------------
STABLE = [
    "She is skipping meals so the children can eat; we gave her a food parcel.",
    "The food bank referral came through and the cupboards were empty again.",
    "The landlord served an eviction notice and there is black mould in the flat.",
    "Private landlord will not fix the damp and the rent went up again.",
    "He has been grieving since his wife died and cannot afford the funeral.",
    "Lives alone and has not spoken to anyone in weeks since the lunch club closed.",
    "Behind on council tax and the bailiffs have written twice.",
    "Universal Credit deductions leave nothing for the energy bills.",
    "Her partner controls the money and checks her phone; she is frightened.",
    "We talked about the weather and the football results.",
    "He has no laptop or internet so cannot apply for jobs online.",
    "The park near the estate is closed and there is nowhere green to go.",
    "She cannot sleep, feels anxious all the time and is waiting for counselling.",
    "The young people have nowhere to go after school and want an apprenticeship.",
    "Her mum died last month and she is struggling with the grief.",
    "They had no food in the house over the weekend.",
    "The council moved him to temporary accommodation miles from school.",
    "We sorted out a debt relief order with the advice service.",
    "He has not left the flat for a month and feels completely isolated.",
    "Nothing much to report, we had a cup of tea and a chat.",
]
NEW = ["The boiler broke and the landlord ignores her calls.", "She used the food bank twice this month."]


def _store_notes(store, texts, start=0):
    from engine.store import NewNote

    org = store.ensure_org("Org")
    notes = [NewNote(t, f"h-{t}", f"d{start + i}-{t}", "case_note", "2025-03", "2025-03", None, "unknown", None,
                     None, []) for i, t in enumerate(texts)]
    return store.add_submission(org, notes, "test", "consent")["note_ids"]


def _in_force(store):
    return [(r["note_id"], r["theme_id"], r["score"], r["method"], r["taxonomy_version"])
            for r in store.in_force_assignments()]


@pytest.fixture
def themes_pipeline(settings, store, embedder):
    from engine.pipeline import Pipeline

    return Pipeline(settings, store, embedder=embedder)


def test_when_ten_percent_more_notes_arrive_then_every_old_assignment_is_unchanged(themes_pipeline, store):
    old_ids = _store_notes(store, STABLE)
    themes_pipeline.assign_pending()
    before = _in_force(store)
    _store_notes(store, NEW, start=100)
    report = themes_pipeline.assign_pending()
    after = _in_force(store)
    assert report["notes"] == 2
    assert [r for r in after if r[0] in old_ids] == before and len(after) > len(before)


def test_when_taxonomy_edited_then_old_notes_keep_theirs_and_new_notes_use_the_new_version(themes_pipeline, store):
    from themes.taxonomy_io import edit_theme

    _store_notes(store, STABLE[:4])
    themes_pipeline.assign_pending()
    v1 = store.latest_taxonomy_version()
    before = _in_force(store)
    v2 = edit_theme(store, "food_poverty", description="Not enough to eat; food banks, food parcels, pantries.")
    themes_pipeline.refresh_taxonomy()
    _store_notes(store, NEW, start=100)
    themes_pipeline.assign_pending()
    after = _in_force(store)
    assert after[:len(before)] == before and {r[4] for r in before} == {v1}
    assert {r[4] for r in after[len(before):]} == {v2}
    assert store.theme_note_counts().get("food_poverty", 0) >= 2   # counts cover notes under both versions


def test_when_enough_notes_corrected_then_new_notes_are_assigned_by_the_learned_assigner(settings, store, embedder):
    from engine.pipeline import Pipeline
    from themes.corrections import correct

    pipeline = Pipeline(settings.with_overrides(learn_after_corrections=3), store, embedder=embedder)
    ids = _store_notes(store, STABLE)
    assert pipeline.assign_pending()["method"] == "zero-shot"
    correct(store, ids[9], "loneliness_isolation", "reject", "A")
    correct(store, ids[19], "loneliness_isolation", "confirm", "A")
    assert pipeline.assigner.method == "zero-shot"          # two corrected notes: not enough yet
    correct(store, ids[5], "loneliness_isolation", "confirm", "A")
    before = _in_force(store)
    _store_notes(store, NEW, start=100)
    report = pipeline.assign_pending()
    assert report["method"] == "learned"
    new_rows = [r for r in _in_force(store) if r[0] not in ids]
    assert new_rows and {r[3] for r in new_rows} <= {"learned", "unassigned"}
    assert [r for r in _in_force(store) if r[0] in ids] == before


def test_when_embedder_setting_is_fast_then_pipeline_uses_the_fast_embedder(settings, store):
    from engine.pipeline import Pipeline
    from themes.embedder import MiniLMEmbedder
    from themes.fast_embedder import FAST_EMBEDDER_ID
    from themes.onnx_embedder import OnnxMiniLMEmbedder

    assert Pipeline(settings.with_overrides(embedder="fast"), store).embedder.id == FAST_EMBEDDER_ID
    assert isinstance(Pipeline(settings, store).embedder, OnnxMiniLMEmbedder)
    assert isinstance(Pipeline(settings.with_overrides(embedder="accurate-torch"), store).embedder, MiniLMEmbedder)
