"""`insights export qdpx` run as its own process on a real themed database, and `insights taxonomy load --qdc`
and `insights themes assign --taxonomy FILE.qdc` through the real click app."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from click.testing import CliRunner

from engine.store import Store
from engine.store.audit import AuditLog
from service.cli.main import main
from tests.engine.publish.qdpx_data import fill, read_archive, xsd
from themes.qdc import PROJECT_NS

ROOT = Path(__file__).resolve().parents[3]
NS = {"q": PROJECT_NS}


def insights(*args):
    return subprocess.run([sys.executable, "-c", "from service.cli.main import main; main()", *map(str, args)],
                          capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def run_no_raise(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_when_export_qdpx_run_as_a_process_then_it_writes_a_valid_project_and_audits_it(pipeline, store, settings,
                                                                                       shared_data, tmp_path):
    ids = fill(pipeline, store)["note_ids"]
    out = tmp_path / "out" / "notes.qdpx"
    r = insights("export", "qdpx", "--db", settings.db_path, "--output", out)
    assert r.returncode == 0, r.stderr
    assert f"Wrote {out}: 8 notes" in r.stdout
    root, texts = read_archive(out.read_bytes())
    assert xsd(shared_data).validate(root)
    assert len(root.findall("q:Sources/q:TextSource", NS)) == len(texts) == 8
    assert zipfile.ZipFile(out).namelist()[0] == "project.qde"
    audit = AuditLog(settings.audit_db_path)
    try:
        rows = [r for r in audit.rows() if r["route"] == "insights export qdpx"]
    finally:
        audit.close()
    assert len(rows) == 1 and rows[0]["note_ids"] == ids and rows[0]["principal"] == "cli"


def test_when_export_names_an_unknown_organisation_then_it_says_so_and_writes_nothing(tmp_path):
    out = tmp_path / "x.qdpx"
    r = run_no_raise("export", "qdpx", "--db", tmp_path / "x.db", "--org", "Nobody", "--output", out)
    assert r.exit_code == 1 and "No organisation called 'Nobody'" in r.output and not out.exists()


def test_when_export_has_no_output_then_it_says_so(tmp_path):
    r = run_no_raise("export", "qdpx", "--db", tmp_path / "x.db")
    assert r.exit_code == 2 and "--output" in r.output


CODEBOOK = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 24">
  <Codes>
    <Code guid="6F1C2D3E-1111-4000-8000-000000000001" name="Food insecurity" isCodable="true">
      <Description>Not enough to eat: skipping meals, food banks, food parcels, empty cupboards.

Examples: food bank voucher; skipping meals so the children can eat</Description>
    </Code>
    <Code guid="6F1C2D3E-1111-4000-8000-000000000002" name="Housing" isCodable="true">
      <Description>Problems with a home: repairs, damp, landlords, rent.</Description>
      <Code guid="6F1C2D3E-1111-4000-8000-000000000003" name="Eviction" isCodable="true">
        <Description>A landlord ending a tenancy: eviction notices, section 21, bailiffs at the door.</Description>
      </Code>
    </Code>
  </Codes>
</CodeBook>
"""


def test_when_a_tools_codebook_is_loaded_then_it_is_the_taxonomy_in_force(tmp_path):
    book = tmp_path / "maxqda.qdc"
    book.write_text(CODEBOOK, encoding="utf-8")
    db = tmp_path / "t.db"
    r = run("taxonomy", "load", "--qdc", book, "--db", db)
    assert r.exit_code == 0 and "(3 themes) is now in force" in r.output
    exported = json.loads(run("taxonomy", "export", "--format", "json", "--db", db).stdout)
    assert [(t["id"], t["parent"]) for t in exported["themes"]] == [
        ("food_insecurity", None), ("housing", None), ("eviction", "housing")]
    assert exported["themes"][0]["examples"] == ["food bank voucher", "skipping meals so the children can eat"]
    store = Store(db)
    try:
        assert store.latest_taxonomy_version() == 1
    finally:
        store.close()


def test_when_our_codebook_comes_back_from_a_tool_then_theme_ids_and_sensitive_flags_are_kept(tmp_path):
    db = tmp_path / "t.db"
    book = tmp_path / "ours.qdc"
    assert run("taxonomy", "export", "--format", "qdc", "--output", book, "--db", db).exit_code == 0
    edited = book.read_text(encoding="utf-8").replace('name="Food poverty"', 'name="Food insecurity"')
    book.write_text(edited, encoding="utf-8")
    assert run("taxonomy", "load", "--qdc", book, "--db", db).exit_code == 0
    shown = run("taxonomy", "show", "--db", db).output
    assert "food_poverty                 Food insecurity" in shown and "[sensitive]" in shown


def test_when_load_given_a_file_and_qdc_then_it_asks_for_one(tmp_path):
    r = run_no_raise("taxonomy", "load", tmp_path / "a.yaml", "--qdc", tmp_path / "b.qdc", "--db", tmp_path / "t.db")
    assert r.exit_code == 2 and "just one of them" in r.output


def test_when_themes_assign_given_a_qdc_then_notes_get_its_themes(tmp_path):
    book = tmp_path / "maxqda.qdc"
    book.write_text(CODEBOOK, encoding="utf-8")
    notes = tmp_path / "in.jsonl"
    notes.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate([
        "She is skipping meals so the children can eat; we gave her a food bank voucher and a food parcel.",
        "The landlord served an eviction notice and the bailiffs came to the door on Monday.",
        "We talked about the weather and the football for a while."])))
    out = tmp_path / "out.jsonl"
    r = run("themes", "assign", "--input", notes, "--output", out, "--taxonomy", book)
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 3
    given = {row["id"]: [t["theme"] for t in row["themes"]] for row in rows}
    assert {t for ts in given.values() for t in ts} <= {"food_insecurity", "housing", "eviction"}
    assert "food_insecurity" in given[0]


def test_when_export_qdpx_names_a_project_then_only_its_notes_are_written_and_audited(pipeline, store, settings,
                                                                                     shared_data, tmp_path):
    from engine import projects

    ids = fill(pipeline, store)["note_ids"]
    pid = projects.create(store, "Warm spaces", "Why?", None, [], ["Riverside Advice", "Lee Green Pantry"], [],
                          "test")["id"]
    projects.tag(store, pid, ids[2:6], None, "test")
    out = tmp_path / "project.qdpx"
    r = run("export", "qdpx", "--db", settings.db_path, "--project", pid, "--output", out)
    assert r.exit_code == 0, r.output
    assert f"Wrote {out}: 4 notes" in r.output
    root, texts = read_archive(out.read_bytes())
    assert xsd(shared_data).validate(root) and len(texts) == 4
    assert len(root.findall("q:Sources/q:TextSource", NS)) == 4
    audit = AuditLog(settings.audit_db_path)
    try:
        rows = [r for r in audit.rows() if r["route"] == "insights export qdpx"]
    finally:
        audit.close()
    assert [r["note_ids"] for r in rows] == [ids[2:6]]


def test_when_export_qdpx_names_an_unknown_project_then_it_says_so_and_writes_nothing(pipeline, store, settings,
                                                                                     tmp_path):
    fill(pipeline, store)
    out = tmp_path / "x.qdpx"
    r = run_no_raise("export", "qdpx", "--db", settings.db_path, "--project", 4242, "--output", out)
    assert r.exit_code == 1 and "No project with id 4242" in r.output and not out.exists()
