"""Trends on a real store: notes per month with known theme counts, then the published series and flags."""
import numpy as np
import pytest
from scipy.stats import norm

from engine.core.errors import InputError
from engine.core.settings import Settings
from engine.demo import load_areas
from engine.publish.suppression import Policy
from engine.publish.trends import period_range, theme_trend, to_period, trend_p
from engine.store import NewNote
from themes.taxonomy import load_builtin
from themes.taxonomy_io import load_into

POLICY = Policy.from_settings(Settings())
AREAS = [
    {"code": "E09000023", "name": "Lewisham", "level": "lad", "parent_code": None},
    {"code": "E05000451", "name": "Rushey Green", "level": "ward", "parent_code": "E09000023"},
    {"code": "E05000447", "name": "Lee Green", "level": "ward", "parent_code": "E09000023"},
]


def _fill(store, plan):
    """plan: {(month, ward): (all notes, food notes, domestic abuse notes)}."""
    load_areas(store, AREAS)
    version = load_into(store, load_builtin())
    org = store.ensure_org("Org")
    rows, ids = [], []
    for (month, ward), (total, food, abuse) in plan.items():
        notes = [NewNote(f"note {month} {ward} {i}", f"h-{month}-{ward}-{i}", f"d-{month}-{ward}-{i}", "case_note",
                         month, month, ward, "code", None, None, []) for i in range(total)]
        new = store.add_submission(org, notes, "test", "consent")["note_ids"]
        for i, note_id in enumerate(new):
            themes = (["food_poverty"] if i < food else []) + (["domestic_abuse"] if i < abuse else [])
            rows += [{"note_id": note_id, "theme_id": t, "score": 0.5, "method": "zero-shot",
                      "taxonomy_version": version} for t in themes or [""]]
        ids += new
    store.put_note_assignments(ids, rows, version)


RISING = {("2025-01", "E05000451"): (60, 6, 0), ("2025-02", "E05000451"): (60, 6, 0),
          ("2025-03", "E05000451"): (60, 7, 0), ("2025-04", "E05000451"): (60, 25, 0),
          ("2025-01", "E05000447"): (40, 4, 25), ("2025-02", "E05000447"): (40, 12, 3),
          ("2025-04", "E05000447"): (40, 12, 25)}


def test_when_months_mapped_then_quarters_and_gaps_are_right():
    assert to_period("2025-03", "quarter") == "2025-Q1" and to_period("2025-10", "quarter") == "2025-Q4"
    assert period_range("2024-11", "2025-02", "month") == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert period_range("2024-Q4", "2025-Q2", "quarter") == ["2024-Q4", "2025-Q1", "2025-Q2"]


@pytest.mark.parametrize("points", [[(10, 100), (18, 100), (7, 100), (37, 100)], [(5, 40), (6, 80), (9, 60)],
                                    [(30, 100), (20, 100), (10, 100)]])
def test_when_trend_tested_then_p_value_matches_the_correlation_form_of_cochran_armitage(points):
    # Over individual notes, the Cochran-Armitage statistic is z = sqrt(N) * r, where r is the correlation
    # between a note's period number and whether it has the theme: an independent way to compute it.
    t = np.concatenate([np.full(n, i) for i, (_, n) in enumerate(points)])
    y = np.concatenate([np.r_[np.ones(k), np.zeros(n - k)] for k, n in points])
    z = np.sqrt(len(y)) * np.corrcoef(t, y)[0, 1]
    assert trend_p(points) == pytest.approx(norm.sf(z), rel=1e-9)


def test_when_no_variation_then_the_trend_p_value_is_one():
    assert trend_p([(0, 50), (0, 60)]) == 1.0 and trend_p([(5, 5), (6, 6)]) == 1.0 and trend_p([(3, 10)]) == 1.0


def test_when_share_climbs_then_overall_trend_is_rising(store):
    _fill(store, RISING)
    trend = theme_trend(store, POLICY, "food_poverty", "month")
    (overall,) = trend["series"]
    assert [p["period"] for p in overall["points"]] == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert [p["notes"] for p in overall["points"]] == [10, 20, None, 35]     # 10, 18, 7 (hidden), 37: rounded to 5
    march = overall["points"][2]
    assert march["suppressed"] and march["share"] is None and march["notes_label"] == "fewer than 10"
    flag = overall["rising"]
    assert flag["rising"] is True and flag["p_value"] < 0.05
    assert flag["periods"] == ["2025-01", "2025-02", "2025-03", "2025-04"] and flag["share_last"] == 0.37
    window = theme_trend(store, POLICY, "food_poverty", "month", window=2)["series"][0]["rising"]
    assert window["periods"] == ["2025-03", "2025-04"] and window["rising"] is None     # two periods: too few


def test_when_share_is_flat_then_not_rising(store):
    _fill(store, {(m, "E05000451"): (60, 12, 0) for m in ("2025-01", "2025-02", "2025-03", "2025-04")})
    flag = theme_trend(store, POLICY, "food_poverty", "month")["series"][0]["rising"]
    assert flag["rising"] is False and flag["p_value"] > 0.05


def test_when_per_ward_then_a_missing_month_is_a_suppressed_point_and_small_last_month_gives_no_flag(store):
    _fill(store, RISING)
    trend = theme_trend(store, POLICY, "food_poverty", "month", level="ward")
    lee = next(s for s in trend["series"] if s["area_code"] == "E05000447")
    march = lee["points"][2]
    assert march["period"] == "2025-03" and march["suppressed"] and march["notes"] is None
    rushey = next(s for s in trend["series"] if s["area_code"] == "E05000451")
    assert rushey["rising"]["rising"] is True
    lad = theme_trend(store, POLICY, "food_poverty", "quarter", level="lad")["series"]
    assert [s["area_code"] for s in lad] == ["E09000023"]
    assert [p["period"] for p in lad[0]["points"]] == ["2025-Q1", "2025-Q2"]
    assert [p["notes"] for p in lad[0]["points"]] == [35, 35]        # 6+6+7+4+12 = 35; 25+12 = 37 -> 35


def test_when_theme_is_sensitive_then_its_higher_threshold_hides_more_and_blocks_the_flag(store):
    _fill(store, RISING)
    (overall,) = theme_trend(store, POLICY, "domestic_abuse", "month")["series"]
    assert [p["notes"] for p in overall["points"]] == [25, None, None, 25]   # 3 < 20 is hidden for sensitive themes
    (ward,) = [s for s in theme_trend(store, POLICY, "domestic_abuse", "month", "ward")["series"]
               if s["area_code"] == "E05000451"]
    assert ward["rising"]["rising"] is None and "fewer than 20" in ward["rising"]["reason"]


def test_when_period_is_unknown_then_error_says_which_are_allowed(store):
    with pytest.raises(InputError, match="'month' or 'quarter'"):
        theme_trend(store, POLICY, "food_poverty", "week")
