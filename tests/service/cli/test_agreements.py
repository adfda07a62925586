"""`insights agreements add|list`, as a person runs them (click's runner over a real store). `insights ingest
--consent-reference --recorded-by` is run as a process in test_ingest_consent.py."""
import json

from click.testing import CliRunner

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

