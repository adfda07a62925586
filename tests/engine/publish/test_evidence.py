import csv
import io

import pytest

from engine.publish.evidence import percentiles, period_end, to_csv, wilson


def test_when_records_written_as_csv_then_they_read_back_with_the_same_columns():
    rows = [{"area_code": "E05000451", "theme": "food_poverty", "notes": 15, "story_share": 0.2},
            {"area_code": "E05000447", "theme": "food_poverty", "notes": None, "story_share": None}]
    back = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert [r["area_code"] for r in back] == ["E05000451", "E05000447"] and back[1]["notes"] == ""
    assert to_csv([]).strip() == "area_code"


@pytest.mark.parametrize("period, end", [("2025-Q3", "2025-09"), ("2024", "2024-12"), ("2025-03", "2025-03"),
                                         (None, "9999-12")])
def test_when_period_given_then_its_last_month_is_used(period, end):
    assert period_end(period) == end


def test_when_wilson_interval_computed_then_it_brackets_the_share():
    low, high = wilson(20, 100)
    assert low < 0.2 < high and 0.12 < low and high < 0.3


def test_when_percentiles_computed_then_lowest_is_0_and_highest_is_1():
    assert percentiles({"a": 1.0, "b": 2.0, "c": 3.0}) == {"a": 0.0, "b": 0.5, "c": 1.0}


# ---- the evidence view on a real store: planted relationship, divergence, suppression, correlation --------------
import hashlib  # noqa: E402

from engine.core.errors import InputError  # noqa: E402
from engine.publish.correlation import correlation, fisher_interval, pearson, trend  # noqa: E402
from engine.publish.evidence import view  # noqa: E402
from engine.publish.suppression import Policy  # noqa: E402
from engine.store import NewNote  # noqa: E402

POLICY = Policy(10, 20, 5)
MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
THEMES = [{"id": "food_poverty", "label": "Food poverty", "description": "food", "sensitive": False},
          {"id": "mental_health", "label": "Mental health", "description": "mind", "sensitive": True}]


def _note(i: int, ward: str, month: str) -> NewNote:
    text = f"anonymised note {i}"
    digest = hashlib.sha256(text.encode()).hexdigest()
    return NewNote(text=text, content_hash=digest, dedupe_key=digest, source_type="case_note", date=month,
                   month=month, area_code=ward, area_how="code", age_band=None, external_id=None, redactions=[])


@pytest.fixture
def evidence_store(store):
    """16 wards of 60 notes; food-poverty share rises with the indicator, except in the last ward (highest need,
    few stories: 'counted but not heard'); ward 10's food stories all come late ('rising'); mental health
    (sensitive, threshold 20) has 15 notes per ward, so it is always hidden."""
    wards = [f"E0500010{i}" if i < 10 else f"E050001{i}" for i in range(16)]
    store.upsert_areas([{"code": "E09000023", "name": "Lewisham", "level": "lad"}] +
                       [{"code": w, "name": f"Ward {i}", "level": "ward", "parent_code": "E09000023"}
                        for i, w in enumerate(wards)])
    store.upsert_indicator({"id": "need", "label": "Need", "source": "Test source", "licence": "OGL"})
    store.add_observations([{"indicator_id": "need", "area_code": w, "period": "2024",
                             "value": 0.1 + 0.02 * i} for i, w in enumerate(wards)])
    store.link_theme_indicator("food_poverty", "need", "higher_is_worse")
    store.link_theme_indicator("mental_health", "need", "higher_is_worse")
    version = store.record_taxonomy("test", "hash-test", THEMES, activate=True)
    org = store.ensure_org("Test Org")
    rows, ids, n = [], [], 0
    for i, w in enumerate(wards):
        food = 10 if i == 15 else 12 + 2 * i
        notes = [_note(n + j, w, MONTHS[j % 6]) for j in range(60)]
        if i == 10:  # all food stories in the last three months
            notes = [_note(n + j, w, MONTHS[3 + j % 3] if j < food else MONTHS[j % 3]) for j in range(60)]
        n += 60
        got = store.add_submission(org, notes, "test", "consent")["note_ids"]
        ids += got
        rows += [{"note_id": nid, "theme_id": "food_poverty", "score": 0.5, "method": "zero_shot",
                  "taxonomy_version": version} for nid in got[:food]]
        rows += [{"note_id": nid, "theme_id": "mental_health", "score": 0.5, "method": "zero_shot",
                  "taxonomy_version": version} for nid in got[food:food + 15]]
    store.put_note_assignments(ids, rows, version)
    return store, wards


def test_when_evidence_built_then_planted_relationship_and_divergence_are_found(evidence_store):
    store, wards = evidence_store
    result = view(store, POLICY, "ward")
    records = {(r["area_code"], r["theme"]): r for r in result["records"]}
    assert len(records) == 32 and set(result["records"][0]) == {
        "area_code", "area_name", "theme", "period", "notes", "suppressed", "story_share", "story_low",
        "story_high", "indicator", "indicator_value", "indicator_percentile", "attention", "divergence",
        "organisations", "few_organisations"}
    food = {c["theme"]: c for c in result["correlations"]}["food_poverty"]
    assert food["n"] >= 8 and food["r"] > 0.5 and food["r_low"] < food["r"] < food["r_high"]
    assert records[(wards[15], "food_poverty")]["divergence"] == "counted but not heard"
    assert records[(wards[15], "food_poverty")]["notes"] == 10 and records[(wards[15], "food_poverty")]["attention"] > 0
    mental = {c["theme"]: c for c in result["correlations"]}["mental_health"]
    assert mental["n"] == 0 and "too few" in mental["warning"]
    assert {t["trend"] for t in result["trends"] if t["area_code"] == wards[10]} == {"rising"}
    assert result["sources"] == [{"indicator": "need", "label": "Need", "source": "Test source", "licence": "OGL"}]
    assert "0.5 x" in result["attention_method"] and "equal" not in result["method"]


def test_when_evidence_built_then_no_count_below_its_threshold_and_no_lone_hidden_cell(evidence_store):
    store, wards = evidence_store
    records = view(store, POLICY, "ward")["records"]
    for r in records:
        limit = 20 if r["theme"] == "mental_health" else 10
        assert r["notes"] is None or (r["notes"] >= limit and r["notes"] % 5 == 0)
        assert r["suppressed"] == (r["notes"] is None) and (r["story_share"] is None) == r["suppressed"]
    for theme in ("food_poverty", "mental_health"):  # no theme column with exactly one hidden area
        assert sum(r["suppressed"] for r in records if r["theme"] == theme) != 1
    assert not any(r["suppressed"] for r in records if r["theme"] == "food_poverty")  # every count >= 10
    assert all(r["suppressed"] for r in records if r["theme"] == "mental_health")


def test_when_period_or_level_given_then_the_view_is_filtered(evidence_store):
    store, _ = evidence_store
    q1 = view(store, POLICY, "ward", "2025-Q1")
    assert {r["period"] for r in q1["records"]} == {"2025-Q1"}
    lad = view(store, POLICY, "lad")["records"]
    assert {r["area_code"] for r in lad} == {"E09000023"} and lad[0]["area_name"] == "Lewisham"
    assert {r["notes"] for r in lad if r["theme"] == "food_poverty"} == {400}  # 12 + 14 + ... + 40 + 10 = 400
    with pytest.raises(InputError, match="not understood"):
        view(store, POLICY, "ward", "Q3 2025")


def test_when_correlation_computed_then_interval_and_warnings_follow_n():
    assert pearson([1, 2, 3, 4], [2, 4, 6, 8]) == pytest.approx(1.0)
    low, high = fisher_interval(0.5, 30)
    assert low < 0.5 < high and low > 0
    few = correlation("t", "i", [(0.1, 1.0), (0.2, 2.0), (0.3, 2.5)], "higher_is_worse")
    assert few["n"] == 3 and "too few" in few["warning"]
    flipped = correlation("t", "rank", [(i / 10, 10 - i) for i in range(10)], "higher_is_better")
    assert flipped["r"] == pytest.approx(1.0) and flipped["warning"] is None


@pytest.mark.parametrize("series, word", [
    ([("2025-01", 2, 50), ("2025-02", 3, 50), ("2025-03", 30, 50), ("2025-04", 35, 50)], "rising"),
    ([("2025-01", 30, 50), ("2025-02", 35, 50), ("2025-03", 2, 50), ("2025-04", 3, 50)], "falling"),
    ([("2025-01", 10, 50), ("2025-02", 11, 50), ("2025-03", 10, 50), ("2025-04", 12, 50)], "steady"),
    ([("2025-01", 10, 50)], None),
])
def test_when_story_trend_computed_then_it_is_said_in_words(series, word):
    assert trend(series) == word


def test_when_notes_are_placed_only_at_council_level_then_they_count_for_the_council_not_as_a_ward(evidence_store):
    store, _ = evidence_store
    org = store.ensure_org("Council-level Org")
    store.add_submission(org, [_note(10_000 + j, "E09000023", "2025-02") for j in range(20)], "test", "consent")
    ward_codes = {r["area_code"] for r in view(store, POLICY, "ward")["records"]}
    assert "E09000023" not in ward_codes and len(ward_codes) == 16
    lad = view(store, POLICY, "lad")["records"]
    assert {r["area_code"] for r in lad} == {"E09000023"}
    assert next(r for r in lad if r["theme"] == "food_poverty")["story_share"] == round(400 / 980, 3)


def test_when_cell_suppressed_then_nothing_in_it_gives_the_hidden_share_away(evidence_store):
    store, _ = evidence_store
    records = view(store, POLICY, "ward")["records"]
    hidden = [r for r in records if r["suppressed"]]
    assert hidden, "the fixture should have some suppressed cells"
    for r in hidden:
        assert r["notes"] is None and r["story_share"] is None and r["story_low"] is None
        assert r["attention"] is None                      # with the indicator percentile it gives the rank away
        assert r["divergence"] in (None, "counted but not heard")
    assert any(r["attention"] is not None for r in records if not r["suppressed"])


def test_when_evidence_is_written_as_csv_then_no_cell_runs_as_a_formula():
    import csv
    import io

    from engine.publish.evidence import to_csv

    rows = list(csv.DictReader(io.StringIO(to_csv([{"area_name": "=cmd|'/c calc'!A1", "share": -0.25}]))))
    assert rows == [{"area_name": "'=cmd|'/c calc'!A1", "share": "-0.25"}]
