"""Early warning on a small real store: a theme whose share jumps in the latest month is alerted, a flat one is not,
the projection has an interval around a plausible share, and nothing is shown where the latest month's count is
suppressed or the history is too short. Plus the raw projection on hand-made series."""
from __future__ import annotations

import pytest

from engine.core.errors import InputError, NotFoundError
from engine.publish.early_warning import MIN_MONTHS, alerts, next_months, project, theme_outlook
from engine.publish.suppression import Policy
from engine.store import NewNote, Store
from themes.taxonomy import load_builtin

POLICY = Policy(threshold=10, sensitive_threshold=20, rounding_base=5)
MONTHS = [f"2025-{m:02d}" for m in range(1, 13)]
FLAT = [10, 12, 9, 11, 10, 13, 9, 11, 10, 12, 11, 10]               # food_poverty: about 10% every month
JUMP = [11, 9, 10, 12, 10, 11, 9, 10, 12, 11, 10, 34]               # debt_money: jumps in December
FEW = [3, 2, 4, 3, 2, 3, 4, 2, 3, 3, 2, 4]                          # mental_health (a sensitive theme, threshold 20): always below


def _fill(store: Store, months=MONTHS) -> Store:
    taxonomy = load_builtin()
    version = store.record_taxonomy(taxonomy.label, taxonomy.content_hash, taxonomy.as_dicts())
    store.upsert_areas([{"code": "E06000001", "name": "Northtown", "level": "lad", "parent_code": None},
                        {"code": "E05000001", "name": "North Ward", "level": "ward", "parent_code": "E06000001",
                         "lad_code": "E06000001"}])
    org = store.ensure_org("Riverside")
    for i, month in enumerate(months):
        themes = (["food_poverty"] * FLAT[i] + ["debt_money"] * JUMP[i] + ["mental_health"] * FEW[i])
        themes += ["housing_homelessness"] * (100 - len(themes))
        notes = [NewNote(text=f"note {month} {j}", content_hash=f"{month}-{j}", dedupe_key=f"{month}-{j}",
                         source_type="case_note", date=month, month=month, area_code="E05000001", area_how="code",
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


def _overall(store, theme):
    [s] = theme_outlook(store, POLICY, theme)["series"]
    return s


def test_when_a_theme_jumps_in_the_latest_month_then_it_is_alerted_and_a_flat_one_is_not(store):
    jump, flat = _overall(store, "debt_money"), _overall(store, "food_poverty")
    assert jump["shown"] and jump["alert"] is True
    assert jump["checked"]["period"] == "2025-12" and jump["checked"]["share_pct"] == 34.0
    assert jump["checked"]["upper_pct"] < 34.0 and 8 < jump["checked"]["expected_pct"] < 14
    assert flat["shown"] and flat["alert"] is False
    assert [f["period"] for f in flat["forecast"]] == ["2026-01", "2026-02", "2026-03"]
    for f in flat["forecast"]:
        assert f["lower_pct"] <= f["share_pct"] <= f["upper_pct"] and 5 < f["share_pct"] < 16
    assert [a["theme_id"] for a in alerts(store, POLICY)] == ["debt_money"]


def test_when_the_latest_count_is_suppressed_then_no_projection_is_shown(store):
    few = _overall(store, "mental_health")
    assert few == {"area_code": None, "shown": False, "reason": "fewer than 20 notes in 2025-12", "forecast": [],
                   "alert": None}
    [ward] = theme_outlook(store, POLICY, "debt_money", level="ward")["series"]
    assert ward["area_code"] == "E05000001" and ward["alert"] is True


def test_when_history_is_short_then_the_reason_says_how_many_months(tmp_path):
    s = _fill(Store(tmp_path / "short.db"), MONTHS[:MIN_MONTHS - 1])
    try:
        out = _overall(s, "housing_homelessness")
        assert not out["shown"] and out["reason"] == f"needs {MIN_MONTHS} months of notes ({MIN_MONTHS - 1} so far)"
    finally:
        s.close()


def test_when_asked_for_an_unknown_theme_or_level_then_a_clear_error(store):
    with pytest.raises(NotFoundError):
        theme_outlook(store, POLICY, "no_such_theme")
    with pytest.raises(InputError):
        theme_outlook(store, POLICY, "debt_money", level="county")


@pytest.mark.parametrize("shares, alert", [
    ([0.10, 0.11, 0.09, 0.10, 0.12, 0.10, 0.11, 0.10], False),
    ([0.10, 0.11, 0.09, 0.10, 0.12, 0.10, 0.11, 0.30], True),
    ([0.30, 0.31, 0.29, 0.30, 0.32, 0.30, 0.31, 0.10], False),     # a fall is not a warning
])
def test_when_projected_by_hand_then_only_a_rise_beyond_the_interval_alerts(shares, alert):
    points = [(m, round(s * 200), 200) for m, s in zip(MONTHS, shares)]
    out = project(points)
    assert out["alert"] is alert and len(out["forecast"]) == 3


def test_next_months_cross_the_year():
    assert next_months("2025-11", 3) == ["2025-12", "2026-01", "2026-02"]
