"""The audit log of note-text reads, in its own file beside the database: m008 moves the old rows there
without losing one, the store's audit_note_read / audit_rows keep working, writes leave the main database's
data_version alone, and the background writer commits every submitted row (also after a restart)."""
import sqlite3
import threading

import sqlite_utils

from engine.core.settings import Settings, audit_path_for
from engine.store import Store, migrations
from engine.store.audit import AuditLog, AuditWriter


def test_when_audit_path_derived_then_it_sits_beside_the_database(tmp_path):
    assert audit_path_for(tmp_path / "insights.db") == tmp_path / "insights-audit.db"
    assert Settings(db_path=tmp_path / "x.sqlite").audit_db_path == tmp_path / "x-audit.db"
    assert audit_path_for(":memory:") == ":memory:"


def test_when_an_older_database_is_opened_then_its_audit_rows_move_to_the_audit_file(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    db["_migrations"].create({"name": str, "applied_at": str}, pk="name")
    before = [fn for fn in migrations.MIGRATIONS if fn.__name__ < "m008"]
    for fn in before:
        fn(db)
        db["_migrations"].insert({"name": fn.__name__, "applied_at": "2026-01-01"})
    old = [{"id": i, "at": f"2026-01-0{i}T10:00:00+00:00", "principal": f"token:{i}", "org_id": i % 2 or None,
            "route": f"GET /api/v1/notes/{i}", "note_ids_json": f"[{i}, {i + 10}]"} for i in (1, 2, 3)]
    db["audit_log"].insert_all(old)
    db.conn.close()
    store = Store(path)
    rows = store.audit_rows()
    assert [(r["id"], r["principal"], r["route"], r["note_ids"], r["at"]) for r in rows] == [
        (i, f"token:{i}", f"GET /api/v1/notes/{i}", [i, i + 10], f"2026-01-0{i}T10:00:00+00:00") for i in (1, 2, 3)]
    assert "audit_log" not in store.db.table_names()          # one audit log, in the audit file
    store.audit_note_read("user:a@b.org", 1, "GET /api/v1/notes", [7, 5])
    store.close()
    again = Store(path)                                        # reopening copies nothing twice
    assert [(r["id"], r["note_ids"]) for r in again.audit_rows()][-2:] == [(3, [3, 13]), (4, [5, 7])]
    assert [r["id"] for r in again.audit_rows(org_id=1)] == [1, 3, 4]
    again.close()


def test_when_a_read_is_audited_then_the_main_database_data_version_does_not_change(tmp_path):
    path = tmp_path / "insights.db"
    store = Store(path)
    watcher = sqlite3.connect(path)
    version = watcher.execute("PRAGMA data_version").fetchone()[0]
    store.audit_note_read("token:1", None, "GET /api/v1/themes/food_poverty", [3, 1, 2])
    writer = AuditWriter(audit_path_for(path))
    writer.submit("token:1", None, "GET /api/v1/themes/food_poverty/quotes", [4])
    writer.close()
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == version
    store.ensure_org("Riverside")                              # a write to the main file does change it
    assert watcher.execute("PRAGMA data_version").fetchone()[0] != version
    assert [r["note_ids"] for r in store.audit_rows()] == [[1, 2, 3], [4]]
    watcher.close()
    store.close()


def test_when_many_threads_submit_then_every_row_is_committed_and_the_writer_restarts_after_close(tmp_path):
    path = tmp_path / "insights-audit.db"
    writer = AuditWriter(path)

    def submit(k: int) -> None:
        for i in range(50):
            writer.submit(f"token:{k}", None, "GET /api/v1/themes/x", [k * 100 + i])
    threads = [threading.Thread(target=submit, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    writer.flush()
    log = AuditLog(path)
    assert len(log.rows()) == 400 and writer.written == 400
    assert sorted(r["note_ids"][0] for r in log.rows()) == sorted(k * 100 + i for k in range(8) for i in range(50))
    writer.close()
    writer.submit("token:9", None, "GET /api/v1/themes/x", [1])   # after a shutdown, a new read still lands
    writer.close()
    assert len(log.rows()) == 401
    log.close()
