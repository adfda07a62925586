"""Publication records: which summaries, reports and digests each organisation's notes counted in. Exact counts on a
small real store (tests/engine/publish/picture_data.py), a digest recorded per organisation, suppression of what an
organisation sees, and no note text or note id in the records."""
from __future__ import annotations

import pytest

from engine.core.errors import InputError
from engine.publish.digest import write_digests
from engine.publish.publications import counted_by_org, published_in, summary_publication
from engine.publish.summary import build_summary
from engine.publish.suppression import Policy
from engine.store import Store
from tests.engine.publish.picture_data import MARKERS, fill

POLICY = Policy(threshold=10, sensitive_threshold=20, rounding_base=5)


@pytest.fixture
def filled(tmp_path):
    store = fill(Store(tmp_path / "insights.db"))
    yield store
    store.close()


def _ids(store):
    return {r["name"]: r["id"] for r in store.q("SELECT id, name FROM organisations")}


def test_when_counted_for_a_council_and_month_then_each_organisations_notes_exactly(filled):
    org = _ids(filled)
    got = counted_by_org(filled, "lad", ["E06000001"], "2025-09", ["food_poverty", "debt_money"])
    assert got == {org["Riverside Food Bank"]: {"notes": 18, "themes": {"food_poverty": 12, "debt_money": 6}},
                   org["Mill Advice"]: {"notes": 20, "themes": {"debt_money": 20}}}
    every = counted_by_org(filled, "ward", None, None, [])
    assert every[org["South Help"]] == {"notes": 48, "themes": {}}
    assert counted_by_org(filled, "ward", ["E05000003"], "2025-07", ["food_poverty"]) == {}
    with pytest.raises(InputError):
        counted_by_org(filled, "lad", ["E09999999"], None, [])


def test_when_a_summary_is_recorded_then_the_organisation_sees_its_notes_counted_in_it(filled):
    summary = build_summary(filled, POLICY, "2025-Q3", ["E06000001"], "lad")
    row = summary_publication(filled, summary, "report", "GET /api/v1/reports/summary", "user:f", None, "docx")
    filled.record_publication(row)
    filled.record_publication(row)
    org = _ids(filled)
    [rec] = published_in(filled, POLICY, org["Riverside Food Bank"])
    assert rec["kind"] == "report" and rec["times"] == 2 and rec["period"] == "2025-Q3"
    assert rec["areas"] == [{"code": "E06000001", "name": "Northtown"}] and rec["level"] == "lad"
    assert rec["your_notes"] == 35 and rec["your_notes_label"] == "35"          # 14+12+3+6 = 35
    shown = {t["theme_id"]: t["your_notes_label"] for t in rec["themes"]}
    top = {r["id"] for r in summary["top_themes"]}
    assert set(shown) <= top and shown["food_poverty"] == "25"                  # 26 rounded to base 5
    assert shown.get("debt_money") in (None, "fewer than 10")                  # 6: below the threshold
    assert published_in(filled, POLICY, org["South Help"]) == []               # not in Northtown


def test_when_digests_are_written_then_each_is_recorded_and_holds_no_text_or_note_ids(filled, tmp_path):
    written = write_digests(filled, POLICY, tmp_path / "out", "2025-09")
    records = filled.publications()
    assert len(records) == len(written) == 3 and {r["kind"] for r in records} == {"digest"}
    assert {r["filters"]["organisation"] for r in records} == set(MARKERS)
    org = _ids(filled)
    south = published_in(filled, POLICY, org["South Help"])
    assert [p["kind"] for p in south] == ["digest"] and south[0]["your_notes"] == 25   # 12 + 11 in Sept, rounded
    raw = (tmp_path / "insights-audit.db").read_bytes()
    assert not any(m.encode() in raw for m in MARKERS.values())
    ids = {r["id"] for r in filled.q("SELECT id FROM notes")}
    for r in records:
        assert set(r["counted"]) <= set(org.values())
        assert not any(k in r["filters"] for k in ("note_ids", "text")) and ids


def test_when_an_organisation_has_few_notes_in_an_output_then_its_count_is_withheld(filled):
    summary = build_summary(filled, POLICY, "2025-09", ["E05000001"], "ward")
    filled.record_publication(summary_publication(filled, summary, "summary", "GET /summary", "user:f", None))
    [rec] = published_in(filled, POLICY, _ids(filled)["Mill Advice"])                # 7 notes in North Ward
    assert rec["your_notes"] is None and rec["your_notes_label"] == "fewer than 10"
