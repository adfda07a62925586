"""Fixtures for the service: the real app over HTTP (TestClient) with the session's already-loaded models,
and callers of every kind: anonymous, signed in through the real /login form, or holding an API token.

    client                      a browser signed in as an admin of "Riverside" (sends its CSRF token)
    anon_client                 nobody signed in
    signed_in_client(role, org) a browser signed in through /login, with the X-CSRF-Token header set
    token_client(role, org)     an API caller with `Authorization: Bearer <token>`
    csrf(client)                the CSRF token to put in a form's `csrf_token` field
"""
import itertools

import pytest
from fastapi.testclient import TestClient

from service.app import create_app

PASSWORD = "correct horse battery staple"
_emails = itertools.count(1)


@pytest.fixture
def app(settings, anonymiser, embedder):
    """The real app, with the session's already-loaded models shared in."""
    app = create_app(settings)
    models = app.state.models
    models._anonymiser = anonymiser
    models._embedder = embedder
    return app


def csrf(client: TestClient) -> str:
    """The CSRF token a page would put in its forms (the browser's CSRF cookie; GET any page first)."""
    if "ci_csrf" not in client.cookies:
        client.get("/login")
    return client.cookies["ci_csrf"]


def sign_in(client: TestClient, settings, role: str, org: str | None) -> TestClient:
    from engine.store import Store
    from service.auth import create_user

    email = f"{role}{next(_emails)}@example.org"
    store = Store(settings.db_path)
    try:
        create_user(store, email, role, org, PASSWORD, scrypt_n=settings.password_scrypt_n)
    finally:
        store.close()
    r = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": csrf(client), "next": "/"},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    client.headers["X-CSRF-Token"] = client.cookies["ci_csrf"]
    return client


@pytest.fixture
def anon_client(app):
    with TestClient(app) as c:
        yield c


@pytest.fixture
def signed_in_client(app, settings):
    clients = []

    def make(role: str = "contributor", org: str | None = "Riverside") -> TestClient:
        c = TestClient(app)
        c.__enter__()
        clients.append(c)
        return sign_in(c, settings, role, org)
    yield make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture
def token_client(app, settings):
    from engine.store import Store
    from service.auth import create_token

    clients = []

    def make(role: str = "contributor", org: str | None = "Riverside") -> TestClient:
        store = Store(settings.db_path)
        try:
            _, token = create_token(store, role, org, name=f"test {role}")
        finally:
            store.close()
        c = TestClient(app, headers={"Authorization": f"Bearer {token}"})
        c.__enter__()
        clients.append(c)
        return c
    yield make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture
def client(signed_in_client):
    return signed_in_client("admin", "Riverside")
