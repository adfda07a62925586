"""Issue 20: the job page /jobs/{id} follows GET /api/v1/jobs/{id}: another organisation's job answers 404, to
admins too; a job of one's own organisation, or one an org-less admin started, opens."""
import pytest
from fastapi.testclient import TestClient

from engine.store import Store
from service.app import create_app

from ..conftest import sign_in


@pytest.fixture
def plain_app(settings):
    return create_app(settings)


def _job(settings, org: str, owner: str = "user:someone@example.org") -> str:
    store = Store(settings.db_path)
    try:
        return store.create_job("upload", 10, owner=owner, org_id=store.ensure_org(org))
    finally:
        store.close()


def test_when_an_admin_opens_another_organisations_job_page_then_404_as_the_api_says(plain_app, settings):
    theirs = _job(settings, "Hillside Advice")
    with TestClient(plain_app) as admin:
        sign_in(admin, settings, "admin", "Riverside")
        for path in (f"/jobs/{theirs}", f"/jobs/{theirs}/status", f"/api/v1/jobs/{theirs}"):
            assert admin.get(path).status_code == 404, path
        assert "Hillside" not in admin.get(f"/jobs/{theirs}").text
        ours = _job(settings, "Riverside")
        assert admin.get(f"/jobs/{ours}").status_code == 200
        assert admin.get(f"/jobs/{ours}/status").json()["status"] == "queued"


def test_when_an_admin_with_no_organisation_started_a_job_then_they_see_it_and_no_one_elses(plain_app, settings):
    with TestClient(plain_app) as admin:
        sign_in(admin, settings, "admin", None)
        label = "user:" + Store(settings.db_path).q("SELECT email FROM users")[0]["email"]
        store = Store(settings.db_path)
        mine = store.create_job("refit", 0, owner=label, org_id=None)
        store.close()
        assert admin.get(f"/jobs/{mine}").status_code == 200
        assert admin.get(f"/jobs/{_job(settings, 'Riverside')}").status_code == 404
