"""POST /api/v1/notes/upload and GET /api/v1/jobs/{id}, over HTTP with real tokens, the real anonymiser and the
real background job: a file of notes is read at once, answered 202 with a status URL, anonymised and stored by
the job; a file we cannot read is a 400 that says why, and nothing is stored; other organisations' jobs are 404."""
from engine import jobs
from engine.store import Store

NOTES = ("Visited Mrs Amira Khan at 14 Elm Road, SE13 6QT. She has no food in the house.\n---\n"
         "Lonely since her husband died; no visitors at all for weeks.\n")


def _stored(settings) -> tuple[list[str], list[dict]]:
    store = Store(settings.db_path)
    try:
        return store.all_note_texts(), store.jobs()
    finally:
        store.close()


def test_when_a_file_is_uploaded_then_202_and_the_job_stores_the_anonymised_notes(token_client, settings):
    c = token_client("contributor", "Riverside")
    r = c.post("/api/v1/notes/upload", files={"file": ("visits.txt", NOTES.encode(), "text/plain")},
               data={"source_type": "case_note", "consent_basis": "consent"})
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["notes"] == 2 and body["read_errors"] == []
    assert body["status_url"] == f"/api/v1/jobs/{body['job_id']}" == r.headers["location"]
    jobs.wait(body["job_id"], timeout=300)
    status = c.get(body["status_url"]).json()
    assert status["status"] == "done" and status["percent"] == 100, status
    assert status["result"]["stored"] == 2 and len(status["result"]["note_ids"]) == 2
    texts, _ = _stored(settings)
    assert len(texts) == 2 and not any("Khan" in t or "Elm Road" in t or "SE13 6QT" in t for t in texts)
    mine = c.get("/api/v1/notes").json()["notes"]
    assert sorted(n["id"] for n in mine) == sorted(status["result"]["note_ids"])


def test_when_a_csv_is_uploaded_then_its_rows_become_notes(token_client, settings):
    c = token_client("contributor", "Riverside")
    csv_text = "text,date\nThe food bank ran out of vouchers on Friday.,2025-03-02\n,2025-03-03\n" \
               "Rent arrears letter from the council; she is scared of eviction.,2025-03-04\n"
    r = c.post("/api/v1/notes/upload", files={"file": ("notes.csv", csv_text.encode(), "text/csv")})
    assert r.status_code == 202, r.text
    assert r.json()["notes"] == 2 and len(r.json()["read_errors"]) == 1      # the empty row, by number
    jobs.wait(r.json()["job_id"], timeout=300)
    assert c.get(r.json()["status_url"]).json()["result"]["stored"] == 2


def test_when_the_file_is_binary_or_not_utf8_then_400_says_why_and_nothing_is_stored(token_client, settings):
    c = token_client("contributor", "Riverside")
    binary = c.post("/api/v1/notes/upload", files={"file": ("notes.txt", b"\x00\x01\x02PK\x00" * 50, "text/plain")})
    assert binary.status_code == 400 and "binary" in binary.json()["error"]["message"]
    latin_bytes = "Café visit: no heating, £40 a week.".encode("latin-1")
    latin = c.post("/api/v1/notes/upload", files={"file": ("notes.txt", latin_bytes, "text/plain")})
    assert latin.status_code == 400
    assert "UTF-8" in latin.json()["error"]["message"] and latin.json()["error"]["fix"]
    empty = c.post("/api/v1/notes/upload", files={"file": ("notes.csv", b"text\n\n", "text/csv")})
    assert empty.status_code == 400 and "no notes" in empty.json()["error"]["message"]
    pdf = c.post("/api/v1/notes/upload", files={"file": ("notes.pdf", b"%PDF-1.4", "application/pdf")})
    assert pdf.status_code == 415
    texts, started = _stored(settings)
    assert texts == [] and started == []                                      # no note, no job


def test_when_others_ask_for_the_job_then_404_or_403_and_only_contributors_upload(token_client, settings):
    c = token_client("contributor", "Riverside")
    r = c.post("/api/v1/notes/upload", files={"file": ("visit.txt", b"No food at home again this week.", "text/plain")})
    assert r.status_code == 202, r.text
    url = r.json()["status_url"]
    jobs.wait(r.json()["job_id"], timeout=300)
    assert token_client("contributor", "Hilltop").get(url).status_code == 404
    assert token_client("admin", "Hilltop").get(url).status_code == 404
    assert token_client("analyst", None).get(url).status_code == 403
    assert c.get("/api/v1/jobs/0123abcd").status_code == 404
    refused = token_client("analyst", None).post("/api/v1/notes/upload",
                                                 files={"file": ("v.txt", b"A note.", "text/plain")})
    assert refused.status_code == 403
    assert token_client("admin", None).post("/api/v1/notes/upload",
                                            files={"file": ("v.txt", b"A note.", "text/plain")}).status_code == 403


def test_when_the_upload_is_over_the_limit_then_413(token_client, settings):
    c = token_client("contributor", "Riverside")
    big = b"x" * (settings.max_upload_bytes + 1)
    r = c.post("/api/v1/notes/upload", files={"file": ("big.txt", big, "text/plain")})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    assert _stored(settings) == ([], [])


# ---- limits (security review, issue 20) ---------------------------------------------------------------------
def _notes(n: int) -> bytes:
    return "\n---\n".join(f"Visit {i}: the food bank ran out of parcels, no food." for i in range(n)).encode()


def test_when_a_file_is_exactly_the_upload_limit_then_accepted_and_one_byte_more_refused(token_client, settings):
    c = token_client("contributor", "Riverside")
    note = b"The food bank ran out of food parcels on Friday.\n"
    exactly = note + b"\n" * (settings.max_upload_bytes - len(note))
    r = c.post("/api/v1/notes/upload", files={"file": ("notes.txt", exactly, "text/plain")})
    assert r.status_code == 202, r.text[:300]
    jobs.wait(r.json()["job_id"], timeout=300)
    over = c.post("/api/v1/notes/upload", files={"file": ("notes.txt", exactly + b"\n", "text/plain")})
    assert over.status_code == 413 and over.json()["error"]["code"] == "too_large"


def test_when_a_file_holds_more_notes_than_one_upload_may_then_413_with_a_fix(app, token_client, settings):
    app.state.settings = settings.with_overrides(max_notes_per_upload=3, max_notes_per_org_per_day=10)
    r = token_client("contributor", "Riverside").post("/api/v1/notes/upload",
                                                      files={"file": ("notes.txt", _notes(4), "text/plain")})
    assert r.status_code == 413, r.text
    error = r.json()["error"]
    assert "4 notes" in error["message"] and "at most 3" in error["message"] and "3 notes or fewer" in error["fix"]
    assert _stored(settings) == ([], [])


def test_when_an_organisation_passes_its_notes_per_day_then_429_until_midnight(app, token_client, settings):
    app.state.settings = settings.with_overrides(max_notes_per_upload=3, max_notes_per_org_per_day=4)
    c = token_client("contributor", "Riverside")
    first = c.post("/api/v1/notes/upload", files={"file": ("a.txt", _notes(3), "text/plain")})
    assert first.status_code == 202, first.text
    jobs.wait(first.json()["job_id"], timeout=300)
    second = c.post("/api/v1/notes/upload", files={"file": ("b.txt", _notes(2), "text/plain")})
    assert second.status_code == 429, second.text
    assert 0 < int(second.headers["retry-after"]) <= 86400
    error = second.json()["error"]
    assert "sent 3 notes today" in error["message"] and "1 left" in error["message"]
    assert "INSIGHTS_MAX_NOTES_PER_ORG_PER_DAY" in error["fix"]
    other = token_client("contributor", "Hilltop").post("/api/v1/notes/upload",
                                                        files={"file": ("c.txt", _notes(2), "text/plain")})
    assert other.status_code == 202                       # the quota is per organisation
    jobs.wait(other.json()["job_id"], timeout=300)
    texts, started = _stored(settings)
    assert len(texts) == 5 and len(started) == 2


def test_when_an_organisation_passes_its_notes_per_day_by_batch_then_429_and_nothing_more_stored(app, token_client,
                                                                                                   settings):
    app.state.settings = settings.with_overrides(max_notes_per_upload=2, max_notes_per_org_per_day=2)
    c = token_client("contributor", "Riverside")
    notes = [{"text": f"Visited the food bank on Tuesday, visit {i}."} for i in range(3)]
    r = c.post("/api/v1/notes/batch", json={"notes": notes})
    assert r.status_code == 413 or r.status_code == 429, r.text
    assert r.json()["error"]["fix"]
    ok = c.post("/api/v1/notes/batch", json={"notes": notes[:2]})
    assert ok.status_code == 200 and ok.json()["stored"] == 2
    again = c.post("/api/v1/notes/batch", json={"notes": notes[2:]})
    assert again.status_code == 429 and "INSIGHTS_MAX_NOTES_PER_ORG_PER_DAY" in again.json()["error"]["fix"]
    assert len(_stored(settings)[0]) == 2
