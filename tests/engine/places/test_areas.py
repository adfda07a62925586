"""resolve_area on a real store: code, name variants, postcode district, postcode seen in the note, unknown."""
import pytest

from engine.places.areas import name_variants, normalise_name, resolve_area

AREAS = [
    {"code": "E09000023", "name": "Lewisham", "level": "lad"},
    {"code": "E06000010", "name": "Kingston upon Hull, City of", "level": "lad"},
    {"code": "E05000442", "name": "Downham", "level": "ward", "parent_code": "E09000023", "lad_code": "E09000023"},
    {"code": "E05000001", "name": "Abbey", "level": "ward", "parent_code": "E09000002"},
    {"code": "E05000002", "name": "Abbey", "level": "ward", "parent_code": "E09000003"},
]


@pytest.fixture
def areas_store(store):
    from engine.demo import name_aliases

    store.upsert_areas(AREAS)
    store.add_area_aliases(name_aliases(AREAS) + [
        {"alias": "hull", "kind": "name", "area_code": "E06000010"},
        {"alias": "BR1", "kind": "postcode_district", "area_code": "E05000442"},
        {"alias": "BR1", "kind": "postcode_district", "area_code": "E09000023"},
        {"alias": "SE13", "kind": "postcode_district", "area_code": "E09000023"}])
    return store


@pytest.mark.parametrize("given, in_text, expected", [
    ("E05000442", [], ("E05000442", "code")),
    ("e09000023", [], ("E09000023", "code")),
    ("London Borough of Lewisham", [], ("E09000023", "name")),
    ("Lewisham Council", [], ("E09000023", "name")),
    ("Kingston upon Hull", [], ("E06000010", "name")),
    ("Hull", [], ("E06000010", "name")),
    ("Downham ward", [], ("E05000442", "name")),
    ("BR1 4AB", [], ("E05000442", "postcode_district")),   # the ward wins over the council
    ("SE13", [], ("E09000023", "postcode_district")),
    (None, ["SE13"], ("E09000023", "postcode_in_note")),
    ("Abbey", [], (None, "ambiguous")),                      # two wards of that name: kept as unknown
    ("Atlantis", [], (None, "unknown")),
    ("E05999999", [], (None, "unknown")),                    # a well-formed code we do not know
])
def test_when_area_given_then_it_resolves_and_says_how(areas_store, given, in_text, expected):
    assert resolve_area(areas_store, given, in_text) == expected


def test_when_names_normalised_then_variants_match():
    assert normalise_name("Royal Borough of Kensington & Chelsea") == "kensington and chelsea"
    assert "hull" in name_variants("Hull City Council")
    assert normalise_name("St. Helens") == normalise_name("Saint Helens") == "st helens"
