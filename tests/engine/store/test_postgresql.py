"""What only the PostgreSQL backend does: its URL in settings and on the command line, a clear error when the server
cannot be reached (never the password), the change counter behind the view cache, the audit log in its own schema,
backups refused with the pg_dump command to use, and erasure (rows gone, tables vacuumed). Real server (tests/pg.py)."""
import json

import pytest
from click.testing import CliRunner

from engine.core.errors import InputError, StoreError
from engine.core.settings import Settings
from engine.store import NewNote, Store
from engine.store.changes import ChangeStamp


def _note(text: str) -> NewNote:
    return NewNote(text=text, content_hash=f"h-{text}", dedupe_key=f"d-{text}", source_type="case_note", date=None,
                   month="2025-03", area_code=None, area_how="unknown", age_band=None, external_id=None,
                   redactions=[{"entity_type": "PERSON", "placeholder": "<PERSON_1>", "start": 0, "end": 10}])


def test_when_insights_db_is_a_postgresql_url_then_settings_keep_it_as_a_url_and_the_audit_log_beside_it(pg_url):
    settings = Settings.from_env({"INSIGHTS_DB": pg_url})
    assert settings.db_path == pg_url and isinstance(settings.db_path, str)   # a Path would fold the //
    assert settings.audit_db_path == pg_url
    assert isinstance(Settings.from_env({"INSIGHTS_DB": "data/x.db"}).db_path.parent.name, str)


def test_when_the_server_cannot_be_reached_then_store_error_says_what_to_check_and_hides_the_password():
    with pytest.raises(StoreError) as caught:
        Store("postgresql://insights:s3cret-pw@127.0.0.1:1/nowhere")
    message = f"{caught.value.message} {caught.value.fix}"
    assert "s3cret-pw" not in message and "127.0.0.1" in message and "server is running" in message


def test_when_something_is_written_then_the_change_stamp_moves_and_reads_or_audit_rows_leave_it(pg_url):
    store = Store(pg_url)
    stamp = ChangeStamp(pg_url)
    before = stamp.stamp()
    store.count_notes()
    store.themes()
    assert stamp.stamp() == before                                  # reads are not changes
    org = store.ensure_org("Riverside")
    after_write = stamp.stamp()
    assert after_write > before
    store.audit_note_read("tester", org, "GET /x", [1, 2])
    assert stamp.stamp() == after_write                             # the audit log is not the data
    with store.db.conn:
        store.add_submission(org, [_note("<PERSON_1> needs food")], "cli", "consent")
    assert stamp.stamp() > after_write
    store.close()


def test_when_audit_rows_are_written_then_they_live_in_schema_insights_audit_of_the_same_database(pg_url):
    store = Store(pg_url)
    store.audit_note_read("tester", None, "GET /api/v1/notes/3", [3])
    assert [r["note_ids"] for r in store.audit_rows()] == [[3]]
    rows = store.q("SELECT table_schema FROM information_schema.tables WHERE table_name = 'audit_log'")
    assert [r["table_schema"] for r in rows] == ["insights_audit"]          # m008 dropped the one in public
    store.close()


def test_when_backup_is_asked_of_a_postgresql_database_then_it_says_use_pg_dump_without_the_password():
    from engine.store.backup import backup

    with pytest.raises(InputError) as caught:
        backup("postgresql://insights:hunter22@db.example/insights", "/tmp/never.db")
    assert "pg_dump" in caught.value.fix and "hunter22" not in caught.value.fix + caught.value.message


def test_when_notes_are_erased_on_postgresql_then_their_rows_and_derived_rows_are_gone(pg_url):
    from engine.erasure import erase

    store = Store(pg_url)
    org = store.ensure_org("Riverside")
    sub = store.add_submission(org, [_note("erase me please"), _note("keep me")], "cli", "consent")
    store.put_embeddings({"h-erase me please": __import__("numpy").ones(3, dtype="float32")}, "e")
    done = erase(store, pg_url, who="test", reason="subject asked for erasure", note_id=sub["note_ids"][0])
    assert done["counts"]["notes"] == 1 and done["counts"]["redactions"] == 1 and done["counts"]["embeddings"] == 1
    assert store.all_note_texts() == ["keep me"]
    assert store.q("SELECT COUNT(*) AS n FROM redactions")[0]["n"] == 1
    assert store.audit_log().erasures()[0]["note_ids"] == [sub["note_ids"][0]]
    store.close()


def test_when_a_command_is_given_db_as_a_postgresql_url_then_it_works_on_that_database(pg_url):
    from service.cli.main import main as cli

    runner = CliRunner()
    made = runner.invoke(cli, ["tokens", "create", "--role", "analyst", "--org", "Riverside", "--name", "nightly",
                               "--db", pg_url])
    assert made.exit_code == 0, made.output
    store = Store(pg_url)
    rows = store.q("SELECT t.name, t.role, o.name AS org FROM api_tokens t JOIN organisations o ON o.id = t.org_id")
    assert rows == [{"name": "nightly", "role": "analyst", "org": "Riverside"}]
    store.close()
    refused = runner.invoke(cli, ["backup", "--to", "x.db", "--db", pg_url])
    assert refused.exit_code != 0 and "pg_dump" in refused.output


def test_when_json_and_bytes_round_trip_on_postgresql_then_types_are_as_on_sqlite(pg_url):
    import numpy as np

    store = Store(pg_url)
    vector = np.linspace(0, 1, 8, dtype=np.float32)
    store.put_embeddings({"abc": vector}, "m")
    store.put_embeddings({"abc": vector * 2}, "m")                 # the second write replaces the first
    assert np.array_equal(store.get_embeddings(["abc"], "m")["abc"], vector * 2)
    version = store.record_taxonomy("t", "hash", [{"id": "food", "label": "Food", "description": "d"}])
    assert store.taxonomy_versions()[0]["activated"] == 1 and store.latest_taxonomy_version() == version
    assert json.loads(json.dumps(store.themes()))[0]["sensitive"] is False
    store.close()


@pytest.mark.parametrize("sql, expected", [
    ("SELECT * FROM notes WHERE id = ? AND org_id = ?", "SELECT * FROM notes WHERE id = %s AND org_id = %s"),
    ("INSERT INTO t (a) VALUES (:a)", "INSERT INTO t (a) VALUES (%(a)s)"),
    ("SELECT 'what? :no 5%' AS x WHERE y LIKE 'import:%' AND z = ?",
     "SELECT 'what? :no 5%%' AS x WHERE y LIKE 'import:%%' AND z = %s"),
    ("SELECT 'it''s ?' , \"end\" FROM t WHERE n::int = ?", "SELECT 'it''s ?' , \"end\" FROM t WHERE n::int = %s"),
])
def test_when_sql_is_sent_to_postgresql_then_only_placeholders_outside_literals_change(sql, expected):
    from engine.store.db import to_psycopg

    assert to_psycopg(sql) == expected


def test_when_statements_and_transactions_end_then_every_pooled_connection_is_given_back(pg_url):
    store = Store(pg_url)
    org = store.ensure_org("Riverside")
    store.add_observations([])                                     # nothing to write: no statement sent
    store.db.conn.executemany("INSERT INTO organisations (name) VALUES (?)", [])     # nor here, outside a transaction
    store.add_submission(org, [_note("one")], "cli", "consent")
    with pytest.raises(Exception):
        with store.db.conn:
            store.db.conn.execute("INSERT INTO organisations (name) VALUES (?)", ["Riverside"])   # unique name
    assert store.q("SELECT COUNT(*) AS n FROM organisations")[0]["n"] == 1
    assert store.db.engine.pool.checkedout() == 0
    store.close()
