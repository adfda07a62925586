"""Small places (anonymise/small_places.py) through the real Anonymiser and a real store's area names: estates,
blocks, lone streets and hamlets are generalised to the note's ward or council; towns, cities, wards, services
and ordinary words stay as written."""
from __future__ import annotations

import pytest

from engine.demo import load_areas
from engine.places.place_names import StorePlaceNames

RIVERSIDE = "E05000999"
AREAS = [
    {"code": "E07000030", "name": "Eden", "level": "lad"},
    {"code": "E09000023", "name": "Lewisham", "level": "lad"},
    {"code": RIVERSIDE, "name": "Riverside", "level": "ward", "parent_code": "E09000023", "lad_code": "E09000023",
     "postcode_districts": ["SE6"]},
    {"code": "E05000448", "name": "Catford South", "level": "ward", "parent_code": "E09000023",
     "lad_code": "E09000023", "postcode_districts": []},
    {"code": "E02002377", "name": "Leeds 048", "level": "msoa", "parent_code": "E08000035",
     "lad_code": "E08000035"},
    # a real ward in Mansfield: "lives on Mill Lane" elsewhere is still a street
    {"code": "E05014627", "name": "Mill Lane", "level": "ward", "parent_code": "E07000174", "lad_code": "E07000174",
     "postcode_districts": []},
]


@pytest.fixture(autouse=True, scope="module")
def _models_loaded(anonymiser):
    """The models load before the first note, outside the anonymiser's time limit (a busy machine is slow)."""
    anonymiser.analyzer


@pytest.fixture
def places(store):
    load_areas(store, AREAS)
    store.add_area_aliases([{"alias": "harehills north", "kind": "name", "area_code": "E02002377"}])
    return StorePlaceNames(store)


def _text(anonymiser, places, note: str, area: str | None = RIVERSIDE) -> str:
    return anonymiser.anonymise_many([note], areas=[area], places=places)[0].text


MUST_GENERALISE = [
    ("She lives on the Greenfield Estate with her kids.", "Greenfield", "a housing estate in Riverside ward"),
    ("Family rehoused to the Broadwater Farm Estate last year.", "Broadwater", "a housing estate in Riverside ward"),
    ("He grew up on the Honeybourne estate and still goes back.", "Honeybourne", "a housing estate"),
    ("She lives in Meadow Court and the lift is broken again.", "Meadow Court", "a block of flats in Riverside"),
    ("Her flat in Jubilee Tower has damp in every room.", "Jubilee", "a block of flats"),
    ("Neighbours in Ashdown House have complained about the noise.", "Ashdown", "a block of flats"),
    ("They moved into Kingfisher Heights in the spring.", "Kingfisher", "a block of flats"),
    ("He lives in Block C and the stairwell smells of damp.", "Block C", "a block of flats"),
    ("Lives in Block C, Jubilee Tower, on the ninth floor.", "Jubilee", "a block of flats"),
    ("She lives on Mill Lane near the school.", "Mill Lane", "a street in Riverside ward"),
    ("He moved to Elm Road after the eviction.", "Elm Road", "a street"),
    ("The family lives off Station Road, behind the shops.", "Station Road", "a street"),
    ("She lives in Dufton and has no bus on Sundays.", "Dufton", "a small place in Riverside ward"),
    ("He moved to Pooley Bridge to be near his daughter.", "Pooley", "a small place"),
    ("They live in the village of Hope and feel cut off.", "Hope", "a small place"),
    ("Her dad is living in Great Asby on his own.", "Great Asby", "a small place"),
    ("She moved here from Kirkby Thore in May.", "Kirkby Thore", "<PLACE:a small place>"),
    ("He lives in Langwathby now, two buses from town.", "Langwathby", "a small place"),
]

MUST_STAY = [
    "She lives in Manchester with her sister.",
    "He moved to Leeds for work.",
    "They met in the town centre on Monday.",
    "Riverside ward has the highest claimant rate.",
    "He went to the jobcentre about his claim.",
    "The food bank in Catford was busy.",
    "She lives in Catford South and walks to the shops.",
    "He moved to Harehills two years ago.",
    "She lives in Eden and drives to Penrith.",
    "They moved to Lewisham from Poland.",
    "She lives in temporary accommodation for now.",
    "He lives in Temporary Accommodation on the edge of town.",
    "A meeting at Ashdown House about the grant went well.",
    "Her hearing is at the County Court next week.",
    "He works at the Kingsway Industrial Estate on nights.",
    "Council Tax arrears are going up on the estate.",
    "She lives in fear of the bailiffs.",
    "They moved to Scotland in the summer.",
    "She lives in Forest Hill and uses the library.",
    "He moved to Tower Hamlets last year.",
    "The estate agent wants two months' rent up front.",
    "She went to Citizens Advice about Universal Credit.",
    "She moved to Leeds City Centre last year.",
    "He lives in Penrith Town Centre above the shop.",
]


@pytest.mark.parametrize("note, hidden, expected", MUST_GENERALISE)
def test_when_a_small_place_is_named_then_it_is_generalised_to_the_area(anonymiser, places, note, hidden, expected):
    out = _text(anonymiser, places, note)
    assert hidden not in out
    assert expected in out


@pytest.mark.parametrize("note", MUST_STAY)
def test_when_a_readable_place_or_service_is_named_then_it_stays(anonymiser, places, note):
    out = _text(anonymiser, places, note)
    assert "<PLACE" not in out
    assert out == note


def test_when_a_person_follows_a_residence_cue_then_no_place_is_made_of_them(anonymiser, places):
    out = _text(anonymiser, places, "She moved to Sarah's for a few nights.")
    assert out == "She moved to <PERSON_1>'s for a few nights."


def test_when_no_area_is_given_then_the_placeholder_names_no_area(anonymiser, places):
    out = _text(anonymiser, places, "She lives on the Greenfield Estate.", area=None)
    assert out == "She lives on <PLACE:a housing estate>."


def test_when_only_the_council_is_known_then_the_council_is_named(anonymiser, places):
    out = _text(anonymiser, places, "She lives in Meadow Court.", area="Eden")
    assert out == "She lives in <PLACE:a block of flats in Eden>."


def test_when_the_area_comes_from_a_postcode_in_the_note_then_its_ward_is_named(anonymiser, places):
    out = _text(anonymiser, places, "Lives on the Greenfield Estate, SE6 4AB.", area=None)
    assert out.startswith("Lives on <PLACE:a housing estate in Riverside ward>, <POSTCODE:SE6>")


def test_when_no_place_names_are_given_then_only_estates_blocks_and_streets_are_generalised(anonymiser):
    out = anonymiser.anonymise_many(["She lives in Dufton, on the Greenfield Estate."])[0]
    assert out.text == "She lives in Dufton, on <PLACE:a housing estate>."
    [redaction] = out.redactions
    assert (redaction.entity_type, redaction.orig_start, redaction.orig_end) == ("SMALL_PLACE", 24, 45)
    assert out.text[redaction.start:redaction.end] == redaction.placeholder


def test_when_a_small_place_sits_beside_other_identifiers_then_every_offset_maps_back(anonymiser, places):
    note = "Mrs Sarah Khan lives in Meadow Court, call 07700 900123 before visiting."
    out = anonymiser.anonymise_many([note], areas=[RIVERSIDE], places=places)[0]
    assert out.text == ("<PERSON_1> lives in <PLACE:a block of flats in Riverside ward>, call <PHONE_NUMBER> "
                        "before visiting.")
    for r in out.redactions:
        assert out.text[r.start:r.end] == r.placeholder
    assert [note[r.orig_start:r.orig_end] for r in out.redactions] == ["Mrs Sarah Khan", "Meadow Court",
                                                                       "07700 900123"]


def test_when_a_worker_keeps_a_generalised_place_then_it_stays_readable(anonymiser, places):
    from anonymise.replace import Corrections

    note = "She lives in Meadow Court."
    out = anonymiser.anonymise_many([note], corrections=[Corrections(keep=[(13, 25)])], areas=[RIVERSIDE],
                                    places=places)[0]
    assert out.text == note
