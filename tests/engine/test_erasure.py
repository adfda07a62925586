"""Erasure (issue 16): a note and everything derived from it go, and not one byte of its text is left in the
database file, its write-ahead log, its shared-memory index or the audit file. Real SQLite files, no models."""
import json
import sqlite3

import numpy as np
import pytest

from engine import erasure
from engine.core.errors import InputError, NotFoundError
from engine.store import NewNote, Store
from engine.store.audit import AuditLog

CANARY = "Zanzibarquokka"


def _note(text: str, key: str, content_hash: str | None = None) -> NewNote:
    return NewNote(text=text, content_hash=content_hash or key, dedupe_key=key, source_type="case_note",
                   date="2025-03", month="2025-03", area_code=None, area_how="unknown", age_band=None,
                   external_id=None, redactions=[{"entity_type": "PERSON", "placeholder": "<PERSON_1>", "start": 0,
                                                  "end": 10}])


def files_of(settings) -> list:
    db = settings.db_path
    audit = settings.audit_db_path
    return [p for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"), audit,
                        audit.with_name(audit.name + "-wal"), audit.with_name(audit.name + "-shm")) if p.exists()]


def canary_bytes(settings, word: str = CANARY) -> dict:
    """Where the word is in the raw bytes of the files (as UTF-8, UTF-16 and lower case)."""
    forms = {word.encode(), word.lower().encode(), word.encode("utf-16-le")}
    found = {}
    for path in files_of(settings):
        data = path.read_bytes()
        hits = sum(data.count(f) for f in forms)
        if hits:
            found[path.name] = hits
    return found


def _derived(store, note_id: int, text: str) -> None:
    """Everything that hangs off a note: assignments, a correction, a held quote (linked and unlinked), an
    emergent candidate quoting it, an embedding."""
    version = store.record_taxonomy("t", "h1", [{"id": "housing", "label": "Housing", "description": "d",
                                                 "examples": [], "parent": None, "sensitive": False}], activate=True)
    store.put_note_assignments([note_id], [{"note_id": note_id, "theme_id": "housing", "score": 0.9,
                                            "method": "zero-shot", "taxonomy_version": version,
                                            "calibration": None}], version)
    store.add_correction(note_id, "housing", "confirmed", "analyst", version)
    store.add_quote_holds([{"note_id": note_id, "quote_hash": "q1", "source": "theme", "quote_text": text,
                            "score": 3.0, "reasons": []},
                           {"note_id": None, "quote_hash": "q2", "source": "emergent", "quote_text": text,
                            "score": 3.0, "reasons": []}])
    store.replace_emergent("run1", [{"label": f"{CANARY} and rent", "keywords": [CANARY.lower(), "rent"], "size": 1,
                                     "note_ids": [note_id], "quotes": [text], "quote_note_ids": [note_id]}])
    store.put_embeddings({store.note(note_id)["content_hash"]: np.ones(4, dtype=np.float32),
                          "k1": np.ones(4, dtype=np.float32)}, "fast")


@pytest.fixture
def filled(settings):
    store = Store(settings.db_path)
    org = store.ensure_org("Riverside")
    text = f"Met <PERSON_1> whose {CANARY} landlord raised the rent again this month."
    kept = store.add_submission(org, [_note("Another tenant worried about the rent rise.", "k1")], "cli", "consent")
    gone = store.add_submission(org, [_note(text, "k2"), _note("A second note of the same visit.", "k3", "k1")],
                                "cli", "consent")
    _derived(store, gone["note_ids"][0], text)
    audit = AuditLog(settings.audit_db_path)
    audit.write([{"id": None, "at": "2026-01-01", "principal": "x", "org_id": org, "route": "GET /notes",
                  "note_ids_json": json.dumps(gone["note_ids"])}])
    audit.close()
    yield store, kept, gone
    store.close()


def test_when_a_submission_is_erased_then_no_byte_of_its_text_is_left_in_any_file(filled, settings):
    store, kept, gone = filled
    assert canary_bytes(settings), "the canary must be in the files before, or the test proves nothing"
    plan = erasure.plan(store, submission_id=gone["submission_id"])
    assert plan["note_ids"] == gone["note_ids"] and plan["counts"]["assignments"] == 1
    done = erasure.erase(store, settings.audit_db_path, who="admin@example.org", reason="consent withdrawn",
                         submission_id=gone["submission_id"])
    assert done["wal_truncated"]
    assert canary_bytes(settings) == {}
    assert store.count_notes() == 1 and store.q("SELECT id FROM submissions") == [{"id": kept["submission_id"]}]
    # the embedding shared with the kept note (same content hash) stays; the erased note's own goes
    assert [r["content_hash"] for r in store.q("SELECT content_hash FROM embeddings")] == ["k1"]
    assert store.q("SELECT COUNT(*) AS n FROM emergent_themes")[0]["n"] == 0
    assert store.q("SELECT COUNT(*) AS n FROM quote_holds")[0]["n"] == 0


def test_when_erased_then_the_audit_keeps_a_tombstone_without_text(filled, settings):
    store, _, gone = filled
    erasure.erase(store, settings.audit_db_path, who="admin@example.org", reason="shared by mistake",
                  note_id=gone["note_ids"][0])
    audit = AuditLog(settings.audit_db_path)
    try:
        (row,) = audit.erasures()
    finally:
        audit.close()
    assert (row["principal"], row["scope"], row["target"], row["reason"]) == (
        "admin@example.org", "note", str(gone["note_ids"][0]), "shared by mistake")
    assert row["note_ids"] == [gone["note_ids"][0]] and row["counts"]["notes"] == 1 and row["at"]
    assert canary_bytes(settings) == {}
    assert store.count_notes() == 2   # the other note of the submission stays, and so does the submission
    assert store.q("SELECT note_count FROM submissions WHERE id = ?", [gone["submission_id"]]) == [{"note_count": 1}]


def test_when_a_table_with_a_note_id_is_added_later_then_erasure_empties_it_too(filled, settings):
    store, _, gone = filled
    with store.db.conn:
        store.db.conn.execute("CREATE TABLE near_duplicates_later (note_id INTEGER, other TEXT)")
        store.db.conn.execute("INSERT INTO near_duplicates_later VALUES (?, ?)", (gone["note_ids"][0], CANARY))
    erasure.erase(store, settings.audit_db_path, who="cli", reason="test", submission_id=gone["submission_id"])
    # every table that has a note_id column, read from the schema here independently of the store's own list
    conn = sqlite3.connect(settings.db_path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    with_note_id = [t for t in tables if "note_id" in {c[1] for c in conn.execute(f"PRAGMA table_info([{t}])")}]
    assert "near_duplicates_later" in with_note_id and "assignments" in with_note_id
    for table in with_note_id:
        marks = ",".join("?" * len(gone["note_ids"]))
        left = conn.execute(f"SELECT COUNT(*) FROM [{table}] WHERE note_id IN ({marks})", gone["note_ids"]).fetchone()
        assert left[0] == 0, table
    conn.close()
    assert canary_bytes(settings) == {}


def test_when_no_reason_or_an_unknown_id_then_a_clear_error_and_nothing_goes(filled, settings):
    store, _, gone = filled
    with pytest.raises(InputError, match="why"):
        erasure.erase(store, settings.audit_db_path, who="cli", reason=" ", note_id=gone["note_ids"][0])
    with pytest.raises(NotFoundError, match="no note 99999"):
        erasure.plan(store, note_id=99999)
    other = store.ensure_org("Elsewhere")
    with pytest.raises(NotFoundError, match="your organisation"):
        erasure.plan(store, note_id=gone["note_ids"][0], org_id=other)
    assert store.count_notes() == 3
