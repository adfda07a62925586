"""Erasure, retention and job retries over HTTP (issue 16), with the real app, real models and real SQLite files:
after an admin erases a note, not one byte of its text is left in the database, its WAL, the audit file or the
view cache; only admins may erase; a job a dead process left running is failed on start-up and can be retried."""
import os
import sqlite3
import subprocess
import sys

from fastapi.testclient import TestClient

from engine.store import Store
from tests.engine.test_erasure import canary_bytes

CANARY = "zanzibarquokka"
TEXT = (f"Visited a family at the food bank today who could not afford the weekly shop; the {CANARY} voucher ran "
        "out and the children skip meals while the parents wait for their benefit payment.")


def _submit(client) -> dict:
    r = client.post("/api/v1/notes", json={"text": TEXT, "source_type": "case_note", "date": "2025-03"})
    assert r.status_code == 200, r.text
    assert r.json()["stored"]
    return r.json()


def test_when_an_admin_erases_a_note_over_http_then_no_byte_is_left_and_the_cache_forgets_it(token_client, settings,
                                                                                               app):
    contributor, admin = token_client("contributor", "Riverside"), token_client("admin", "Riverside")
    note_id = _submit(contributor)["note_id"]
    assert admin.get(f"/api/v1/notes/{note_id}").json()["text"].count(CANARY) == 1   # audited read, cached views
    admin.get("/api/v1/themes")
    assert canary_bytes(settings, CANARY)
    dry = admin.delete(f"/api/v1/notes/{note_id}", params={"dry_run": "true"})
    assert dry.status_code == 200 and dry.json()["erased"] is False and dry.json()["note_ids"] == [note_id]
    refused = admin.delete(f"/api/v1/notes/{note_id}")
    assert refused.status_code == 400 and "why" in refused.json()["error"]["message"]
    r = admin.delete(f"/api/v1/notes/{note_id}", params={"reason": "consent withdrawn"})
    assert r.status_code == 200, r.text
    assert r.json()["erased"] and r.json()["counts"]["notes"] == 1 and r.json()["tombstone_id"]
    app.state.audit_writer.flush()
    assert canary_bytes(settings, CANARY) == {}
    assert not any(CANARY.encode() in v[0] for v in app.state.view_cache._views.values() if isinstance(v, tuple)
                   and isinstance(v[0], bytes))
    assert admin.get(f"/api/v1/notes/{note_id}").status_code == 404
    assert admin.delete(f"/api/v1/notes/{note_id}", params={"reason": "again"}).status_code == 404


def test_when_a_submission_is_erased_then_only_its_own_organisations_admin_may(token_client, settings):
    sub = _submit(token_client("contributor", "Riverside"))
    store = Store(settings.db_path)
    sub_id = store.note(sub["note_id"])["submission_id"]
    store.close()
    for role in ("contributor", "analyst", "facilitator"):
        assert token_client(role, "Riverside").delete(f"/api/v1/submissions/{sub_id}",
                                                      params={"reason": "x"}).status_code == 403
    assert token_client("admin", "Elsewhere").delete(f"/api/v1/submissions/{sub_id}",
                                                     params={"reason": "x"}).status_code == 404
    r = token_client("admin", "Riverside").delete(f"/api/v1/submissions/{sub_id}", params={"reason": "by mistake"})
    assert r.status_code == 200 and r.json()["scope"] == "submission"
    assert canary_bytes(settings, CANARY) == {}


def test_when_the_retention_period_is_set_then_due_lists_and_apply_erases_without_a_trace(token_client, settings):
    from datetime import datetime, timedelta, timezone

    from engine import retention

    admin = token_client("admin", "Riverside")
    note_id = _submit(token_client("contributor", "Riverside"))["note_id"]
    assert admin.put("/api/v1/retention", json={"months": 0}).status_code == 422
    r = admin.put("/api/v1/retention", json={"months": 12})
    assert r.status_code == 200 and r.json() == {"org": "Riverside", "months": 12, "own": True}
    assert admin.get("/api/v1/retention/due", params={"within_days": 30}).json() == []
    due = admin.get("/api/v1/retention/due", params={"within_days": 400}).json()
    assert [d["note_id"] for d in due] == [note_id]
    store = Store(settings.db_path)
    try:
        later = datetime.now(timezone.utc) + timedelta(days=370)
        assert [d["note_id"] for d in retention.due(store, settings, 0, now=later)] == [note_id]
        result = retention.apply(store, settings, settings.audit_db_path, now=later)
    finally:
        store.close()
    assert result["erased"] == 1 and result["by_org"] == {"Riverside": 1}
    assert canary_bytes(settings, CANARY) == {}


def test_when_a_job_was_running_in_a_dead_process_then_start_up_fails_it_and_retry_starts_it_again(
        app, settings, token_client):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    store = Store(settings.db_path)
    org = store.ensure_org("Riverside")
    job_id = store.create_job("refit", 0, owner="admin", org_id=org)
    store.update_job(job_id, status="running", message="Checking every note's themes again: 3 of 9 notes")
    with store.db.conn:
        store.db.conn.execute("UPDATE jobs SET pid = ? WHERE id = ?", (dead.pid, job_id))
    store.close()
    admin = token_client("admin", "Riverside")   # entering the client starts the app (its lifespan)
    job = admin.get(f"/api/v1/jobs/{job_id}").json()
    assert job["status"] == "failed" and "restarted while this job was running" in job["message"]
    assert job["retryable"] is True
    r = admin.post(f"/api/v1/jobs/{job_id}/retry")
    assert r.status_code == 202, r.text
    from engine import jobs

    jobs.wait(r.json()["job_id"], timeout=300)
    again = admin.get(r.json()["status_url"]).json()
    assert again["status"] == "done" and again["retry_of"] == job_id
    assert admin.post(f"/api/v1/jobs/{again['id']}/retry").status_code == 400   # only failed jobs


def test_when_a_job_runs_in_a_live_process_then_start_up_leaves_it_alone(app, settings):
    store = Store(settings.db_path)
    job_id = store.create_job("refit", 0)
    store.update_job(job_id, status="running")
    with store.db.conn:
        store.db.conn.execute("UPDATE jobs SET pid = ? WHERE id = ?", (os.getppid(), job_id))
    store.close()
    with TestClient(app):
        pass
    conn = sqlite3.connect(settings.db_path)
    assert conn.execute("SELECT status FROM jobs WHERE id = ?", (job_id,)).fetchone()[0] == "running"
    conn.close()
