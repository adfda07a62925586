"""Sharing notes straight into a community insights project, over HTTP with real tokens, the real anonymiser and
the real background job: `project_id` on POST /api/v1/notes and POST /api/v1/notes/upload tags the stored notes to
the project; an organisation that is not a member (404) or a closed project (400) is refused with a fix before
anything is stored, and no job is started."""
from __future__ import annotations

import pytest

from engine import jobs
from engine import projects as lib
from engine.store import Store

NOTE = "Visited Mrs Amira Khan at 14 Elm Road. The bus to the warm space stops at 4pm, so she stays in the cold."
FILE = ("Lonely since her husband died; no visitors at all for weeks.\n---\n"
        "The food bank ran out of vouchers on Friday and the family went without.\n")


@pytest.fixture
def callers(token_client, settings):
    """(member contributor, outsider contributor, open project id, closed project id)."""
    member, outsider = token_client("contributor", "Riverside"), token_client("contributor", "Lee Green Pantry")
    store = Store(settings.db_path)
    try:
        open_id = lib.create(store, "Warm spaces", "Why are the warm spaces empty?", None, [], ["Riverside"], [],
                             "test")["id"]
        closed_id = lib.create(store, "Done", "Why?", None, [], ["Riverside"], [], "test")["id"]
        lib.set_status(store, closed_id, "closed")
    finally:
        store.close()
    return member, outsider, open_id, closed_id


def _state(settings, project_id: int) -> tuple[int, list[int], int]:
    """(notes stored, note ids tagged to the project, jobs started)."""
    store = Store(settings.db_path)
    try:
        return len(store.all_note_texts()), sorted(store.project_note_ids(project_id)), len(store.jobs())
    finally:
        store.close()


def test_when_a_member_shares_a_note_with_a_project_id_then_it_is_stored_and_tagged(callers, settings):
    member, _, pid, _ = callers
    r = member.post("/api/v1/notes", json={"text": NOTE, "project_id": pid})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["stored"] and body["project_id"] == pid
    assert _state(settings, pid)[1] == [body["note_id"]]
    assert member.get("/api/v1/projects").json()["projects"][0]["notes"] == 1
    plain = member.post("/api/v1/notes", json={"text": "Another visit: no heating since March, damp in every room."})
    assert plain.status_code == 200 and plain.json()["project_id"] is None
    assert _state(settings, pid)[1] == [body["note_id"]]          # a note sent without project_id stays untagged


@pytest.mark.parametrize("who, which, status, words", [
    ("outsider", "open", 404, "takes part in no project"), ("member", "closed", 400, "closed"),
    ("member", "missing", 404, "takes part in no project")])
def test_when_the_project_is_not_the_callers_to_share_into_then_refused_and_nothing_is_stored(
        callers, settings, who, which, status, words):
    member, outsider, open_id, closed_id = callers
    pid = {"open": open_id, "closed": closed_id, "missing": 999_999}[which]
    client = member if who == "member" else outsider
    r = client.post("/api/v1/notes", json={"text": NOTE, "project_id": pid})
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert words in error["message"] and "project_id" in error["fix"]
    assert _state(settings, open_id) == (0, [], 0)


def test_when_project_id_is_out_of_range_then_422_names_it(callers):
    member = callers[0]
    r = member.post("/api/v1/notes", json={"text": NOTE, "project_id": 0})
    assert r.status_code in (400, 422) and "project_id" in r.text


def test_when_a_member_uploads_with_a_project_id_then_the_job_tags_every_stored_note(callers, settings):
    member, _, pid, _ = callers
    r = member.post("/api/v1/notes/upload", files={"file": ("visits.txt", FILE.encode(), "text/plain")},
                    data={"project_id": str(pid)})
    assert r.status_code == 202, r.text
    jobs.wait(r.json()["job_id"], timeout=300)
    status = member.get(r.json()["status_url"]).json()
    assert status["status"] == "done", status
    result = status["result"]
    assert result["stored"] == 2 and result["project_id"] == pid and result["tagged"] == 2
    assert _state(settings, pid)[1] == sorted(result["note_ids"])


@pytest.mark.parametrize("who, which, status", [("outsider", "open", 404), ("member", "closed", 400)])
def test_when_an_upload_names_a_project_not_the_callers_then_refused_before_the_file_is_read(
        callers, settings, who, which, status):
    member, outsider, open_id, closed_id = callers
    client = member if who == "member" else outsider
    r = client.post("/api/v1/notes/upload", files={"file": ("visits.txt", FILE.encode(), "text/plain")},
                    data={"project_id": str(open_id if which == "open" else closed_id)})
    assert r.status_code == status, r.text
    assert r.json()["error"]["fix"]
    assert _state(settings, open_id) == (0, [], 0)
