"""Deny by default, over every route the app has: nobody anonymous gets data, no role gets a route it is not
allowed, and no caller of any role reads another organisation's notes. Also: audit rows, pagination."""
import re

import pytest
from fastapi.routing import APIRoute, iter_route_contexts

from engine.store import NewNote, Store
from engine.store.access import ROLES
from service.auth import is_public

SAMPLE = {"theme_id": "food_poverty", "note_id": "1", "candidate_id": "1", "code": "E05000442",
          "indicator_id": "claimant_rate", "job_id": "1", "pair_id": "1"}


def _roles_of(dependant) -> set | None:
    """The roles a route allows: from the `require(...)` dependency anywhere in its dependency tree."""
    found = None
    for sub in dependant.dependencies:
        roles = getattr(sub.call, "roles", None)
        if roles is not None:
            found = set(roles) if found is None else found & set(roles)
        deeper = _roles_of(sub)
        if deeper is not None:
            found = deeper if found is None else found & deeper
    return found


def _routes(app):
    """Every (route, method, sample path) of the app, through included routers too."""
    for route in iter_route_contexts(app.routes):
        if isinstance(route.original_route, APIRoute):
            path = re.sub(r"{(\w+)(:\w+)?}", lambda m: SAMPLE.get(m.group(1), "1"), route.path)
            for method in sorted(route.methods - {"HEAD"}):
                yield route, method, path


def _call(client, method, path):
    if method == "GET":
        return client.get(path, follow_redirects=False)
    return client.request(method, path, json={}, follow_redirects=False)


def test_when_nobody_signed_in_then_every_non_public_route_refuses(app, anon_client):
    checked = 0
    for route, method, path in _routes(app):
        if is_public(route.path):
            continue
        r = _call(anon_client, method, path)
        if path.startswith("/api/"):
            assert r.status_code == 401, (method, path, r.status_code)
            assert r.json()["error"]["code"] == "sign_in_required" and r.json()["error"]["fix"]
        else:  # a page: off to the sign-in form, and back afterwards
            assert r.status_code == 303 and r.headers["location"].startswith("/login?next="), (method, path)
        checked += 1
    assert checked >= 15


def test_when_a_route_is_not_public_then_it_names_its_roles_and_refuses_every_other_role(app, token_client):
    clients = {role: token_client(role, "Riverside") for role in ROLES}
    unguarded, checked = [], 0
    for route, method, path in _routes(app):
        if is_public(route.path):
            continue
        allowed = _roles_of(route.dependant)
        if allowed is None:
            unguarded.append(f"{method} {route.path}")
            continue
        for role in set(ROLES) - allowed:
            r = _call(clients[role], method, path)
            assert r.status_code == 403, (role, method, path, r.status_code, r.text[:200])
            assert r.json()["error"]["code"] == "forbidden"
            checked += 1
    assert unguarded == [], f"routes with no role requirement (add Depends(require(...))): {unguarded}"
    assert checked >= 20


def _note(text: str, key: str) -> NewNote:
    return NewNote(text=text, content_hash=key, dedupe_key=key, source_type="case_note", date="2025-03",
                   month="2025-03", area_code=None, area_how="unknown", age_band=None, external_id=None,
                   redactions=[])


@pytest.fixture
def two_orgs(settings):
    store = Store(settings.db_path)
    a, b = store.ensure_org("Alpha Advice"), store.ensure_org("Riverside")
    a_ids = store.add_submission(a, [_note(f"ZEBRAMARKER alpha note {i}", f"a{i}") for i in range(3)], "test",
                                 "consent")["note_ids"]
    b_ids = store.add_submission(b, [_note(f"riverside note {i}", f"b{i}") for i in range(7)], "test",
                                 "consent")["note_ids"]
    store.close()
    return a_ids, b_ids


@pytest.mark.parametrize("role", ROLES)
def test_when_any_role_reads_then_another_organisations_notes_never_appear(app, token_client, two_orgs, role):
    a_ids, b_ids = two_orgs
    c = token_client(role, "Riverside")
    for route, method, path in _routes(app):
        if method != "GET":
            continue
        for p in ([path.replace("/1", f"/{i}") for i in a_ids] if "note_id" in route.path else [path]):
            r = c.get(p, follow_redirects=False)
            assert "ZEBRAMARKER" not in r.text, (role, p)
            if "note_id" in route.path:
                assert r.status_code in (403, 404), (role, p, r.status_code)
    listed = c.get("/api/v1/notes?limit=100")
    if role in ("contributor", "admin"):
        assert sorted(n["id"] for n in listed.json()["notes"]) == b_ids
        assert c.get(f"/api/v1/notes/{b_ids[0]}").json()["text"] == "riverside note 0"
    else:
        assert listed.status_code == 403


def test_when_signed_in_through_the_browser_then_the_same_scoping_holds(signed_in_client, two_orgs):
    a_ids, b_ids = two_orgs
    c = signed_in_client("contributor", "Riverside")
    assert sorted(n["id"] for n in c.get("/api/v1/notes").json()["notes"]) == b_ids
    assert c.get(f"/api/v1/notes/{a_ids[0]}").status_code == 404


def test_when_token_has_no_organisation_then_it_reads_no_notes_and_cannot_store(token_client, two_orgs):
    c = token_client("admin", None)
    assert c.get("/api/v1/notes").json()["notes"] == []
    r = c.post("/api/v1/notes", json={"text": "A short note about the food bank.", "organisation": "Alpha Advice"})
    assert r.status_code == 403 and "not linked to an organisation" in r.json()["error"]["message"]


def test_when_note_text_is_read_then_an_audit_row_says_who_which_notes_and_route(token_client, settings, two_orgs):
    _, b_ids = two_orgs
    c = token_client("contributor", "Riverside")
    c.get("/api/v1/notes?limit=2")
    c.get(f"/api/v1/notes/{b_ids[3]}")
    c.get("/api/v1/themes/food_poverty/quotes")  # not allowed for a contributor: nothing read, nothing logged
    rows = Store(settings.db_path).audit_rows()
    assert [(r["route"], r["note_ids"]) for r in rows] == [("GET /api/v1/notes", b_ids[:2]),
                                                          (f"GET /api/v1/notes/{b_ids[3]}", [b_ids[3]])]
    assert all(re.fullmatch(r"token:\d+", r["principal"]) and r["at"] for r in rows)


def test_when_pages_are_walked_with_the_cursor_then_every_item_comes_exactly_once(token_client, two_orgs):
    _, b_ids = two_orgs
    c = token_client("contributor", "Riverside")
    seen, cursor, pages = [], None, 0
    while True:
        body = c.get("/api/v1/notes", params={"limit": 3, **({"cursor": cursor} if cursor else {})}).json()
        seen += [n["id"] for n in body["notes"]]
        pages += 1
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == b_ids and pages == 3
    analyst = token_client("analyst", None)
    everything = [t["id"] for t in analyst.get("/api/v1/themes?limit=100").json()["themes"]]
    walked, cursor = [], None
    while True:
        body = analyst.get("/api/v1/themes", params={"limit": 4, **({"cursor": cursor} if cursor else {})}).json()
        walked += [t["id"] for t in body["themes"]]
        if not (cursor := body["next_cursor"]):
            break
    assert walked == everything and len(set(walked)) == len(walked) > 4


def test_when_cursor_is_forged_or_limit_too_big_then_a_clear_error(token_client):
    c = token_client("analyst", None)
    r = c.get("/api/v1/themes?cursor=bm90LWEtY3Vyc29y")
    assert r.status_code == 400 and r.json()["error"]["where"] == "cursor"
    r = c.get("/api/v1/themes?limit=101")
    assert r.status_code == 422 and "limit" in r.json()["error"]["message"]


def test_when_csv_is_asked_for_by_header_or_parameter_then_csv_comes_back(token_client, two_orgs):
    c = token_client("contributor", "Riverside")
    by_header = c.get("/api/v1/notes", headers={"Accept": "text/csv"})
    by_param = c.get("/api/v1/notes?format=csv")
    assert by_header.text == by_param.text and by_param.headers["content-type"].startswith("text/csv")
    lines = by_param.text.splitlines()
    assert lines[0].startswith("id,") and len(lines) == 8 and "ZEBRAMARKER" not in by_param.text
