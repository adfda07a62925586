"""Reads of note text as quotes (theme detail, GET /themes/{id}/quotes) are audited: who, when, which route,
which notes. The rows go to the audit file beside the database, so the cached views are still served from the
cache after them (the main database's data_version does not move); note ids never reach the response."""
import re

import pytest
from fastapi.testclient import TestClient

from engine.core.settings import audit_path_for
from engine.demo import load_areas
from engine.store import NewNote, Store
from service.auth import create_token


@pytest.fixture
def quoted(settings, app):
    """12 food-poverty notes in one ward (a visible cell, so quotes are shown); returns their ids."""
    store = Store(settings.db_path)
    load_areas(store, [{"code": "E05000442", "name": "Downham", "level": "ward"}])
    org = store.ensure_org("Riverside")
    texts = ["no food at home", "the food bank voucher ran out", "skipping meals so the children can eat",
             "asked for a food parcel", "cupboards empty by Thursday", "cannot afford the weekly shop"]
    notes = [NewNote(text=f"{texts[i % 6]}, visit {i}", content_hash=f"q{i}", dedupe_key=f"q{i}",
                     source_type="case_note", date="2025-03", month="2025-03", area_code="E05000442",
                     area_how="code", age_band=None, external_id=None, redactions=[]) for i in range(12)]
    ids = store.add_submission(org, notes, "test", "consent")["note_ids"]
    version = store.latest_taxonomy_version()
    store.put_note_assignments(ids, [{"note_id": i, "theme_id": "food_poverty", "score": 0.6, "method": "zero_shot",
                                      "taxonomy_version": version} for i in ids], version)
    store.close()
    return ids


@pytest.fixture
def analyst(app, settings):
    """An analyst's API client and the label the audit log knows its token by."""
    store = Store(settings.db_path)
    token_id, token = create_token(store, "analyst", None, "audited analyst")
    store.close()
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as client:
        yield client, f"token:{token_id}"


def _rows(app, settings) -> list[dict]:
    app.state.audit_writer.flush()
    store = Store(settings.db_path)
    try:
        return store.audit_rows()
    finally:
        store.close()


def test_when_analyst_reads_theme_detail_then_an_audit_row_names_them_and_the_quoted_notes(analyst, app, settings,
                                                                                          quoted):
    client, label = analyst
    r = client.get("/api/v1/themes/food_poverty")
    assert r.status_code == 200, r.text
    quotes = r.json()["quotes"]
    assert quotes and all(set(q) == {"text", "month", "area_code"} for q in quotes)   # no note ids sent
    [row] = _rows(app, settings)
    assert row["route"] == "GET /api/v1/themes/food_poverty" and row["principal"] == label
    assert row["org_id"] is None and re.match(r"\d{4}-\d\d-\d\dT", row["at"])
    assert len(row["note_ids"]) == len(quotes) and set(row["note_ids"]) <= set(quoted)


def test_when_audit_rows_are_written_then_the_cached_view_is_still_served_from_the_cache(analyst, app, settings,
                                                                                         quoted):
    client, label = analyst
    cache = app.state.view_cache
    first = client.get("/api/v1/themes/food_poverty").json()
    app.state.audit_writer.flush()                     # the first read's audit row is committed
    stamp, hits, misses = cache.stamp(), cache.hits, cache.misses
    for _ in range(3):
        assert client.get("/api/v1/themes/food_poverty").json() == first
    rows = _rows(app, settings)
    assert len(rows) == 4 and {r["principal"] for r in rows} == {label}       # every read audited, hit or not
    assert cache.stamp() == stamp                      # the audit writes did not touch the main database
    assert cache.hits == hits + 3 and cache.misses == misses
    assert audit_path_for(settings.db_path).exists()
    assert "audit_log" not in Store(settings.db_path).db.table_names()


def test_when_quotes_route_read_then_the_notes_served_are_audited(analyst, app, settings, quoted):
    client, label = analyst
    quotes = client.get("/api/v1/themes/food_poverty/quotes", params={"n": 2}).json()["quotes"]
    assert len(quotes) == 2 and all("note_id" not in q for q in quotes)
    assert client.get("/api/v1/themes/food_poverty/quotes", params={"area": "E05000447"}).json()["quotes"] == []
    [row] = _rows(app, settings)                       # nothing served, nothing logged for the second call
    assert row["route"] == "GET /api/v1/themes/food_poverty/quotes" and row["principal"] == label
    assert len(row["note_ids"]) == 2 and set(row["note_ids"]) <= set(quoted)


def test_when_app_shuts_down_then_queued_audit_rows_are_committed(app, settings, quoted):
    store = Store(settings.db_path)
    _, token = create_token(store, "facilitator", None, "shutdown check")
    store.close()
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as client:
        assert client.get("/api/v1/themes/food_poverty").status_code == 200
    store = Store(settings.db_path)                    # no flush: the app's shutdown committed them
    assert [r["route"] for r in store.audit_rows()] == ["GET /api/v1/themes/food_poverty"]
    store.close()


def test_when_contributor_reads_notes_and_analyst_reads_quotes_then_one_log_holds_both(token_client, analyst, app,
                                                                                       settings, quoted):
    client, label = analyst
    token_client("contributor", "Riverside").get("/api/v1/notes", params={"limit": 2})
    client.get("/api/v1/themes/food_poverty/quotes", params={"n": 1})
    rows = _rows(app, settings)
    assert [r["route"] for r in rows] == ["GET /api/v1/notes", "GET /api/v1/themes/food_poverty/quotes"]
    assert rows[0]["note_ids"] == quoted[:2] and rows[0]["org_id"] is not None
    store = Store(settings.db_path)
    assert [r["route"] for r in store.audit_rows(org_id=rows[0]["org_id"])] == ["GET /api/v1/notes"]
    store.close()


def test_when_quotes_are_read_on_the_theme_page_and_in_a_report_then_those_reads_are_audited(
        signed_in_client, token_client, app, settings, quoted):
    page = signed_in_client("analyst", None).get("/themes/food_poverty")
    assert page.status_code == 200 and "visit" in page.text                    # quotes are on the page
    report = token_client("facilitator", None).get("/api/v1/reports/summary", params={"format": "md"})
    assert report.status_code == 200 and "visit" in report.text
    rows = _rows(app, settings)
    assert [r["route"] for r in rows] == ["GET /themes/food_poverty", "GET /api/v1/reports/summary"]
    assert re.fullmatch(r"user:analyst\d+@example\.org", rows[0]["principal"])
    assert re.fullmatch(r"token:\d+", rows[1]["principal"])
    assert all(r["note_ids"] and set(r["note_ids"]) <= set(quoted) for r in rows)
    assert not any("note_id" in text for text in (page.text, report.text))


def test_when_emergent_candidates_are_read_then_the_notes_their_quotes_came_from_are_audited(
        analyst, signed_in_client, app, settings):
    client, label = analyst
    store = Store(settings.db_path)
    store.replace_emergent("run", [
        {"label": "bus / route", "keywords": ["bus"], "size": 12, "note_ids": list(range(1, 13)),
         "quotes": ["The bus was cut.", "No bus on Sunday."], "quote_note_ids": [3, 7]},
        {"label": "old candidate", "keywords": ["lift"], "size": 12, "note_ids": list(range(20, 32)),
         "quotes": ["A lift to the GP."]}])                           # proposed before quote ids were kept
    store.close()
    body = client.get("/api/v1/emergent-themes").json()
    assert [len(c["quotes"]) for c in body["emergent_themes"]] == [2, 1]
    assert all("quote_note_ids" not in c for c in body["emergent_themes"])   # ids are never sent
    page = signed_in_client("analyst", None).get("/themes")
    assert page.status_code == 200 and "No bus on Sunday." in page.text and "quote_note_ids" not in page.text
    rows = _rows(app, settings)
    assert [r["route"] for r in rows] == ["GET /api/v1/emergent-themes", "GET /themes"]
    assert rows[0]["principal"] == label
    # the new candidate names the two quoted notes; the old one, not knowing which, names all of its notes
    assert rows[0]["note_ids"] == rows[1]["note_ids"] == [3, 7, *range(20, 32)]


def test_when_candidates_with_known_quote_notes_merge_then_each_kept_quote_keeps_its_note(settings):
    from themes.review import merge

    store = Store(settings.db_path)
    store.replace_emergent("run", [
        {"label": "a", "keywords": ["bus"], "size": 12, "note_ids": list(range(1, 13)), "quotes": ["q1", "q2"],
         "quote_note_ids": [1, 2]},
        {"label": "b", "keywords": ["lift"], "size": 12, "note_ids": list(range(20, 32)), "quotes": ["q3", "q1"],
         "quote_note_ids": [20, 21]}])
    keep, other = sorted(c["id"] for c in store.emergent())
    merged = merge(store, keep, other, "tester")
    assert merged["quotes"] == ["q1", "q2", "q3"] and merged["quote_note_ids"] == [1, 2, 20]
    store.close()
