"""`insights ingest --consent-reference --recorded-by`, run as a separate process on a real database: the consent
record is kept with the submission (the register's spelling of an agreement's reference), and a reference that
cannot be right is refused before anything is stored."""
import json
import os
import subprocess
import sys
from pathlib import Path

from engine import agreements
from engine.store import Store

ROOT = Path(__file__).resolve().parents[3]


def _insights(*args) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "INSIGHTS_ANONYMISE_PROCESSES": "1"}
    return subprocess.run([sys.executable, "-c", "from service.cli.main import main; main()", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)


def test_when_ingest_names_the_organisations_agreement_then_the_submission_keeps_it_and_who_recorded_it(tmp_path):
    db, src = tmp_path / "c.db", tmp_path / "notes.jsonl"
    store = Store(db)
    agreements.add(store, "Riverside", "DSA-2025-014", "Riverside; Lewisham Council", "Planning", "2025-04-01",
                   "2099-04-01", "ig@example.org")
    agreements.add(store, "Northside", "NORTH-1", "Northside; Lewisham Council", "Planning", "2025-04-01",
                   "2099-04-01", "ig@example.org")
    store.close()
    src.write_text(json.dumps({"id": "a1", "text": "The family ran out of gas credit and asked for a voucher."})
                   + "\n")
    refused = _insights("ingest", str(src), "--org", "Riverside", "--fast", "--db", str(db),
                        "--consent", "consent", "--consent-reference", "NORTH-1")
    assert refused.returncode == 1 and "another organisation's" in refused.stderr
    done = _insights("ingest", str(src), "--org", "Riverside", "--fast", "--db", str(db), "--consent", "consent",
                     "--consent-reference", "dsa-2025-014", "--recorded-by", "sam@example.org", "--json")
    assert done.returncode == 0, done.stderr[-800:]
    store = Store(db)
    try:
        rows = store.notes_for_org(store.ensure_org("Riverside"))
    finally:
        store.close()
    assert [(r["consent_basis"], r["consent_reference"], r["recorded_by"]) for r in rows] == [
        ("consent", "DSA-2025-014", "sam@example.org")]
