"""/api/v1/agreements over HTTP, and the register on the pages: admins add, contributors see their own
organisation's agreements (API and /my/picture), staff see every one; /admin/agreements is for admins."""
from tests.service.conftest import csrf

BACKENDS = ("sqlite", "postgresql")   # each test here runs on both (tests/conftest.py)


BODY = {"organisation": "Riverside", "reference": "DSA-2025-014", "parties": "Riverside; Lewisham Council",
        "purpose": "Planning local services", "signed_on": "2025-04-01", "review_on": "2099-04-01"}


def test_when_an_admin_adds_agreements_then_each_organisation_sees_only_its_own(token_client):
    admin = token_client("admin", "Riverside")
    r = admin.post("/api/v1/agreements", json=BODY)
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "in_force" and r.json()["created_by"].startswith("token:")
    assert admin.post("/api/v1/agreements", json={**BODY, "organisation": "Northside", "reference": "N-1",
                                                  "review_on": "2000-01-01", "signed_on": "1999-01-01"}
                      ).status_code == 201
    mine = token_client("contributor", "Riverside").get("/api/v1/agreements").json()["agreements"]
    assert [a["reference"] for a in mine] == ["DSA-2025-014"]
    everyone = token_client("analyst", "Riverside").get("/api/v1/agreements").json()["agreements"]
    assert [(a["reference"], a["status"]) for a in everyone] == [("N-1", "review_overdue"),
                                                                  ("DSA-2025-014", "in_force")]


def test_when_a_contributor_or_a_bad_agreement_is_sent_then_it_is_refused(token_client):
    assert token_client("contributor", "Riverside").post("/api/v1/agreements", json=BODY).status_code == 403
    admin = token_client("admin", "Riverside")
    assert admin.post("/api/v1/agreements", json=BODY).status_code == 201
    again = admin.post("/api/v1/agreements", json=BODY)
    assert again.status_code == 400 and again.json()["error"]["where"] == "reference"
    early = admin.post("/api/v1/agreements", json={**BODY, "reference": "X-2", "review_on": "2025-01-01"})
    assert early.status_code == 400 and early.json()["error"]["where"] == "review_on"
    assert early.json()["error"]["fix"]


def test_when_the_organisation_has_an_agreement_then_the_picture_page_shows_it_with_its_review_date(
        token_client, signed_in_client):
    assert token_client("admin", "Riverside").post("/api/v1/agreements", json=BODY).status_code == 201
    page = signed_in_client("contributor", "Riverside").get("/my/picture")
    assert page.status_code == 200
    assert "Your organisation&#39;s data-sharing agreement" in page.text or \
        "Your organisation's data-sharing agreement" in page.text
    assert "DSA-2025-014" in page.text and "review due 2099-04-01" in page.text
    other = signed_in_client("contributor", "Northside").get("/my/picture")
    assert "DSA-2025-014" not in other.text and "No data-sharing agreement for Northside" in other.text


def test_when_an_admin_uses_the_register_page_then_the_agreement_is_added_and_errors_come_back_on_the_form(
        signed_in_client):
    admin = signed_in_client("admin", "Riverside")
    page = admin.get("/admin/agreements")
    assert page.status_code == 200 and "No agreements yet." in page.text
    sent = admin.post("/admin/agreements", data={**BODY, "csrf_token": csrf(admin)}, follow_redirects=True)
    assert sent.status_code == 200 and "Added DSA-2025-014 to the register." in sent.text
    assert "Planning local services" in sent.text
    bad = admin.post("/admin/agreements", data={**BODY, "reference": "X-9", "signed_on": "soon",
                                                "csrf_token": csrf(admin)})
    assert bad.status_code == 400 and 'href="#signed_on"' in bad.text
    assert signed_in_client("contributor", "Riverside").get("/admin/agreements",
                                                            follow_redirects=False).status_code == 403
