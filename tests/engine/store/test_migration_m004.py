"""m004_theme_lifecycle on a database made before it: the latest version becomes current, and every note
points at the version of its latest assignments."""
import sqlite_utils

from engine.store import Store, migrations


def test_when_an_older_database_is_opened_then_current_version_and_note_versions_are_filled_in(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    db["_migrations"].create({"name": str, "applied_at": str}, pk="name")
    for fn in migrations.MIGRATIONS[:3]:
        fn(db)
        db["_migrations"].insert({"name": fn.__name__, "applied_at": "2026-01-01"})
    db["organisations"].insert({"id": 1, "name": "Org"})
    db["submissions"].insert({"id": "s", "org_id": 1})
    db["notes"].insert_all([{"id": i, "submission_id": "s", "org_id": 1, "text": f"n{i}", "dedupe_key": f"d{i}",
                             "month": "2025-01"} for i in (1, 2, 3)])
    db["taxonomy_versions"].insert_all([{"id": v, "label": f"v{v}", "content_hash": f"h{v}", "themes_json": "[]"}
                                        for v in (1, 2)])
    db["assignments"].insert_all([
        {"note_id": 1, "theme_id": "food", "score": 0.5, "method": "zero-shot", "taxonomy_version": 1},
        {"note_id": 1, "theme_id": "debt", "score": 0.5, "method": "zero-shot", "taxonomy_version": 2},
        {"note_id": 2, "theme_id": "", "score": 0.0, "method": "unassigned", "taxonomy_version": 1},
    ])
    db.conn.close()
    store = Store(path)
    assert store.latest_taxonomy_version() == 2
    versions = {r["id"]: r["taxonomy_version"] for r in store.q("SELECT id, taxonomy_version FROM notes")}
    assert versions == {1: 2, 2: 1, 3: None}
    assert store.theme_note_counts() == {"debt": 1, "": 1}       # note 1 counts once, under its latest version
    assert [r["id"] for r in store.notes_without_assignment()] == [3]
