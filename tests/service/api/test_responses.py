"""/api/v1/responses over HTTP on the real app (real store, real note anonymiser): facilitators and admins
record and update; everyone signed in reads, contributors included; bad values answer 400 or 422 with a fix;
an update keeps the earlier wording in the history."""
from __future__ import annotations

import pytest

from engine.store import Store

BACKENDS = ("sqlite", "postgresql")   # each test here runs on both (tests/conftest.py)


AREAS = [{"code": "E09000023", "name": "Lewisham", "level": "lad"},
         {"code": "E05000442", "name": "Downham", "level": "ward", "parent_code": "E09000023",
          "lad_code": "E09000023"},
         {"code": "E09000022", "name": "Lambeth", "level": "lad"}]
BODY = {"theme_id": "food_poverty", "area_code": "E05000442", "period": "2025-Q3",
        "said": "Families told us they skip meals at the end of the month.",
        "did": "Two more food bank sessions a week from October, and an advice line.",
        "owner": "Food Bank Network coordinator", "status": "in_progress"}


@pytest.fixture
def areas(app, settings, anonymiser):
    store = Store(settings.db_path)
    try:
        store.upsert_areas(AREAS)
    finally:
        store.close()
    anonymiser.analyzer   # load the models outside the anonymiser's time limit
    return app


@pytest.fixture
def facilitator(areas, signed_in_client):
    return signed_in_client("facilitator", None)


def _post(client, **over):
    return client.post("/api/v1/responses", json={**BODY, **over})


def test_when_a_facilitator_records_a_response_then_a_contributor_lists_and_reads_it(facilitator, signed_in_client):
    r = _post(facilitator)
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["theme_label"] == "Food poverty" and made["area_name"] == "Downham"
    assert made["created_by"].startswith("user:facilitator") and made["history"][0]["action"] == "created"
    contributor = signed_in_client("contributor", "Riverside")
    listed = contributor.get("/api/v1/responses")
    assert listed.status_code == 200 and [x["id"] for x in listed.json()["responses"]] == [made["id"]]
    one = contributor.get(f"/api/v1/responses/{made['id']}")
    assert one.status_code == 200 and one.json() == made


def test_when_a_contributor_or_analyst_writes_then_403_and_nothing_changes(facilitator, signed_in_client,
                                                                           token_client):
    made = _post(facilitator).json()
    for client in (signed_in_client("contributor", "Riverside"), token_client("contributor", "Riverside"),
                   token_client("analyst", None)):
        assert _post(client).status_code == 403
        r = client.patch(f"/api/v1/responses/{made['id']}", json={"status": "done"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert facilitator.get(f"/api/v1/responses/{made['id']}").json() == made
    assert len(facilitator.get("/api/v1/responses").json()["responses"]) == 1


def test_when_nobody_is_signed_in_then_401(areas, anon_client):
    assert anon_client.get("/api/v1/responses").status_code == 401
    assert anon_client.post("/api/v1/responses", json=BODY).status_code == 401


@pytest.mark.parametrize("over, status, where", [
    ({"theme_id": "no_such_theme"}, 400, "theme_id"),
    ({"area_code": "E05999999"}, 400, "area_code"),
    ({"period": "2025-13"}, 400, "period"),
    ({"status": "not_doing"}, 400, "reason"),
    ({"said": "   "}, 400, "said"),
    ({"said": "Mrs Amira Khan told us she skips meals."}, 400, "said"),
    ({"status": "finished"}, 422, None),
    ({"owner": ""}, 422, None),
    ({"colour": "red"}, 422, None),
])
def test_when_a_value_is_wrong_then_4xx_with_a_fix_and_nothing_stored(facilitator, over, status, where):
    r = _post(facilitator, **over)
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert error["fix"] and error.get("where") == where
    assert facilitator.get("/api/v1/responses").json()["responses"] == []


def test_when_a_response_names_a_person_then_the_message_says_so_without_repeating_the_text(facilitator):
    r = _post(facilitator, did="Call Sarah on 07700 900123 to book.")
    error = r.json()["error"]
    assert error["code"] == "personal_details" and "a phone number" in error["message"]
    assert "07700" not in r.text and "remove it" in error["message"]


def test_when_patched_then_the_history_keeps_the_earlier_wording(facilitator, signed_in_client):
    made = _post(facilitator).json()
    admin = signed_in_client("admin", "Riverside")
    r = admin.patch(f"/api/v1/responses/{made['id']}", json={"did": "The sessions started on 6 October.",
                                                              "status": "done", "period": None})
    assert r.status_code == 200, r.text
    now = r.json()
    assert (now["did"], now["status"], now["period"]) == ("The sessions started on 6 October.", "done", None)
    assert now["updated_by"].startswith("user:admin") and now["created_by"] == made["created_by"]
    changes = {c["field"]: (c["before"], c["after"]) for c in now["history"][1]["changes"]}
    assert changes == {"did": (BODY["did"], "The sessions started on 6 October."), "status": ("in_progress", "done"),
                       "period": ("2025-Q3", None)}
    bad = admin.patch(f"/api/v1/responses/{made['id']}", json={"status": "not_doing"})
    assert bad.status_code == 400 and bad.json()["error"]["where"] == "reason"
    assert len(admin.get(f"/api/v1/responses/{made['id']}").json()["history"]) == 2
    assert admin.patch("/api/v1/responses/999", json={"status": "done"}).status_code == 404
    assert admin.get("/api/v1/responses/999").status_code == 404


def test_when_listing_with_filters_then_only_matching_responses(facilitator):
    ward = _post(facilitator).json()["id"]
    council = _post(facilitator, area_code="E09000023", period="2025", status="done").json()["id"]
    lambeth = _post(facilitator, area_code="E09000022", period=None, theme_id="debt_money").json()["id"]
    everywhere = _post(facilitator, area_code=None, period=None).json()["id"]

    def ids(query: str) -> list[int]:
        r = facilitator.get("/api/v1/responses" + query)
        assert r.status_code == 200, r.text
        return sorted(x["id"] for x in r.json()["responses"])

    assert ids("") == [ward, council, lambeth, everywhere]
    assert ids("?theme_id=debt_money") == [lambeth]
    assert ids("?area_code=E09000023") == [ward, council]
    assert ids("?area_code=E09000023&general=true") == [ward, council, everywhere]
    assert ids("?period=2025-07") == [ward, council]
    assert ids("?status=done") == [council]
    page = facilitator.get("/api/v1/responses?limit=2").json()
    assert len(page["responses"]) == 2 and page["next_cursor"]
    assert facilitator.get("/api/v1/responses?period=soon").status_code == 422
    assert facilitator.get("/api/v1/responses?status=finished").status_code == 422
