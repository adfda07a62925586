"""Signing in and out, CSRF, hashed secrets, rate limits and the one error body, over real HTTP."""
import hashlib
import os
import re
import statistics
import time
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from engine.core.settings import Settings
from engine.store import Store
from service.app import create_app
from service.auth import (
    check_password,
    create_token,
    create_user,
    demo_accounts,
    expires_in,
    hash_password,
    sha256,
)

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
    # over the file limit and the form framing allowed on top of it (service/app.py BodyLimit.FORM_ALLOWANCE)
    r = c.post("/upload", content=b"x" * (10 * 1024 * 1024 + 64 * 1024 + 10),
               headers={"content-type": "multipart/form-data"})
    assert r.status_code == 413 and "at most 10 MB" in r.json()["error"]["message"]


# ---- issue 20: sign-in throttling, timing, scrypt cost, per-person limits, token expiry, audit of refusals ----
def _add_user(settings, email, role="analyst", org=None, n=None):
    store = Store(settings.db_path)
    try:
        return create_user(store, email, role, org, PASSWORD, scrypt_n=n or settings.password_scrypt_n)
    finally:
        store.close()


def _login(c, email, password):
    return c.post("/login", data={"email": email, "password": password, "next": "/", "csrf_token": csrf(c)},
                  follow_redirects=False)


def _shown_error(page) -> str:
    return re.search(r"<li>(.*?)</li>", page.text, re.S).group(1)


def test_when_an_account_fails_to_sign_in_5_times_then_it_is_locked_with_429_whether_or_not_it_exists(settings):
    app = create_app(settings)   # the defaults: 5 failures in 15 minutes lock for 15 minutes
    _add_user(settings, "ann@example.org")
    _add_user(settings, "bo@example.org")
    with TestClient(app) as c:
        assert [_login(c, "ann@example.org", "not the password").status_code for _ in range(5)] == [401] * 5
        locked = _login(c, "ann@example.org", PASSWORD)          # the right password, too late
        assert locked.status_code == 429 and 14 * 60 < int(locked.headers["retry-after"]) <= 15 * 60
        assert "ci_session" not in c.cookies and "Too many failed sign-ins" in _shown_error(locked)
        assert [_login(c, "nobody@example.org", "not the password").status_code for _ in range(5)] == [401] * 5
        unknown = _login(c, "nobody@example.org", PASSWORD)
        assert unknown.status_code == 429 and _shown_error(unknown) == _shown_error(locked)   # says nothing more
        assert "15 minutes" in _shown_error(locked)
        assert _login(c, "bo@example.org", PASSWORD).status_code == 303   # other accounts are not locked


def test_when_one_address_fails_across_many_accounts_then_that_address_is_locked(settings):
    app = create_app(settings.with_overrides(login_address_max_failures=3))
    _add_user(settings, "cy@example.org")
    with TestClient(app, client=("203.0.113.7", 4000)) as attacker, \
            TestClient(app, client=("198.51.100.2", 4000)) as colleague:
        assert [_login(attacker, f"guess{i}@example.org", "not the password").status_code
                for i in range(3)] == [401] * 3
        r = _login(attacker, "cy@example.org", PASSWORD)
        assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
        assert _login(colleague, "cy@example.org", PASSWORD).status_code == 303


def test_when_an_unknown_email_signs_in_then_it_takes_as_long_as_a_wrong_password(settings):
    """The median of a few tries each, interleaved, with a generous bound: an unknown email used to answer
    without any scrypt work, in about a tenth of the time."""
    settings = settings.with_overrides(password_scrypt_n=2 ** 14, login_max_failures=100,
                                       login_address_max_failures=100)
    app = create_app(settings)
    _add_user(settings, "kim@example.org", n=2 ** 14)
    known, unknown = [], []
    with TestClient(app) as c:
        _login(c, "kim@example.org", "warm up the app")
        for i in range(7):
            for email, times in (("kim@example.org", known), (f"ghost{i}@example.org", unknown)):
                start = time.perf_counter()
                assert _login(c, email, "not the password").status_code == 401
                times.append(time.perf_counter() - start)
    assert statistics.median(unknown) >= 0.5 * statistics.median(known), (known, unknown)


def test_when_hashing_with_the_production_default_then_it_is_owasps_minimum_and_verifies():
    assert Settings().password_scrypt_n == 2 ** 17
    stored = hash_password(PASSWORD)
    assert stored.split("$")[1:4] == ["131072", "8", "1"]   # N=2^17, r=8, p=1 (needs maxmem above the default)
    assert check_password(PASSWORD, stored) and not check_password(PASSWORD + "!", stored)


def _old_hash(password: str) -> str:
    """A hash as the service made them before issue 20: scrypt N=2^14."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2 ** 14, r=8, p=1, dklen=32)
    return f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"


def test_when_an_old_cheaper_hash_signs_in_then_it_still_works_and_is_rehashed_at_the_production_cost(tmp_path):
    settings = Settings(db_path=tmp_path / "insights.db")   # production defaults, cost included
    app = create_app(settings)
    store = Store(settings.db_path)
    user_id = create_user(store, "old@example.org", "analyst", None, None)
    store.set_password_hash(user_id, _old_hash(PASSWORD))
    store.close()
    with TestClient(app) as c:
        assert _login(c, "old@example.org", PASSWORD).status_code == 303
    stored = Store(settings.db_path).user_by_email("old@example.org")["password_hash"]
    assert stored.startswith("scrypt$131072$8$1$") and check_password(PASSWORD, stored)
    with TestClient(app) as c:
        assert _login(c, "old@example.org", PASSWORD).status_code == 303


def test_when_one_person_has_two_sessions_then_they_share_one_rate_limit(settings):
    app = create_app(settings.with_overrides(rate_limit_per_minute=4))
    _add_user(settings, "sam@example.org")
    with TestClient(app) as a, TestClient(app) as b:
        for c in (a, b):
            assert _login(c, "sam@example.org", PASSWORD).status_code == 303
        assert [c.get("/api/v1/themes").status_code for c in (a, b, a, b)] == [200] * 4
        r = b.get("/api/v1/themes")
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert a.get("/api/v1/themes").status_code == 429


def test_when_a_token_has_expired_then_401_says_so_and_how_to_get_a_new_one(settings):
    app = create_app(settings)
    store = Store(settings.db_path)
    _, old = create_token(store, "analyst", None, "last year", expires_at="2000-01-01T00:00:00+00:00")
    _, live = create_token(store, "analyst", None, "this week", expires_at=expires_in(7))
    store.close()
    with TestClient(app) as c:
        r = c.get("/api/v1/themes", headers={"Authorization": f"Bearer {old}"})
        assert r.status_code == 401 and "expired" in r.json()["error"]["message"]
        assert "--expires-days" in r.json()["error"]["fix"]
        assert c.get("/api/v1/themes", headers={"Authorization": f"Bearer {live}"}).status_code == 200


def test_when_demo_accounts_are_made_then_the_demo_token_expires_in_7_days(settings):
    store = Store(settings.db_path)
    try:
        accounts = demo_accounts(store, "Demo org", scrypt_n=settings.password_scrypt_n)
        token = next(a for a in accounts if a["email"] == "(API token)")
        row = store.token_principal(sha256(token["password"]))
    finally:
        store.close()
    expires = datetime.fromisoformat(row["expires_at"])
    assert row["expires_at"] == token["expires_at"] and not row["expired"]
    assert timedelta(days=6, hours=23) < expires - datetime.now(timezone.utc) <= timedelta(days=7)


def test_when_sign_in_fails_or_a_request_is_refused_then_the_audit_file_records_it(settings):
    app = create_app(settings)
    _add_user(settings, "ann@example.org", "contributor", "Riverside")
    store = Store(settings.db_path)
    token_id, token = create_token(store, "analyst", None, "nightly")
    store.close()
    with TestClient(app) as c:
        assert _login(c, "ann@example.org", "a wrong password 1").status_code == 401
        assert _login(c, "ghost@example.org", "a wrong password 2").status_code == 401
        assert c.get("/api/v1/themes").status_code == 401
        assert c.get("/api/v1/notes", headers={"Authorization": f"Bearer {token}"}).status_code == 403
        assert c.get("/api/v1/themes", headers={"Authorization": "Bearer ci_made-up"}).status_code == 401
    store = Store(settings.db_path)   # leaving the client shut the app down, which flushed the audit queue
    try:
        failed, refused = store.access_events("login_failed"), store.access_events("refused")
    finally:
        store.close()
    assert [(e["principal"], e["route"], e["status"], e["address"]) for e in failed] == [
        ("user:ann@example.org", "/login", 401, "testclient"),
        ("unknown-email:sha256:" + hashlib.sha256(b"ghost@example.org").hexdigest(), "/login", 401, "testclient")]
    assert [(e["principal"], e["method"], e["route"], e["status"], e["detail"]) for e in refused] == [
        ("anonymous", "GET", "/api/v1/themes", 401, "no credentials"),
        (f"token:{token_id}", "GET", "/api/v1/notes", 403, "role analyst"),
        ("anonymous", "GET", "/api/v1/themes", 401, "token not recognised")]
    assert all(e["at"] for e in failed + refused)
    raw = b"".join(p.read_bytes() for p in settings.db_path.parent.glob("*audit.db*"))
    assert b"a wrong password" not in raw and b"ghost@example.org" not in raw and token.encode() not in raw
