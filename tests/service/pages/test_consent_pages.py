"""The consent record on the contributor's pages: /submit and /upload ask "Which agreement or consent covers
...?", keep the answer with the submission and the signed-in user who sent it, and bring a wrong answer back to
the field with what to do."""
import pytest

from engine.store import Store

FORM = {"text": "The food bank ran out of vouchers on Friday and she had nothing for the children.",
        "area": "", "date": "2025-03-01", "source_type": "anecdote", "consent_basis": "consent"}


@pytest.fixture
def contributor(signed_in_client):
    c = signed_in_client("contributor", "Riverside")
    token = c.headers.pop("X-CSRF-Token")   # a browser form sends the token as a field, not a header
    c.form = lambda data: {**data, "csrf_token": token}
    return c


def _submissions(settings) -> list[dict]:
    store = Store(settings.db_path)
    try:
        return store.q("SELECT consent_basis, consent_reference, recorded_by FROM submissions")
    finally:
        store.close()


def test_when_a_note_is_sent_with_its_consent_form_then_the_submission_keeps_it_and_who_sent_it(contributor,
                                                                                                 settings):
    page = contributor.get("/submit")
    assert "Which agreement or consent covers this note?" in page.text and 'name="consent_reference"' in page.text
    r = contributor.post("/submit", data=contributor.form({**FORM, "action": "submit",
                                                           "consent_reference": "Consent form v2"}))
    assert r.status_code == 200, r.text
    [kept] = _submissions(settings)
    assert (kept["consent_basis"], kept["consent_reference"]) == ("consent", "Consent form v2")
    assert kept["recorded_by"].startswith("user:") and "@" in kept["recorded_by"]   # the signed-in user


def test_when_the_reference_cannot_be_right_then_the_form_comes_back_pointing_at_it(contributor, settings):
    r = contributor.post("/submit", data=contributor.form({**FORM, "action": "submit",
                                                           "consent_reference": "Rang her on 07700 900456"}))
    assert r.status_code == 400 and 'href="#consent_reference"' in r.text and "long number" in r.text
    up = contributor.post("/upload", data=contributor.form({"source_type": "case_note", "consent_basis": "not_recorded",
                                                            "consent_reference": "DSA-2025-014"}),
                          files={"file": ("notes.txt", b"No food in the house.", "text/plain")}, follow_redirects=False)
    assert up.status_code == 400 and 'href="#consent_basis"' in up.text
    assert "Which agreement or consent covers these notes?" in up.text and 'value="DSA-2025-014"' in up.text
    assert _submissions(settings) == []
