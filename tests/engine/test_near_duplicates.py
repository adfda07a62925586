"""Near-duplicate notes, counted once (engine/near_duplicates.py): a file of 50 demo notes ingested twice, under two
organisations, through the real pipeline (real anonymiser, real MiniLM): all 50 of the second copy are flagged and
every published count (theme list, theme detail, evidence cells, the summary) is what it was after the first."""
import pytest

from engine.demo import load_areas
from engine.near_duplicates import text_similarity
from engine.publish import evidence
from engine.publish.summary import build_summary
from engine.publish.suppression import Policy
from engine.publish.theme_views import theme_detail, theme_list
from engine.readers import RawNote


@pytest.fixture(scope="module")
def corpus():
    from corpora.demo import generate_demo_corpus

    return generate_demo_corpus(n_notes=200)


def _file(corpus, n=50):
    return [RawNote(x["text"], x["source_type"], x["date"][:7], x["area_code"], x["id"], where=x["id"])
            for x in corpus.notes[:n]]


def _published(store, policy):
    themes = theme_list(store, policy)
    cells = evidence.build(store, policy, "ward")
    summary = build_summary(store, policy, level="ward")
    return {
        "themes": [(t["id"], t["notes"], t["organisations"]) for t in themes],
        "detail": [(t["id"], theme_detail(store, policy, t["id"], quotes=0)["notes"]) for t in themes],
        "cells": [(c["area_code"], c["theme"], c["notes"], c["organisations"]) for c in cells],
        "summary": [(r["id"], r["notes"], r["organisations"]) for r in summary["top_themes"]],
        "summary_notes": summary["notes"]["notes"], "summary_organisations": summary["organisations"],
    }


def test_when_a_file_is_ingested_twice_under_two_organisations_then_all_flagged_and_counts_unchanged(
        pipeline, store, settings, corpus):
    load_areas(store, corpus.areas)
    policy = Policy.from_settings(settings)
    first = pipeline.ingest(_file(corpus), "Alpha Advice")
    assert first["stored"] == 50 and first["near_duplicates"] == 0   # 50 different notes: none taken for another
    before = _published(store, policy)
    assert any(n is not None for _, n, _ in before["themes"]), "the test needs some published counts"
    second = pipeline.ingest(_file(corpus), "Beta Befrienders")
    assert second["stored"] == 50 and second["near_duplicates"] == 50
    pairs = store.near_duplicate_pairs(limit=100)
    assert len(pairs) == 50 and {p["note_org"] for p in pairs} == {"Beta Befrienders"}
    assert {p["twin_org"] for p in pairs} == {"Alpha Advice"}
    assert all(p["cosine"] >= settings.near_duplicate_cosine and p["text_similarity"] >= settings.near_duplicate_text
               for p in pairs)
    assert _published(store, policy) == before
    # the organisations count is of counted notes: Beta's notes all repeat Alpha's, so every theme still has one
    assert {o for _, n, o in before["themes"] if n is not None} == {None}   # one organisation: below 10, withheld
    assert all(t["few_organisations"] for t in theme_list(store, policy) if t["notes"] is not None)

    # an analyst says one pair is not a duplicate: that note counts again (raw counts go up by its themes)
    raw = store.theme_note_counts()
    store.set_near_duplicate_status(pairs[0]["id"], "not_duplicate", "analyst@example.org")
    themes_of = {a["theme_id"] for a in store.in_force_assignments([pairs[0]["note_id"]])}
    after = store.theme_note_counts()
    assert all(after[t] == raw.get(t, 0) + 1 for t in themes_of)
    assert store.theme_org_counts_where()[sorted(themes_of)[0]] == 2


def test_when_notes_tell_different_stories_then_none_is_flagged(pipeline, store, corpus):
    report = pipeline.ingest(_file(corpus, 30), "Alpha Advice")
    other = [RawNote(x["text"], x["source_type"], x["date"][:7], x["area_code"], x["id"], where=x["id"])
             for x in corpus.notes[100:130]]
    again = pipeline.ingest(other, "Beta Befrienders")
    assert report["near_duplicates"] == 0 and again["near_duplicates"] == 0
    assert store.near_duplicate_counts() == {}


def test_when_a_note_is_pasted_again_with_a_few_words_changed_then_it_is_still_a_near_duplicate(pipeline, store):
    text = ("Mrs Patel came in again today. The electricity meter ran out on Friday and she has been without "
            "heating all weekend with two small children. We gave her a fuel voucher and referred her to the "
            "energy advice service, and booked a follow-up for next week.")
    pipeline.ingest([RawNote(text, "case_note", "2025-03", None, "a1", where="a1")], "Alpha Advice")
    changed = text.replace("all weekend", "the whole weekend").replace("next week", "next Tuesday")
    report = pipeline.ingest([RawNote(changed, "case_note", "2025-03", None, "b1", where="b1")], "Alpha Advice")
    assert report["near_duplicates"] == 1
    [pair] = store.near_duplicate_pairs()
    assert pair["note_org_id"] == pair["twin_org_id"] and pair["text_similarity"] < 1.0


def test_when_earlier_notes_were_stored_without_note_vectors_then_they_get_theirs_and_a_repeat_is_caught(
        pipeline, store, corpus):
    from themes.note_vectors import note_vector_id

    # stored straight through the store, as a database made before note vectors existed holds them
    ready, _ = pipeline.anonymise(_file(corpus, 20))
    old = store.add_submission(store.ensure_org("Alpha Advice"), ready, "cli", "legitimate_interests")
    vector_id = note_vector_id(pipeline.embedder)
    assert len(store.notes_without_vector(vector_id, 10 ** 9, 1000)) == 20
    report = pipeline.ingest(_file(corpus, 20)[:5], "Beta Befrienders")
    assert report["near_duplicates"] == 5
    assert store.notes_without_vector(vector_id, min(report["note_ids"]), 1000) == []   # filled in, once
    assert {p["twin_id"] for p in store.near_duplicate_pairs()} <= set(old["note_ids"])


def test_text_similarity_is_shingle_jaccard():
    a = "the rent went up again and she cannot pay it this month"
    assert text_similarity(a, a) == 1.0
    assert text_similarity(a, "completely different words about a broken boiler in the flat") == 0.0
    assert 0.3 < text_similarity(a, a.replace("this month", "at all")) < 1.0
    assert text_similarity("", a) == 0.0
