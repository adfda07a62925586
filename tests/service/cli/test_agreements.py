"""`insights agreements add|list`, run as a separate process on a real database."""
import json
import subprocess
import sys
from pathlib import Path

INSIGHTS = str(Path(sys.executable).parent / "insights")


def run(*args):
    return subprocess.run([INSIGHTS, *args], capture_output=True, text=True, timeout=600)


def test_when_agreements_are_added_and_listed_then_the_register_shows_their_status(tmp_path):
    db = str(tmp_path / "i.db")
    r = run("agreements", "add", "--db", db, "--org", "Riverside", "--reference", "DSA-2025-014", "--parties",
            "Riverside; Lewisham Council", "--purpose", "Planning local services", "--signed", "2025-04-01",
            "--review", "2099-04-01", "--by", "ig@example.org")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Registered DSA-2025-014 for Riverside: In force, review due 2099-04-01."
    again = run("agreements", "add", "--db", db, "--org", "Riverside", "--reference", "dsa-2025-014", "--parties",
                "x", "--purpose", "y", "--signed", "2025-04-01", "--review", "2026-04-01")
    assert again.returncode == 1 and "already has an agreement" in again.stderr
    listed = run("agreements", "list", "--db", db, "--org", "Riverside", "--json")
    assert listed.returncode == 0, listed.stderr
    [row] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert row["created_by"] == "ig@example.org" and row["status"] == "in_force"
    missing = run("agreements", "list", "--db", db, "--org", "Nobody")
    assert missing.returncode == 1 and "no organisation named" in missing.stderr
