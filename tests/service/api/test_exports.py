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
