"""Shared fixtures: settings pointing at a fresh database file, a store, and the shared heavy models
(loaded once per test session: real Presidio + spaCy, real MiniLM on ONNX Runtime)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.core.offline import ensure_offline
from engine.core.settings import Settings

ensure_offline()

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """The real public data beside the checkout (../shared/data). Missing, the tests that read it fail, never
    skip: a skipped real-data test is a check that cannot fail."""
    if not (SHARED_DATA / "SOURCES.md").exists():
        pytest.fail(f"The shared real data is not at {SHARED_DATA}; check out the project beside ../shared.")
    return SHARED_DATA


def pytest_generate_tests(metafunc):
    """A test module that sets `BACKENDS = ("sqlite", "postgresql")` runs each test that uses `settings` (or
    `store`, `app`, a client...) once per backend."""
    backends = getattr(metafunc.module, "BACKENDS", None)
    if backends and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", backends)


@pytest.fixture
def backend() -> str:
    """The store backend of `settings`: sqlite, unless the module asks for both (BACKENDS) or the run does
    (INSIGHTS_TEST_BACKEND=postgresql runs everything that uses `settings` on PostgreSQL)."""
    return os.environ.get("INSIGHTS_TEST_BACKEND", "sqlite")


@pytest.fixture
def settings(tmp_path, backend, request) -> Settings:
    """A fresh database: a SQLite file, or a fresh PostgreSQL database of the session's own server (tests/pg.py).
    Passwords are hashed at a test cost (scrypt N=2**12, not the production 2**17, which takes most of a second
    a hash); tests/service/test_auth.py checks the production default."""
    db = tmp_path / "insights.db" if backend == "sqlite" else request.getfixturevalue("pg_url")
    return Settings(db_path=db, password_scrypt_n=2 ** 12)


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server of this test session's own (tests/pg.py), started on first use, stopped at the end."""
    from tests.pg import PgServer

    server = PgServer().start()
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """A fresh, migrated PostgreSQL database for one test (dropped after it)."""
    url = pg_server.new_database()
    yield url
    pg_server.drop(url)


@pytest.fixture
def store(settings):
    from engine.store import Store

    s = Store(settings.db_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def anonymiser():
    from anonymise.anonymiser import Anonymiser

    return Anonymiser(Settings())


@pytest.fixture(scope="session")
def embedder():
    """The shipped accurate embedder (MiniLM on ONNX Runtime; built on first use if set-up has not built it)."""
    from themes.embedders import make_embedder

    return make_embedder(Settings().embedder)


@pytest.fixture(scope="session")
def torch_embedder():
    """The same MiniLM on PyTorch (sentence-transformers): the reference the ONNX embedder is checked against."""
    from themes.embedder import MiniLMEmbedder

    return MiniLMEmbedder()


@pytest.fixture
def pipeline(settings, store, anonymiser, embedder):
    from engine.pipeline import Pipeline

    return Pipeline(settings, store, anonymiser=anonymiser, embedder=embedder)

