"""`insights quotes held|approve|trim`, run through the real click app over a real database."""
from click.testing import CliRunner

from engine.store import NewNote, Store
from service.cli.main import main

RISKY = "She lives in the hamlet of Nether Wallop, in her 80s, and lost everything in a house fire."


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _seed(db) -> int:
    store = Store(db)
    try:
        org = store.ensure_org("Riverside")
        notes = [NewNote(text=t, content_hash=f"c{i}", dedupe_key=f"c{i}", source_type="case_note", date="2025-03",
                         month="2025-03", area_code=None, area_how="none", age_band=None, external_id=None,
                         redactions=[]) for i, t in enumerate(["no food at home", RISKY])]
        return store.add_submission(org, notes, "test", "consent")["note_ids"][-1]
    finally:
        store.close()


def test_when_a_risky_note_is_stored_then_quotes_held_lists_it_and_approve_releases_it(tmp_path):
    db = tmp_path / "q.db"
    _seed(db)
    r = run("quotes", "held", "--db", db)
    assert r.exit_code == 0, r.output
    assert RISKY in r.output and "small_place: hamlet" in r.output and "rare_event: house fire" in r.output
    assert "1 quotes held back for review (threshold 2.0)" in r.output
    hold_id = int(r.output.split()[0].lstrip("#"))
    r = run("quotes", "approve", hold_id, "--who", "A. Analyst", "--db", db)
    assert r.exit_code == 0 and "approved" in r.output
    assert "0 quotes held back" in run("quotes", "held", "--db", db).output
    assert "approved" in run("quotes", "held", "--all", "--db", db).output
    store = Store(db)
    try:
        assert store.quote_hold(hold_id)["decided_by"] == "A. Analyst"
    finally:
        store.close()


def test_when_the_hold_does_not_exist_then_approve_fails_with_what_to_do(tmp_path):
    db = tmp_path / "q.db"
    r = run("quotes", "approve", 99, "--who", "A. Analyst", "--db", db)
    assert r.exit_code == 1 and "No held quote with id 99" in r.output and "insights quotes held" in r.output
