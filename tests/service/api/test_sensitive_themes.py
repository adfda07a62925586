"""The strictest rule for sensitive themes (a theme's `sensitive` flag in the taxonomy; domestic_abuse is one in
the built-in taxonomy), over HTTP: its counts are held to INSIGHTS_SENSITIVE_SUPPRESSION_THRESHOLD (20 by
default, against 10), and no note with a sensitive theme is ever quoted, under that theme or any other it is in,
by any route or summary."""
import pytest

from engine.demo import load_areas
from engine.store import NewNote, Store

WARD = "E05000442"


def _plant(settings, texts: list[str], themes: list[str], key: str) -> list[int]:
    store = Store(settings.db_path)
    try:
        if not store.areas():
            load_areas(store, [{"code": WARD, "name": "Downham", "level": "ward"}])
        org = store.ensure_org("Riverside")
        notes = [NewNote(text=t, content_hash=f"{key}{i}", dedupe_key=f"{key}{i}", source_type="case_note",
                         date="2025-03", month="2025-03", area_code=WARD, area_how="code", age_band=None,
                         external_id=None, redactions=[]) for i, t in enumerate(texts)]
        ids = store.add_submission(org, notes, "test", "consent")["note_ids"]
        version = store.latest_taxonomy_version()
        store.put_note_assignments(ids, [{"note_id": n, "theme_id": t, "score": 0.6, "method": "zero_shot",
                                          "taxonomy_version": version} for n in ids for t in themes], version)
        return ids
    finally:
        store.close()


FOOD = ["no food at home", "the food bank voucher ran out", "skipping meals so the children can eat",
        "asked for a food parcel", "cupboards empty by Thursday", "cannot afford the weekly shop"]


@pytest.fixture
def analyst(app, token_client):
    return token_client("analyst", None)


def test_when_a_sensitive_themes_count_is_between_the_two_thresholds_then_it_is_suppressed(settings, analyst):
    assert settings.suppression_threshold == 10 and settings.sensitive_suppression_threshold == 20
    _plant(settings, [f"{FOOD[i % 6]}, visit {i}" for i in range(12)], ["food_poverty"], "f")
    _plant(settings, [f"frightened of her partner, visit {i}" for i in range(12)], ["domestic_abuse"], "d")
    food = analyst.get("/api/v1/themes/food_poverty").json()
    dv = analyst.get("/api/v1/themes/domestic_abuse").json()
    assert food["sensitive"] is False and food["notes"] is not None and food["quotes"]   # 12 >= 10: shown
    assert dv["sensitive"] is True and dv["suppressed"] is True and dv["notes"] is None  # 12 < 20: hidden
    assert dv["quotes"] == [] and all(a["notes"] is None for a in dv["top_areas"])
    listed = {t["id"]: t for t in analyst.get("/api/v1/themes").json()["themes"]}
    assert listed["domestic_abuse"]["notes"] is None and listed["food_poverty"]["notes"] is not None


def test_when_a_note_is_in_a_sensitive_theme_then_no_route_or_summary_quotes_it(settings, analyst, token_client):
    # 25 notes in both a sensitive and an ordinary theme (over both thresholds, so every cell is visible),
    # beside 12 ordinary food notes: only the ordinary notes may be quoted, wherever quotes are shown
    _plant(settings, [f"DVSTORY{i} {FOOD[i % 6]} and frightened of her partner" for i in range(25)],
           ["domestic_abuse", "food_poverty"], "b")
    _plant(settings, [f"FOODSTORY{i} {FOOD[i % 6]}" for i in range(12)], ["food_poverty"], "f")
    dv = analyst.get("/api/v1/themes/domestic_abuse").json()
    assert dv["notes"] is not None and dv["notes"] >= 20       # the count is published ...
    assert dv["quotes"] == []                                   # ... but never a quote
    assert analyst.get("/api/v1/themes/domestic_abuse/quotes").json()["quotes"] == []
    food = analyst.get("/api/v1/themes/food_poverty").json()["quotes"]
    more = analyst.get("/api/v1/themes/food_poverty/quotes", params={"n": 10}).json()["quotes"]
    assert food and more and all("FOODSTORY" in q["text"] for q in food + more)
    report = token_client("facilitator", None).get("/api/v1/reports/summary", params={"format": "md"})
    assert report.status_code == 200, report.text
    assert "FOODSTORY" in report.text and "DVSTORY" not in report.text
    page = token_client("facilitator", None).get("/api/v1/reports/summary", params={"format": "html"})
    assert "DVSTORY" not in page.text
