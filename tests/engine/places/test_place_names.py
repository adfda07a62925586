"""StorePlaceNames on a real store (the demo's hand-made wards, and the real imported lookups read in place), and
a note through the real pipeline: the stored text names the estate's ward, never the estate."""
from __future__ import annotations

import pytest

from engine.core.protocols import PlaceNames
from engine.demo import load_areas
from engine.places.place_names import StorePlaceNames
from engine.readers import RawNote

AREAS = [
    {"code": "E09000023", "name": "Lewisham", "level": "lad"},
    {"code": "E05000442", "name": "Downham", "level": "ward", "parent_code": "E09000023", "lad_code": "E09000023",
     "postcode_districts": ["BR1"]},
    {"code": "E01003189", "name": "Lewisham 034A", "level": "lsoa", "parent_code": "E09000023",
     "lad_code": "E09000023"},
]


@pytest.fixture
def names(store):
    load_areas(store, AREAS)
    return StorePlaceNames(store)


def test_when_made_from_a_store_then_it_meets_the_anonymisers_protocol(names):
    assert isinstance(names, PlaceNames)


@pytest.mark.parametrize("given, districts, label", [
    ("E05000442", [], "Downham ward"),
    ("Downham", [], "Downham ward"),
    ("E09000023", [], "Lewisham"),
    ("E01003189", [], "Lewisham"),          # an LSOA is named by its council, never by its code-like name
    (None, ["BR1"], "Downham ward"),         # a postcode in the note
    (None, [], None),
    ("Atlantis", [], None),
])
def test_when_a_notes_area_is_given_then_its_label_is_the_ward_or_council(names, given, districts, label):
    assert names.area_label(given, districts) == label


@pytest.mark.parametrize("name, known", [("Downham", True), ("downham", True), ("Lewisham", True),
                                         ("Dufton", False), ("Greenfield", False)])
def test_when_a_name_is_looked_up_then_only_area_names_are_readable(names, name, known):
    assert names.is_area_name(name) is known


def test_when_the_real_lookups_are_imported_then_wards_councils_and_neighbourhoods_are_readable(store, shared_data):
    from engine.places.area_import import import_areas

    lookups = shared_data / "areas" / "lookups"
    import_areas(store, [lookups / "la_all_codes.csv", lookups / "ward_all_codes.csv", lookups / "msoa_la.csv"])
    names = StorePlaceNames(store)
    # a ward (Eden's "Shap"), a council, and MSOA neighbourhoods named with a compass word ("Harehills North")
    for name in ("Shap", "Eden", "Harehills", "Moss Side", "Appleby"):
        assert names.is_area_name(name), name
    for name in ("Dufton", "Pooley Bridge", "Greenfield Estate"):
        assert not names.is_area_name(name), name


def test_when_a_note_with_an_area_code_is_ingested_then_the_stored_text_names_the_ward(settings, store, anonymiser):
    from engine.pipeline import Pipeline

    anonymiser.analyzer   # the models load before the note, outside the anonymiser's time limit
    load_areas(store, AREAS)
    note = "She lives on the Greenfield Estate in Flat 4 and the damp is back. Neighbours on Mill Lane help."
    report = Pipeline(settings, store, anonymiser=anonymiser).ingest(
        [RawNote(note, "case_note", "2025-03", "E05000442", where="n1", position="row 1")], "Org", assign=False)
    stored = store.note(report["note_ids"][0])
    assert stored["area_code"] == "E05000442"
    assert "Greenfield" not in stored["text"] and "Mill Lane" not in stored["text"]
    assert "<PLACE:a housing estate in Downham ward>" in stored["text"]
    assert "a street in Downham ward" in stored["text"]
    places = [r for r in stored["redactions"] if r["entity_type"] == "SMALL_PLACE"]
    assert [stored["text"][r["start"]:r["end"]] for r in places] == [r["placeholder"] for r in places]
    assert len(places) == 2
