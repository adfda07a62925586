"""`insights erase` and `insights retention show|set|due|apply`, run as separate processes on a small real database
(tests/engine/publish/picture_data.py): erasing without --yes and without a terminal erases nothing; with --yes the
note or submission goes, a tombstone is kept, and the note's marker word is in no database file; retention lists
and erases only what is past its organisation's period; bad input is a clean error that changes nothing."""
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from engine.store import Store
from tests.engine.publish.picture_data import fill

INSIGHTS = str(Path(sys.executable).parent / "insights")


def run(*args):
    return subprocess.run([INSIGHTS, *args], capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "i.db"
    fill(Store(path)).close()
    return path


def _q(db, sql, args=()):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def _files_hold(db: Path, word: bytes) -> list[str]:
    return [p.name for p in db.parent.iterdir() if p.is_file() and word in p.read_bytes()]


def test_when_a_note_is_erased_then_only_with_yes_and_its_text_is_in_no_file(db):
    [(note_id,)] = _q(db, "SELECT id FROM notes ORDER BY id LIMIT 1")
    con = sqlite3.connect(db)
    con.execute("UPDATE notes SET text = text || ' CANARYWORD' WHERE id = ?", (note_id,))
    con.commit()
    con.close()
    refused = run("erase", "--note", str(note_id), "--db", str(db))
    assert refused.returncode == 1 and "add --yes" in refused.stderr
    assert _q(db, "SELECT COUNT(*) FROM notes WHERE id = ?", (note_id,)) == [(1,)]
    done = run("erase", "--note", str(note_id), "--yes", "--reason", "shared by mistake", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "Erased 1 notes" in done.stdout and "tombstone" in done.stdout
    assert _q(db, "SELECT COUNT(*) FROM notes WHERE id = ?", (note_id,)) == [(0,)]
    assert _files_hold(db, b"CANARYWORD") == []
    [(reason, scope)] = _q(db.parent / "i-audit.db", "SELECT reason, scope FROM erasures")
    assert reason == "shared by mistake" and scope == "note"
    again = run("erase", "--note", str(note_id), "--yes", "--db", str(db))
    assert again.returncode == 1 and str(note_id) in again.stderr


def test_when_a_submission_is_erased_then_all_its_notes_go_and_others_stay(db):
    [(sub, n)] = _q(db, "SELECT submission_id, COUNT(*) FROM notes GROUP BY submission_id ORDER BY 2 DESC LIMIT 1")
    total = _q(db, "SELECT COUNT(*) FROM notes")[0][0]
    r = run("erase", "--submission", sub, "--yes", "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert f"Erased {n} notes" in r.stdout
    assert _q(db, "SELECT COUNT(*) FROM notes")[0][0] == total - n
    assert _q(db, "SELECT COUNT(*) FROM notes WHERE submission_id = ?", (sub,)) == [(0,)]
    neither = run("erase", "--yes", "--db", str(db))
    assert neither.returncode != 0 and _q(db, "SELECT COUNT(*) FROM notes")[0][0] == total - n


def test_when_retention_is_set_then_due_and_apply_erase_only_the_notes_past_it(db):
    total = _q(db, "SELECT COUNT(*) FROM notes")[0][0]
    con = sqlite3.connect(db)       # Mill Advice's notes were stored in 2020, the others today
    con.execute("UPDATE notes SET created_at = '2020-01-01T00:00:00+00:00' WHERE org_id ="
                " (SELECT id FROM organisations WHERE name = 'Mill Advice')")
    con.commit()
    con.close()
    mill = _q(db, "SELECT COUNT(*) FROM notes n JOIN organisations o ON o.id = n.org_id WHERE o.name = 'Mill Advice'")
    assert run("retention", "set", "--org", "Mill Advice", "--months", "12", "--db", str(db)).returncode == 0
    shown = run("retention", "show", "--db", str(db))
    assert shown.returncode == 0 and "Mill Advice: 12 months" in shown.stdout and "(default)" in shown.stdout
    due = run("retention", "due", "--within-days", "0", "--db", str(db))
    assert due.returncode == 0 and f"{mill[0][0]} notes expire within 0 days" in due.stdout
    bad = run("retention", "set", "--org", "Mill Advice", "--months", "0", "--db", str(db))
    assert bad.returncode == 1 and "1" in bad.stderr
    nobody = run("retention", "set", "--org", "Nobody", "--months", "6", "--db", str(db))
    assert nobody.returncode == 1 and "Nobody" in nobody.stderr
    applied = run("retention", "apply", "--db", str(db))
    assert applied.returncode == 0, applied.stderr
    assert f"Erased {mill[0][0]} notes past their retention period (Mill Advice {mill[0][0]})" in applied.stdout
    assert _q(db, "SELECT COUNT(*) FROM notes")[0][0] == total - mill[0][0]
    assert _files_hold(db, b"MILLMARKER") == []
    assert run("retention", "apply", "--db", str(db)).stdout.startswith("Erased 0 notes")
    both = run("retention", "set", "--org", "Mill Advice", "--months", "6", "--default", "--db", str(db))
    assert both.returncode == 1 and "either --months N or --default" in both.stderr
    back = run("retention", "set", "--org", "Mill Advice", "--default", "--db", str(db))
    assert back.returncode == 0 and "Mill Advice: 12 months" not in run("retention", "show", "--db", str(db)).stdout
