"""Saved evaluation runs (engine/eval_runs.py, migration m018): figures kept, example spans never, latest wins."""
from datetime import datetime, timezone

from engine import eval_runs

REPORT = {"types": {"PERSON": {"gold": 10, "caught": 9, "recall": 0.9, "precision": 0.8}},
          "overall": {"gold": 10, "caught": 9, "recall": 0.9, "precision": 0.8}, "notes": 4,
          "misses": {"PERSON": ["Mrs Amira Khan"]}, "false_positives": {"PERSON": ["Brindle"]}}


def test_when_no_run_saved_then_last_is_none(store):
    assert eval_runs.last_anonymisation_run(store) is None


def test_when_a_run_is_saved_then_its_figures_and_data_set_come_back_without_example_spans(store, tmp_path):
    data = tmp_path / "pii.jsonl"
    eval_runs.save_anonymisation_run(store, REPORT, data, 4, ran_at=datetime(2026, 1, 2, tzinfo=timezone.utc),
                                     version="0.1.0+gabc")
    run = eval_runs.last_anonymisation_run(store)
    assert run["dataset_name"] == "pii.jsonl" and run["dataset_path"] == str(data.resolve())
    assert run["records"] == 4 and run["ran_at"].startswith("2026-01-02") and run["code_version"] == "0.1.0+gabc"
    assert run["report"]["types"]["PERSON"]["recall"] == 0.9
    assert "misses" not in run["report"] and "false_positives" not in run["report"]
    raw = store.q("SELECT report_json FROM eval_runs")[0]["report_json"]
    assert "Amira" not in raw and "Brindle" not in raw


def test_when_two_runs_are_saved_then_the_later_one_is_last(store, tmp_path):
    for day, recall in ((5, 0.5), (7, 0.7), (6, 0.6)):
        eval_runs.save_anonymisation_run(store, {**REPORT, "overall": {"gold": 1, "recall": recall}},
                                         tmp_path / f"d{day}.jsonl", 1,
                                         ran_at=datetime(2026, 1, day, tzinfo=timezone.utc))
    run = eval_runs.last_anonymisation_run(store)
    assert run["dataset_name"] == "d7.jsonl" and run["report"]["overall"]["recall"] == 0.7


def test_when_asking_the_code_version_then_it_starts_with_the_package_version():
    assert eval_runs.code_version().split("+")[0][0].isdigit()
