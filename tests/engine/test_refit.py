"""Refit: the only way old notes get new themes, and it reports exactly what moved."""
import pytest

from engine.refit import diff_report, refit
from engine.store import NewNote
from themes.corrections import correct
from themes.taxonomy_io import add_theme, retire_theme

TEXTS = ["She is skipping meals so the children can eat; we gave her a food parcel.",
         "The landlord served an eviction notice and there is black mould in the flat.",
         "The bus to the hospital was cut so she missed her appointment.",
         "No bus on Sundays now and the taxi to the surgery costs twenty pounds.",
         "He has been grieving since his wife died and cannot afford the funeral."]


@pytest.fixture
def pipeline_with_notes(settings, store, embedder):
    from engine.pipeline import Pipeline

    org = store.ensure_org("Org")
    notes = [NewNote(t, f"h-{t}", f"d-{t}", "case_note", "2025-03", "2025-03", None, "unknown", None, None, [])
             for t in TEXTS]
    ids = store.add_submission(org, notes, "test", "consent")["note_ids"]
    pipeline = Pipeline(settings, store, embedder=embedder)
    pipeline.assign_pending()
    return pipeline, ids


def _by_note(store):
    out = {}
    for r in store.in_force_assignments():
        out.setdefault(r["note_id"], set()).add(r["theme_id"])
    return out


def test_when_nothing_changed_then_refit_moves_nothing(pipeline_with_notes, store):
    pipeline, ids = pipeline_with_notes
    before = _by_note(store)
    report = refit(pipeline)
    assert report["notes"] == len(ids) and report["changed"] == 0 and report["changed_notes"] == []
    assert _by_note(store) == before
    assert all(c["gained"] == 0 and c["lost"] == 0 for c in report["themes"].values())


def test_when_a_theme_is_added_then_only_refit_moves_old_notes_and_reports_them(pipeline_with_notes, store):
    pipeline, ids = pipeline_with_notes
    before = _by_note(store)
    add_theme(store, "transport", "Transport", "Buses, taxis and getting to appointments or the hospital.",
              ["the bus route was cut", "cannot get to the hospital appointment"])
    pipeline.assign_pending()
    assert _by_note(store) == before                     # a new taxonomy alone moves nothing
    report = refit(pipeline)
    bus = {ids[2], ids[3]}
    moved = {c["note_id"]: c for c in report["changed_notes"]}
    assert bus <= set(moved) and all("transport" in moved[i]["after"] for i in bus)
    assert report["themes"]["transport"]["gained"] == len([i for i in moved if "transport" in moved[i]["after"]])
    assert report["taxonomy_version"] == store.latest_taxonomy_version()
    assert report["changed"] + report["unchanged"] == len(ids)
    assert all("text" not in c for c in report["changed_notes"])     # ids only, never note text


def test_when_a_theme_is_retired_then_refit_reports_its_notes_as_lost(pipeline_with_notes, store):
    pipeline, ids = pipeline_with_notes
    assert "bereavement" in _by_note(store)[ids[4]]
    retire_theme(store, "bereavement")
    report = refit(pipeline)
    assert report["themes"]["bereavement"]["lost"] >= 1 and "bereavement" not in _by_note(store)[ids[4]]


def test_when_a_person_confirmed_a_theme_then_refit_keeps_it(pipeline_with_notes, store):
    pipeline, ids = pipeline_with_notes
    correct(store, ids[2], "loneliness_isolation", "confirm", "A")
    correct(store, ids[0], "food_poverty", "reject", "A")
    refit(pipeline)
    after = _by_note(store)
    assert "loneliness_isolation" in after[ids[2]] and "food_poverty" not in after[ids[0]]


def test_when_diff_computed_then_gained_lost_unchanged_are_counted_per_theme():
    report = diff_report([1, 2, 3], {1: {"a"}, 2: {"a", "b"}}, {1: {"a"}, 2: {"b", "c"}, 3: {"c"}},
                         {"taxonomy_version": 2, "method": "zero-shot"})
    assert report["themes"] == {"a": {"gained": 0, "lost": 1, "unchanged": 1},
                                "b": {"gained": 0, "lost": 0, "unchanged": 1},
                                "c": {"gained": 2, "lost": 0, "unchanged": 0}}
    assert [c["note_id"] for c in report["changed_notes"]] == [2, 3] and report["unchanged"] == 1
