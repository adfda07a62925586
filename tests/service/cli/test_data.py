"""`insights areas import`, `insights indicators import`, `insights links load|show` and `insights evidence`,
run as a separate process on small real files."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

INSIGHTS = str(Path(sys.executable).parent / "insights")


def run(*args):
    return subprocess.run([INSIGHTS, *args], capture_output=True, text=True, timeout=300)


def _lookup(tmp_path) -> Path:
    path = tmp_path / "056.csv"
    path.write_text("FID,WD19CD,WD19NM,LAD19CD,LAD19NM\n1,E05000442,Downham,E09000023,Lewisham\n"
                    "2,E05000447,Lee Green,E09000023,Lewisham\n3,bad,Nowhere,E09000023,Lewisham\n", encoding="utf-8")
    return path


def test_when_areas_then_indicators_then_links_loaded_then_each_reports_what_it_did(tmp_path):
    db = str(tmp_path / "i.db")
    r = run("areas", "import", str(_lookup(tmp_path)), "--db", db)
    assert r.returncode == 0, r.stderr
    assert "056.csv: ons_ward, 3 rows" in r.stdout and "lad 1" in r.stdout and "ward 2" in r.stdout
    assert "row 4: not an ONS code" in r.stderr
    ind = tmp_path / "ind.csv"
    ind.write_text("area_code,indicator,period,value,source,licence\nE05000442,income_deprivation_rate,2024,0.3,ONS,OGL\n"
                   "E05000447,income_deprivation_rate,2024,x,ONS,OGL\n", encoding="utf-8")
    r = run("indicators", "import", str(ind), "--format", "long", "--db", db, "--json")
    report = json.loads(r.stdout)
    assert report["stored"] == 1 and report["rejected_rows"][0]["row"] == 3
    assert "not a number" in report["rejected_rows"][0]["reason"]
    r = run("links", "load", "--db", db)
    assert r.returncode == 0 and "Loaded" in r.stdout and "Indicators not loaded yet" in r.stdout
    shown = run("links", "show", "--db", db).stdout
    assert any("income_deprivation_rate" in line and "1 values" in line for line in shown.splitlines())


def test_when_evidence_asked_on_an_empty_db_then_json_and_csv_state_the_method(tmp_path):
    db = str(tmp_path / "e.db")
    out = json.loads(run("evidence", "--db", db, "--format", "json").stdout)
    assert out["records"] == [] and "rounded to the nearest 5" in out["method"] and "correlations" in out
    text = run("evidence", "--db", db, "--format", "csv", "--period", "2025-Q3").stdout
    assert next(csv.reader(io.StringIO(text)))[0] == "area_code" and "# Counts of notes below 10" in text
    bad = run("evidence", "--db", db, "--period", "summer")
    assert bad.returncode != 0 and "not understood" in bad.stderr


def test_when_import_file_layout_unknown_then_the_command_fails_with_the_fix(tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b\n1,2\n", encoding="utf-8")
    r = run("areas", "import", str(odd), "--db", str(tmp_path / "x.db"))
    assert r.returncode != 0 and "match no area lookup" in r.stderr
