"""The DPIA-lite's structure (engine/publish/dpia.py): live settings and counts quoted, the last saved
anonymisation run's recall per type with its date and data set, a plain instruction when there is none, and
never any note text."""
from datetime import datetime, timezone

from engine import eval_runs
from engine.publish.dpia import build_dpia
from tests.engine.publish.picture_data import MARKERS, fill

ROLES = [{"role": "admin", "can": "Everything."}, {"role": "analyst", "can": "Themes."}]
REPORT = {"types": {"PERSON": {"gold": 40, "recall": 0.925, "precision": 0.81},
                    "UK_POSTCODE": {"gold": 12, "recall": 1.0, "precision": 0.97},
                    "URL": {"gold": 0, "recall": None, "precision": None}},
          "overall": {"gold": 52, "recall": 0.942, "precision": 0.84}, "notes": 30}


def _text(doc) -> str:
    parts = []
    for b in doc["blocks"]:
        parts += [b["text"], *b["headers"]]
        parts += [" | ".join(i) if isinstance(i, list) else i for i in b["items"]]
    return "\n".join(parts)


def _headings(doc) -> list[str]:
    return [b["text"] for b in doc["blocks"] if b["kind"] == "h2"]


def test_when_no_eval_run_is_saved_then_it_says_so_and_names_the_command(store, settings):
    text = _text(build_dpia(store, settings, ROLES))
    assert "No anonymisation check has been recorded" in text
    assert f"insights eval anonymisation --dataset FILE --db {settings.db_path}" in text


def test_when_an_eval_run_is_saved_then_recall_per_type_its_date_and_data_set_are_quoted(store, settings, tmp_path):
    eval_runs.save_anonymisation_run(store, REPORT, tmp_path / "pii-set.jsonl", 30,
                                     ran_at=datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc), version="0.1.0")
    doc = build_dpia(store, settings, ROLES)
    table = next(b for b in doc["blocks"] if b["kind"] == "table" and "Fully hidden (recall)" in b["headers"])
    rows = {r[0]: r for r in table["items"]}
    assert rows["A person's name (PERSON)"][1:3] == ["40", "92.5%"]
    assert rows["All identifiers"][2] == "94.2%"
    assert not any("URL" in r for r in rows)                      # a type with nothing to find is left out
    text = _text(doc)
    assert "2026-11-20" in text and "pii-set.jsonl" in text and "30 labelled notes" in text
    assert "No anonymisation check" not in text


def test_when_built_on_a_store_with_notes_then_counts_and_settings_are_live_and_no_note_text_appears(tmp_path):
    from engine.core.settings import Settings
    from engine.store import Store

    settings = Settings(db_path=tmp_path / "d.db", suppression_threshold=7, retention_months=24)
    store = fill(Store(settings.db_path))
    store.set_retention_months(store.org_id_named("Mill Advice"), 12)
    doc = build_dpia(store, settings, ROLES)
    assert _headings(doc) == ["At a glance", "What the service is for", "What is collected",
                              "What is never collected", "How anonymisation works", "Suppression rules",
                              "Roles and who can see what", "Data sharing", "Retention", "Erasure",
                              "Where the data lives", "Sub-processors", "Risks and mitigations", "Sign-off"]
    text = _text(doc)
    assert "Any count below 7 notes is hidden" in text and "kept for 24 months" in text
    assert "Mill Advice | 12 | its own period" in text and "South Help | 24 | the default" in text
    assert f"Organisations sharing notes | {doc['facts']['organisations']}" in text
    assert doc["facts"]["notes"] > 100 and str(settings.db_path) in text
    assert not any(marker in text for marker in MARKERS.values())
    store.close()


def test_when_the_database_is_postgresql_then_where_the_data_lives_names_the_server_and_schema_not_a_file(pg_url):
    from engine.core.settings import Settings
    from engine.store import Store

    settings = Settings(db_path=pg_url.replace("insights@", "insights:pw-never-shown@"))
    store = Store(pg_url)
    text = _text(build_dpia(store, settings, ROLES))
    store.close()
    assert "One PostgreSQL database" in text and "insights_audit" in text and "pg_dump" in text
    assert "SQLite" not in text.split("Where the data lives")[1].split("Sub-processors")[0]
    assert "pw-never-shown" not in text
