"""The share (/submit) and upload pages' optional "Project" choice, through the real app with a browser's signed-in
session and CSRF field: only the open projects the worker's organisation is a member of are offered (none: no
choice shown); a note sent with one is tagged to it; a project not the organisation's is refused on the page and
nothing is stored."""
from __future__ import annotations

import re

import pytest

from engine import jobs
from engine import projects as lib
from engine.store import Store

NOTE = "The bus to the warm space stops at 4pm, so she stays at home in the cold."
FILE = b"Lonely since her husband died; no visitors for weeks.\n---\nNo heating since March; damp in every room.\n"


def _browser(signed_in_client, org: str):
    c = signed_in_client("contributor", org)
    token = c.headers.pop("X-CSRF-Token")   # a browser form sends the token as a field, not a header
    c.form = lambda data: {**data, "csrf_token": token}
    return c


@pytest.fixture
def world(signed_in_client, settings):
    """(Riverside's browser, Lee Green's browser, {name: id}): Riverside is in "Warm spaces" (open) and "Done"
    (closed) and "Later" (interpreting); Lee Green is in "Other" only."""
    riverside, lee = _browser(signed_in_client, "Riverside"), _browser(signed_in_client, "Lee Green Pantry")
    store = Store(settings.db_path)
    try:
        ids = {name: lib.create(store, name, "Why?", None, [], orgs, [], "test")["id"] for name, orgs in
               [("Warm spaces", ["Riverside"]), ("Done", ["Riverside"]), ("Later", ["Riverside"]),
                ("Other", ["Lee Green Pantry"])]}
        lib.set_status(store, ids["Done"], "closed")
        lib.set_status(store, ids["Later"], "interpreting")
    finally:
        store.close()
    return riverside, lee, ids


def _offered(html: str) -> list[str]:
    select = re.search(r'<select id="project_id" name="project_id"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1)) if select else []


@pytest.mark.parametrize("path, label", [("/submit", "Add this note to a project (optional)"),
                                         ("/upload", "Add these notes to a project (optional)")])
def test_when_the_pages_open_then_only_the_organisations_open_projects_are_offered(world, path, label):
    riverside, lee, _ = world
    page = riverside.get(path).text
    assert f'<label for="project_id">{label}</label>' in page
    assert _offered(page) == ["No project", "Warm spaces"]
    assert _offered(lee.get(path).text) == ["No project", "Other"]


def test_when_the_organisation_is_in_no_open_project_then_no_choice_is_shown(signed_in_client):
    page = _browser(signed_in_client, "Nobody's Group").get("/submit").text
    assert 'name="project_id"' not in page and "Add this note to a project" not in page


def test_when_a_note_is_sent_with_a_project_then_it_is_tagged_and_the_page_says_so(world, settings):
    riverside, _, ids = world
    r = riverside.post("/submit", data=riverside.form({"text": NOTE, "action": "preview",
                                                       "project_id": str(ids["Warm spaces"])}))
    assert r.status_code == 200 and re.search(r'<option value="%d" selected>' % ids["Warm spaces"], r.text)
    sent = riverside.post("/submit", data=riverside.form({"text": NOTE, "action": "submit",
                                                          "project_id": str(ids["Warm spaces"])}))
    assert sent.status_code == 200 and 'id="project-tagged"' in sent.text and "Warm spaces" in sent.text
    store = Store(settings.db_path)
    try:
        assert len(store.project_note_ids(ids["Warm spaces"])) == 1 == store.count_notes()
    finally:
        store.close()


@pytest.mark.parametrize("which, status", [("Other", 404), ("Done", 400), ("nonsense", 400)])
def test_when_the_chosen_project_is_not_the_organisations_then_the_page_says_so_and_nothing_is_stored(
        world, settings, which, status):
    riverside, _, ids = world
    value = str(ids.get(which, "12abc"))
    sent = riverside.post("/submit", data=riverside.form({"text": NOTE, "action": "submit", "project_id": value}))
    assert sent.status_code == status and '<a href="#project_id">' in sent.text
    assert "Choose one of the projects in the list" in sent.text
    upload = riverside.post("/upload", data=riverside.form({"project_id": value}),
                            files={"file": ("n.txt", FILE, "text/plain")}, follow_redirects=False)
    assert upload.status_code == status and '<a href="#project_id">' in upload.text
    store = Store(settings.db_path)
    try:
        assert store.count_notes() == 0 and store.jobs() == []
    finally:
        store.close()


def test_when_a_file_is_uploaded_with_a_project_then_the_job_tags_its_notes(world, settings):
    riverside, _, ids = world
    r = riverside.post("/upload", data=riverside.form({"project_id": str(ids["Warm spaces"])}),
                       files={"file": ("n.txt", FILE, "text/plain")}, follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    job_url = r.headers["location"].split("?")[0]
    jobs.wait(job_url.split("/jobs/")[1], timeout=300)
    page = riverside.get(job_url).text
    assert 'id="job-project"' in page and "<strong>2</strong>" in page
    store = Store(settings.db_path)
    try:
        assert len(store.project_note_ids(ids["Warm spaces"])) == 2 == store.count_notes()
    finally:
        store.close()
