"""The store on both backends: every test here runs on a fresh SQLite file and on a fresh PostgreSQL database
(tests/pg.py); the few lines that differ ask `store.dialect`."""
from engine.store import NewNote, Store

BACKENDS = ("sqlite", "postgresql")


def _note(text, **kw):
    base = dict(text=text, content_hash=f"h-{text}", dedupe_key=f"d-{text}", source_type="case_note", date="2025-03", month="2025-03",
                area_code=None, area_how="unknown", age_band=None, external_id=None,
                redactions=[{"entity_type": "PERSON", "placeholder": "<PERSON_1>", "start": 0, "end": 10}])
    base.update(kw)
    return NewNote(**base)


def test_when_store_opened_then_wal_mode_and_all_migrations_applied(settings):
    store = Store(settings.db_path)
    if store.dialect == "sqlite":
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    else:
        assert store.db.execute("SHOW server_version").fetchone()[0][:2].isdigit()
    from engine.store.migrations import MIGRATIONS

    defined = [fn.__name__ for fn in MIGRATIONS]
    assert defined == sorted(defined) and defined[:3] == ["m001_core", "m002_themes", "m003_areas_indicators"]
    names = [r["name"] for r in store.q("SELECT name FROM _migrations ORDER BY applied_at, name")]
    assert names == defined                                  # every one applied, in numbered order
    store.close()
    assert Store(settings.db_path).q("SELECT COUNT(*) AS n FROM _migrations")[0]["n"] == len(defined)  # idempotent


def test_when_same_note_submitted_twice_then_stored_once(store):
    org = store.ensure_org("Riverside Food Bank")
    first = store.add_submission(org, [_note("<PERSON_1> needs food"), _note("another")], "cli", "consent")
    second = store.add_submission(org, [_note("<PERSON_1> needs food"), _note("a third")], "cli", "consent")
    assert len(first["note_ids"]) == 2 and len(second["note_ids"]) == 1 and second["duplicate_indexes"] == [0]
    assert store.count_notes() == 3
    assert store.note(first["note_ids"][0])["redactions"][0]["placeholder"] == "<PERSON_1>"


def test_when_a_write_fails_midway_then_nothing_from_the_submission_is_kept(store):
    org = store.ensure_org("Org")
    store.add_submission(org, [_note("kept")], "cli", "consent")
    bad = _note("second")
    bad.redactions = [{"entity_type": None, "placeholder": "x", "start": 0, "end": 1, "extra": 1}]
    if store.dialect == "sqlite":
        store.db.execute("CREATE TRIGGER fail BEFORE INSERT ON redactions WHEN NEW.placeholder = 'x' "
                         "BEGIN SELECT RAISE(ABORT, 'boom'); END")
    else:
        store.db.execute("CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION"
                         " 'boom'; END $$")
        store.db.execute("CREATE TRIGGER fail BEFORE INSERT ON redactions FOR EACH ROW WHEN (NEW.placeholder = 'x')"
                         " EXECUTE FUNCTION boom()")
    try:
        store.add_submission(org, [_note("first of batch"), bad], "cli", "consent")
    except Exception as exc:
        assert "nothing from it was saved" in str(exc)
    else:
        raise AssertionError("the failing write should raise")
    assert sorted(store.all_note_texts()) == ["kept"]


def test_when_embeddings_stored_then_they_round_trip_per_embedder(store):
    import numpy as np

    v = np.arange(4, dtype=np.float32)
    store.put_embeddings({"abc": v}, "model-a")
    assert np.array_equal(store.get_embeddings(["abc"], "model-a")["abc"], v)
    assert store.get_embeddings(["abc"], "model-b") == {}


def test_when_db_opened_by_other_thread_then_it_works(settings):
    import threading

    store = Store(settings.db_path)
    errors = []
    t = threading.Thread(target=lambda: errors.append((store.ensure_org("Org"), store.count_notes())))
    t.start(); t.join()
    assert errors == [(store.ensure_org("Org"), 0)]          # the other thread's write is seen here, once
    assert store.q("SELECT COUNT(*) AS n FROM organisations")[0]["n"] == 1
    store.close()


def test_when_database_up_to_date_then_reopening_skips_the_migrations(settings):
    from engine.store import migrations

    Store(settings.db_path).close()
    store = Store(settings.db_path)
    assert migrations.apply(store.db) == []
    if store.dialect == "sqlite":
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS)
        store.db.execute("PRAGMA user_version = 0")          # an older database: the migrations table decides
        assert migrations.apply(store.db) == []
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS)
    else:
        assert str(settings.db_path) in migrations._UP_TO_DATE
        migrations._UP_TO_DATE.discard(str(settings.db_path))  # a new process: the migrations table decides
        assert migrations.apply(store.db) == []
        assert str(settings.db_path) in migrations._UP_TO_DATE
    store.close()


def test_when_counting_an_organisations_notes_today_then_earlier_days_other_orgs_and_running_uploads_count_right(store):
    riverside, hilltop = store.ensure_org("Riverside"), store.ensure_org("Hilltop")
    ids = store.add_submission(riverside, [_note("one"), _note("two"), _note("three")], "api", "consent")["note_ids"]
    store.add_submission(hilltop, [_note("other org")], "api", "consent")
    with store.db.conn:
        store.db.conn.execute("UPDATE notes SET created_at = '2020-01-01T12:00:00+00:00' WHERE id = ?", (ids[0],))
    assert store.org_notes_today(riverside) == 2 and store.org_notes_today(hilltop) == 1
    job = store.create_job("upload", 2 * 5, owner="test", org_id=riverside)   # 5 notes on their way
    assert store.org_notes_today(riverside) == 7
    store.update_job(job, status="done")
    assert store.org_notes_today(riverside) == 2


def test_when_a_migration_function_is_written_then_it_is_registered_once_and_numbered_in_order():
    """A merge once dropped a migration's @migration line: its tables were never made, and only a route failed."""
    import inspect

    from engine.store import migrations

    written = [name for name, fn in inspect.getmembers(migrations, inspect.isfunction)
               if name[:1] == "m" and name[1:4].isdigit()]
    registered = [fn.__name__ for fn in migrations.MIGRATIONS]
    assert sorted(written) == sorted(registered) and len(set(registered)) == len(registered)
    numbers = [int(name[1:4]) for name in registered]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
