"""The stability measurement on a small real database (real MiniLM)."""
from engine.stability import measure
from engine.store import NewNote, Store

TEXTS = ["She is skipping meals so the children can eat; we gave her a food parcel.",
         "The landlord served an eviction notice and there is black mould in the flat.",
         "He has been grieving since his wife died and cannot afford the funeral.",
         "Lives alone and has not spoken to anyone in weeks.",
         "Behind on council tax and the bailiffs have written twice.",
         "We talked about the weather and the football results.",
         "He has no laptop or internet so cannot apply for jobs online.",
         "She cannot sleep, feels anxious all the time and is waiting for counselling.",
         "The park near the estate is closed and there is nowhere green to go.",
         "They had no food in the house over the weekend.",
         "Her partner controls the money and checks her phone; she is frightened."]


def test_when_measured_then_same_input_is_identical_and_old_notes_are_unchanged(tmp_path, settings):
    source = Store(tmp_path / "source.db")
    org = source.ensure_org("Org")
    source.add_submission(org, [NewNote(t, f"h{i}", f"d{i}", "case_note", "2025-03", "2025-03", None, "unknown",
                                        None, None, []) for i, t in enumerate(TEXTS)], "test", "consent")
    source.close()
    work = tmp_path / "work"
    work.mkdir()
    r = measure(tmp_path / "source.db", work, settings)
    assert r["notes"] == 11 and r["old_notes"] == 10 and r["new_notes"] == 1
    assert r["same_input_identical_notes"] == r["same_input_notes"] == 11
    assert r["old_notes_unchanged"] == 10
