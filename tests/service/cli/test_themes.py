"""`insights taxonomy ...` and `insights themes refit|correct|review ...`, run through the real click app."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.store import NewNote, Store
from service.cli.main import main

UKCAT = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "themes" / "ukcat.csv"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_when_taxonomy_loaded_edited_and_exported_then_versions_and_file_agree(tmp_path):
    db = tmp_path / "t.db"
    src = tmp_path / "mine.csv"
    src.write_text("id,label,description,examples,parent,sensitive\n"
                   "food,Food,Not enough food,food bank;skipping meals,,false\n"
                   "abuse,Domestic abuse,Abuse at home,controlling partner,,true\n")
    r = run("taxonomy", "load", src, "--db", db)
    assert r.exit_code == 0 and "2 themes" in r.output
    r = run("taxonomy", "edit", "food", "--label", "Food insecurity", "--examples", "no food;empty cupboards",
            "--db", db)
    assert r.exit_code == 0
    shown = run("taxonomy", "show", "--db", db).output
    assert "Food insecurity" in shown and "[sensitive]" in shown
    versions = run("taxonomy", "show", "--versions", "--db", db).output.splitlines()
    assert len(versions) == 2 and versions[1].startswith("* v2") and "changed examples, label of food" in versions[1]
    out = tmp_path / "out.csv"
    assert run("taxonomy", "export", "--format", "csv", "--output", out, "--db", db).exit_code == 0
    assert "food,Food insecurity,Not enough food,no food;empty cupboards,,false" in out.read_text()


def test_when_ukcat_tags_loaded_then_they_are_the_taxonomy(tmp_path):
    db = tmp_path / "t.db"
    r = run("taxonomy", "load", "--ukcat-tags", "SW105,HO103,SW202", "--ukcat-file", UKCAT, "--db", db)
    assert r.exit_code == 0, r.output
    exported = json.loads(run("taxonomy", "export", "--format", "json", "--db", db).stdout)
    assert [t["id"] for t in exported["themes"]] == ["SW105", "HO103", "SW202"]


@pytest.mark.parametrize("args, message", [
    (["taxonomy", "edit", "nope", "--label", "X"], "No theme 'nope'"),
    (["taxonomy", "edit", "food_poverty"], "Say what to change"),
    (["taxonomy", "load"], "either a taxonomy FILE or --ukcat-tags"),
    (["taxonomy", "load", "--ukcat-tags", "ZZ1", "--ukcat-file", UKCAT], "no tag ZZ1"),
    (["themes", "review", "dismiss", "5", "--who", "R"], "No emergent theme with id 5"),
])
def test_when_a_command_is_wrong_then_it_fails_with_a_message_that_says_what_to_fix(tmp_path, args, message):
    r = run(*args, "--db", tmp_path / "t.db")
    assert r.exit_code != 0 and message in r.output


def test_when_csv_row_is_bad_then_load_names_the_row(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text("id,label,description\nfood,Food,Not enough food\nhousing,Housing,\n")
    r = run("taxonomy", "load", src, "--db", tmp_path / "t.db")
    assert r.exit_code == 1 and "row 3: the theme is missing description" in r.output


def test_when_refit_after_adding_a_theme_then_it_reports_what_moved(tmp_path):
    db = tmp_path / "t.db"
    store = Store(db)
    org = store.ensure_org("Org")
    texts = ["The bus to the hospital was cut so she missed her appointment.",
             "No bus on Sundays and the taxi to the surgery costs twenty pounds.",
             "She is skipping meals so the children can eat; we gave her a food parcel."]
    notes = [NewNote(t, f"h{i}", f"d{i}", "case_note", "2025-03", "2025-03", None, "unknown", None, None, [])
             for i, t in enumerate(texts)]
    ids = store.add_submission(org, notes, "test", "consent")["note_ids"]
    store.close()
    first = json.loads(run("themes", "refit", "--json", "--db", db).stdout)
    assert first["notes"] == 3 and first["changed"] == len([n for n in first["changed_notes"] if n["after"]])
    r = run("taxonomy", "edit", "transport", "--add", "--label", "Transport",
            "--description", "Buses, taxis and getting to appointments or the hospital.",
            "--examples", "the bus route was cut;cannot get to the hospital", "--db", db)
    assert r.exit_code == 0, r.output
    r = run("themes", "refit", "--db", db)
    assert r.exit_code == 0 and "Refitted 3 notes" in r.output
    line = next(x for x in r.output.splitlines() if x.strip().startswith("transport"))
    assert int(line.split()[1]) >= 2                                  # both bus notes gained it
    r = run("themes", "correct", ids[2], "transport", "--who", "caseworker", "--db", db)
    assert r.exit_code == 0 and "transport (confirmed)" in r.output


def test_when_ingest_is_fast_then_themes_are_found_with_the_fast_embedders_vectors(tmp_path):
    from themes.fast_embedder import FAST_EMBEDDER_ID

    src = tmp_path / "notes.txt"
    src.write_text("She is skipping meals so the children can eat; we gave her a food parcel.\n---\n"
                   "The landlord served an eviction notice and there is black mould in the flat.\n")
    db = tmp_path / "t.db"
    r = run("ingest", src, "--org", "Org", "--fast", "--db", db)
    assert r.exit_code == 0, r.output
    store = Store(db)
    used = {row["embedder_id"] for row in store.q("SELECT DISTINCT embedder_id FROM embeddings")}
    # the fast embedder's passage vectors, and the note vectors made from them (themes/note_vectors.py); no MiniLM
    assert used == {FAST_EMBEDDER_ID, f"{FAST_EMBEDDER_ID}|mean-of-20-word-passages"}
    assert len(store.in_force_assignments()) >= 2


def test_when_a_dismissal_is_undone_on_the_command_line_then_the_candidate_is_proposed_again(tmp_path):
    db = tmp_path / "t.db"
    store = Store(db)
    store.replace_emergent("run", [{"label": "bus / route", "keywords": ["bus"], "size": 12,
                                    "note_ids": list(range(12)), "quotes": ["The bus was cut."]}])
    candidate = store.emergent()[0]["id"]
    store.close()
    assert run("themes", "review", "dismiss", candidate, "--who", "Ana", "--db", db).exit_code == 0
    r = run("themes", "review", "restore", candidate, "--who", "Ben", "--db", db)
    assert r.exit_code == 0 and "proposed again" in r.output
    row = Store(db).emergent_candidate(candidate)
    assert row["status"] == "proposed" and row["reviewed_by"] == "Ben"
    twice = run("themes", "review", "restore", candidate, "--who", "Ben", "--db", db)
    assert twice.exit_code == 1 and "not dismissed" in twice.output
