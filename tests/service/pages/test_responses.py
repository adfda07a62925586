"""The "You said, we did" pages on the real app: a facilitator records and updates a response through the form,
everyone signed in reads it (and its changes), contributors cannot open the form, a problem comes back as the
form with an error summary, and the theme page shows the theme's responses."""
from __future__ import annotations

import re

import pytest

from engine.store import Store
from tests.service.conftest import csrf

AREAS = [{"code": "E09000023", "name": "Lewisham", "level": "lad"},
         {"code": "E05000442", "name": "Downham", "level": "ward", "parent_code": "E09000023",
          "lad_code": "E09000023"}]
FORM = {"theme_id": "food_poverty", "area_code": "E05000442", "period": "2025-Q3",
        "said": "Families told us they skip meals at the end of the month.",
        "did": "Two more food bank sessions a week from October.", "owner": "Food Bank Network coordinator",
        "status": "in_progress", "reason": ""}


@pytest.fixture
def facilitator(app, settings, anonymiser, signed_in_client):
    store = Store(settings.db_path)
    try:
        store.upsert_areas(AREAS)
    finally:
        store.close()
    anonymiser.analyzer   # load the models outside the anonymiser's time limit
    return signed_in_client("facilitator", None)


def _record(client, **over):
    return client.post("/responses/new", data={**FORM, **over, "csrf_token": csrf(client)}, follow_redirects=False)


def test_when_a_facilitator_records_a_response_then_everyone_signed_in_sees_it(facilitator, signed_in_client):
    form = facilitator.get("/responses/new?theme=food_poverty")
    assert form.status_code == 200
    for field in FORM:   # every field has a label
        assert re.search(rf'<label for="{field}"|<fieldset class="field" id="{field}"><legend>', form.text), field
    r = _record(facilitator)
    assert r.status_code == 303 and r.headers["location"].endswith("?saved=1")
    saved = facilitator.get(r.headers["location"])
    assert "The response is saved" in saved.text and FORM["said"] in saved.text
    for role, org in (("contributor", "Riverside"), ("analyst", None)):
        page = signed_in_client(role, org).get("/responses")
        assert page.status_code == 200 and FORM["said"] in page.text and FORM["did"] in page.text
        assert "Downham, July to September 2025" in page.text and "In progress" in page.text
        assert "/responses/new" not in page.text and "/edit" not in page.text   # no way to write
    assert "Record a response" in facilitator.get("/responses").text


def test_when_a_contributor_opens_or_posts_the_form_then_403(facilitator, signed_in_client):
    contributor = signed_in_client("contributor", "Riverside")
    assert contributor.get("/responses/new").status_code == 403
    assert _record(contributor).status_code == 403
    assert FORM["said"] not in facilitator.get("/responses").text


def test_when_the_form_has_a_problem_then_it_comes_back_with_the_error_and_the_words_kept(facilitator):
    r = _record(facilitator, status="not_doing")
    assert r.status_code == 400
    assert 'href="#reason"' in r.text and "needs a reason" in r.text and FORM["said"] in r.text
    named = _record(facilitator, said="Mrs Amira Khan told us she skips meals.")
    assert named.status_code == 400 and 'href="#said"' in named.text and "a person&#39;s name" in named.text
    assert "No responses have been recorded" in facilitator.get("/responses").text


def test_when_the_form_has_no_csrf_token_then_refused(facilitator):
    r = facilitator.post("/responses/new", data=FORM, follow_redirects=False, headers={"X-CSRF-Token": ""})
    assert r.status_code == 403


def test_when_updated_through_the_form_then_the_page_lists_every_change(facilitator):
    location = _record(facilitator).headers["location"]
    response_id = int(location.split("/")[2].split("?")[0])
    edit = facilitator.get(f"/responses/{response_id}/edit")
    assert edit.status_code == 200 and FORM["did"] in edit.text
    r = facilitator.post(f"/responses/{response_id}/edit", data={
        **FORM, "did": "The sessions started on 6 October.", "status": "done", "csrf_token": csrf(facilitator)},
        follow_redirects=False)
    assert r.status_code == 303
    page = facilitator.get(f"/responses/{response_id}")
    history = page.text.split('id="history"', 1)[1]
    assert FORM["did"] in history and "The sessions started on 6 October." in history
    assert "In progress" in history and "Done" in history and "(recorded it)" in history


def test_when_a_theme_page_is_opened_then_it_shows_the_theme_responses(facilitator):
    _record(facilitator)
    _record(facilitator, theme_id="debt_money", said="Bailiff letters keep coming up.")
    page = facilitator.get("/themes/food_poverty")
    assert page.status_code == 200
    section = page.text.split('id="said-did"', 1)[1]
    assert FORM["said"] in section and "Bailiff letters" not in section
    assert 'href="/responses/new?theme=food_poverty"' in section
    elsewhere = facilitator.get("/themes/food_poverty?area=E09000023&period=2024")
    assert "No response has been recorded for this theme in this selection yet." in elsewhere.text
