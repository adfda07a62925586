"""The resource routes beyond the basics: batches, filters, theme trend/areas/quotes, areas and indicators,
and the emergent-theme review actions, over HTTP with real tokens."""
import pytest

from engine.demo import load_areas
from engine.store import NewNote, Store

NOTE = "Visited Mrs Amira Khan at 14 Elm Road, SE13 6QT. We gave her a food parcel and vouchers for the food bank."


def _note(text, key, month="2025-03", area="E05000442", source_type="case_note") -> NewNote:
    return NewNote(text=text, content_hash=key, dedupe_key=key, source_type=source_type, date=month, month=month,
                   area_code=area, area_how="code", age_band=None, external_id=None, redactions=[])


@pytest.fixture
def places(settings):
    store = Store(settings.db_path)
    load_areas(store, [{"code": "E09000023", "name": "Lewisham", "level": "lad"},
                       {"code": "E05000442", "name": "Downham", "level": "ward", "parent_code": "E09000023"},
                       {"code": "E05000447", "name": "Lee Green", "level": "ward", "parent_code": "E09000023"}])
    store.upsert_indicator({"id": "claimant_rate", "label": "Claimant rate", "unit": "percent",
                            "polarity": "higher_is_worse", "source": "DWP", "licence": "OGL v3.0"})
    store.add_observations([{"indicator_id": "claimant_rate", "area_code": code, "period": f"2025-0{m}",
                             "value": float(m)} for code in ("E05000442", "E05000447") for m in (1, 2, 3)])
    store.close()


def test_when_batch_sent_then_each_note_is_anonymised_and_a_bad_one_is_rejected_whole(token_client, settings):
    c = token_client("contributor", "Riverside")
    r = c.post("/api/v1/notes/batch", json={"notes": [{"text": NOTE, "date": "2025-03"}, {"text": "   "},
                                                      {"text": "Lonely since her husband died; no visitors at all."}]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["stored"] == 2 and body["rejected"] == 1, body
    assert [i["index"] for i in body["items"]] == [0, 1, 2]
    assert body["items"][1]["result"] is None and "empty" in body["items"][1]["error"]
    assert "Khan" not in body["items"][0]["result"]["text"] and body["items"][0]["result"]["stored"]
    texts = Store(settings.db_path).all_note_texts()
    assert len(texts) == 2 and not any("Khan" in t or "Elm Road" in t for t in texts)
    preview = c.post("/api/v1/notes/batch?preview=true", json={"notes": [{"text": NOTE + " Again."}]}).json()
    assert preview["stored"] == 0 and preview["items"][0]["result"]["stored"] is False
    assert len(Store(settings.db_path).all_note_texts()) == 2


def test_when_note_names_another_organisation_then_403_and_nothing_stored(token_client, settings):
    r = token_client("contributor", "Riverside").post("/api/v1/notes", json={"text": NOTE,
                                                                            "organisation": "Someone Else"})
    assert r.status_code == 403 and "your own organisation (Riverside)" in r.json()["error"]["message"]
    assert Store(settings.db_path).count_notes() == 0


def test_when_notes_filtered_then_only_matching_notes_come_back(token_client, settings, places):
    store = Store(settings.db_path)
    org = store.ensure_org("Riverside")
    store.add_submission(org, [_note("march downham", "a"), _note("july downham", "b", month="2025-07"),
                               _note("march lee green", "c", area="E05000447"),
                               _note("heard at the door", "d", source_type="anecdote")], "test", "consent")
    store.close()
    c = token_client("contributor", "Riverside")

    def texts(**params):
        r = c.get("/api/v1/notes", params=params)
        assert r.status_code == 200, r.text
        return sorted(n["text"] for n in r.json()["notes"])
    assert texts(period="2025-Q3") == ["july downham"]
    assert texts(period="2025-03", area="E05000447") == ["march lee green"]
    assert texts(source_type="anecdote") == ["heard at the door"]
    assert len(texts(period="2025")) == 4 and texts(period="2024") == []
    r = c.get("/api/v1/notes", params={"period": "March"})
    assert r.status_code == 422 and "period" in r.json()["error"]["message"]


def test_when_theme_is_heard_often_then_trend_areas_and_quotes_routes_show_it(token_client, settings, places):
    store = Store(settings.db_path)
    org = store.ensure_org("Riverside")
    ids = store.add_submission(org, [_note(f"no food at home this week, visit number {i} to the food bank", f"n{i}")
                                     for i in range(12)], "test", "consent")["note_ids"]
    version = store.latest_taxonomy_version()
    store.put_note_assignments(ids, [{"note_id": i, "theme_id": "food_poverty", "score": 0.6, "method": "zero_shot",
                                      "taxonomy_version": version} for i in ids], version)
    store.close()
    c = token_client("analyst", None)
    trend = c.get("/api/v1/themes/food_poverty/trend").json()
    assert [(m["month"], m["notes"], m["suppressed"]) for m in trend["trend"]] == [("2025-03", 10, False)]
    assert c.get("/api/v1/themes/food_poverty/trend?period=2024").json()["trend"] == []
    areas = c.get("/api/v1/themes/food_poverty/areas").json()["areas"]
    assert [(a["area_code"], a["area_name"], a["notes"]) for a in areas] == [("E05000442", "Downham", 10)]
    csv_text = c.get("/api/v1/themes/food_poverty/areas?format=csv").text
    assert csv_text.splitlines()[0] == "area_code,area_name,notes,share"
    assert csv_text.splitlines()[1].startswith("E05000442,Downham,10,") and len(csv_text.splitlines()) == 2
    quotes = c.get("/api/v1/themes/food_poverty/quotes?n=2").json()["quotes"]
    assert 1 <= len(quotes) <= 2 and all("food" in q["text"] for q in quotes)
    assert c.get("/api/v1/themes/food_poverty/quotes?area=E05000447").json()["quotes"] == []
    assert c.get("/api/v1/themes/nope/trend").status_code == 404
    mine = token_client("contributor", "Riverside").get("/api/v1/notes", params={"theme": "food_poverty", "limit": 5})
    assert mine.status_code == 200, mine.text
    assert [n["themes"][0]["theme_id"] for n in mine.json()["notes"]] == ["food_poverty"] * 5


def test_when_areas_and_indicators_asked_for_then_codes_levels_and_values_come_back(token_client, places):
    c = token_client("facilitator", None)
    wards = c.get("/api/v1/areas?level=ward").json()["areas"]
    assert [a["code"] for a in wards] == ["E05000442", "E05000447"]
    assert c.get("/api/v1/areas/E05000442").json()["parent_code"] == "E09000023"
    assert c.get("/api/v1/areas/E00000000").json()["error"]["code"] == "not_found"
    assert [i["id"] for i in c.get("/api/v1/indicators").json()["indicators"]] == ["claimant_rate"]
    obs = c.get("/api/v1/indicators/claimant_rate/observations?area=E05000447&period=2025-0").json()
    assert [(o["period"], o["value"]) for o in obs["observations"]] == [("2025-01", 1.0), ("2025-02", 2.0),
                                                                       ("2025-03", 3.0)]
    page = c.get("/api/v1/indicators/claimant_rate/observations?limit=4").json()
    rest = c.get(f"/api/v1/indicators/claimant_rate/observations?limit=4&cursor={page['next_cursor']}").json()
    assert len(page["observations"]) == 4 and len(rest["observations"]) == 2 and rest["next_cursor"] is None


def test_when_emergent_themes_reviewed_then_rename_merge_dismiss_and_promote_take_effect(token_client, settings):
    store = Store(settings.db_path)
    store.replace_emergent("run", [{"label": f"bus / route {i}", "keywords": ["bus", f"route{i}"], "size": 12,
                                    "note_ids": [100 * i + k for k in range(12)], "quotes": [f"The {i} bus was cut."]}
                                   for i in range(4)])
    ids = [c["id"] for c in store.emergent()]
    store.close()
    c = token_client("analyst", None)
    assert c.post(f"/api/v1/emergent-themes/{ids[0]}/rename", json={"label": "Buses"}).json()["label"] == "Buses"
    merged = c.post(f"/api/v1/emergent-themes/{ids[0]}/merge", json={"other_id": ids[1]}).json()
    assert merged["notes"] == 25 and merged["status"] == "proposed"  # 24 notes, rounded to 25
    assert c.post(f"/api/v1/emergent-themes/{ids[2]}/dismiss").json()["status"] == "dismissed"
    again = c.post(f"/api/v1/emergent-themes/{ids[2]}/dismiss")
    assert again.status_code == 400 and "already dismissed" in again.json()["error"]["message"]
    promoted = c.post(f"/api/v1/emergent-themes/{ids[0]}/promote", json={"label": "Transport"}).json()
    assert promoted["status"] == "promoted" and promoted["theme_id"] == "transport"
    assert "transport" in [t["id"] for t in c.get("/api/v1/themes").json()["themes"]]
    listed = [e["id"] for e in c.get("/api/v1/emergent-themes").json()["emergent_themes"]]
    assert listed == [ids[3]]
    assert c.post("/api/v1/emergent-themes/999/rename", json={"label": "x"}).status_code == 404
    audit = Store(settings.db_path).emergent(status=None)
    assert all(r["reviewed_by"].startswith("token:") for r in audit if r["id"] in ids[:3])
