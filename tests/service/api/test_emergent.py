"""Issue 20: POST /api/v1/emergent-themes/{id}/restore undoes a dismissal, over real HTTP."""
import pytest
from fastapi.testclient import TestClient

from engine.store import Store
from service.app import create_app
from service.auth import create_token


@pytest.fixture
def tokens(settings):
    store = Store(settings.db_path)
    try:
        store.replace_emergent("run", [{"label": f"bus / route {i}", "keywords": ["bus", f"route{i}"], "size": 12,
                                        "note_ids": [100 * i + k for k in range(12)],
                                        "quotes": [f"The {i} bus was cut."]} for i in range(2)])
        made = {role: create_token(store, role, "Riverside" if role == "contributor" else None)
                for role in ("analyst", "contributor")}
        return made, [c["id"] for c in store.emergent()]
    finally:
        store.close()


def test_when_a_dismissed_candidate_is_restored_then_it_is_proposed_and_listed_again(settings, tokens):
    (made, ids) = tokens
    analyst_id, analyst = made["analyst"]
    with TestClient(create_app(settings), headers={"Authorization": f"Bearer {analyst}"}) as c:
        assert c.post(f"/api/v1/emergent-themes/{ids[0]}/dismiss").json()["status"] == "dismissed"
        assert ids[0] not in [e["id"] for e in c.get("/api/v1/emergent-themes").json()["emergent_themes"]]
        r = c.post(f"/api/v1/emergent-themes/{ids[0]}/restore")
        assert r.status_code == 200 and r.json()["status"] == "proposed" and r.json()["notes"] == 10
        assert ids[0] in [e["id"] for e in c.get("/api/v1/emergent-themes").json()["emergent_themes"]]
        again = c.post(f"/api/v1/emergent-themes/{ids[0]}/restore")
        assert again.status_code == 400 and "not dismissed" in again.json()["error"]["message"]
        assert c.post("/api/v1/emergent-themes/999/restore").status_code == 404
    row = Store(settings.db_path).emergent_candidate(ids[0])
    assert row["reviewed_by"] == f"token:{analyst_id}" and row["reviewed_at"]


def test_when_a_contributor_tries_to_restore_then_403(settings, tokens):
    (made, ids) = tokens
    with TestClient(create_app(settings), headers={"Authorization": f"Bearer {made['contributor'][1]}"}) as c:
        assert c.post(f"/api/v1/emergent-themes/{ids[0]}/restore").status_code == 403
