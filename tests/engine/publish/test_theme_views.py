"""Published theme views on a real store: trends and the rising flag, counts across taxonomy versions, quotes."""
from engine.core.settings import Settings
from engine.demo import load_areas
from engine.publish.suppression import Policy
from engine.publish.theme_views import (
    taxonomy_versions,
    theme_detail,
    theme_list,
    theme_trends,
)
from engine.store import NewNote
from themes.taxonomy import load_builtin
from themes.taxonomy_io import edit_theme, load_into, retire_theme

POLICY = Policy.from_settings(Settings())
AREAS = [{"code": "E09000023", "name": "Lewisham", "level": "lad", "parent_code": None},
         {"code": "E05000451", "name": "Rushey Green", "level": "ward", "parent_code": "E09000023"},
         {"code": "E05000447", "name": "Lee Green", "level": "ward", "parent_code": "E09000023"}]


def _add(store, version, month, ward, n, theme, tag):
    org = store.ensure_org("Org")
    notes = [NewNote(f"Skipping meals {tag} {i}, the food bank helped with a parcel for the family.",
                     f"h-{tag}-{i}", f"d-{tag}-{i}", "case_note", month, month, ward, "code", None, None, [])
             for i in range(n)]
    ids = store.add_submission(org, notes, "test", "consent")["note_ids"]
    store.put_note_assignments(ids, [{"note_id": i, "theme_id": theme, "score": 0.6, "method": "zero-shot",
                                      "taxonomy_version": version} for i in ids], version)
    return ids


def _fill(store):
    load_areas(store, AREAS)
    v1 = load_into(store, load_builtin())
    for month in ("2025-01", "2025-02", "2025-03"):
        _add(store, v1, month, "E05000451", 30, "", f"none-{month}")
        _add(store, v1, month, "E05000451", 4, "food_poverty", f"food-{month}")
    _add(store, v1, "2025-04", "E05000451", 20, "", "none-04")
    _add(store, v1, "2025-04", "E05000451", 20, "food_poverty", "food-04")
    _add(store, v1, "2025-04", "E05000447", 3, "food_poverty", "small-cell")   # a cell suppression hides
    return v1


def test_when_theme_detail_built_then_it_has_monthly_and_quarterly_trends_and_a_rising_flag(store):
    _fill(store)
    detail = theme_detail(store, POLICY, "food_poverty")
    assert [t["month"] for t in detail["trend"]] == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert [t["notes"] for t in detail["trend"]] == [None, None, None, 25]      # 4 a month is hidden, 23 -> 25
    assert [t["period"] for t in detail["trend_quarterly"]] == ["2025-Q1", "2025-Q2"]
    assert detail["trend_quarterly"][0]["notes"] == 10                          # 12 in Q1 -> 10
    assert detail["rising"]["rising"] is True and detail["rising"]["last_period"] == "2025-04"
    assert detail["rising_quarterly"]["rising"] is None and "three periods" in detail["rising_quarterly"]["reason"]


def test_when_quotes_chosen_then_none_comes_from_a_hidden_area_cell(store):
    _fill(store)
    quotes = theme_detail(store, POLICY, "food_poverty")["quotes"]
    assert quotes and all(q["area_code"] == "E05000451" for q in quotes)
    assert all("small-cell" not in q["text"] for q in quotes)


def test_when_taxonomy_edited_then_counts_cover_notes_of_both_versions_and_retired_themes_leave_the_list(store):
    v1 = _fill(store)
    v2 = edit_theme(store, "food_poverty", label="Food insecurity")
    _add(store, v2, "2025-04", "E05000451", 5, "food_poverty", "v2")
    listed = {t["id"]: t for t in theme_list(store, POLICY)}
    assert listed["food_poverty"]["label"] == "Food insecurity" and listed["food_poverty"]["notes"] == 40  # 35 + 5
    retire_theme(store, "green_public_space")
    assert "green_public_space" not in {t["id"] for t in theme_list(store, POLICY)}
    history = taxonomy_versions(store)
    assert [v["id"] for v in history["versions"]][:2] == [v1, v2] and history["current"] == v2 + 1


def test_when_trend_asked_per_ward_then_each_ward_is_a_series_after_suppression(store):
    _fill(store)
    trend = theme_trends(store, POLICY, "food_poverty", "quarter", "ward")
    by_area = {s["area_code"]: s for s in trend["series"]}
    assert set(by_area) == {"E05000451", "E05000447"}
    assert all(p["notes"] is None or p["notes"] >= 10 for s in trend["series"] for p in s["points"])
    assert by_area["E05000447"]["points"][-1]["suppressed"]            # 3 notes: hidden, but still a point
    assert by_area["E05000447"]["points"][-1]["notes_label"] == "fewer than 10"
    assert [p["notes"] for p in by_area["E05000451"]["points"]] == [10, 20]   # Q1 12 -> 10; Q2 20


def test_when_refit_report_published_then_small_counts_are_hidden_and_note_ids_dropped(store):
    from engine.publish.theme_views import refit_summary

    load_into(store, load_builtin())
    report = {"taxonomy_version": 1, "method": "zero-shot", "notes": 40, "changed": 3, "unchanged": 37,
              "themes": {"food_poverty": {"gained": 12, "lost": 2, "unchanged": 26},
                         "domestic_abuse": {"gained": 12, "lost": 0, "unchanged": 0}},
              "changed_notes": [{"note_id": 1, "before": [], "after": ["food_poverty"]}]}
    out = refit_summary(store, POLICY, report)
    assert out["notes"] == 40 and out["changed"] is None and "changed_notes" not in out
    assert out["themes"]["food_poverty"] == {"gained": 10, "lost": None, "unchanged": 25}
    assert out["themes"]["domestic_abuse"]["gained"] is None           # sensitive: 12 < 20
