"""The /upload page served by uvicorn on a loopback port (real app, real HTTP, real SQLite, the session's real
anonymiser): a hostile file is refused at once with a plain error, and while a file is read the server keeps
answering other requests (reading runs in a worker thread, not on the event loop)."""
from __future__ import annotations

import threading
import time

import httpx
import pytest

from corpora.docx_bombs import zip_bomb
from engine.store import Store
from tests.service.conftest import served_in_thread

PASSWORD = "a long upload-page password"


@pytest.fixture
def live(app, settings):
    """(base URL, settings) of the real app under uvicorn, with a contributor of Riverside."""
    from service.auth import create_user

    store = Store(settings.db_path)
    try:
        create_user(store, "contributor@example.org", "contributor", "Riverside", PASSWORD)
    finally:
        store.close()
    with served_in_thread(app, timeout=30) as base:
        yield base, settings


def _signed_in(base: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=base, timeout=60)
    client.get("/login")
    token = client.cookies["ci_csrf"]
    r = client.post("/login", data={"email": "contributor@example.org", "password": PASSWORD, "csrf_token": token,
                                    "next": "/"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return client, client.cookies["ci_csrf"]


def test_when_a_docx_zip_bomb_is_uploaded_on_the_page_then_refused_at_once_and_the_server_keeps_answering(live):
    base, settings = live
    client, token = _signed_in(base)
    bomb = zip_bomb(100)
    answer: dict = {}

    def upload():
        started = time.monotonic()
        answer["r"] = client.post("/upload", data={"source_type": "case_note", "consent_basis": "consent",
                                                   "csrf_token": token},
                                  files={"file": ("notes.docx", bomb, "application/octet-stream")},
                                  follow_redirects=False)
        answer["seconds"] = time.monotonic() - started

    uploading = threading.Thread(target=upload)
    uploading.start()
    with httpx.Client(base_url=base, timeout=5) as other:
        for _ in range(5):                                  # while the upload is being read
            started = time.monotonic()
            assert other.get("/api/v1/health").status_code == 200
            assert time.monotonic() - started < 2.0
            time.sleep(0.05)
    uploading.join(90)
    r = answer["r"]
    assert answer["seconds"] < 5.0
    assert r.status_code == 413 and "unpacks to" in r.text and "smaller documents" in r.text
    store = Store(settings.db_path)
    try:
        assert store.count_notes() == 0 and store.jobs() == []
    finally:
        store.close()
    client.close()


@pytest.fixture
def contributor(signed_in_client):
    c = signed_in_client("contributor", "Riverside")
    token = c.headers.pop("X-CSRF-Token")   # a browser form sends the token as a field, not a header
    c.form = lambda data: {**data, "csrf_token": token}
    return c


FORM = {"source_type": "case_note", "consent_basis": "consent"}


def test_when_a_file_on_the_upload_page_holds_too_many_notes_then_413_says_what_to_do(app, contributor, settings):
    app.state.settings = settings.with_overrides(max_notes_per_upload=2, max_notes_per_org_per_day=10)
    notes = b"One visit about food.\n---\nAnother about rent.\n---\nA third about heating."
    r = contributor.post("/upload", data=contributor.form(FORM), files={"file": ("n.txt", notes, "text/plain")},
                         follow_redirects=False)
    assert r.status_code == 413 and "at most 2" in r.text and "2 notes or fewer" in r.text
    store = Store(settings.db_path)
    try:
        assert store.count_notes() == 0 and store.jobs() == []
    finally:
        store.close()


def test_when_a_file_on_the_upload_page_is_exactly_the_limit_then_it_is_accepted(contributor, settings):
    from engine import jobs

    note = b"The food bank ran out of food parcels on Friday.\n"
    exactly = note + b"\n" * (settings.max_upload_bytes - len(note))
    r = contributor.post("/upload", data=contributor.form(FORM), files={"file": ("n.txt", exactly, "text/plain")},
                         follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    jobs.wait(r.headers["location"].split("/jobs/")[1].split("?")[0], timeout=300)


def test_when_the_upload_page_is_read_then_its_title_holds_only_words_and_no_script(contributor):
    import re

    page = contributor.get("/upload").text
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title and title.startswith("Upload notes")
    assert "<script" not in page.split("</head>", 1)[0].split("<title>", 1)[1].split("</title>", 1)[0]
