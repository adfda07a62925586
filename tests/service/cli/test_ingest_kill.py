"""An ingest killed with kill -9 at three random moments and run again loses and duplicates nothing: 300 of 300
notes, each once, and SQLite's integrity check says ok (issue 16). The real `insights ingest` in a subprocess
(its own process group, so its workers die with it), the fast embedder, one anonymiser process."""
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
WORDS = "rent arrears food bank voucher heating bills damp mould benefits carer school meals bus fares debt".split()


def _ingest(src: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "INSIGHTS_ANONYMISE_PROCESSES": "1"}
    return subprocess.Popen([sys.executable, "-c", "from service.cli.main import main; main()", "ingest", str(src),
                             "--org", "Riverside", "--fast", "--db", str(db), "--json"], cwd=ROOT, env=env,
                            start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def test_when_ingest_is_killed_three_times_and_run_again_then_every_note_is_stored_once(tmp_path):
    rng = random.Random(16)
    src, db = tmp_path / "notes.jsonl", tmp_path / "k.db"
    with open(src, "w") as f:
        for i in range(300):
            f.write(json.dumps({"id": f"n{i}", "text": f"Visit {i}: the family talked about "
                                + " ".join(rng.sample(WORDS, 6)) + "."}) + "\n")
    for _ in range(3):
        proc = _ingest(src, db)
        time.sleep(rng.uniform(2.0, 20.0))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    proc = _ingest(src, db)
    out, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, out[-500:]
    result = json.loads(out.strip().splitlines()[-1])
    assert result["read"] == 300 and result["submission_id"]
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 300
        assert conn.execute("SELECT COUNT(DISTINCT dedupe_key) FROM notes").fetchone()[0] == 300
        assert conn.execute("SELECT COUNT(DISTINCT external_id) FROM notes").fetchone()[0] == 300
        unthemed = conn.execute("SELECT COUNT(*) FROM notes WHERE taxonomy_version IS NULL").fetchone()[0]
        assert unthemed == 0
    finally:
        conn.close()
