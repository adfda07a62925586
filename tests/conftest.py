"""Shared fixtures: settings pointing at a fresh database file, a store, and the shared heavy models
(loaded once per test session: real Presidio + spaCy, real MiniLM)."""
from __future__ import annotations

import pytest

from engine.core.offline import ensure_offline
from engine.core.settings import Settings

ensure_offline()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(db_path=tmp_path / "insights.db")


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
    from themes.embedder import MiniLMEmbedder

    return MiniLMEmbedder()


@pytest.fixture
def pipeline(settings, store, anonymiser, embedder):
    from engine.pipeline import Pipeline

    return Pipeline(settings, store, anonymiser=anonymiser, embedder=embedder)
