"""GET /api/v1/my/picture and the /my/picture page over HTTP: a contributor of one organisation gets their picture
and the responses about their areas, never another organisation's note text, and, over random filters, no
published count (organisation counts included) below the threshold."""
from __future__ import annotations

import random

import pytest

from engine.store import Store
from tests.engine.publish.picture_data import MARKERS, fill, respond
from tests.engine.publish.test_picture import published_counts

BACKENDS = ("sqlite", "postgresql")   # each test here runs on both (tests/conftest.py)


@pytest.fixture
def filled(settings):
    store = fill(Store(settings.db_path))
    respond(store, "food_poverty", "E06000001", "Families in Northtown skip meals.")
    respond(store, "debt_money", "E05000003", "Rent arrears in South Ward.")
    store.close()


def test_when_a_contributor_asks_then_they_get_their_areas_picture_and_responses(token_client, filled):
    c = token_client("contributor", "Riverside Food Bank")
    r = c.get("/api/v1/my/picture")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["organisation"] == "Riverside Food Bank"
    assert [a["code"] for a in body["areas"]] == ["E05000001", "E06000001"]
    said = [x["said"] for x in body["responses"]]
    assert "Families in Northtown skip meals." in said and "Rent arrears in South Ward." not in said
    assert not any(m in r.text for m in MARKERS.values())


def test_when_another_organisation_asks_then_it_sees_its_own_areas_and_no_other_notes(token_client, filled):
    c = token_client("contributor", "South Help")
    r = c.get("/api/v1/my/picture")
    assert [a["code"] for a in r.json()["areas"]] == ["E05000003", "E06000002"]
    assert "Rent arrears in South Ward." in r.text and "Families in Northtown" not in r.text
    assert not any(m in r.text for m in MARKERS.values())
    page = token_client("contributor", "South Help").get("/my/picture")
    assert page.status_code == 200 and "South Ward" in page.text
    assert not any(m in page.text for m in MARKERS.values())


def test_when_csv_is_asked_for_then_one_row_per_area_and_theme(token_client, filled):
    r = token_client("contributor", "Riverside Food Bank").get("/api/v1/my/picture?format=csv")
    assert r.headers["content-type"].startswith("text/csv") and r.headers["X-Suppression-Method"]
    lines = r.text.splitlines()
    assert lines[0].startswith("area_code,area_name,level,kind,theme_id") and len(lines) > 2


@pytest.mark.parametrize("role, status", [("contributor", 200), ("admin", 200), ("analyst", 403),
                                          ("facilitator", 403)])
def test_when_each_role_asks_then_only_those_with_an_organisation_get_a_picture(token_client, filled, role, status):
    c = token_client(role, "Riverside Food Bank" if role in ("contributor", "admin") else None)
    assert c.get("/api/v1/my/picture").status_code == status
    assert c.get("/my/picture").status_code == status


def test_when_an_admin_has_no_organisation_then_a_clear_403(token_client, filled):
    r = token_client("admin", None).get("/api/v1/my/picture")
    assert r.status_code == 403 and "not linked to an organisation" in r.json()["error"]["message"]


def test_when_the_period_is_bad_then_400_and_the_page_shows_the_problem(token_client, filled):
    c = token_client("contributor", "Riverside Food Bank")
    assert c.get("/api/v1/my/picture?period=2025-13").status_code == 422
    page = c.get("/my/picture?period=next+year")
    assert page.status_code == 400 and "error-summary" in page.text


def test_when_filters_are_random_then_no_published_count_over_http_is_below_the_threshold(token_client, filled):
    rng = random.Random(20251201)   # a seeded loop: each run asks the same 40 questions
    clients = {org: token_client("contributor", org) for org in MARKERS}
    periods = ["", "2025", "2025-Q2", "2025-Q3", "2025-05", "2025-07", "2025-08", "2025-09", "2024"]
    seen = 0
    for _ in range(40):
        org, period, months = rng.choice(sorted(MARKERS)), rng.choice(periods), rng.randint(3, 24)
        r = clients[org].get("/api/v1/my/picture", params={"months": months, **({"period": period} if period else {})})
        assert r.status_code == 200, r.text
        for key, n, sensitive in published_counts(r.json()):
            assert n >= (20 if sensitive else 10), (org, period, key, n)
            seen += 1
        assert not any(m in r.text for m in MARKERS.values())
    assert seen > 40      # counts were published, so the check had something to check
