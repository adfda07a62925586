"""`insights taxonomy try FILE --db DB` on a small real database built by the demo (80 generated notes, fewer once duplicates are dropped, through
the real anonymiser, MiniLM and the shipped scorer): it previews new and changed themes and saves nothing."""
import json

import pytest
from click.testing import CliRunner

from engine.core.settings import Settings
from engine.store import Store
from service.cli.main import main
from themes.taxonomy_io import current_taxonomy, dump
from themes.taxonomy import edited, from_records

TABLES = ("assignments", "taxonomy_versions", "themes", "theme_calibrations", "embeddings", "notes")
TRANSPORT = {"id": "transport", "label": "Getting to appointments",
             "description": "Buses cut, no transport, taxi fares too dear, cannot get to the hospital or the GP.",
             "examples": ["the bus route was cut", "cannot get to the hospital", "no car"]}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, anonymiser, embedder):
    from engine.demo import run_demo
    from engine.pipeline import Pipeline

    db = tmp_path_factory.mktemp("try") / "insights.db"
    store = Store(db)
    try:
        run_demo(Pipeline(Settings(db_path=db), store, anonymiser=anonymiser, embedder=embedder), n_notes=80,
                 discover=False)
    finally:
        store.close()
    return db


def snapshot(db) -> dict:
    store = Store(db)
    try:
        return {t: store.q(f"SELECT * FROM {t} ORDER BY rowid") if t != "embeddings" else
                store.q("SELECT COUNT(*) AS n FROM embeddings") for t in TABLES}
    finally:
        store.close()


@pytest.fixture(scope="module")
def trial_file(demo_db, tmp_path_factory):
    store = Store(demo_db)
    try:
        current = current_taxonomy(store)
    finally:
        store.close()
    trial = from_records([*current.as_dicts(), TRANSPORT], "trial")
    trial = edited(trial, "food_poverty", examples=["skipping meals", "food bank"])
    path = tmp_path_factory.mktemp("tax") / "trial.yaml"
    path.write_text(dump(trial, "yaml"), encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_when_a_taxonomy_is_tried_then_new_and_changed_themes_are_previewed_and_nothing_is_saved(demo_db,
                                                                                                 trial_file):
    before = snapshot(demo_db)
    r = run("taxonomy", "try", trial_file, "--db", demo_db, "--json")
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert snapshot(demo_db) == before
    assert report["notes"] == len(before["notes"]) >= 40
    shown = {t["id"]: t for t in report["themes"]}
    assert set(shown) == {"transport", "food_poverty"}
    transport, food = shown["transport"], shown["food_poverty"]
    assert transport["status"] == "new" and transport["now"] is None and transport["takes"] >= 1
    assert food["status"] == "changed" and food["takes"] == food["now"] + food["gained"] - food["lost"]
    assert food["now"] >= 5 and food["examples"]
    for theme in (transport, food):
        assert all(e["score"] >= report["line"] for e in theme["examples"])
        assert all(m["score"] <= theme["examples"][-1]["score"] for m in theme["near_misses"] if theme["examples"])
        assert all(len(e["excerpt"].split()) <= 31 for e in theme["examples"] + theme["near_misses"])
    assert {"bus", "hospital", "transport", "taxi", "car"} & {w["word"] for w in transport["words"]}
    assert {"food", "meals", "bank"} & {w["term"] for w in food["terms"]}


def test_when_a_taxonomy_is_tried_then_the_text_says_what_each_theme_would_take(demo_db, trial_file):
    r = run("taxonomy", "try", trial_file, "--db", demo_db, "--theme", "transport")
    assert r.exit_code == 0, r.output
    assert "transport - Getting to appointments [new]" in r.output and "would take" in r.output
    assert "near-misses" in r.output and "Nothing was saved" in r.output and "food_poverty -" not in r.output


def test_when_the_theme_asked_for_is_not_in_the_file_then_it_says_which_are(demo_db, trial_file):
    r = run("taxonomy", "try", trial_file, "--db", demo_db, "--theme", "nope")
    assert r.exit_code == 1 and "No theme nope" in r.output and "transport" in r.output
