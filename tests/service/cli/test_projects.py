"""`insights projects` and `insights ingest --project`, run as separate processes: a member's new notes are tagged;
a non-member's ingest is refused before anything is stored; a decision naming a person is refused."""
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from engine.store import Store

INSIGHTS = str(Path(sys.executable).parent / "insights")
NOTES = ["Older residents say the bus to the warm space stops at four, so they stay at home in the cold.",
         "She cannot afford to heat the flat and spends the afternoons in the library until it closes."]


def run(*args):
    return subprocess.run([INSIGHTS, *args], capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)


def _count(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_when_notes_are_ingested_for_a_project_then_members_are_tagged_and_others_refused(tmp_path):
    db = tmp_path / "i.db"
    store = Store(db)
    try:
        store.ensure_org("Eden Warm Spaces")
        store.ensure_org("Outside Group")
    finally:
        store.close()
    made = run("projects", "add", "--db", str(db), "--name", "Warm spaces", "--question", "Why not the warm spaces?",
               "--org", "Eden Warm Spaces", "--lead", "Community development officer")
    assert made.returncode == 0, made.stderr
    assert "#1 Warm spaces [open]" in made.stdout
    notes = tmp_path / "notes.jsonl"
    notes.write_text("".join(json.dumps({"id": f"n{i}", "text": t}) + "\n" for i, t in enumerate(NOTES)))
    refused = run("ingest", str(notes), "--org", "Outside Group", "--db", str(db), "--fast", "--project", "1")
    assert refused.returncode != 0 and "not a member of project 1" in refused.stderr
    assert _count(db, "SELECT COUNT(*) FROM notes") == 0
    done = run("ingest", str(notes), "--org", "Eden Warm Spaces", "--db", str(db), "--fast", "--project", "1")
    assert done.returncode == 0, done.stderr
    assert "Tagged 2 notes to project 1." in done.stdout
    assert _count(db, "SELECT COUNT(*) FROM project_notes WHERE project_id = 1") == 2
    listed = run("projects", "list", "--db", str(db))
    assert "2 notes tagged" in listed.stdout


def test_when_a_decision_names_a_person_then_it_is_refused_and_a_plain_one_is_kept(tmp_path):
    db = tmp_path / "i.db"
    store = Store(db)
    try:
        store.ensure_org("Eden Warm Spaces")
    finally:
        store.close()
    assert run("projects", "add", "--db", str(db), "--name", "W", "--question", "Why?",
               "--org", "Eden Warm Spaces").returncode == 0
    bad = run("projects", "decide", "1", "--db", str(db), "--decision", "Call Mary Jones on 07700 900123.",
              "--why", "She runs it.")
    assert bad.returncode != 0 and "personal" in bad.stderr.lower()
    good = run("projects", "decide", "1", "--db", str(db), "--decision", "Sessions in the village halls.",
               "--why", "Walking distance.")
    assert good.returncode == 0 and "Decision #1 recorded" in good.stdout
    assert _count(db, "SELECT COUNT(*) FROM project_decisions") == 1
    assert run("projects", "status", "1", "shut", "--db", str(db)).returncode != 0
