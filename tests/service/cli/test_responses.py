"""`insights responses add|list|update`, run as a separate process on a real database with the real anonymiser."""
import json
import subprocess
import sys
from pathlib import Path

from engine.store import Store
from themes.taxonomy import load_builtin

INSIGHTS = str(Path(sys.executable).parent / "insights")
SAID = "Families told us they skip meals at the end of the month."


def run(*args):
    return subprocess.run([INSIGHTS, *args], capture_output=True, text=True, timeout=600)


def test_when_responses_added_listed_and_updated_then_the_history_keeps_each_value(tmp_path):
    db = str(tmp_path / "i.db")
    store = Store(db)
    taxonomy = load_builtin()
    store.record_taxonomy(taxonomy.label, taxonomy.content_hash, taxonomy.as_dicts())
    store.upsert_areas([{"code": "E09000023", "name": "Lewisham", "level": "lad"}])
    store.close()
    r = run("responses", "add", "--db", db, "--theme", "food_poverty", "--area", "E09000023", "--period", "2025-Q3",
            "--said", SAID, "--did", "Two more food bank sessions a week.", "--owner", "Food Bank Network",
            "--status", "in_progress", "--by", "sam@example.org")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Recorded response 1."
    refused = run("responses", "add", "--db", db, "--theme", "food_poverty", "--said", "Mrs Amira Khan told us.",
                  "--did", "Nothing yet.", "--owner", "Food Bank Network")
    assert refused.returncode == 1 and "a person's name" in refused.stderr and "Amira" not in refused.stderr
    bad = run("responses", "add", "--db", db, "--theme", "nope", "--said", "x", "--did", "y", "--owner", "z")
    assert bad.returncode == 1 and "GET /api/v1/themes" in bad.stderr
    listed = run("responses", "list", "--db", db, "--area", "E09000023")
    assert listed.returncode == 0 and "#1 Food poverty: Lewisham, July to September 2025. In progress" in listed.stdout
    assert SAID in listed.stdout
    updated = run("responses", "update", "1", "--db", db, "--status", "done", "--period", "", "--by", "kim")
    assert updated.returncode == 0, updated.stderr
    assert "Updated response 1." in updated.stdout and "Lewisham, any time. Done" in updated.stdout
    [row] = [json.loads(line) for line in run("responses", "list", "--db", db, "--json").stdout.splitlines()]
    assert [h["who"] for h in row["history"]] == ["sam@example.org", "kim"]
    assert {c["field"]: [c["before"], c["after"]] for c in row["history"][1]["changes"]} == {
        "period": ["2025-Q3", None], "status": ["in_progress", "done"]}
    nothing = run("responses", "update", "1", "--db", db)
    assert nothing.returncode == 2 and "at least one field" in nothing.stderr
