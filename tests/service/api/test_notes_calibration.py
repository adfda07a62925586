"""One scorer: a note sent to the API is themed exactly as `insights ingest` would theme it, with the zero-shot
calibration fitted on the stored notes (not the built-in reference state), and the fingerprint recorded."""
from corpora.demo import generate_demo_corpus
from engine.readers import RawNote
from engine.store import Store
from themes.zero_shot import calibrate, zero_shot_assigner

NOTE = "She can't afford the gas and electric this winter and has fallen behind on her energy bills."


def test_when_a_note_is_sent_to_the_api_then_the_stored_calibration_themes_it(pipeline, token_client, settings,
                                                                                embedder):
    corpus = generate_demo_corpus(n_notes=60)
    raw = [RawNote(n["text"], "case_note", n["date"][:7], n["area_code"], where=f"n{i}", position=f"row {i}")
           for i, n in enumerate(corpus.notes)]
    pipeline.ingest(raw, "Riverside")
    store = Store(settings.db_path)
    try:
        version = pipeline.taxonomy_version()
        fitted = store.latest_calibration(version, embedder.id)
        assert fitted is not None and fitted["notes"] >= 50

        for round_ in range(2):                       # the second request reuses the kept assigner
            r = token_client("contributor", "Riverside").post("/api/v1/notes", json={
                "text": NOTE + " Again." * round_, "date": "2025-03"})
            assert r.status_code in (200, 201), r.text
            note_id = r.json()["note_id"]
            assert store.assignment_calibrations([note_id])[note_id] == fitted["fingerprint"]

        # the same themes the CLI's pipeline gives with the stored state
        cli = zero_shot_assigner(settings, pipeline.taxonomy, embedder)
        calibrate(cli, store, version)
        expected = [a.theme_id for a in cli.assign([r.json()["text"]])[0][0]]
        assert sorted(t["theme_id"] for t in r.json()["themes"]) == sorted(expected)
    finally:
        store.close()
