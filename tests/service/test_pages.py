import re

from engine.store import Store

FORM = {"text": "Spoke to Amira Khan, 07700 900123, who lost her husband in March and is grieving.",
        "organisation": "Riverside", "area": "", "date": "2025-03-01", "source_type": "anecdote",
        "consent_basis": "consent"}


def test_when_note_previewed_on_page_then_each_replacement_is_highlighted_and_nothing_stored(client, settings):
    r = client.post("/submit", data={**FORM, "action": "preview"})
    assert r.status_code == 200
    marks = re.findall(r'<mark class="redaction" title="We hid ([^"]+)" data-type="([A-Z_]+)">', r.text)
    assert ("a person&#39;s name", "PERSON") in marks and ("a phone number", "PHONE_NUMBER") in marks
    assert "Send the anonymised note" in r.text
    assert Store(settings.db_path).count_notes() == 0


def test_when_note_submitted_on_page_then_stored_and_themes_shown(client, settings):
    r = client.post("/submit", data={**FORM, "action": "submit"})
    assert r.status_code == 200 and "Thank you" in r.text and "Bereavement" in r.text
    texts = Store(settings.db_path).all_note_texts()
    assert len(texts) == 1 and "Khan" not in texts[0] and "07700" not in texts[0]


def test_when_form_incomplete_then_errors_in_plain_words(client):
    r = client.post("/submit", data={**FORM, "text": "", "organisation": "", "action": "preview"})
    assert r.status_code == 400 and "Paste or type the note" in r.text and "which organisation" in r.text


def test_when_pages_opened_then_they_render(client):
    for path in ("/", "/submit", "/themes", "/themes/food_poverty"):
        assert client.get(path).status_code == 200, path
    assert client.get("/themes/nope").status_code == 404


def test_when_worker_corrects_the_preview_then_misses_are_hidden_and_over_redactions_shown(client, settings):
    text = "Spoke to Amira Khan, who lives in the blue house by the chapel, about the food bank. Call 07700 900123."
    first = client.post("/submit", data={**FORM, "text": text, "action": "preview"})
    keys = dict((orig, key) for key, orig in re.findall(r'name="keep" value="(\d+:\d+)" id="keep-\d+"\s*'
                                                          r'aria-label="Show ([^"]+)"', first.text))
    assert "Amira Khan" in keys and "blue house" not in " ".join(keys)
    fixed = {**FORM, "text": text, "hide": "the blue house by the chapel", "keep": [keys["Amira Khan"]],
             "action": "submit"}
    r = client.post("/submit", data=fixed)
    assert r.status_code == 200 and "Thank you" in r.text
    stored = Store(settings.db_path).all_note_texts()[0]
    assert "blue house" not in stored and "<HIDDEN>" in stored and "Amira Khan" in stored
    assert "07700" not in stored
