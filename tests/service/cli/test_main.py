"""The `insights` command's contracts, run as other tools would run it: as a separate process."""
import json
import subprocess
import sys
from pathlib import Path

INSIGHTS = str(Path(sys.executable).parent / "insights")
FIRST = ["Amira", "Callum", "Wojciech", "Funmilayo", "Siobhan", "Priya", "Tomasz", "Hamza", "Niamh", "Kwame"]
THEMED = {
    "food_poverty": "She is skipping meals so the children can eat and we gave her a food parcel.",
    "bereavement": "He is grieving since his wife died in the spring and cannot afford the funeral.",
    "domestic_abuse": "Her partner checks her phone, controls the money and she is frightened of him.",
    "housing_homelessness": "There is black mould in the flat and the landlord has served an eviction notice.",
}


def run(*args, cwd=None):
    return subprocess.run([INSIGHTS, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_when_help_asked_then_every_command_documents_itself():
    out = run("--help").stdout
    for command in ("demo", "ingest", "anonymise", "themes", "serve", "evidence"):
        assert command in out
    for sub in (["demo"], ["ingest"], ["anonymise"], ["themes", "assign"], ["serve"], ["evidence"]):
        r = run(*sub, "--help")
        assert r.returncode == 0 and "Usage:" in r.stdout


def test_when_anonymise_runs_on_100_lines_then_offsets_point_into_the_original(tmp_path):
    lines, planted = [], {}
    for i in range(100):
        name, phone = FIRST[i % 10], f"07700 900{i:03d}"
        text = f"Note {i}: spoke to {name} today, call {phone}. Postcode SE13 6QT. She uses the food bank."
        lines.append(json.dumps({"id": f"n{i}", "text": text}))
        planted[f"n{i}"] = (text, [name, phone, "SE13 6QT"])
    lines.insert(50, "this line is not json")
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("\n".join(lines) + "\n")
    r = run("anonymise", "--input", str(src), "--output", str(dst))
    assert r.returncode == 1 and "line 51: not valid JSON" in r.stderr
    out = [json.loads(x) for x in dst.read_text().splitlines()]
    assert len(out) == 100 and [o["id"] for o in out] == [f"n{i}" for i in range(100)]
    for o in out:
        text, values = planted[o["id"]]
        covered = {text[e["start"]:e["end"]] for e in o["entities"]}
        assert set(values) <= covered, (o["id"], covered)
        assert all(v not in o["text"] for v in values) and "food bank" in o["text"]
        assert {"type", "start", "end", "score"} == set(o["entities"][0])


def test_when_themes_assigned_with_and_without_a_custom_taxonomy(tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [{"id": f"{theme}-{i}", "text": text} for i in range(25) for theme, text in THEMED.items()]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "out.jsonl"
    r = run("themes", "assign", "--input", str(src), "--output", str(out))
    assert r.returncode == 0, r.stderr
    results = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(results) == 100
    assert all(res["themes"][0]["theme"] == res["id"].rsplit("-", 1)[0] for res in results)
    taxonomy = tmp_path / "tax.yaml"
    taxonomy.write_text("- id: money\n  label: Money\n  description: not enough money for food, bills or funerals\n"
                        "- id: spreadsheets\n  label: Spreadsheets\n  description: pivot tables and formulas\n")
    r = run("themes", "assign", "--input", str(src), "--output", str(out), "--taxonomy", str(taxonomy))
    assert r.returncode == 0, r.stderr
    custom = [json.loads(x) for x in out.read_text().splitlines()]
    assert {t["theme"] for res in custom for t in res["themes"]} <= {"money", "spreadsheets"}
    assert any(res["themes"] == [] for res in custom)            # an honest "unassigned"
    assert any(res["themes"] and res["themes"][0]["theme"] == "money" for res in custom)


def test_when_ingesting_the_same_file_twice_then_nothing_is_added_twice(tmp_path):
    csv_path = tmp_path / "notes.csv"
    csv_path.write_text("note,date,ward\n" + "\n".join(
        f'"Spoke to {FIRST[i]} ({"07700 900%03d" % i}). {text}",2025-0{1 + i % 9}-10,' for i, text in
        enumerate(list(THEMED.values()) * 2)) + "\n")
    db = tmp_path / "x.db"
    first = run("ingest", str(csv_path), "--org", "Riverside", "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "text <- note" in first.stdout and "date <- date" in first.stdout and "Stored 8 new notes" in first.stdout
    second = run("ingest", str(csv_path), "--org", "Riverside", "--db", str(db))
    assert "Stored 0 new notes (8 already stored" in second.stdout
    raw = db.read_bytes() + (Path(str(db) + "-wal").read_bytes() if Path(str(db) + "-wal").exists() else b"")
    assert b"07700 900" not in raw and all(name.encode() not in raw for name in FIRST[:8])


def test_when_ingest_given_a_binary_file_then_clear_error(tmp_path):
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"\x00\x01\x02\x03")
    r = run("ingest", str(bad), "--org", "X", "--db", str(tmp_path / "x.db"))
    assert r.returncode != 0 and "binary" in r.stderr


def test_when_backup_then_restore_from_cli_then_refused_without_yes_and_restored_with_it(tmp_path):
    from click.testing import CliRunner

    from engine.store import Store
    from service.cli.main import main

    db = tmp_path / "cli.db"
    Store(db).close()
    runner = CliRunner()
    made = runner.invoke(main, ["backup", "--to", str(tmp_path / "bk.db"), "--db", str(db)])
    assert made.exit_code == 0, made.output
    assert "integrity ok" in made.output
    refused = runner.invoke(main, ["restore", str(tmp_path / "bk.db"), "--db", str(db)])
    assert refused.exit_code != 0 and "--yes" in refused.output
    done = runner.invoke(main, ["restore", str(tmp_path / "bk.db"), "--db", str(db), "--yes"])
    assert done.exit_code == 0 and "integrity ok" in done.output
