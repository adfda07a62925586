"""GET /api/v1/exports/qdpx over HTTP: analysts and admins get the REFI-QDA project (valid against the REFI
schema, every note in it), every other role is refused, and the download is audited as a read of every note. The
themes page links to it for those roles only."""
from __future__ import annotations

import pytest

from engine.store import Store
from tests.engine.publish.qdpx_data import fill, read_archive, xsd
from themes.qdc import PROJECT_NS

NS = {"q": PROJECT_NS}


@pytest.fixture
def filled(pipeline, store):
    return fill(pipeline, store)


@pytest.mark.parametrize("role", ["analyst", "admin"])
def test_when_an_analyst_or_admin_downloads_then_the_project_holds_every_note(token_client, filled, shared_data,
                                                                              settings, role):
    c = token_client(role, None)
    r = c.get("/api/v1/exports/qdpx")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/zip"
    assert 'filename="community-insights-notes.qdpx"' in r.headers["content-disposition"]
    root, texts = read_archive(r.content)
    assert xsd(shared_data).validate(root)
    assert len(root.findall("q:Sources/q:TextSource", NS)) == len(texts) == len(filled["note_ids"])
    c.app.state.audit_writer.flush()
    rows = [a for a in Store(settings.db_path).audit_rows() if a["route"] == "GET /api/v1/exports/qdpx"]
    assert len(rows) == 1 and rows[0]["note_ids"] == filled["note_ids"]


@pytest.mark.parametrize("role", ["analyst", "admin"])
def test_when_the_caller_belongs_to_an_organisation_then_only_its_notes_are_in_the_project(token_client, filled,
                                                                                          settings, store, role):
    c = token_client(role, "Lee Green Pantry")
    r = c.get("/api/v1/exports/qdpx")
    assert r.status_code == 200, r.text
    root, texts = read_archive(r.content)
    own = [n["id"] for n in store.notes_for_export(store.org_id("Lee Green Pantry"))]
    assert len(own) == 3 and len(texts) == 3
    organisations = {c.findtext("q:VariableValue/q:TextValue", namespaces=NS)
                     for c in root.iter(f"{{{PROJECT_NS}}}Case")}
    assert organisations == {"Lee Green Pantry"}
    c.app.state.audit_writer.flush()
    rows = [a for a in Store(settings.db_path).audit_rows() if a["route"] == "GET /api/v1/exports/qdpx"]
    assert [a["note_ids"] for a in rows] == [own]


@pytest.mark.parametrize("role", ["facilitator", "contributor"])
def test_when_another_role_asks_then_it_is_refused_and_nothing_is_read(token_client, filled, settings, role):
    c = token_client(role, "Riverside Advice")
    r = c.get("/api/v1/exports/qdpx")
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    c.app.state.audit_writer.flush()
    assert not [a for a in Store(settings.db_path).audit_rows() if a["route"] == "GET /api/v1/exports/qdpx"]


def test_when_nobody_signed_in_asks_then_it_needs_a_sign_in(anon_client):
    r = anon_client.get("/api/v1/exports/qdpx")
    assert r.status_code == 401


@pytest.mark.parametrize("role, shown", [("analyst", True), ("admin", True), ("facilitator", False)])
def test_when_the_themes_page_is_read_then_the_download_link_is_there_for_who_may_use_it(signed_in_client, role,
                                                                                       shown):
    page = signed_in_client(role, "Riverside" if role == "admin" else None).get("/themes")
    assert page.status_code == 200
    assert ('href="/api/v1/exports/qdpx"' in page.text) is shown


def test_when_openapi_read_then_the_export_route_names_its_file_type(anon_client):
    op = anon_client.get("/openapi.json").json()["paths"]["/api/v1/exports/qdpx"]["get"]
    assert "application/zip" in op["responses"]["200"]["content"]
    assert {"401", "403"} <= set(op["responses"]) and op["summary"] and op["description"]


@pytest.fixture
def project(filled, store):
    """A community insights project holding notes 2 to 5 (three of Riverside Advice's, one of Lee Green Pantry's)."""
    from engine import projects

    pid = projects.create(store, "Warm spaces", "Why are the warm spaces empty?", None, [],
                          ["Riverside Advice", "Lee Green Pantry"], [], "test")["id"]
    projects.tag(store, pid, filled["note_ids"][2:6], None, "test")
    return pid


@pytest.mark.parametrize("org, expected", [(None, slice(2, 6)), ("Lee Green Pantry", slice(5, 6))])
def test_when_a_project_id_is_given_then_only_the_projects_notes_go_in_and_are_audited(
        token_client, filled, project, settings, shared_data, org, expected):
    c = token_client("analyst", org)
    r = c.get("/api/v1/exports/qdpx", params={"project_id": project})
    assert r.status_code == 200, r.text
    assert f'filename="community-insights-project-{project}.qdpx"' in r.headers["content-disposition"]
    root, texts = read_archive(r.content)
    assert xsd(shared_data).validate(root) and "Warm spaces" in root.get("name")
    wanted = filled["note_ids"][expected]
    assert len(texts) == len(wanted) == len(root.findall("q:Sources/q:TextSource", NS))
    c.app.state.audit_writer.flush()
    rows = [a for a in Store(settings.db_path).audit_rows() if a["route"] == "GET /api/v1/exports/qdpx"]
    assert [a["note_ids"] for a in rows] == [wanted]


def test_when_the_project_does_not_exist_then_404_and_nothing_is_read(token_client, filled, settings):
    c = token_client("admin", None)
    r = c.get("/api/v1/exports/qdpx", params={"project_id": 4242})
    assert r.status_code == 404 and r.json()["error"]["fix"]
    assert c.get("/api/v1/exports/qdpx", params={"project_id": 0}).status_code in (400, 422)
    c.app.state.audit_writer.flush()
    assert not [a for a in Store(settings.db_path).audit_rows() if a["route"] == "GET /api/v1/exports/qdpx"]


def test_when_a_facilitator_or_member_asks_for_a_projects_export_then_refused(token_client, filled, project):
    for role, org in [("facilitator", None), ("contributor", "Riverside Advice")]:
        assert token_client(role, org).get("/api/v1/exports/qdpx", params={"project_id": project}).status_code == 403


@pytest.mark.parametrize("role, shown", [("analyst", True), ("admin", True), ("facilitator", False)])
def test_when_the_project_page_is_read_then_its_qdpx_link_is_there_for_who_may_use_it_and_works(
        signed_in_client, filled, project, role, shown):
    browser = signed_in_client(role, None)
    page = browser.get(f"/projects/{project}")
    assert page.status_code == 200
    link = f'href="/api/v1/exports/qdpx?project_id={project}"'
    assert (link in page.text) is shown
    if shown:   # the link works with the browser's signed-in session
        r = browser.get(f"/api/v1/exports/qdpx?project_id={project}")
        assert r.status_code == 200 and len(read_archive(r.content)[1]) == 4
