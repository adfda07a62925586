"""Signing in and out, CSRF, hashed secrets, rate limits and the one error body, over real HTTP."""
import hashlib

import pytest
from fastapi.testclient import TestClient

from engine.store import Store
from service.app import create_app
from service.auth import check_password, create_token, create_user, hash_password

from .conftest import PASSWORD, csrf


def _db_bytes(path) -> bytes:
    store = Store(path)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_when_token_created_then_only_its_hash_is_in_the_database_file(settings):
    store = Store(settings.db_path)
    _, token = create_token(store, "analyst", None, "nightly")
    user_id = create_user(store, "Ann@Example.org", "contributor", "Riverside", PASSWORD)
    store.close()
    raw = _db_bytes(settings.db_path)
    assert token.encode() not in raw and PASSWORD.encode() not in raw
    assert hashlib.sha256(token.encode()).hexdigest().encode() in raw
    assert user_id and Store(settings.db_path).user_by_email("ann@example.org")["org"] == "Riverside"


def test_when_password_checked_then_only_the_right_one_passes():
    stored = hash_password(PASSWORD)
    assert stored.startswith("scrypt$") and check_password(PASSWORD, stored)
    assert not check_password(PASSWORD + "!", stored) and not check_password(PASSWORD, None)
    assert not check_password(PASSWORD, "scrypt$1$2")


def test_when_token_sent_then_api_answers_and_a_wrong_token_gets_401(token_client, anon_client):
    assert token_client("analyst", None).get("/api/v1/themes").status_code == 200
    r = anon_client.get("/api/v1/themes", headers={"Authorization": "Bearer ci_not-a-real-token"})
    assert r.status_code == 401 and set(r.json()["error"]) == {"code", "message", "fix"}


def test_when_user_signs_in_then_pages_open_and_after_signing_out_they_do_not(app, settings):
    store = Store(settings.db_path)
    create_user(store, "fac@example.org", "facilitator", "Council insight team", PASSWORD)
    store.close()
    with TestClient(app) as c:
        assert c.get("/themes", follow_redirects=False).headers["location"] == "/login?next=/themes"
        page = c.get("/login?next=/themes")
        assert 'name="csrf_token"' in page.text and c.cookies["ci_csrf"] in page.text
        bad = c.post("/login", data={"email": "fac@example.org", "password": "wrong password", "next": "/themes",
                                     "csrf_token": csrf(c)})
        assert bad.status_code == 401 and "do not match" in bad.text
        ok = c.post("/login", data={"email": "FAC@example.org", "password": PASSWORD, "next": "/themes",
                                    "csrf_token": csrf(c)}, follow_redirects=False)
        assert ok.status_code == 303 and ok.headers["location"] == "/themes"
        cookie = ok.headers.get_list("set-cookie")
        assert any(h.startswith("ci_session=") and "HttpOnly" in h and "SameSite=lax" in h for h in cookie), cookie
        assert c.get("/themes").status_code == 200
        session = c.cookies["ci_session"]
        assert c.post("/logout", data={"csrf_token": csrf(c)}, follow_redirects=False).status_code == 303
        c.cookies.set("ci_session", session)  # replaying the old cookie does not work: the session has ended
        assert c.get("/themes", follow_redirects=False).status_code == 303
        assert c.get("/api/v1/themes").status_code == 401


def test_when_login_redirect_points_off_site_then_it_goes_home_instead(app, settings):
    store = Store(settings.db_path)
    create_user(store, "an@example.org", "analyst", None, PASSWORD)
    store.close()
    with TestClient(app) as c:
        r = c.post("/login", data={"email": "an@example.org", "password": PASSWORD, "next": "//evil.example",
                                   "csrf_token": csrf(c)}, follow_redirects=False)
        assert r.headers["location"] == "/"


def test_when_form_posted_without_csrf_token_then_403_and_nothing_happens(app, settings, signed_in_client):
    with TestClient(app) as c:
        c.get("/login")
        r = c.post("/login", data={"email": "x@example.org", "password": PASSWORD})
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
        r = c.post("/login", data={"email": "x@example.org", "password": PASSWORD, "csrf_token": "guess"})
        assert r.status_code == 403
    browser = signed_in_client("contributor", "Riverside")
    del browser.headers["X-CSRF-Token"]
    r = browser.post("/logout", follow_redirects=False)
    assert r.status_code == 403
    r = browser.post("/api/v1/notes?preview=true", json={"text": "We gave her a food parcel."})
    assert r.status_code == 403 and "CSRF" in r.json()["error"]["message"]
    assert browser.get("/api/v1/notes").status_code == 200  # still signed in: the forged posts did nothing


@pytest.fixture
def strict_app(settings, tmp_path):
    return create_app(settings.with_overrides(rate_limit_per_minute=3))


def test_when_a_token_sends_too_many_requests_then_429_with_retry_after(strict_app, settings):
    store = Store(settings.db_path)
    tokens = [create_token(store, "analyst", None)[1] for _ in range(2)]
    store.close()
    with TestClient(strict_app) as c:
        first = {"Authorization": f"Bearer {tokens[0]}"}
        assert [c.get("/api/v1/themes", headers=first).status_code for _ in range(3)] == [200, 200, 200]
        r = c.get("/api/v1/themes", headers=first)
        assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 60
        assert r.json()["error"]["code"] == "rate_limited" and "Retry-After" in r.json()["error"]["fix"]
        assert c.get("/api/v1/themes", headers={"Authorization": f"Bearer {tokens[1]}"}).status_code == 200


def test_when_unknown_route_or_method_then_the_same_error_body(token_client):
    c = token_client("admin", "Riverside")
    for r, status in ((c.get("/api/v1/nothing-here"), 404), (c.delete("/api/v1/themes"), 405)):
        assert r.status_code == status and set(r.json()["error"]) == {"code", "message", "fix"}


def test_when_upload_over_10mb_then_413_says_the_limit(token_client):
    c = token_client("contributor", "Riverside")
    r = c.post("/upload", content=b"x" * (10 * 1024 * 1024 + 10), headers={"content-type": "multipart/form-data"})
    assert r.status_code == 413 and "at most 10 MB" in r.json()["error"]["message"]
