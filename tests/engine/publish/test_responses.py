""""You said, we did" on a real SQLite store with the real note anonymiser: what is refused (unknown theme, area,
period or status; empty fields; "not doing" without a reason; text naming a person), what is kept (every
earlier value, with who and when), and which responses each area and period sees."""
from __future__ import annotations

import pytest

from engine.core.errors import InputError, NotFoundError, PersonalDetailsError
from engine.publish import responses as lib
from themes.taxonomy import load_builtin

AREAS = [
    {"code": "E06000001", "name": "Northtown", "level": "lad", "parent_code": None},
    {"code": "E06000002", "name": "Southby", "level": "lad", "parent_code": None},
    {"code": "E05000001", "name": "North Ward", "level": "ward", "parent_code": "E06000001",
     "lad_code": "E06000001"},
    {"code": "E05000003", "name": "South Ward", "level": "ward", "parent_code": "E06000002",
     "lad_code": "E06000002"},
]
SAID = "Families told us they skip meals at the end of the month."
DID = "Two more food bank sessions a week from October, and an advice line."
OWNER = "Housing team, Northtown Council"
WHO = "user:facilitator@example.org"


@pytest.fixture
def ready(store, anonymiser):
    taxonomy = load_builtin()
    store.record_taxonomy(taxonomy.label, taxonomy.content_hash, taxonomy.as_dicts())
    store.upsert_areas(AREAS)
    anonymiser.analyzer   # load the models outside the anonymiser's time limit
    return store, anonymiser


def _fields(**over):
    return {"theme_id": "food_poverty", "said": SAID, "did": DID, "owner": OWNER, "status": "in_progress", **over}


def test_when_a_response_is_recorded_then_it_is_stored_cleaned_with_its_creation_in_the_history(ready):
    store, anonymiser = ready
    r = lib.record(store, anonymiser, _fields(area_code=" e05000001 ", period="2025-q3", said=f"  {SAID}  "), WHO)
    assert (r["area_code"], r["period"], r["said"]) == ("E05000001", "2025-Q3", SAID)
    assert (r["area_label"], r["period_label"], r["status_label"]) == ("North Ward", "July to September 2025",
                                                                      "In progress")
    assert r["theme_label"] == "Food poverty" and r["created_by"] == r["updated_by"] == WHO
    [created] = r["history"]
    assert created["action"] == "created" and created["who"] == WHO
    assert {c["field"]: (c["before"], c["after"]) for c in created["changes"]}["said"] == (None, SAID)
    assert lib.get(store, r["id"]) == r


def test_when_a_response_is_updated_then_the_earlier_wording_is_kept_in_its_history(ready):
    store, anonymiser = ready
    r = lib.record(store, anonymiser, _fields(), WHO)
    later = "Two more sessions a week started on 6 October."
    lib.update(store, anonymiser, r["id"], {"did": later, "status": "done"}, "user:admin@example.org")
    r2 = lib.update(store, anonymiser, r["id"], {"status": "done", "owner": OWNER}, "user:other@example.org")
    assert r2["did"] == later and r2["status"] == "done" and r2["updated_by"] == "user:admin@example.org"
    assert [h["action"] for h in r2["history"]] == ["created", "updated"]   # a change to nothing is not recorded
    update = r2["history"][1]
    assert update["who"] == "user:admin@example.org"
    assert {c["field"]: (c["before"], c["after"]) for c in update["changes"]} == {
        "did": (DID, later), "status": ("in_progress", "done")}


def test_when_a_field_is_cleared_then_the_history_says_what_it_was(ready):
    store, anonymiser = ready
    r = lib.record(store, anonymiser, _fields(area_code="E05000001", period="2025-09"), WHO)
    r2 = lib.update(store, anonymiser, r["id"], {"area_code": None, "period": ""}, WHO)
    assert r2["area_code"] is None and r2["period"] is None and r2["area_label"] == "all areas"
    assert {c["field"]: c["before"] for c in r2["history"][1]["changes"]} == {"area_code": "E05000001",
                                                                             "period": "2025-09"}


@pytest.mark.parametrize("over, where", [
    ({"theme_id": "no_such_theme"}, "theme_id"),
    ({"area_code": "E05999999"}, "area_code"),
    ({"period": "2025-13"}, "period"),
    ({"period": "next spring"}, "period"),
    ({"status": "finished"}, "status"),
    ({"said": "   "}, "said"),
    ({"did": ""}, "did"),
    ({"owner": None}, "owner"),
    ({"said": "x" * 2001}, "said"),
    ({"status": "not_doing"}, "reason"),
    ({"status": "not_doing", "reason": "  "}, "reason"),
    ({"colour": "red"}, "colour"),
])
def test_when_a_value_is_wrong_then_the_response_is_refused_with_a_fix_and_nothing_is_stored(ready, over, where):
    store, anonymiser = ready
    with pytest.raises(InputError) as caught:
        lib.record(store, anonymiser, _fields(**over), WHO)
    assert caught.value.status == 400 and caught.value.where == where and caught.value.fix
    assert store.responses() == []


def test_when_a_theme_is_retired_then_a_new_response_to_it_is_refused_but_old_ones_can_be_updated(ready):
    store, anonymiser = ready
    old = lib.record(store, anonymiser, _fields(), WHO)
    themes = [t for t in load_builtin().as_dicts() if t["id"] != "food_poverty"]
    store.record_taxonomy("without food", "hash-without-food", themes, activate=True)
    with pytest.raises(InputError, match="taxonomy in force"):
        lib.record(store, anonymiser, _fields(), WHO)
    assert lib.update(store, anonymiser, old["id"], {"theme_id": "food_poverty", "status": "done"}, WHO)["status"] \
        == "done"
    with pytest.raises(InputError, match="taxonomy in force"):
        lib.update(store, anonymiser, old["id"], {"theme_id": "no_such_theme"}, WHO)


def test_when_not_doing_has_a_reason_then_it_is_stored_and_an_update_cannot_drop_the_reason(ready):
    store, anonymiser = ready
    r = lib.record(store, anonymiser, _fields(status="not_doing", reason="No budget this year."), WHO)
    assert r["status_label"] == "Not doing" and r["reason"] == "No budget this year."
    with pytest.raises(InputError) as caught:
        lib.update(store, anonymiser, r["id"], {"reason": None}, WHO)
    assert caught.value.where == "reason"
    assert lib.get(store, r["id"])["reason"] == "No budget this year." and len(lib.get(store, r["id"])["history"]) == 1


@pytest.mark.parametrize("field, text, kind", [
    ("said", "Mrs Amira Khan told us she skips meals.", "a person's name"),
    ("did", "Call Sarah on 07700 900123 to book a session.", "a phone number"),
    ("owner", "Councillor Jane Smith", "a person's name"),
    ("reason", "Email jane.smith@example.org for why.", "an email address"),
])
def test_when_text_names_a_person_then_it_is_refused_saying_which_field_and_what(ready, field, text, kind):
    store, anonymiser = ready
    fields = _fields(**{field: text}, **({"status": "not_doing"} if field == "reason" else {}))
    with pytest.raises(PersonalDetailsError) as caught:
        lib.record(store, anonymiser, fields, WHO)
    err = caught.value
    assert err.where == field and kind in err.message and "remove it" in err.message and err.fix
    assert text not in err.message and store.responses() == []


def test_when_an_update_names_a_person_then_it_is_refused_and_the_response_is_unchanged(ready):
    store, anonymiser = ready
    r = lib.record(store, anonymiser, _fields(), WHO)
    with pytest.raises(PersonalDetailsError):
        lib.update(store, anonymiser, r["id"], {"did": "Margaret Okonkwo at 27 Larch Avenue now gets a visit."}, WHO)
    assert lib.get(store, r["id"]) == r


def test_when_updating_a_response_that_does_not_exist_then_not_found(ready):
    store, anonymiser = ready
    with pytest.raises(NotFoundError):
        lib.update(store, anonymiser, 99, {"status": "done"}, WHO)


def test_when_listing_by_area_and_period_then_related_areas_and_overlapping_periods_match(ready):
    store, anonymiser = ready
    ward = lib.record(store, anonymiser, _fields(area_code="E05000001", period="2025-09"), WHO)["id"]
    council = lib.record(store, anonymiser, _fields(area_code="E06000001", period="2025"), WHO)["id"]
    other = lib.record(store, anonymiser, _fields(area_code="E05000003", period="2025-Q3"), WHO)["id"]
    everywhere = lib.record(store, anonymiser, _fields(theme_id="debt_money"), WHO)["id"]
    ids = lambda rows: sorted(r["id"] for r in rows)  # noqa: E731
    assert ids(lib.find(store, area_code="E06000001")) == [ward, council]      # the council, and a ward in it
    assert ids(lib.find(store, area_code="E05000001")) == [ward, council]      # the ward, and its council
    assert ids(lib.find(store, area_code="E05000001", general=True)) == [ward, council, everywhere]
    assert ids(lib.find(store, period="2025-Q3")) == [ward, council, other]
    assert ids(lib.find(store, period="2025-06")) == [council]
    assert ids(lib.find(store, period="2024", general=True)) == [everywhere]
    assert ids(lib.find(store, theme_id="debt_money")) == [everywhere]
    assert ids(lib.find(store, status="in_progress")) == [ward, council, other, everywhere]
    assert ids(lib.responses_for_areas(store, ["E05000003"])) == [other, everywhere]
    assert ids(lib.responses_for_areas(store, [])) == [everywhere]
    with pytest.raises(InputError):
        lib.find(store, status="finished")
