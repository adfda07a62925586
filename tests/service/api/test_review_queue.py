"""GET /api/v1/review-queue and POST /api/v1/review-queue/{note_id} over HTTP on the real app: which notes,
who may see them, verdicts stored as corrections, and the assigner learning in the background."""
import pytest

from engine import jobs
from engine.store import Store
from tests.service.review_queue_data import BIG_WARD, SMALL_WARD, filled, settings, template  # noqa: F401

BACKENDS = ("sqlite", "postgresql")   # each test here runs on both (tests/conftest.py)


def _store(settings):
    return Store(settings.db_path)


def test_when_an_analyst_asks_then_notes_come_with_their_themes_and_small_cells_stay_hidden(filled, token_client,
                                                                                        settings):
    r = token_client("analyst", None).get("/api/v1/review-queue", params={"n": 100})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["assigner"] == "zero-shot" and body["up_to_date"] is True
    ids = [n["note_id"] for n in body["notes"]]
    assert ids and len(ids) == len(set(ids)) and set(ids) <= set(filled[BIG_WARD])
    assert not set(ids) & set(filled[SMALL_WARD])           # three notes in the ward: never shown
    store = _store(settings)
    try:
        in_force = {}
        for a in store.in_force_assignments(ids):
            in_force.setdefault(a["note_id"], set()).add(a["theme_id"])
        cells = store.theme_area_cells()
        labels = {t["id"]: t["label"] for t in store.themes()}
        for note in body["notes"]:
            assert note["text"] == store.note(note["note_id"])["text"]
            assert all(cells[(t, BIG_WARD)] >= 5 for t in in_force[note["note_id"]])
            assert all(t["label"] == labels[t["id"]] for t in note["suggested"] + note["near"])
    finally:
        store.close()
    assert "count" not in r.text and "remaining" not in r.text
    assert token_client("analyst", None).get("/api/v1/review-queue", params={"n": 0}).status_code == 422


def test_when_a_contributor_asks_then_it_is_forbidden(filled, token_client):
    c = token_client("contributor")
    assert c.get("/api/v1/review-queue").status_code == 403
    assert c.post("/api/v1/review-queue/1", json={"confirm": ["food_poverty"]}).status_code == 403


def test_when_a_verdict_is_given_then_it_is_the_correction_themes_correct_stores_and_the_note_leaves(
        filled, token_client, settings):
    from themes.corrections import correct

    c = token_client("analyst", None)
    first = c.get("/api/v1/review-queue", params={"n": 100}).json()["notes"]
    note, other = first[0]["note_id"], first[1]["note_id"]
    r = c.post(f"/api/v1/review-queue/{note}", json={"confirm": ["food_poverty"], "reject": ["housing_homelessness"],
                                                     "add": ["debt_money"]})
    assert r.status_code == 200, r.text
    jobs.wait(r.json()["learning_job"], 120)
    store = _store(settings)
    try:
        latest = {x["theme_id"]: x for x in store.latest_corrections([note])}
        assert {t: x["verdict"] for t, x in latest.items()} == {"food_poverty": "confirm", "debt_money": "confirm",
                                                                "housing_homelessness": "reject"}
        assert all(x["who"].startswith("token:") for x in latest.values())
        themes = {t["id"]: t["method"] for t in r.json()["themes"]}
        assert themes["food_poverty"] == themes["debt_money"] == "confirmed" and "housing_homelessness" not in themes
        # the same verdicts through the CLI's function give the other note the same shape of themes in force
        for theme, verdict in (("food_poverty", "confirm"), ("debt_money", "confirm"),
                               ("housing_homelessness", "reject")):
            cli_rows = correct(store, other, theme, verdict, "someone")
        api_rows = store.in_force_assignments([note])
        assert [(x["theme_id"], x["method"]) for x in api_rows if x["method"] == "confirmed"] == \
               [(x["theme_id"], x["method"]) for x in cli_rows if x["method"] == "confirmed"]
    finally:
        store.close()
    after = [n["note_id"] for n in c.get("/api/v1/review-queue", params={"n": 100}).json()["notes"]]
    assert note not in after and other not in after


def test_when_none_of_these_fit_then_every_theme_is_rejected_and_the_note_has_none(filled, token_client,
                                                                                  settings):
    c = token_client("analyst", None)
    note = c.get("/api/v1/review-queue", params={"n": 1}).json()["notes"][0]["note_id"]
    r = c.post(f"/api/v1/review-queue/{note}", json={"none_of_these": True})
    assert r.status_code == 200 and r.json()["themes"] == []
    jobs.wait(r.json()["learning_job"], 120)
    store = _store(settings)
    try:
        assert {x["verdict"] for x in store.latest_corrections([note])} == {"reject"}
        assert [x["theme_id"] for x in store.in_force_assignments([note])] == [""]
    finally:
        store.close()


@pytest.mark.parametrize("body, status, words", [
    ({}, 400, "says nothing"),
    ({"confirm": ["food_poverty"], "reject": ["food_poverty"]}, 400, "both confirmed and rejected"),
    ({"confirm": ["nope"]}, 400, "not in the taxonomy"),
    ({"none_of_these": True, "add": ["food_poverty"]}, 400, "cannot go with"),
])
def test_when_a_verdict_is_wrong_then_nothing_is_stored_and_the_error_says_what_to_do(filled, token_client,
                                                                                     settings, body, status, words):
    note = filled[BIG_WARD][0]
    r = token_client("analyst", None).post(f"/api/v1/review-queue/{note}", json=body)
    assert r.status_code == status and words in r.json()["error"]["message"] and r.json()["error"]["fix"]
    store = _store(settings)
    try:
        assert store.latest_corrections([note]) == []
    finally:
        store.close()


def test_when_the_note_does_not_exist_then_404(filled, token_client):
    assert token_client("analyst", None).post("/api/v1/review-queue/99999",
                                              json={"confirm": ["food_poverty"]}).status_code == 404


def test_when_enough_notes_are_checked_then_the_next_queue_uses_the_learned_assigner(filled, token_client):
    c = token_client("analyst", None)
    assert c.get("/api/v1/review-queue", params={"n": 5}).json()["assigner"] == "zero-shot"
    checked = []
    for theme in ("food_poverty", "housing_homelessness", "debt_money"):
        queue = c.get("/api/v1/review-queue", params={"n": 1}).json()
        note = queue["notes"][0]["note_id"]
        r = c.post(f"/api/v1/review-queue/{note}", json={"confirm": [theme]})
        assert r.status_code == 200, r.text
        checked.append(note)
    jobs.wait(r.json()["learning_job"], 300)
    body = c.get("/api/v1/review-queue", params={"n": 100}).json()
    assert body["assigner"] == "learned" and body["up_to_date"] is True
    assert not set(checked) & {n["note_id"] for n in body["notes"]}
