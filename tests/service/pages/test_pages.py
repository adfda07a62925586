"""The web pages over HTTP (real app, real anonymiser and MiniLM), signed in as each kind of user."""
import re

import pytest

from engine.store import Store

FORM = {"text": "Spoke to Amira Khan, 07700 900123, who lost her husband in March and is grieving.",
        "area": "", "date": "2025-03-01", "source_type": "anecdote", "consent_basis": "consent"}


@pytest.fixture
def contributor(signed_in_client):
    c = signed_in_client("contributor", "Riverside")
    token = c.headers.pop("X-CSRF-Token")   # a browser form sends the token as a field, not a header
    c.form = lambda data: {**data, "csrf_token": token}
    return c


def test_when_note_previewed_on_page_then_each_replacement_is_highlighted_and_nothing_stored(contributor, settings):
    r = contributor.post("/submit", data=contributor.form({**FORM, "action": "preview"}))
    assert r.status_code == 200
    marks = re.findall(r'<mark class="redaction" title="We hid ([^"]+)" data-type="([A-Z_]+)">', r.text)
    assert ("a person&#39;s name", "PERSON") in marks and ("a phone number", "PHONE_NUMBER") in marks
    assert "Send the anonymised note" in r.text
    assert Store(settings.db_path).count_notes() == 0


def test_when_note_submitted_on_page_then_stored_and_themes_shown(contributor, settings):
    r = contributor.post("/submit", data=contributor.form({**FORM, "action": "submit"}))
    assert r.status_code == 200 and "Thank you" in r.text and "Bereavement" in r.text
    assert "What happens to your note" in r.text
    texts = Store(settings.db_path).all_note_texts()
    assert len(texts) == 1 and "Khan" not in texts[0] and "07700" not in texts[0]


def test_when_form_has_no_csrf_token_then_refused(contributor):
    r = contributor.post("/submit", data={**FORM, "action": "preview"})
    assert r.status_code == 403


def test_when_form_incomplete_then_error_summary_links_to_the_field(contributor):
    r = contributor.post("/submit", data=contributor.form({**FORM, "text": "", "action": "preview"}))
    assert r.status_code == 400 and '<a href="#text">Paste or type the note' in r.text


def test_when_worker_corrects_the_preview_then_misses_are_hidden_and_over_redactions_shown(contributor, settings):
    text = "Spoke to Amira Khan, who lives in the blue house by the chapel, about the food bank. Call 07700 900123."
    first = contributor.post("/submit", data=contributor.form({**FORM, "text": text, "action": "preview"}))
    keys = dict((orig, key) for key, orig in re.findall(r'name="keep" value="(\d+:\d+)" id="keep-\d+"\s*'
                                                          r'aria-label="Show ([^"]+)"', first.text))
    assert "Amira Khan" in keys and "blue house" not in " ".join(keys)
    fixed = {**FORM, "text": text, "hide": "the blue house by the chapel", "keep": [keys["Amira Khan"]],
             "action": "submit"}
    r = contributor.post("/submit", data=contributor.form(fixed))
    assert r.status_code == 200 and "Thank you" in r.text
    stored = Store(settings.db_path).all_note_texts()[0]
    assert "blue house" not in stored and "<HIDDEN>" in stored and "Amira Khan" in stored
    assert "07700" not in stored


def test_when_file_uploaded_then_background_job_stores_anonymised_notes_and_reports_progress(contributor, settings):
    from engine import jobs

    body = "Mrs Olu Bankole at 4 Fern Road needs a food parcel.\n---\nCall Dev Patel on 07700 900456 about debt.\n"
    r = contributor.post("/upload", data=contributor.form({"source_type": "case_note", "consent_basis": "consent"}),
                         files={"file": ("notes.txt", body.encode(), "text/plain")}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
    job_id = r.headers["location"].split("/")[2].split("?")[0]
    jobs.wait(job_id, timeout=300)
    status = contributor.get(f"/jobs/{job_id}/status").json()
    assert status["status"] == "done" and status["percent"] == 100 and status["result"]["stored"] == 2
    page = contributor.get(f"/jobs/{job_id}")
    assert page.status_code == 200 and 'id="job-progress"' in page.text and 'id="job-themes"' in page.text
    assert any(t["theme"] == "food_poverty" for t in status["result"]["themes"])
    stored = " ".join(Store(settings.db_path).all_note_texts())
    assert "Bankole" not in stored and "07700" not in stored and "Fern Road" not in stored


def test_when_upload_is_not_a_readable_file_then_plain_error(contributor):
    r = contributor.post("/upload", data=contributor.form({"source_type": "case_note", "consent_basis": "consent"}),
                         files={"file": ("notes.pdf", b"%PDF-1.4", "application/pdf")})
    assert r.status_code == 415 and "Use .txt, .csv, .jsonl or .docx" in r.text


@pytest.mark.parametrize("role, allowed, refused", [
    ("contributor", ["/submit", "/upload"], ["/themes", "/evidence", "/summary"]),
    ("analyst", ["/themes", "/themes/food_poverty", "/evidence"], ["/submit", "/summary"]),
    ("facilitator", ["/themes", "/summary", "/summary?period=2025"], ["/submit", "/upload"]),
])
def test_when_signed_in_then_each_role_sees_only_its_pages(signed_in_client, role, allowed, refused):
    client = signed_in_client(role, "Riverside" if role == "contributor" else None)
    for path in allowed:
        assert client.get(path).status_code == 200, path
    for path in refused:
        assert client.get(path).status_code == 403, path


def test_when_not_signed_in_then_pages_send_you_to_sign_in(anon_client):
    client = anon_client
    assert client.get("/").status_code == 200
    for path in ("/submit", "/themes", "/summary", "/evidence", "/upload"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login"), path


def test_when_theme_filtered_by_bad_period_then_error_names_the_formats(signed_in_client):
    client = signed_in_client("analyst", None)
    r = client.get("/themes/food_poverty?period=summer")
    assert r.status_code == 400 and "2025-Q3" in r.text
    assert client.get("/themes/nope").status_code == 404


def test_when_admin_asks_for_a_refit_then_it_runs_as_a_job_and_reports_published_counts(signed_in_client, settings):
    from engine import jobs

    admin = signed_in_client("admin", "Riverside")
    token = admin.headers.pop("X-CSRF-Token")
    r = admin.post("/submit", data={**FORM, "action": "submit", "csrf_token": token})
    assert r.status_code == 200 and "Thank you" in r.text
    assert "Check every note's themes again" in admin.get("/themes").text
    r = admin.post("/themes/refit", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    job_id = r.headers["location"].rsplit("/", 1)[1]
    jobs.wait(job_id, timeout=300)
    status = admin.get(f"/jobs/{job_id}/status").json()
    assert status["status"] == "done" and status["kind"] == "refit" and status["done"] == status["total"] == 1
    assert status["result"]["notes"] is None   # one note: below the threshold, so not shown
    assert "Every note was checked again" in admin.get(f"/jobs/{job_id}").text


def test_when_contributor_asks_for_a_refit_then_refused(contributor):
    assert contributor.post("/themes/refit", data=contributor.form({})).status_code == 403


def test_when_upload_is_over_10_mb_then_413_says_the_limit(contributor):
    big = b"a" * (10 * 1024 * 1024 + 100)
    r = contributor.post("/upload", data=contributor.form({"source_type": "case_note", "consent_basis": "consent"}),
                         files={"file": ("notes.txt", big, "text/plain")})
    assert r.status_code == 413 and "10 MB" in r.text
    assert 'data-max-bytes="10485760"' in contributor.get("/upload").text


def test_when_upload_is_over_1_mb_then_it_never_reaches_a_temp_file(contributor, monkeypatch, tmp_path):
    """Starlette would spool uploads over 1 MB to disk; create_app keeps them in memory (raw text). The file
    is not valid UTF-8, so it is refused after parsing, with no job to wait for."""
    import tempfile

    spooled_to_disk = []
    real = tempfile.TemporaryFile

    def recording(*args, **kwargs):   # what SpooledTemporaryFile calls when it rolls over to disk
        spooled_to_disk.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "TemporaryFile", recording)
    body = ("Spoke to Quillon Vantablack about a food parcel. " * 30000).encode() + b"\xff\xfe"
    assert len(body) > 1_200_000
    r = contributor.post("/upload", data=contributor.form({"source_type": "case_note", "consent_basis": "consent"}),
                         files={"file": ("notes.txt", body, "text/plain")}, follow_redirects=False)
    assert r.status_code == 400 and "UTF-8" in r.text
    assert spooled_to_disk == []     # nothing rolled over to a file on disk


def test_when_preview_has_a_residual_risk_then_it_is_marked_and_hide_this_hides_it_everywhere(contributor, settings):
    text = "Helped with a food parcel. He works at Brindle Joinery on nights; Brindle Joinery pays late."
    first = contributor.post("/submit", data=contributor.form({**FORM, "text": text, "action": "preview"}))
    assert first.status_code == 200
    assert re.search(r'<mark class="risk" id="risk-mark-1" title="Check: Naming where someone works[^"]*">'
                     r'<span class="risk-sign" aria-hidden="true">&#9888;1</span>Brindle Joinery', first.text)
    assert '<button type="submit" name="hide_word" value="Brindle Joinery"' in first.text
    assert '<script src="/static/submit.js" defer></script>' in first.text
    again = contributor.post("/submit", data=contributor.form({**FORM, "text": text, "hide_word": "Brindle Joinery"}))
    assert again.status_code == 200 and 'id="risk-status"' in again.text
    assert 'class="risk"' not in again.text.split('id="anonymised"')[1].split("</div>")[0]
    assert re.search(r'<textarea id="hide" name="hide" rows="3">Brindle Joinery</textarea>', again.text)
    assert Store(settings.db_path).count_notes() == 0
    sent = contributor.post("/submit", data=contributor.form({**FORM, "text": text, "hide": "Brindle Joinery",
                                                              "action": "submit"}))
    assert "Thank you" in sent.text
    stored = Store(settings.db_path).all_note_texts()[0]
    assert "Brindle" not in stored and stored.count("<HIDDEN>") == 2
