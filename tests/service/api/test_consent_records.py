"""A consent record per submission, over HTTP: the basis, the agreement or consent text that covers the notes
(`consent_reference`) and who recorded it (the signed-in account or token) are kept with every note sent by
POST /notes, /notes/batch and /notes/upload and returned with the stored notes; a record that cannot be right
is refused (400, with a fix) and nothing is stored."""
from engine import jobs
from engine.store import Store

AGREEMENT = {"organisation": "Riverside", "reference": "DSA-2025-014", "parties": "Riverside; Lewisham Council",
             "purpose": "Planning local services", "signed_on": "2025-04-01", "review_on": "2099-04-01"}
NOTE = {"text": "The food bank ran out of vouchers on Friday and she had nothing for the children.",
        "consent_basis": "consent"}


def _count(settings) -> int:
    store = Store(settings.db_path)
    try:
        return len(store.all_note_texts())
    finally:
        store.close()


def test_when_a_note_names_its_agreement_then_the_record_is_kept_and_returned_with_who_sent_it(token_client):
    assert token_client("admin", "Riverside").post("/api/v1/agreements", json=AGREEMENT).status_code == 201
    c = token_client("contributor", "Riverside")
    r = c.post("/api/v1/notes", json={**NOTE, "consent_reference": "dsa-2025-014"})
    assert r.status_code == 200, r.text
    note = c.get(f"/api/v1/notes/{r.json()['note_id']}").json()
    assert note["consent_basis"] == "consent" and note["consent_reference"] == "DSA-2025-014"  # the register's spelling
    assert note["recorded_by"].startswith("token:")
    listed = c.get("/api/v1/notes").json()["notes"]
    assert [(n["consent_reference"], n["recorded_by"]) for n in listed] == [("DSA-2025-014", note["recorded_by"])]
    batch = c.post("/api/v1/notes/batch", json={"notes": [
        {"text": "Rent arrears letter from the council; she is scared of eviction.", "consent_basis": "consent",
         "consent_reference": "Consent form v2"},
        {"text": "Lonely since her husband died; no visitors at all for weeks.", "consent_basis": "public_task"}]})
    assert batch.status_code == 200 and batch.json()["stored"] == 2, batch.text
    kept = {n["text"][:4]: (n["consent_basis"], n["consent_reference"]) for n in c.get("/api/v1/notes").json()["notes"]}
    assert kept["Rent"] == ("consent", "Consent form v2") and kept["Lone"] == ("public_task", None)


def test_when_the_consent_record_cannot_be_right_then_400_with_a_fix_and_nothing_stored(token_client, settings):
    assert token_client("admin", "Riverside").post("/api/v1/agreements", json=AGREEMENT).status_code == 201
    north = token_client("contributor", "Northside")
    for body, where in [({**NOTE, "consent_reference": "DSA-2025-014"}, "consent_reference"),   # Riverside's
                        ({**NOTE, "consent_basis": "not_recorded", "consent_reference": "Form v2"}, "consent_basis"),
                        ({**NOTE, "consent_reference": "Rang her on 07700 900456"}, "consent_reference")]:
        r = north.post("/api/v1/notes", json=body)
        assert r.status_code == 400, r.text
        assert r.json()["error"]["where"] == where and r.json()["error"]["fix"]
    assert _count(settings) == 0


def test_when_a_file_is_uploaded_with_a_reference_then_its_notes_carry_it_and_a_bad_one_is_refused_at_once(
        token_client, settings):
    c = token_client("contributor", "Riverside")
    bad = c.post("/api/v1/notes/upload", files={"file": ("visits.txt", b"No food in the house.", "text/plain")},
                 data={"consent_basis": "not_recorded", "consent_reference": "DSA-1"})
    assert bad.status_code == 400 and bad.json()["error"]["where"] == "consent_basis"
    assert c.get("/api/v1/notes").json()["notes"] == []
    r = c.post("/api/v1/notes/upload", files={"file": ("visits.txt", b"No food in the house at all.", "text/plain")},
               data={"consent_basis": "legitimate_interests", "consent_reference": "DSA-2025-014"})
    assert r.status_code == 202, r.text
    jobs.wait(r.json()["job_id"], timeout=300)
    [note] = c.get("/api/v1/notes").json()["notes"]
    assert note["consent_reference"] == "DSA-2025-014" and note["recorded_by"].startswith("token:")
