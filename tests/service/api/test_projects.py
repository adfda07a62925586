"""Community insights projects over HTTP (engine/projects.py, service/api/projects.py) on a small real database
(real anonymiser and MiniLM on 80 generated notes): who may start, see and tag a project; the project's own theme
view counted over its notes only with nothing below the threshold; the decision log and memos."""
from __future__ import annotations

import pytest

from engine.core.settings import Settings

QUESTION = "Why are older residents in the east not using the warm spaces?"


@pytest.fixture(scope="module")
def demo(tmp_path_factory, anonymiser, embedder):
    from engine.demo import run_demo
    from engine.pipeline import Pipeline
    from engine.store import Store

    settings = Settings(db_path=tmp_path_factory.mktemp("projects") / "insights.db", suppression_threshold=5,
                        sensitive_suppression_threshold=5, password_scrypt_n=2 ** 12)
    store = Store(settings.db_path)
    try:
        run_demo(Pipeline(settings, store, anonymiser=anonymiser, embedder=embedder), n_notes=80, discover=False)
        orgs = sorted(store.organisations_with_notes(), key=lambda o: -o["notes"])
    finally:
        store.close()
    return settings, [o["name"] for o in orgs]


@pytest.fixture(scope="module")
def clients(demo, anonymiser, embedder):
    from fastapi.testclient import TestClient

    from engine.store import Store
    from service.app import create_app
    from service.auth import create_token

    settings, _ = demo
    app = create_app(settings)
    app.state.models._anonymiser, app.state.models._embedder = anonymiser, embedder
    made = []

    def client(role: str, org: str | None = None) -> TestClient:
        store = Store(settings.db_path)
        try:
            _, token = create_token(store, role, org, name=f"projects {role}")
        finally:
            store.close()
        c = TestClient(app, headers={"Authorization": f"Bearer {token}"})
        c.__enter__()
        made.append(c)
        return c
    yield client
    for c in made:
        c.__exit__(None, None, None)


@pytest.fixture(scope="module")
def project(demo, clients):
    """(project id, member org names, a non-member org name): the three biggest organisations are members, and
    every note of theirs is tagged by its own contributor."""
    settings, orgs = demo
    members, outsider = orgs[:3], orgs[-1]
    r = clients("facilitator").post("/api/v1/projects", json={
        "name": "Warm spaces", "question": QUESTION, "period": "2025", "areas": [], "organisations": members,
        "leads": ["Community development officer"]})
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    from engine.store import Store

    store = Store(settings.db_path)
    try:
        ids = {org: sorted(store.org_note_ids(store.org_id(org))) for org in members}
    finally:
        store.close()
    for org in members:
        r = clients("contributor", org).post(f"/api/v1/projects/{pid}/notes", json={"note_ids": ids[org]})
        assert r.status_code == 200 and r.json()["tagged"] == len(ids[org]), r.text
    return pid, members, outsider, ids


def test_when_a_facilitator_starts_a_project_then_it_lists_its_members_and_question(project, clients):
    pid, members, _, ids = project
    p = clients("analyst").get(f"/api/v1/projects/{pid}").json()["project"]
    assert p["question"] == QUESTION and sorted(m["name"] for m in p["members"]) == sorted(members)
    assert p["notes"] == sum(len(v) for v in ids.values()) and p["status"] == "open"


@pytest.mark.parametrize("body,where", [
    ({"organisations": ["No Such Group"]}, "organisations"), ({"period": "summer"}, "period"),
    ({"areas": ["E99999999"]}, "areas"), ({"question": "   "}, "question")])
def test_when_a_project_is_wrong_then_400_names_the_field_and_nothing_is_saved(project, clients, demo, body, where):
    client = clients("facilitator")
    before = len(client.get("/api/v1/projects").json()["projects"])
    r = client.post("/api/v1/projects", json={"name": "x", "question": "Why?", "organisations": demo[1][:1], **body})
    assert r.status_code == 400 and r.json()["error"]["where"] == where
    assert "fix" in r.json()["error"] and len(client.get("/api/v1/projects").json()["projects"]) == before


def test_when_others_than_facilitators_start_a_project_then_refused(clients, demo):
    body = {"name": "x", "question": "Why?", "organisations": demo[1][:1]}
    for role, org in [("analyst", None), ("contributor", demo[1][0])]:
        assert clients(role, org).post("/api/v1/projects", json=body).status_code == 403


def test_when_a_contributor_is_not_a_member_then_they_never_see_or_tag_the_project(project, clients):
    pid, members, outsider, ids = project
    inside, outside = clients("contributor", members[0]), clients("contributor", outsider)
    assert [p["id"] for p in inside.get("/api/v1/projects").json()["projects"]] == [pid]
    assert outside.get("/api/v1/projects").json()["projects"] == []
    assert outside.get(f"/api/v1/projects/{pid}").status_code == 404
    assert outside.post(f"/api/v1/projects/{pid}/notes", json={"note_ids": ids[members[0]][:1]}).status_code == 404


def test_when_a_member_tags_another_organisations_note_then_404_and_nothing_changes(project, clients):
    pid, members, _, ids = project
    client = clients("contributor", members[0])
    r = client.post(f"/api/v1/projects/{pid}/notes", json={"note_ids": ids[members[1]][:1]})
    assert r.status_code == 404
    again = client.post(f"/api/v1/projects/{pid}/notes", json={"note_ids": ids[members[0]]})
    assert again.status_code == 200 and again.json()["tagged"] == 0   # tagged already: counted once


def test_when_the_project_view_is_read_then_it_counts_only_its_notes_and_nothing_below_the_threshold(
        project, clients):
    pid, members, _, _ = project
    view = clients("analyst").get(f"/api/v1/projects/{pid}").json()
    shown = [t for t in view["themes"] if not t["suppressed"]]
    assert shown and all(t["notes"] >= 5 and t["notes"] % 5 == 0 for t in shown)
    assert all(t["notes"] is None and t["share"] is None and not t["quotes"] for t in view["themes"]
               if t["suppressed"])
    assert all(t["organisations"] is None or t["organisations"] >= 5 for t in view["themes"])
    everyone = {t["id"]: t["notes"] for t in clients("analyst").get("/api/v1/themes").json()["themes"]}
    assert all(t["notes"] <= (everyone.get(t["id"]) or 0) + 5 for t in shown)
    member = clients("contributor", members[0]).get(f"/api/v1/projects/{pid}").json()
    assert [t["notes"] for t in member["themes"]] == [t["notes"] for t in view["themes"]]
    assert all(t["quotes"] == [] for t in member["themes"]) and member["memos"] == []


def test_when_a_decision_names_a_person_then_refused_and_a_plain_one_joins_the_log(project, clients):
    pid = project[0]
    client = clients("facilitator")
    r = client.post(f"/api/v1/projects/{pid}/decisions",
                    json={"decision": "Mary Jones will run the sessions.", "why": "She offered."})
    assert r.status_code == 400 and r.json()["error"]["code"] == "personal_details"
    r = client.post(f"/api/v1/projects/{pid}/decisions", json={
        "decision": "Two warm-space sessions a week in the village halls.", "why": "The bus to town stops at 4pm."})
    assert r.status_code == 201
    log = clients("contributor", project[1][0]).get(f"/api/v1/projects/{pid}").json()["decisions"]
    assert [d["decision"] for d in log] == ["Two warm-space sessions a week in the village halls."]
    assert clients("analyst").post(f"/api/v1/projects/{pid}/decisions",
                                   json={"decision": "x", "why": "y"}).status_code == 403


def test_when_an_analyst_writes_memos_then_they_show_with_who_and_when(project, clients):
    pid, members, _, ids = project
    analyst = clients("analyst")
    theme = analyst.get(f"/api/v1/projects/{pid}").json()["themes"][0]["id"]
    r = analyst.post(f"/api/v1/projects/{pid}/memos", json={"text": "Cost of the bus comes up often.",
                                                            "theme_id": theme})
    assert r.status_code == 201 and r.json()["who"].startswith("token:") and r.json()["at"]
    r = analyst.post(f"/api/v1/projects/{pid}/memos", json={"text": "A clear example.",
                                                            "note_id": ids[members[0]][0]})
    assert r.status_code == 201
    assert analyst.post(f"/api/v1/projects/{pid}/memos", json={"text": "x"}).status_code == 400
    assert clients("contributor", members[0]).post(f"/api/v1/projects/{pid}/memos",
                                                   json={"text": "x", "theme_id": theme}).status_code == 403
    memos = analyst.get(f"/api/v1/projects/{pid}").json()["memos"]
    assert [m["theme_id"] for m in memos] == [theme, None]


def test_when_a_project_is_closed_then_no_more_notes_can_be_tagged(demo, clients):
    _, orgs = demo
    fac = clients("facilitator")
    pid = fac.post("/api/v1/projects", json={"name": "Closed", "question": "Why?", "organisations": orgs[:1]}).json()["id"]
    assert fac.patch(f"/api/v1/projects/{pid}", json={"status": "closed"}).json()["status"] == "closed"
    from engine.store import Store

    store = Store(demo[0].db_path)
    try:
        note = sorted(store.org_note_ids(store.org_id(orgs[0])))[0]
    finally:
        store.close()
    r = clients("contributor", orgs[0]).post(f"/api/v1/projects/{pid}/notes", json={"note_ids": [note]})
    assert r.status_code == 400 and "closed" in r.json()["error"]["message"]


def test_when_the_project_pages_are_opened_then_members_see_counts_staff_see_quotes_and_others_a_404(project,
                                                                                                   clients):
    pid, members, outsider, _ = project
    staff = clients("analyst").get(f"/projects/{pid}")
    assert staff.status_code == 200 and "Warm spaces" in staff.text and 'id="project-themes"' in staff.text
    assert "What people said" in staff.text
    member = clients("contributor", members[0]).get(f"/projects/{pid}")
    assert member.status_code == 200 and "What people said" not in member.text and "Memos" not in member.text
    assert f'href="/projects/{pid}"' in clients("contributor", members[0]).get("/projects").text
    assert clients("contributor", outsider).get(f"/projects/{pid}").status_code == 404
    assert f'href="/projects/{pid}"' not in clients("contributor", outsider).get("/projects").text


def test_when_a_pack_is_made_for_a_project_then_it_holds_the_projects_own_view_and_decisions(project, clients):
    import csv
    import io
    import json
    import zipfile

    pid = project[0]
    fac = clients("facilitator")
    fac.post(f"/api/v1/projects/{pid}/decisions", json={"decision": "=Open the halls on Tuesdays.",
                                                       "why": "Walking distance for most."})
    r = fac.get("/api/v1/reports/pack", params={"project_id": pid})
    assert r.status_code == 200
    assert f'filename="evidence-pack-project-{pid}-' in r.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(r.content))
    assert {"project.md", "project-themes.csv", "project-quotes.csv", "decisions.csv"} <= set(archive.namelist())
    assert json.loads(archive.read("manifest.json"))["filters"]["project_id"] == pid
    themes = list(csv.DictReader(io.StringIO(archive.read("project-themes.csv").decode())))
    view = clients("analyst").get(f"/api/v1/projects/{pid}").json()["themes"]
    assert [(t["id"], t["notes"]) for t in themes] == [(t["id"], "" if t["notes"] is None else str(t["notes"]))
                                                       for t in view]
    decisions = list(csv.DictReader(io.StringIO(archive.read("decisions.csv").decode())))
    assert "'=Open the halls on Tuesdays." in [d["decision"] for d in decisions]
    assert QUESTION in archive.read("project.md").decode()
    assert fac.get("/api/v1/reports/pack", params={"project_id": 999999}).status_code == 404
