"""What the stages need from persistence, as protocols: `themes/` takes an object that meets one of these,
passed in, and never imports the store. `engine.store.Store` meets them all (tests/engine/core/test_protocols.py
checks it); `themes.evaluate.MemoryVectorStore` meets `VectorStore` for stateless runs.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class VectorStore(Protocol):
    """Embeddings by content hash and embedder id, so unchanged text is never embedded twice."""

    def get_embeddings(self, hashes: list[str], embedder_id: str) -> dict: ...

    def put_embeddings(self, items: dict, embedder_id: str) -> None: ...


@runtime_checkable
class TaxonomyStore(Protocol):
    """Taxonomy versions: record one (optionally activating it), read the one in force or any by number."""

    def record_taxonomy(self, label: str, content_hash: str, themes: list[dict], activate: bool = False,
                        parent_version: int | None = None, change: str | None = None) -> int: ...

    def latest_taxonomy_version(self) -> int | None: ...

    def taxonomy_version(self, version: int) -> dict: ...


@runtime_checkable
class CorrectionStore(TaxonomyStore, Protocol):
    """People's verdicts on notes' themes, and the assignments they override."""

    def note(self, note_id: int) -> dict: ...

    def add_correction(self, note_id: int, theme_id: str, verdict: str, who: str,
                       taxonomy_version: int | None) -> int: ...

    def latest_corrections(self, note_ids: list[int] | None = None) -> list[dict]: ...

    def corrected_notes(self) -> list[dict]: ...

    def in_force_assignments(self, note_ids: list[int] | None = None) -> list[dict]: ...

    def put_note_assignments(self, note_ids: list[int], rows: list[dict], version: int) -> None: ...


@runtime_checkable
class EmergentStore(TaxonomyStore, Protocol):
    """Emergent-theme candidates under review."""

    def emergent_candidate(self, candidate_id: int) -> dict: ...

    def update_emergent(self, candidate_id: int, **fields) -> None: ...


@runtime_checkable
class CalibrationStore(VectorStore, Protocol):
    """The zero-shot scorer's fitted calibration states, per taxonomy version and embedder, and the corpus
    (every note's anonymised text) a state is fitted on."""

    def latest_calibration(self, taxonomy_version: int, embedder_id: str) -> dict | None: ...

    def put_calibration(self, taxonomy_version: int, embedder_id: str, state: dict, fingerprint: str,
                        notes: int) -> None: ...

    def count_notes(self) -> int: ...

    def notes_for_refit(self) -> list[dict]: ...


@runtime_checkable
class PlaceNames(Protocol):
    """What the anonymiser needs to generalise small places (anonymise/small_places.py): whether a name is a
    readable area (a ward, council or neighbourhood), and the words naming a note's area ("Riverside ward",
    "Eden"). `engine.places.place_names.StorePlaceNames` meets it from the imported area lookups."""

    def is_area_name(self, name: str) -> bool: ...

    def area_label(self, given: str | None, districts: list[str]) -> str | None: ...
