"""Early warning over HTTP (GET /api/v1/themes/{id}/outlook, GET /api/v1/early-warnings, the theme page, the summary
file): on a small real store where debt_money jumps in the latest month, the jump is alerted and projected, a
suppressed series shows nothing, and only analysts, facilitators and admins may ask."""
from __future__ import annotations

import pytest

from engine.store import Store
from tests.engine.publish.test_early_warning import _fill


@pytest.fixture
def filled(settings):
    _fill(Store(settings.db_path)).close()


def test_when_an_analyst_asks_for_the_outlook_then_the_jump_is_alerted_with_three_months_ahead(token_client, filled):
    c = token_client("analyst", None)
    body = c.get("/api/v1/themes/debt_money/outlook").json()
    [overall] = body["series"]
    assert overall["alert"] is True and [f["period"] for f in overall["forecast"]] == ["2026-01", "2026-02", "2026-03"]
    assert overall["checked"]["share_pct"] == 34.0 and "Exponential smoothing" in body["method"]
    ward = c.get("/api/v1/themes/debt_money/outlook", params={"level": "ward", "area": "E05000001"}).json()
    assert [s["area_code"] for s in ward["series"]] == ["E05000001"] and ward["series"][0]["alert"] is True
    sensitive = c.get("/api/v1/themes/mental_health/outlook").json()["series"][0]
    assert sensitive["shown"] is False and sensitive["forecast"] == [] and "fewer than 20" in sensitive["reason"]
    warned = c.get("/api/v1/early-warnings").json()
    assert [a["theme_id"] for a in warned["alerts"]] == ["debt_money"]


def test_when_the_wrong_people_or_bad_input_ask_then_clear_refusals(token_client, filled):
    assert token_client("contributor", "Riverside").get("/api/v1/early-warnings").status_code == 403
    c = token_client("analyst", None)
    assert c.get("/api/v1/themes/no_such_theme/outlook").status_code == 404
    assert c.get("/api/v1/themes/debt_money/outlook", params={"level": "county"}).status_code == 422


def test_when_the_theme_page_and_summary_are_opened_then_they_show_the_warning(token_client, filled):
    page = token_client("analyst", None).get("/themes/debt_money")
    assert page.status_code == 200
    assert "What may come next" in page.text and "Early warning:" in page.text and "outlook-table" in page.text
    flat = token_client("analyst", None).get("/themes/food_poverty")
    assert "No early warning" in flat.text
    md = token_client("facilitator", None).get("/api/v1/reports/summary", params={"format": "md"}).text
    assert "## Early warning" in md and "34% of notes in 2025-12" in md


def test_when_an_emergent_theme_grows_fast_then_the_api_lists_it_by_kind_label_and_keywords(token_client, settings):
    from tests.engine.publish.test_emergent_growth import SECRET
    from tests.engine.publish.test_emergent_growth import _fill as fill_emergent

    fill_emergent(Store(settings.db_path)).close()
    r = token_client("analyst", None).get("/api/v1/early-warnings", params={"level": "ward"})
    assert r.status_code == 200 and SECRET not in r.text
    grown = [a for a in r.json()["alerts"] if a["kind"] == "emergent_growth"]
    assert [(a["label"], a["area_code"]) for a in grown] == [("warm spaces closing", "E05000001"),
                                                              ("school uniforms", "E05000001")]
    assert grown[0]["keywords"][:2] == ["warm", "spaces"] and grown[0]["growth"]["notes"] == 15
    assert grown[0]["candidate_id"] and grown[0]["checked"] is None and grown[0]["theme_id"] is None
    assert all(a["kind"] == "share_above_interval" and a["growth"] is None
               for a in r.json()["alerts"] if a not in grown)
    assert "times its monthly average" in r.json()["method"]
