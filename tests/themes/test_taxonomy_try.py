"""Trying a taxonomy before saving it (themes/taxonomy_try.py), with the real MiniLM model and the shipped
calibrated scorer on a handful of texts."""
import numpy as np
import pytest

from engine.core.errors import InputError
from engine.core.settings import Settings
from themes.evaluate import MemoryVectorStore
from themes.taxonomy import edited, from_records
from themes.taxonomy_try import changed_theme_ids, distinctive_terms, preview
from themes.zero_shot import zero_shot_assigner

BUS = ["The bus to the hospital was cut so she missed her appointment.",
       "No bus on Sundays and the taxi to the surgery costs twenty pounds.",
       "The village bus route was withdrawn and he cannot get to the clinic.",
       "Community transport only runs on Tuesdays so she misses appointments."]
FOOD = ["She is skipping meals so the children can eat; we gave her a food parcel.",
        "The food bank voucher ran out and the cupboards are empty.",
        "He cannot afford to eat after paying the gas bill and relies on the food bank."]
HOUSING = ["The landlord served an eviction notice and there is black mould in the bedroom.",
           "She is sofa surfing after losing her flat and the council has no housing for her.",
           "The damp in the flat is making the children ill and the landlord will not fix it."]
OTHER = ["We met at the library on Tuesday and talked about the weather.",
         "The group went on a walk in the park and had a cup of tea."]
TEXTS = BUS + FOOD + HOUSING + OTHER

IN_FORCE = from_records([
    {"id": "food", "label": "Food", "description": "Not enough food, skipping meals, food banks.",
     "examples": ["food parcel", "skipping meals"]},
    {"id": "housing", "label": "Housing", "description": "Landlords, eviction, damp and mould, homelessness.",
     "examples": ["eviction notice", "black mould"]},
], "in force")
TRANSPORT = {"id": "transport", "label": "Getting to appointments",
             "description": "Buses cut, no transport, taxis too dear, cannot reach the hospital or the surgery.",
             "examples": ["the bus route was cut", "cannot get to the hospital"]}
TRIAL = from_records([*IN_FORCE.as_dicts(), TRANSPORT], "trial")


def calibrated(taxonomy, embedder, store):
    assigner = zero_shot_assigner(Settings(), taxonomy, embedder)
    return assigner.with_calibration(assigner.fit(TEXTS, store))


@pytest.fixture(scope="module")
def report(embedder):
    store = MemoryVectorStore()
    return preview(calibrated(TRIAL, embedder, store), calibrated(IN_FORCE, embedder, store), TEXTS,
                   list(range(100, 100 + len(TEXTS))), store)


def test_when_a_theme_is_added_then_only_it_is_shown_as_new():
    assert changed_theme_ids(TRIAL, IN_FORCE) == {"transport": "new"}
    changed = edited(TRIAL, "food", description="Hunger.")
    assert changed_theme_ids(changed, TRIAL) == {"food": "changed"}
    assert changed_theme_ids(TRIAL, TRIAL) == {}


def test_when_a_transport_theme_is_tried_then_it_takes_the_bus_notes_and_shows_why(report):
    (theme,) = report["themes"]
    assert theme["id"] == "transport" and theme["status"] == "new" and theme["now"] is None
    taken = {e["note_id"] - 100 for e in theme["examples"]}
    assert theme["takes"] >= 3 and taken <= set(range(len(BUS)))        # its best notes are the bus notes
    assert all(e["score"] >= report["line"] for e in theme["examples"])
    scores = [e["score"] for e in theme["examples"]]
    assert scores == sorted(scores, reverse=True)
    assert len(theme["near_misses"]) == 3
    assert all(m["score"] <= theme["examples"][-1]["score"] and m["why"] for m in theme["near_misses"])
    assert all(m["note_id"] - 100 not in taken for m in theme["near_misses"])
    words = [w["word"] for w in theme["words"]]
    assert {"bus", "hospital"} & set(words), words
    terms = [t["term"] for t in theme["terms"]]
    assert {"bus", "appointment", "appointments"} & set(terms[:4]), terms
    assert report["notes"] == len(TEXTS) and report["retired"] == []


def test_when_a_theme_is_tried_then_the_excerpts_come_from_its_notes(report):
    (theme,) = report["themes"]
    for e in theme["examples"] + theme["near_misses"]:
        words = e["excerpt"].rstrip(" …").split()
        assert " ".join(words[:4]) in TEXTS[e["note_id"] - 100]


def test_when_an_existing_theme_is_narrowed_then_it_reports_the_notes_it_loses(embedder):
    store = MemoryVectorStore()
    narrowed = edited(IN_FORCE, "housing", description="Damp and black mould in the home.",
                      examples=["black mould", "damp walls"])
    report = preview(calibrated(narrowed, embedder, store), calibrated(IN_FORCE, embedder, store), TEXTS,
                     list(range(len(TEXTS))), store)
    (theme,) = report["themes"]
    assert theme["status"] == "changed" and theme["now"] is not None
    assert theme["takes"] == theme["now"] + theme["gained"] - theme["lost"]


def test_when_an_unknown_theme_is_asked_for_then_it_says_which_exist(embedder):
    store = MemoryVectorStore()
    with pytest.raises(InputError, match="No theme nope .* food, housing, transport"):
        preview(calibrated(TRIAL, embedder, store), None, TEXTS, list(range(len(TEXTS))), store, ["nope"])


def test_when_terms_contrast_two_groups_then_the_taken_groups_words_come_first():
    texts = ["bus route cut again"] * 5 + ["food bank voucher"] * 5 + ["bus and food"] * 2
    taken = np.array([True] * 5 + [False] * 7)
    terms = [t["term"] for t in distinctive_terms(texts, taken)]
    assert terms[:3] and set(terms[:3]) <= {"bus", "route", "cut"} and "food" not in terms
