"""People's verdicts on real notes in a real store, assigned by real MiniLM."""
import pytest

from engine.core.errors import InputError, NotFoundError
from engine.store import NewNote
from themes.corrections import apply_verdicts, correct, training_examples
from themes.taxonomy import load_builtin

TEXTS = ["She is skipping meals so the children can eat; we gave her a food parcel.",
         "The landlord served an eviction notice and there is black mould in the flat.",
         "He has been grieving since his wife died and cannot afford the funeral.",
         "We talked about the weather and the football results."]


def _add(store, texts):
    org = store.ensure_org("Org")
    notes = [NewNote(t, f"h{i}-{t}", f"d{i}-{t}", "case_note", "2025-03", "2025-03", None, "unknown", None, None, [])
             for i, t in enumerate(texts)]
    return store.add_submission(org, notes, "test", "consent")["note_ids"]


def _themes(store, note_id):
    return {r["theme_id"]: r["method"] for r in store.in_force_assignments([note_id])}


@pytest.fixture
def assigned(settings, store, embedder):
    from engine.pipeline import Pipeline

    ids = _add(store, TEXTS)
    Pipeline(settings, store, embedder=embedder).assign_pending()
    return ids


def test_when_a_theme_is_confirmed_then_it_is_in_force_as_confirmed(store, assigned):
    chat = assigned[3]
    assert _themes(store, chat) == {"": "unassigned"}
    after = correct(store, chat, "loneliness_isolation", "confirm", "caseworker A")
    assert {r["theme_id"]: r["method"] for r in after} == {"loneliness_isolation": "confirmed"}
    assert store.correction_history(chat)[0]["who"] == "caseworker A"


def test_when_the_only_theme_is_rejected_then_the_note_is_honestly_unassigned(store, assigned):
    food = assigned[0]
    assert "food_poverty" in _themes(store, food)
    for theme in [t for t in _themes(store, food) if t]:
        correct(store, food, theme, "reject", "caseworker A")
    assert _themes(store, food) == {"": "unassigned"}


def test_when_a_verdict_changes_then_the_latest_one_counts(store, assigned):
    food = assigned[0]
    correct(store, food, "food_poverty", "reject", "A")
    correct(store, food, "food_poverty", "confirm", "B")
    assert _themes(store, food)["food_poverty"] == "confirmed"
    assert [h["verdict"] for h in store.correction_history(food)] == ["reject", "confirm"]


@pytest.mark.parametrize("args, error, match", [
    ((1, "food_poverty", "maybe", "A"), InputError, "'confirm' or 'reject'"),
    ((1, "food_poverty", "confirm", " "), InputError, "Say who"),
    ((1, "no_such_theme", "confirm", "A"), InputError, "not in the current taxonomy"),
    ((999, "food_poverty", "confirm", "A"), NotFoundError, "No note with id 999"),
])
def test_when_a_correction_is_wrong_then_error_says_what_to_fix_and_nothing_is_stored(store, assigned, args,
                                                                                    error, match):
    with pytest.raises(error, match=match):
        correct(store, *args)
    assert store.corrected_note_count() == 0


def test_when_verdicts_applied_then_confirmed_first_rejected_gone_others_kept():
    rows = [{"note_id": 1, "theme_id": t, "score": s, "method": "zero-shot", "taxonomy_version": 2}
            for t, s in [("a", 0.5), ("b", 0.4)]]
    out = apply_verdicts(1, rows, {"b": "reject", "c": "confirm"}, 2)
    assert [(r["theme_id"], r["method"], r["score"]) for r in out] == [("c", "confirmed", 1.0), ("a", "zero-shot", 0.5)]


def test_when_training_examples_built_then_corrected_notes_carry_what_was_left_standing(store, assigned):
    correct(store, assigned[3], "loneliness_isolation", "confirm", "A")
    correct(store, assigned[0], "debt_money", "reject", "A")   # food stays: the person left it standing
    taxonomy = load_builtin()
    examples = dict(training_examples(store, taxonomy))
    assert examples[TEXTS[3]] == ["loneliness_isolation"]
    assert "food_poverty" in examples[TEXTS[0]] and "debt_money" not in examples[TEXTS[0]]
    assert examples[taxonomy["bereavement"].examples[0]] == ["bereavement"]
