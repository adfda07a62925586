"""Fixtures for the service: the real app over HTTP (TestClient) with the session's already-loaded models,
and callers of every kind: anonymous, signed in through the real /login form, or holding an API token.

    client                      a browser signed in as an admin of "Riverside" (sends its CSRF token)
    anon_client                 nobody signed in
    signed_in_client(role, org) a browser signed in through /login, with the X-CSRF-Token header set
    token_client(role, org)     an API caller with `Authorization: Bearer <token>`
    csrf(client)                the CSRF token to put in a form's `csrf_token` field
    api_schema                  the schemathesis schema over the app and a small seeded database
"""
import contextlib
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
def api_schema(settings, anonymiser):
    """The schemathesis schema over the real app and a small seeded database (tests/service/schemathesis_data.py),
    for the stateless and the stateful property-based runs; the admin token is app.state.test_token."""
    from tests.service.schemathesis_data import api_schema_for

    return api_schema_for(settings, anonymiser)


@pytest.fixture
def client(signed_in_client):
    return signed_in_client("admin", "Riverside")


# ---- the real service in its own process (`insights serve`), for tests of processes and load ---------------
class ServedProcess:
    """`insights serve` in a subprocess (its own session) on a loopback port, over a real database."""

    def __init__(self, db, port: int, env: dict):
        import subprocess
        import sys
        from pathlib import Path

        root = Path(__file__).resolve().parents[2]
        self.db, self.port, self.url = db, port, f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from service.cli.main import main; main()", "serve", "--db", str(db),
             "--port", str(port)], env={**env, "PYTHONPATH": str(root)}, cwd=root, start_new_session=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def wait_up(self, timeout: float = 60) -> bool:
        """True once /api/v1/health answers; False if the process ended first."""
        import time
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                urllib.request.urlopen(self.url + "/api/v1/health", timeout=2)
                return True
            except OSError:
                time.sleep(0.1)
        raise AssertionError("The service did not answer /api/v1/health in time.")


def children_of(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is pid, read from /proc."""
    from pathlib import Path

    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    from pathlib import Path

    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served_in_thread(app, timeout: float = 60):
    """The app served by uvicorn in a thread on a free loopback port: yields its base URL, stops it after."""
    import threading
    import time

    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("The app did not start under uvicorn.")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def serve_process(tmp_path):
    """serve_process(**env) -> a started ServedProcess over tmp_path/insights.db (same port when `port=` given).
    Every process started, and any child it leaves behind, is killed at the end."""
    import os
    import signal

    started: list[ServedProcess] = []
    seen_children: set[int] = set()

    def make(port: int | None = None, **env) -> ServedProcess:
        from engine.store import Store

        Store(tmp_path / "insights.db").close()    # migrated before the server and the test both open it
        served = ServedProcess(tmp_path / "insights.db", port or free_port(),
                               {**os.environ, "INSIGHTS_RATE_LIMIT": "10000", **env})
        started.append(served)
        return served

    make.seen_children = seen_children
    yield make
    for served in started:
        seen_children.update(children_of(served.pid))
        if served.proc.poll() is None:
            served.proc.kill()
        served.proc.wait(10)
        served.proc.stdout.close()
        served.proc.stderr.close()
    for pid in seen_children:          # orphans a failing test found: do not leave them running
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def api_token(db, role: str = "contributor", org: str | None = "Riverside") -> str:
    from engine.store import Store
    from service.auth import create_token

    store = Store(db)
    try:
        return create_token(store, role, org, name=f"test {role}")[1]
    finally:
        store.close()


@pytest.fixture
def proc_tools():
    """children_of(pid), alive(pid), free_port(), api_token(db, role, org): helpers for tests of processes."""
    import types

    return types.SimpleNamespace(children_of=children_of, alive=alive, free_port=free_port, api_token=api_token)
