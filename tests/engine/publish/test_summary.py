"""The summary and theme explorer on a real SQLite store filled with already-anonymised notes."""
from __future__ import annotations

import pytest

from engine.core.errors import InputError
from engine.core.periods import previous_period
from engine.publish.summary import build_summary, theme_view
from engine.publish.suppression import Policy
from engine.store import NewNote
from themes.taxonomy import load_builtin

POLICY = Policy(threshold=10, sensitive_threshold=20, rounding_base=5)
AREAS = [
    {"code": "E06000001", "name": "Northtown", "level": "lad", "parent_code": None},
    {"code": "E06000002", "name": "Southby", "level": "lad", "parent_code": None},
    {"code": "E05000001", "name": "North Ward", "level": "ward", "parent_code": "E06000001"},
    {"code": "E05000002", "name": "Mill Ward", "level": "ward", "parent_code": "E06000001"},
    {"code": "E05000003", "name": "South Ward", "level": "ward", "parent_code": "E06000002"},
]


def _varied(i: int) -> str:
    """Words that differ from note to note, so quotes are not dropped as near-duplicates."""
    abc = "abcdefghijklmnopqrstuvwxyz"
    return " ".join(f"q{abc[i % 26]}{abc[j]}{abc[(i * 3 + j) % 26]}" for j in range(10))


def _add(store, version, org, ward, month, theme, n, words):
    notes = [NewNote(text=f"{words} {_varied(i)} in {ward} {month}", content_hash=f"{org}{ward}{month}{theme}{i}",
                     dedupe_key=f"{org}{ward}{month}{theme}{i}", source_type="case_note", date=month, month=month,
                     area_code=ward, area_how="code", age_band=None, external_id=None, redactions=[])
             for i in range(n)]
    ids = store.add_submission(store.ensure_org(org), notes, "test", "consent")["note_ids"]
    store.put_note_assignments(ids, [{"note_id": i, "theme_id": theme, "score": 0.9 - k / 1000, "method": "test",
                                      "taxonomy_version": version} for k, i in enumerate(ids)], version)


@pytest.fixture
def filled(store):
    taxonomy = load_builtin()
    version = store.record_taxonomy(taxonomy.label, taxonomy.content_hash, taxonomy.as_dicts())
    store.upsert_areas(AREAS)
    # Northtown, 2025-Q3: food poverty is big; debt rose from Q2; loneliness is tiny (suppressed).
    _add(store, version, "Riverside Food Bank", "E05000001", "2025-08", "food_poverty", 14,
         "Food parcel and empty cupboards")
    _add(store, version, "Mill Advice", "E05000002", "2025-07", "food_poverty", 9, "Skipping meals so the kids can eat")
    _add(store, version, "Mill Advice", "E05000002", "2025-09", "debt_money", 13, "Bailiffs letters and arrears")
    _add(store, version, "Mill Advice", "E05000002", "2025-05", "debt_money", 2, "Owes the catalogue")
    _add(store, version, "Mill Advice", "E05000002", "2025-05", "food_poverty", 20, "Food bank voucher in spring")
    _add(store, version, "Riverside Food Bank", "E05000001", "2025-08", "loneliness_isolation", 3,
         "Zanzibar tiny lonely")
    # Southby: a different council, same quarter.
    _add(store, version, "South Help", "E05000003", "2025-08", "mental_health", 25, "Anxious and low mood")
    _add(store, version, "South Help", "E05000003", "2025-09", "debt_money", 12, "Rent arrears and a payday loan")
    store.upsert_indicator({"id": "claimants", "label": "Claimant rate", "unit": "proportion",
                            "polarity": "higher_is_worse", "source": "Test source", "licence": "OGL v3"})
    store.add_observations([{"indicator_id": "claimants", "area_code": c, "period": "2025-06", "value": v,
                             "numerator": None, "denominator": None}
                            for c, v in (("E06000001", 0.05), ("E06000002", 0.02), ("E05000001", 0.04),
                                         ("E05000002", 0.06), ("E05000003", 0.02))])
    store.link_theme_indicator("debt_money", "claimants", "higher_is_worse")
    return store


def test_when_summary_built_then_top_themes_are_rounded_and_small_ones_left_out(filled):
    s = build_summary(filled, POLICY, period="2025-Q3", areas=["E06000001"], level="lad")
    top = {r["id"]: r["notes"] for r in s["top_themes"]}
    assert top == {"food_poverty": 25, "debt_money": 15}   # 23 -> 25, 13 -> 15
    assert "loneliness_isolation" not in top and "mental_health" not in top
    assert s["hidden_themes"] > 0 and s["notes"]["notes"] == 40   # 14 + 9 + 13 + 3 = 39 -> 40
    assert s["organisations"] == 2 and s["areas"] == [{"code": "E06000001", "name": "Northtown"}]
    assert any("fewer than" in c or "below 10" in c for c in s["caveats"])


def test_when_share_grew_since_last_quarter_then_theme_is_rising(filled):
    s = build_summary(filled, POLICY, period="2025-Q3", areas=["E06000001"])
    assert s["previous_period"] == "2025-Q2"
    # debt's Q2 count (2) is suppressed, so no change can be shown for it; food poverty's share fell.
    assert s["rising_themes"] == []
    food = next(r for r in s["top_themes"] if r["id"] == "food_poverty")
    assert food["change"] is not None and food["change"] < 0


def test_when_quotes_chosen_then_only_from_cells_that_can_be_shown(filled):
    ward = build_summary(filled, POLICY, period="2025-Q3", areas=["E06000001"], level="ward")
    food = next(r for r in ward["top_themes"] if r["id"] == "food_poverty")
    # At ward level North Ward's 14 food notes are visible but Mill Ward's 9 are not.
    assert food["quotes"] and all(q["area_code"] == "E05000001" for q in food["quotes"])
    assert not any("Skipping meals" in q["text"] for q in food["quotes"])
    lad = build_summary(filled, POLICY, period="2025-Q3", areas=["E06000001"], level="lad")
    texts = " ".join(q["text"] for r in lad["top_themes"] for q in r["quotes"])
    assert "Zanzibar" not in texts and "Food parcel" in texts and 3 <= len(lad["top_themes"][0]["quotes"]) <= 4


def test_when_debt_story_is_next_to_numbers_then_indicator_and_source_are_credited(filled):
    s = build_summary(filled, POLICY, period="2025-Q3", level="lad")
    cells = [(r["area_code"], r["theme"], r["indicator"]) for r in s["stories_and_numbers"]]
    assert ("E06000001", "debt_money", "claimants") in cells
    assert s["sources"] == [{"id": "claimants", "label": "Claimant rate", "source": "Test source",
                             "licence": "OGL v3"}]


def test_when_theme_viewed_by_quarter_and_area_then_trend_and_areas_follow_the_filter(filled):
    v = theme_view(filled, POLICY, "food_poverty", areas=["E06000001"], by="quarter")
    assert [(t["period"], t["notes"]) for t in v["trend"]] == [("2025-Q2", 20), ("2025-Q3", 25)]
    assert [a["area_code"] for a in v["top_areas"]] == ["E05000002", "E05000001"] and v["hidden_areas"] == 0
    south = theme_view(filled, POLICY, "food_poverty", areas=["E06000002"])
    assert south["notes"] is None and south["suppressed"] and south["quotes"] == [] and south["top_areas"] == []


@pytest.mark.parametrize("period, before", [("2025-Q1", "2024-Q4"), ("2025-03", "2025-02"), ("2025-01", "2024-12"),
                                            ("2025", "2024"), (None, None)])
def test_previous_period(period, before):
    assert previous_period(period) == before


@pytest.mark.parametrize("kwargs", [{"period": "last summer"}, {"areas": ["E99999999"]}, {"level": "region"}])
def test_when_filters_are_wrong_then_error_says_what_to_use(filled, kwargs):
    with pytest.raises(InputError) as err:
        build_summary(filled, POLICY, **kwargs)
    assert err.value.message and err.value.where in ("period", "areas", "level")
