"""`insights agreements add|list` and `insights ingest --consent-reference --recorded-by`, as a person runs them
(click's runner over the real store and the session's real anonymiser and embedder settings)."""
import json

from click.testing import CliRunner

from engine.store import Store
from service.cli.main import main


def _run(*args, db):
    return CliRunner().invoke(main, [*args, "--db", str(db)])


def test_when_agreements_are_added_then_list_shows_each_with_its_status_and_a_bad_one_says_what_to_do(settings):
    db = settings.db_path
    ok = _run("agreements", "add", "--org", "Riverside", "--reference", "DSA-2025-014", "--parties",
              "Riverside; Lewisham Council", "--purpose", "Planning local services", "--signed", "2025-04-01",
              "--review", "2099-04-01", "--by", "admin@example.org", db=db)
    assert ok.exit_code == 0, ok.output
    assert "Registered DSA-2025-014 for Riverside: In force, review due 2099-04-01." in ok.output
    old = _run("agreements", "add", "--org", "Northside", "--reference", "N-1", "--parties", "Northside",
               "--purpose", "Research", "--signed", "2020-01-01", "--review", "2021-01-01", db=db)
    assert old.exit_code == 0, old.output
    bad = _run("agreements", "add", "--org", "Northside", "--reference", "N-2", "--parties", "Northside",
               "--purpose", "Research", "--signed", "2021-01-01", "--review", "2020-01-01", db=db)
    assert bad.exit_code != 0 and "review date must come after" in bad.output
    listed = _run("agreements", "list", "--json", db=db)
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert [(r["reference"], r["status"]) for r in rows] == [("N-1", "review_overdue"), ("DSA-2025-014", "in_force")]
    assert rows[1]["created_by"] == "admin@example.org" and rows[0]["created_by"]   # the login name by default
    mine = _run("agreements", "list", "--org", "Riverside", db=db)
    assert "DSA-2025-014" in mine.output and "N-1" not in mine.output


def test_when_notes_are_ingested_with_a_consent_reference_then_the_submission_keeps_it_and_who(settings, tmp_path):
    notes = tmp_path / "visits.txt"
    notes.write_text("The food bank ran out of vouchers on Friday.\n---\nRent arrears letter from the council.\n")
    run = _run("ingest", str(notes), "--org", "Riverside", "--consent", "consent", "--consent-reference",
               "Consent form v2", "--recorded-by", "sam@example.org", "--fast", "--json", db=settings.db_path)
    assert run.exit_code == 0, run.output
    refused = _run("ingest", str(notes), "--org", "Riverside", "--consent", "not_recorded", "--consent-reference",
                   "Consent form v2", "--fast", db=settings.db_path)
    assert refused.exit_code != 0 and "basis says it is not known" in refused.output
    store = Store(settings.db_path)
    try:
        assert store.q("SELECT consent_basis, consent_reference, recorded_by, note_count FROM submissions") == [
            {"consent_basis": "consent", "consent_reference": "Consent form v2", "recorded_by": "sam@example.org",
             "note_count": 2}]
    finally:
        store.close()
