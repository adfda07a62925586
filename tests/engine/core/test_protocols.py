"""The store meets every protocol the stages are written against, and the eval's in-memory store meets
VectorStore: so `themes/` can stay ignorant of engine.store."""
from __future__ import annotations

import pytest

from engine.core.protocols import (
    CalibrationStore,
    CorrectionStore,
    EmergentStore,
    TaxonomyStore,
    VectorStore,
)
from engine.store import Store
from themes.evaluate import MemoryVectorStore


@pytest.mark.parametrize("protocol", [VectorStore, TaxonomyStore, CorrectionStore, EmergentStore,
                                      CalibrationStore])
def test_when_a_store_is_opened_then_it_meets_each_stage_protocol(tmp_path, protocol):
    store = Store(tmp_path / "p.db")
    try:
        assert isinstance(store, protocol)
    finally:
        store.close()


def test_when_embedding_without_a_database_then_the_memory_store_is_a_vector_store():
    memory = MemoryVectorStore()
    assert isinstance(memory, VectorStore) and not isinstance(memory, TaxonomyStore)
