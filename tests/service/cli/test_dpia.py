"""`insights eval anonymisation --db` then `insights dpia`, run as processes on the demo database (`insights demo
--no-serve`, a small corpus): the run's figures are saved only with --db and not with --no-save, and the Word file
made for the demo database reads back with its headings, the demo's organisations and the measured recall."""
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import docx
import pytest

INSIGHTS = str(Path(sys.executable).parent / "insights")
# A labelled set in the JSONL form `insights eval anonymisation` reads: each span an identifier we hide.
NOTES = [
    ("a", "Met Mr Desmond Achebe today, phone 07700 900321, about his rent.", [("PERSON", "Desmond Achebe"),
                                                                               ("PHONE_NUMBER", "07700 900321")]),
    ("b", "Mrs Amira Khan rang from 07700 900456 asking about the food bank.", [("PERSON", "Amira Khan"),
                                                                                ("PHONE_NUMBER", "07700 900456")]),
    ("c", "Email from jo.bloggs@example.org about a missed benefit payment.", [("EMAIL_ADDRESS",
                                                                                "jo.bloggs@example.org")]),
]


def run(*args):
    return subprocess.run([INSIGHTS, *args], capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dpia")
    db = folder / "demo.db"
    r = run("demo", "--no-serve", "--notes", "40", "--db", str(db))
    assert r.returncode == 0, r.stderr[-2000:]
    dataset = folder / "pii-check.jsonl"
    with dataset.open("w") as f:
        for id_, text, spans in NOTES:
            f.write(json.dumps({"id": id_, "text": text, "spans": [
                {"type": t, "start": text.index(v), "end": text.index(v) + len(v)} for t, v in spans]}) + "\n")
    return db, dataset


def _runs(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT dataset_name, records, report_json FROM eval_runs").fetchall()
    finally:
        con.close()


def test_when_eval_then_dpia_run_on_the_demo_db_then_the_word_file_quotes_the_measured_recall(demo, tmp_path):
    db, dataset = demo
    before = run("dpia", "--db", str(db))
    assert before.returncode == 0, before.stderr
    assert "No anonymisation check has been recorded" in before.stdout

    r = run("eval", "anonymisation", "--dataset", str(dataset), "--db", str(db), "--json")
    assert r.returncode == 0, r.stderr[-2000:]
    person = json.loads(r.stdout)["types"]["PERSON"]
    assert "Saved as evaluation run" in r.stderr
    [(name, records, report_json)] = _runs(db)
    assert name == "pii-check.jsonl" and records == 3 and "Achebe" not in report_json

    out = tmp_path / "dpia.docx"
    r = run("dpia", "--format", "docx", "--output", str(out), "--db", str(db))
    assert r.returncode == 0, r.stderr
    d = docx.Document(io.BytesIO(out.read_bytes()))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0].startswith("DPIA-lite") and "Risks and mitigations" in headings
    cells = {row.cells[0].text: [c.text for c in row.cells] for t in d.tables for row in t.rows}
    assert cells["A person's name (PERSON)"][1:3] == ["2", f"{100 * person['recall']:.1f}%"]
    assert "Riverside Food Bank" in cells                  # the demo's organisations, with their retention
    text = "\n".join(p.text for p in d.paragraphs)
    assert "pii-check.jsonl" in text and "No anonymisation check" not in text


def test_when_eval_runs_without_db_or_with_no_save_then_nothing_is_saved(demo):
    db, dataset = demo
    count = len(_runs(db))
    r = run("eval", "anonymisation", "--dataset", str(dataset), "--db", str(db), "--no-save")
    assert r.returncode == 0, r.stderr[-2000:]
    assert "OVERALL" in r.stdout and "Saved" not in r.stderr
    assert len(_runs(db)) == count


def test_when_dpia_is_asked_for_pdf_then_a_pdf_file_is_written(demo, tmp_path):
    db, _ = demo
    out = tmp_path / "d.pdf"
    r = run("dpia", "--format", "pdf", "--output", str(out), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF") and "Wrote" in r.stderr
