"""Backups taken while notes are being written, and restores that check before they write."""
import sqlite3
import threading

import pytest

from engine.core.errors import InputError
from engine.store import NewNote, Store
from engine.store.backup import backup, check_backup, restore


def _note(text):
    return NewNote(text=text, content_hash=f"h-{text}", dedupe_key=f"d-{text}", source_type="case_note",
                   date="2025-03", month="2025-03", area_code=None, area_how="unknown", age_band=None,
                   external_id=None, redactions=[])


def _counts(path):
    conn = sqlite3.connect(path)
    try:
        notes = conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0]
        declared = conn.execute("SELECT COALESCE(SUM(note_count), 0) FROM submissions").fetchone()[0]
        return notes, declared
    finally:
        conn.close()


def test_when_backup_taken_during_a_running_ingest_then_restore_is_consistent(tmp_path):
    db = tmp_path / "live.db"
    store = Store(db)
    org = store.ensure_org("Riverside")
    stop = threading.Event()
    written = []

    def ingest():  # one submission of 40 notes per transaction, as the pipeline stores them, until told to stop
        batch = 0
        while not stop.is_set() and batch < 400:
            store.add_submission(org, [_note(f"<PERSON_1> note {batch}-{i}") for i in range(40)], "cli", "consent")
            written.append(batch)
            batch += 1

    worker = threading.Thread(target=ingest)
    worker.start()
    try:
        while len(written) < 5:
            stop.wait(0.01)
        result = backup(db, tmp_path / "backup.db")
        during = len(written)
    finally:
        stop.set()
        worker.join()
    assert result["integrity"] == "ok"
    assert during < len(written) or len(written) == 400          # the ingest was still going when the copy ran
    target = tmp_path / "restored.db"
    restored = restore(tmp_path / "backup.db", target)
    assert restored["integrity_after"] == "ok"
    notes, declared = _counts(target)
    assert notes == declared == restored["notes"] and notes % 40 == 0 and notes > 0   # whole submissions only
    assert notes <= store.count_notes()
    assert Store(target).count_notes() == notes                  # opens and migrates cleanly
    store.close()


def test_when_database_exists_then_restore_refuses_without_yes(tmp_path):
    db = tmp_path / "a.db"
    store = Store(db)
    store.add_submission(store.ensure_org("Org"), [_note("one"), _note("two")], "cli", "consent")
    backup(db, tmp_path / "b.db")
    store.add_submission(store.ensure_org("Org"), [_note("three")], "cli", "consent")
    with pytest.raises(InputError, match="already exists") as refused:
        restore(tmp_path / "b.db", db)
    assert "--yes" in refused.value.fix
    assert store.count_notes() == 3
    restore(tmp_path / "b.db", db, yes=True)
    assert store.count_notes() == 2                               # the open connection sees the restored data
    store.close()


def test_when_backup_is_damaged_or_foreign_then_restore_refuses_and_writes_nothing(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(InputError, match="not a readable SQLite"):
        restore(junk, tmp_path / "x.db")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (a)").connection.commit()
    with pytest.raises(InputError, match="not a Community Insights database"):
        check_backup(other)
    newer = tmp_path / "newer.db"
    Store(newer).db.execute("INSERT INTO _migrations (name, applied_at) VALUES ('m999_future', 'x')")
    with pytest.raises(InputError, match="newer version"):
        restore(newer, tmp_path / "x.db")
    assert not (tmp_path / "x.db").exists()
