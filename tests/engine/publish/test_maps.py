"""The summary's maps (engine/publish/maps.py summary_maps) on a small real store with the shared boundaries: the
maps are exactly the theme map's published data (the wards of the one council chosen, else the councils), no count
below the threshold is in them, and with no boundaries loaded the summary says so in one line instead of a map."""
from __future__ import annotations

import pytest

from engine.places.boundaries import import_shared_boundaries
from engine.publish.maps import NO_BOUNDARIES, SUMMARY_MAPS, summary_maps, theme_map
from engine.publish.summary import build_summary
from engine.publish.suppression import Policy
from engine.store import NewNote, Store
from themes.taxonomy import load_builtin

POLICY = Policy(threshold=10, sensitive_threshold=20, rounding_base=5)
LEWISHAM, LAMBETH = "E09000023", "E09000022"
# (ward, its council, notes on food_poverty, on debt_money, on housing_homelessness); one ward has too few to show
WARDS = [("E05000437", LEWISHAM, 14, 12, 30), ("E05000438", LEWISHAM, 3, 20, 25), ("E05000439", LEWISHAM, 22, 11, 12),
         ("E05000416", LAMBETH, 12, 16, 20)]


def _fill(store: Store) -> Store:
    taxonomy = load_builtin()
    version = store.record_taxonomy(taxonomy.label, taxonomy.content_hash, taxonomy.as_dicts())
    store.upsert_areas([{"code": LEWISHAM, "name": "Lewisham", "level": "lad", "parent_code": None},
                        {"code": LAMBETH, "name": "Lambeth", "level": "lad", "parent_code": None}]
                       + [{"code": w, "name": w, "level": "ward", "parent_code": lad, "lad_code": lad}
                          for w, lad, *_ in WARDS])
    org = store.ensure_org("Riverside")
    for ward, _, *counts in WARDS:
        themes = [t for t, n in zip(["food_poverty", "debt_money", "housing_homelessness"], counts) for _ in range(n)]
        notes = [NewNote(text=f"note {ward} {j}", content_hash=f"{ward}-{j}", dedupe_key=f"{ward}-{j}",
                         source_type="case_note", date="2025-03", month="2025-03", area_code=ward, area_how="code",
                         age_band=None, external_id=None, redactions=[]) for j in range(len(themes))]
        ids = store.add_submission(org, notes, "test", "consent")["note_ids"]
        store.put_note_assignments(ids, [{"note_id": n, "theme_id": t, "score": 0.9, "method": "test",
                                          "taxonomy_version": version} for n, t in zip(ids, themes)], version)
    return store


@pytest.fixture
def store(tmp_path):
    s = _fill(Store(tmp_path / "i.db"))
    yield s
    s.close()


def test_when_no_boundaries_are_loaded_then_the_summary_says_so_in_one_line_and_draws_none(store):
    found = build_summary(store, POLICY, areas=[LEWISHAM], level="lad")["maps"]
    assert found == {"maps": [], "note": NO_BOUNDARIES}
    assert "insights areas boundaries" in NO_BOUNDARIES and "\n" not in NO_BOUNDARIES


def test_when_one_council_is_chosen_then_its_top_themes_are_mapped_by_ward_exactly_as_the_theme_map(store):
    import_shared_boundaries(store)
    summary = build_summary(store, POLICY, areas=[LEWISHAM], level="lad")
    top = [r["id"] for r in summary["top_themes"]]
    found = summary["maps"]
    assert found["note"] is None and len(found["maps"]) == min(SUMMARY_MAPS, len(top)) >= 2
    for theme_id, m in zip(top, found["maps"]):
        assert m == theme_map(store, POLICY, theme_id, "ward", LEWISHAM)        # the published data, unchanged
        assert m["level"] == "ward" and m["within"] == LEWISHAM and len(m["areas"]) == 18
    food = next(m for m in found["maps"] if m["theme_id"] == "food_poverty")
    by_code = {a["code"]: a for a in food["areas"]}
    assert by_code["E05000438"]["suppressed"] and by_code["E05000438"]["notes"] is None   # 3 notes: hidden
    assert by_code["E05000437"]["notes"] == 15 and by_code["E05000437"]["share"] is not None
    assert sum(a["no_notes"] for a in food["areas"]) == 18 - 3


def test_when_no_council_or_several_are_chosen_then_the_councils_are_mapped_and_no_count_is_below_the_threshold(
        store):
    import_shared_boundaries(store)
    every = summary_maps(store, POLICY, ["debt_money", "food_poverty"])
    assert [m["level"] for m in every["maps"]] == ["lad", "lad"]
    assert {a["code"] for a in every["maps"][0]["areas"]} == {LEWISHAM, LAMBETH}
    assert every["maps"][0] == theme_map(store, POLICY, "debt_money", "lad")
    two = summary_maps(store, POLICY, ["debt_money"], areas=["E05000437", "E05000416"])
    assert two["maps"][0]["level"] == "lad" and {a["code"] for a in two["maps"][0]["areas"]} == {LEWISHAM, LAMBETH}
    for m in every["maps"] + two["maps"]:
        assert all(a["notes"] is None or a["notes"] >= POLICY.threshold for a in m["areas"])


def test_when_no_theme_can_be_shown_then_there_is_no_map_and_the_line_says_why(store):
    import_shared_boundaries(store)
    assert summary_maps(store, POLICY, [])["note"].startswith("No maps: no theme has enough notes")
