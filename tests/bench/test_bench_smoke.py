"""The benchmark harness on a few dozen notes: every stage runs in its own process and is recorded with its
seconds, notes/s and peak RSS; ratios come from two measured numbers. No timing assertions: the figures on a
shared test machine mean nothing, only their presence and consistency are checked."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.report import COMPARED_WITH
from bench.run import PLAN

ROOT = Path(__file__).resolve().parents[2]
NOTES = 40
pytestmark = pytest.mark.slow      # twelve fresh processes, each loading its models (a few minutes)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("bench")
    done = subprocess.run([sys.executable, "-m", "bench.run", "--sizes", str(NOTES), "--work", str(base / "work"),
                           "--out", str(base / "results")], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    reports = sorted((base / "results").glob("20*.json"))
    assert len(reports) == 1
    return base, json.loads(reports[0].read_text(encoding="utf-8")), done.stdout


def test_when_the_harness_runs_then_every_stage_has_seconds_throughput_and_peak_rss(run):
    _, report, _ = run
    stages = report["sizes"][str(NOTES)]
    assert {name for name, _ in PLAN} | {"baseline_stack"} <= set(stages)
    for name, _ in PLAN:
        s = stages[name]
        assert s["notes"] > 0, name
        assert s["seconds"] > 0, name
        assert s["notes_per_second"] == pytest.approx(s["notes"] / s["seconds"]), name
        assert s["peak_rss_mb"] > 10, name          # a Python process with numpy alone is bigger than this
        assert s["process_seconds"] >= s["seconds"], name


def test_when_ours_and_a_baseline_ran_then_the_ratio_is_their_throughputs_divided(run):
    _, report, _ = run
    stages = report["sizes"][str(NOTES)]
    compared = 0
    for ours, base in COMPARED_WITH.items():
        if "ratio" not in stages[ours]:
            assert stages[ours].get("fitted") is False, ours   # only an emergent fit that never ran has none
            continue
        assert stages[ours]["baseline"] == base
        assert stages[ours]["ratio"] == pytest.approx(
            stages[ours]["notes_per_second"] / stages[base]["notes_per_second"])
        compared += 1
    assert compared >= len(COMPARED_WITH) - 1
    stack = stages["baseline_stack"]
    assert stack["seconds"] == pytest.approx(stages["baseline_presidio"]["seconds"]
                                             + stages["baseline_bertopic"]["seconds"])


def test_when_the_harness_runs_then_every_stage_works_on_the_same_notes(run):
    _, report, _ = run
    stages = report["sizes"][str(NOTES)]
    for name, _ in PLAN:
        expected = 100 if name == "incremental" else NOTES
        assert stages[name]["notes"] == expected, name
    e2e = stages["e2e_fast"]
    assert e2e["stored"] == NOTES and e2e["rejected"] == 0
    assert e2e["assigned_notes"] == NOTES
    assert 0 <= stages["anonymise"]["recall"] <= 1 and 0 <= stages["baseline_presidio"]["recall"] <= 1
    paired = stages["anonymise_paired"]   # both engines timed interleaved on the same notes in one process
    assert paired["recall"] == stages["anonymise"]["recall"]
    assert paired["baseline_recall"] == stages["baseline_presidio"]["recall"]
    assert paired["ratio"] == pytest.approx(paired["baseline_seconds"] / paired["seconds"])
    inc = stages["incremental"]
    assert inc["stored"] == 100 and inc["assigned_notes"] == 100 and inc["database_notes_before"] == NOTES
    assert inc["emergent_unchanged"] is True


def test_when_the_harness_runs_then_the_markdown_table_has_a_row_per_stage_and_the_machine(run):
    base, report, stdout = run
    md = sorted((base / "results").glob("20*.md"))[0].read_text(encoding="utf-8")
    from bench.report import LABELS

    for name, _ in PLAN:
        assert f"| {LABELS[name]}" in md, name
    assert f"{report['machine']['cpus']} CPU cores" in md
    assert report["machine"]["python"] in md
    assert "Where the end-to-end time goes" in md


def test_when_rerun_without_fresh_then_finished_stages_are_kept(run):
    base, report, _ = run
    done = subprocess.run([sys.executable, "-m", "bench.run", "--sizes", str(NOTES), "--work", str(base / "work"),
                           "--out", str(base / "results2")], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.count("kept from an earlier run") == len(PLAN)
    again = json.loads(sorted((base / "results2").glob("20*.json"))[0].read_text(encoding="utf-8"))
    assert again["sizes"][str(NOTES)]["e2e_fast"]["seconds"] == report["sizes"][str(NOTES)]["e2e_fast"]["seconds"]


def test_when_the_api_is_loaded_then_each_route_has_percentiles(run):
    base, _, _ = run
    db = base / "work" / f"n{NOTES}" / "insights.db"
    done = subprocess.run([sys.executable, "-m", "bench.api_latency", "--db", str(db), "--clients", "3",
                           "--requests", "4", "--out", str(base / "latency")], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    result = json.loads(sorted((base / "latency").glob("api-latency-*.json"))[0].read_text(encoding="utf-8"))
    assert result["errors"] == 0
    assert result["notes"] == NOTES
    assert result["requests"] == 3 * 4
    assert set(result["routes"]) <= {"theme list", "theme detail", "evidence"} and result["routes"]
    for r in result["routes"].values():
        assert 0 < r["p50_ms"] <= r["p95_ms"] <= r["p99_ms"]
    assert set(result["first_answer_ms"]) == {"theme list", "theme detail", "evidence"}
    assert all(ms > 0 for ms in result["first_answer_ms"].values())
