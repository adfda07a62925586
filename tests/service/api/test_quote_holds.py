"""Quote safety over HTTP: a note with a hamlet, an age band and an unusual event, ingested through the real pipeline
(real anonymiser, MiniLM, theme assignment) into a real SQLite database, is never quoted by the theme routes, the
evidence route or the Markdown and HTML summaries until an analyst approves it; then it is. Only analysts,
facilitators and admins may review held quotes."""
from __future__ import annotations

import pytest

from engine.core.settings import Settings
from engine.demo import load_areas
from engine.readers import RawNote
from engine.store import Store

BACKENDS = ("sqlite", "postgresql")   # each test here runs on both (tests/conftest.py)


WARD = "E05000442"
PLANTED = ("Mrs Ada Pennyworth lives in the hamlet of Nether Wallop, in her 80s, and lost everything in a house "
           "fire; now she often goes hungry and relies on emergency food parcels.")
# Visits told alike: the views never quote two near-identical notes, so once it is approved the planted quote is
# among the few shown everywhere (the summary shows 4 a theme).
ORDINARY = ([f"Visit {i}: she has been skipping meals so the children can eat, and the food bank voucher ran out."
             for i in range(5)]
            + [f"Call {i}: after the fire they were placed in temporary accommodation, a hostel room, with nowhere "
               "to cook." for i in range(4)])


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Cells of 5 notes are shown, so a handful of notes make a visible cell. The ordinary notes are one visit told
    five times with only its number changed: near-duplicates, which would be counted once (engine/near_duplicates.py),
    so this test of quote safety turns that check off (no two texts can overlap more than completely)."""
    return Settings(db_path=tmp_path / "insights.db", password_scrypt_n=2 ** 12, suppression_threshold=5,
                    sensitive_suppression_threshold=5, near_duplicate_text=1.01)


@pytest.fixture
def planted(app, settings, anonymiser, embedder):
    """The notes ingested through the real pipeline; returns (theme id of the planted note, the words of its
    anonymised quote that must never be shown before approval)."""
    from engine.pipeline import Pipeline

    anonymiser.analyzer          # loaded before the first note, so loading never counts against its time limit
    store = Store(settings.db_path)
    try:
        load_areas(store, [{"code": WARD, "name": "Downham", "level": "ward"}])
        raw = [RawNote(t, "case_note", "2025-03", WARD, f"n{i}") for i, t in enumerate(ORDINARY + [PLANTED])]
        report = Pipeline(settings, store, anonymiser=anonymiser, embedder=embedder).ingest(raw, "Riverside")
        assert report["stored"] == len(raw), report
        note_id = report["note_ids"][-1]
        text = store.note(note_id)["text"]
        assert "Pennyworth" not in text and "hamlet" in text and "house fire" in text
        counts = store.theme_note_counts()
        themes = [t["theme_id"] for t in store.note(note_id)["themes"]
                  if t["theme_id"] and counts[t["theme_id"]] >= settings.suppression_threshold]
        assert themes, "the planted note joined no theme with a cell big enough to show"
    finally:
        store.close()
    return themes[0], "hamlet of"


def _quoted(client, theme_id: str) -> str:
    """Everything the quote-producing routes send, as one text."""
    parts = [client.get(f"/api/v1/themes/{theme_id}/quotes", params={"n": 10}).text,
             client.get(f"/api/v1/themes/{theme_id}").text,
             client.get("/api/v1/evidence", params={"level": "ward"}).text]
    for fmt in ("md", "html"):
        r = client.get("/api/v1/reports/summary", params={"format": fmt, "level": "ward"})
        assert r.status_code == 200, r.text
        parts.append(r.text)
    return "\n".join(parts)


def test_when_a_planted_rare_combination_is_ingested_then_it_is_shown_only_after_an_analyst_approves_it(
        planted, token_client):
    theme_id, words = planted
    admin, analyst = token_client("admin", None), token_client("analyst", None)
    quotes = analyst.get(f"/api/v1/themes/{theme_id}/quotes", params={"n": 10}).json()
    assert quotes["quotes"], "the cell should be visible, with the ordinary quotes shown"
    assert quotes["held_back"] is None and quotes["held_back_label"].startswith("Fewer than 5 quotes are held back")
    before = _quoted(admin, theme_id)
    assert words not in before and "Nether Wallop" not in before
    assert "quotes are held back for review" in before          # the summaries say so too

    listed = analyst.get("/api/v1/quote-holds").json()
    assert listed["threshold"] == 2.0
    [hold] = [h for h in listed["holds"] if words in h["quote_text"]]
    assert {r["kind"] for r in hold["reasons"]} >= {"small_place", "age", "rare_event"}
    assert "note_id" not in hold

    r = analyst.post(f"/api/v1/quote-holds/{hold['id']}/approve")
    assert r.status_code == 200 and r.json()["status"] == "approved" and r.json()["decided_by"]
    after = _quoted(admin, theme_id)
    assert after.count(words) >= 4          # theme quotes, theme detail, and the summaries (Markdown, HTML)
    assert words in analyst.get(f"/api/v1/themes/{theme_id}/quotes", params={"n": 10}).text
    assert analyst.get("/api/v1/quote-holds").json()["holds"] == []


def test_when_a_contributor_asks_for_held_quotes_then_it_is_refused(planted, token_client):
    contributor = token_client("contributor", "Riverside")
    assert contributor.get("/api/v1/quote-holds").status_code == 403
    assert contributor.post("/api/v1/quote-holds/1/approve").status_code == 403
    assert contributor.post("/api/v1/quote-holds/1/trim", json={"text": "a house fire"}).status_code == 403


def test_when_an_analyst_trims_a_held_quote_then_the_trim_is_anonymised_checked_and_shown(planted, token_client):
    theme_id, words = planted
    analyst = token_client("analyst", None)
    [hold] = [h for h in analyst.get("/api/v1/quote-holds").json()["holds"] if words in h["quote_text"]]
    still = analyst.post(f"/api/v1/quote-holds/{hold['id']}/trim", json={"text": hold["quote_text"]})
    assert still.status_code == 400 and "still holds" in still.json()["error"]["message"]
    r = analyst.post(f"/api/v1/quote-holds/{hold['id']}/trim",
                     json={"text": "She lives in [a village] and lost everything in a house fire."})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "trimmed"
    shown = analyst.get(f"/api/v1/themes/{theme_id}/quotes", params={"n": 10}).text
    assert r.json()["trimmed_text"] in shown and words not in shown
    assert analyst.post("/api/v1/quote-holds/999999/approve").status_code == 404
