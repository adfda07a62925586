"""Reviewing emergent candidates in a real store."""
import pytest

from engine.core.errors import InputError, NotFoundError
from themes.review import dismiss, drop_dismissed, merge, promote, rename, theme_id_for
from themes.taxonomy_io import current_taxonomy


def _candidates(store):
    store.replace_emergent("run1", [
        {"label": "bus / appointment / route", "keywords": ["bus", "appointment", "route"], "size": 14,
         "note_ids": list(range(1, 15)), "quotes": ["The bus was cut so she missed the clinic.", "No Sunday bus."]},
        {"label": "taxi / surgery", "keywords": ["taxi", "surgery"], "size": 11, "note_ids": list(range(10, 21)),
         "quotes": ["The taxi to the surgery costs twenty pounds."]},
    ])
    return [c["id"] for c in store.emergent()]


def test_when_promoted_then_it_is_a_theme_in_a_new_version_with_its_quotes_as_examples(store):
    first, _ = _candidates(store)
    before = store.latest_taxonomy_version()
    out = promote(store, first, "Transport to appointments", "reviewer A")
    assert out["theme_id"] == "transport_to_appointments" and out["taxonomy_version"] != before
    theme = current_taxonomy(store)["transport_to_appointments"]
    assert theme.label == "Transport to appointments" and "bus" in theme.description
    assert theme.examples == ("The bus was cut so she missed the clinic.", "No Sunday bus.")
    assert store.emergent_candidate(first)["status"] == "promoted"
    assert [c["id"] for c in store.emergent()] != [first] and first not in [c["id"] for c in store.emergent()]
    assert "promoted emergent theme" in store.taxonomy_versions()[-1]["change"]


def test_when_renamed_then_the_candidate_label_changes(store):
    first, _ = _candidates(store)
    rename(store, first, "Buses", "reviewer A")
    assert store.emergent_candidate(first)["label"] == "Buses"


def test_when_merged_then_notes_keywords_and_quotes_combine_and_the_other_is_marked(store):
    first, second = _candidates(store)
    merged = merge(store, first, second, "reviewer A", label="Transport")
    assert merged["note_ids"] == list(range(1, 21)) and merged["size"] == 20 and merged["label"] == "Transport"
    assert "taxi" in merged["keywords"] and len(merged["quotes"]) == 3
    other = store.emergent_candidate(second)
    assert other["status"] == "merged" and other["merged_into"] == first


def test_when_dismissed_then_rediscovering_the_same_notes_is_not_proposed(store):
    first, second = _candidates(store)
    dismiss(store, first, "reviewer A")
    fresh = [{"note_ids": list(range(2, 12))}, {"note_ids": list(range(30, 40))}]
    assert drop_dismissed(fresh, store.emergent(status="dismissed")) == [fresh[1]]


@pytest.mark.parametrize("call, error, match", [
    (lambda s, a, b: promote(s, a, " ", "R"), InputError, "label"),
    (lambda s, a, b: merge(s, a, a, "R"), InputError, "two different"),
    (lambda s, a, b: dismiss(s, 999, "R"), NotFoundError, "No emergent theme with id 999"),
    (lambda s, a, b: promote(s, a, "Bus", "R", theme_id="food_poverty"), InputError, "already in the taxonomy"),
])
def test_when_a_review_action_is_wrong_then_error_says_what_to_fix(store, call, error, match):
    first, second = _candidates(store)
    with pytest.raises(error, match=match):
        call(store, first, second)
    assert store.emergent_candidate(first)["status"] == "proposed"


def test_when_already_reviewed_then_it_cannot_be_reviewed_again(store):
    first, _ = _candidates(store)
    dismiss(store, first, "R")
    with pytest.raises(InputError, match="already dismissed"):
        promote(store, first, "Bus", "R")


def test_when_label_clashes_then_theme_id_gets_a_suffix():
    assert theme_id_for("Food poverty!", {"food_poverty"}) == "food_poverty_2"


def test_when_promoted_then_examples_are_the_quote_sentences_that_use_its_keywords():
    from themes.review import example_sentences

    candidate = {"keywords": ["bus", "appointment", "taxi fare"], "quotes": [
        "Drop-in today. The 573 bus was cut so he misses his appointment. We had a cup of tea.",
        "She pays a big taxi fare to the clinic now. Visit lasted an hour."]}
    assert example_sentences(candidate) == ("The 573 bus was cut so he misses his appointment.",
                                            "She pays a big taxi fare to the clinic now.")
    assert example_sentences({"keywords": ["zzz"], "quotes": ["Nothing matches here."]}) == ("Nothing matches here.",)


def test_when_a_dismissed_candidate_is_restored_then_it_is_proposed_again_with_who_and_when(store):
    from themes.review import restore

    first, second = _candidates(store)
    dismiss(store, first, "reviewer A")
    restore(store, first, "reviewer B")
    back = store.emergent_candidate(first)
    assert back["status"] == "proposed" and back["reviewed_by"] == "reviewer B" and back["reviewed_at"]
    assert first in [c["id"] for c in store.emergent()]
    with pytest.raises(InputError, match="not dismissed"):
        restore(store, second, "reviewer B")   # a proposed one has nothing to undo
    with pytest.raises(NotFoundError):
        restore(store, 999, "reviewer B")
