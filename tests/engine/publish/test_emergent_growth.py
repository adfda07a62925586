"""Early warning for new themes (engine/publish/emergent_growth.py) on a small real store: an emergent candidate whose
latest month has at least N notes and K times its earlier monthly average alerts (named by label and keywords, never
by a note's text); a flat one does not; a small one, or one whose latest month is under the threshold, never
appears; per area at a level; and the alert reaches alerts(), the summary and the digest."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from engine.core.errors import SettingsError
from engine.core.settings import Settings
from engine.publish.early_warning import alerts, method
from engine.publish.emergent_growth import growth_alerts, line, months_before
from engine.publish.suppression import Policy
from engine.store import NewNote, Store
from themes.taxonomy import load_builtin

POLICY = Policy(threshold=10, sensitive_threshold=20, rounding_base=5)    # growth: N 10, K 3, 6 months before
MONTHS = [f"2025-{m:02d}" for m in range(6, 13)]                          # six months, then December, the latest
NORTH, SOUTH, COUNCIL = "E05000001", "E05000002", "E06000001"
# candidate -> notes per month (June to December), all in the North ward unless named
CANDIDATES = {
    "warm spaces closing": [2, 2, 2, 2, 2, 2, 14],     # grows fast: 14 against an average of 2
    "bus fares": [12, 12, 12, 12, 12, 12, 12],         # flat: never alerts
    "parking permits": [0, 0, 0, 0, 0, 0, 8],          # small: 8 notes in all, below the threshold
    "library hours": [1, 1, 1, 1, 0, 0, 8],            # shown on the list (12 notes) but 8 in December: no alert
    "school uniforms": [0, 0, 0, 0, 0, 0, 12],         # new this month with 12: alerts, nothing earlier to show
}
SECRET = "Mrs Example told us the warm space at the library shut"


def _fill(store: Store) -> Store:
    taxonomy = load_builtin()
    version = store.record_taxonomy(taxonomy.label, taxonomy.content_hash, taxonomy.as_dicts())
    store.upsert_areas([{"code": COUNCIL, "name": "Northtown", "level": "lad", "parent_code": None}]
                       + [{"code": w, "name": n, "level": "ward", "parent_code": COUNCIL, "lad_code": COUNCIL}
                          for w, n in ((NORTH, "North Ward"), (SOUTH, "South Ward"))])
    org = store.ensure_org("Riverside")
    members: dict[str, list[int]] = {label: [] for label in CANDIDATES}
    for i, month in enumerate(MONTHS):
        labels = [label for label, per_month in CANDIDATES.items() for _ in range(per_month[i])]
        labels += [None] * 40                       # the month's other notes, in themes
        notes = [NewNote(text=f"{SECRET} {month} {j}", content_hash=f"{month}-{j}", dedupe_key=f"{month}-{j}",
                         source_type="case_note", date=month, month=month,
                         area_code=NORTH if label or j % 2 else SOUTH, area_how="code", age_band=None,
                         external_id=None, redactions=[]) for j, label in enumerate(labels)]
        ids = store.add_submission(org, notes, "test", "consent")["note_ids"]
        for note_id, label in zip(ids, labels):
            if label:
                members[label].append(note_id)
        themed = [n for n, label in zip(ids, labels) if label is None]
        store.put_note_assignments(themed, [{"note_id": n, "theme_id": "food_poverty", "score": 0.9, "method": "test",
                                             "taxonomy_version": version} for n in themed], version)
    store.replace_emergent("run-1", [{"label": label, "keywords": label.split() + ["local"], "size": len(ids),
                                      "note_ids": ids, "quotes": [SECRET]} for label, ids in members.items()])
    return store


@pytest.fixture
def store(tmp_path):
    s = _fill(Store(tmp_path / "i.db"))
    yield s
    s.close()


def test_when_a_candidate_grows_fast_then_it_alerts_by_label_and_keywords_and_a_flat_one_does_not(store):
    found = {a["label"]: a for a in growth_alerts(store, POLICY)}
    assert set(found) == {"warm spaces closing", "school uniforms"}
    warm = found["warm spaces closing"]
    assert warm["kind"] == "emergent_growth" and warm["area_code"] is None and warm["theme_id"] is None
    assert warm["keywords"] == ["warm", "spaces", "closing", "local"]
    assert warm["growth"] == {"period": "2025-12", "notes": 15, "earlier_months": 6, "earlier_notes": 10,
                              "earlier_label": "10", "times": 9.0}     # from the rounded counts: 15 x 6 / 10
    new = found["school uniforms"]["growth"]
    assert new["notes"] == 10 and new["earlier_notes"] is None and new["earlier_label"] == "fewer than 10"
    assert new["times"] is None
    assert SECRET not in json.dumps(list(found.values()))                 # never a note's text
    assert "warm spaces closing" in line(warm) and "14" not in line(warm) and "15 notes in 2025-12" in line(warm)


def test_when_a_candidate_is_small_or_its_latest_month_is_under_the_threshold_then_it_never_appears(store):
    lower = replace(POLICY, growth_min_notes=5, growth_factor=1.5)         # N below the threshold: the threshold holds
    labels = [a["label"] for a in growth_alerts(store, lower)]
    assert "parking permits" not in labels and "library hours" not in labels   # 8 notes: below 10
    for a in growth_alerts(store, lower) + growth_alerts(store, lower, "ward"):
        assert a["growth"]["notes"] >= 10
        assert a["growth"]["earlier_notes"] is None or a["growth"]["earlier_notes"] >= 10


def test_when_asked_per_area_then_each_area_is_checked_on_its_own_notes(store):
    wards = growth_alerts(store, POLICY, "ward")
    assert {(a["label"], a["area_code"]) for a in wards} == {("warm spaces closing", NORTH), ("school uniforms", NORTH)}
    councils = growth_alerts(store, POLICY, "lad", [COUNCIL])
    assert {a["area_code"] for a in councils} == {COUNCIL} and len(councils) == 2
    assert growth_alerts(store, POLICY, "ward", [SOUTH]) == []
    assert growth_alerts(store, POLICY, until="2025-11") == []            # before December nothing grew


def test_when_alerts_are_listed_then_both_kinds_are_there_with_their_kind_and_the_method_names_the_rule(store):
    found = alerts(store, POLICY)
    assert {a["kind"] for a in found} <= {"share_above_interval", "emergent_growth"}
    assert [a["label"] for a in found if a["kind"] == "emergent_growth"] == ["warm spaces closing", "school uniforms"]
    assert all(a["growth"] is None for a in found if a["kind"] == "share_above_interval")
    assert "at least 10 and at least 3 times its monthly average over the 6 months before" in method(POLICY)


def test_when_a_summary_and_a_digest_are_made_then_they_carry_the_emergent_alert(store):
    from engine.publish.digest import build_digest
    from engine.publish.digest_format import to_text
    from engine.publish.summary import build_summary
    from service import reports

    summary = build_summary(store, POLICY, period="2025-12", level="lad")
    kinds = [a["kind"] for a in summary["early_warnings"]["alerts"]]
    assert kinds.count("emergent_growth") == 2
    md = reports.to_markdown(summary)
    assert 'New theme "warm spaces closing" (words that stand out: warm, spaces, closing, local): 15 notes' in md
    digest = build_digest(store, POLICY, "Riverside", "2025-12")
    text = to_text(digest)
    assert 'New theme "school uniforms" in North Ward' in text and SECRET not in text


def test_months_before_cross_the_year():
    assert months_before("2026-02", 3) == ["2025-11", "2025-12", "2026-01"]


@pytest.mark.parametrize("overrides", [{"emergent_growth_min_notes": 0}, {"emergent_growth_factor": 1.0},
                                       {"emergent_growth_baseline_months": 0}])
def test_when_the_growth_settings_are_unsafe_then_refused(overrides):
    with pytest.raises(SettingsError):
        Settings(**overrides)
    assert Policy.from_settings(Settings()).growth_factor == 3.0
