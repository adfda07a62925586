"""The harness's pure helpers: percentiles, py-spy stack summaries, ratios and targets."""
from __future__ import annotations

import pytest

from bench.api_latency import percentile
from bench.profiling import summarise
from bench.report import add_ratios, baseline_stack, targets


@pytest.mark.parametrize("values, q, expected", [
    ([5.0], 95, 5.0), ([1.0, 2.0, 3.0, 4.0], 50, 2.0), (list(map(float, range(1, 101))), 95, 95.0),
    (list(map(float, range(100, 0, -1))), 99, 99.0),
])
def test_when_asked_for_a_percentile_then_nearest_rank_is_returned(values, q, expected):
    assert percentile(values, q) == expected


def test_when_stacks_are_summarised_then_own_time_and_our_inclusive_time_are_shares_of_all_samples():
    raw = "\n".join([
        "main (bench/stages.py:10);ingest (/work/main/engine/pipeline.py:90);analyze (site-packages/spacy/x.py:3) 6",
        "main (bench/stages.py:10);assign (/work/main/themes/assign.py:80);dot (site-packages/numpy/core.py:1) 3",
        "thread (7): MainThread;main (bench/stages.py:10) 1",
        "thread (7): MainThread 5",
        'process 9:"python -m bench.stages";thread (9): MainThread;run (/work/main/engine/pipeline.py:5);'
        "Condition.wait (threading.py:320) 5",
        "not a stack line",
    ])
    s = summarise(raw)
    assert s["samples"] == 20                            # native-only and waiting samples count in the total
    assert s["waiting_share"] == 0.25
    own = {r["function"]: r["share"] for r in s["top_own_time"]}
    assert own["analyze  spacy/x.py"] == 0.3 and own["dot  numpy/core.py"] == 0.15
    assert not any(name.startswith("thread") for name in own)
    inclusive = {r["function"]: r["share"] for r in s["top_inclusive_ours"]}
    assert inclusive == {"ingest  engine/pipeline.py": 0.3, "assign  themes/assign.py": 0.15}


def test_when_the_baseline_stack_is_built_then_it_sums_its_parts_and_ratios_divide_throughputs():
    stages = {
        "baseline_presidio": {"notes": 100, "seconds": 4.0, "notes_per_second": 25.0, "peak_rss_mb": 500},
        "baseline_minilm": {"notes": 100, "seconds": 2.0, "notes_per_second": 50.0, "peak_rss_mb": 700},
        "baseline_bertopic": {"notes": 100, "seconds": 3.0, "encode_seconds": 2.0, "fit_seconds": 1.0,
                              "notes_per_second": 100 / 3, "peak_rss_mb": 800},
        "e2e_fast": {"notes": 100, "seconds": 0.7, "notes_per_second": 100 / 0.7, "peak_rss_mb": 600},
        "anonymise": {"notes": 100, "seconds": 1.0, "notes_per_second": 100.0, "peak_rss_mb": 550},
        "emergent_fit": {"notes": 100, "seconds": 0.01, "notes_per_second": 1e4, "fitted": False, "peak_rss_mb": 90},
        "anonymise_paired": {"notes": 100, "seconds": 0.5, "baseline_seconds": 4.5, "ratio": 9.0,
                             "notes_per_second": 200.0, "peak_rss_mb": 900},
    }
    stages["baseline_stack"] = baseline_stack(stages)
    assert stages["baseline_stack"]["seconds"] == pytest.approx(7.0)
    assert stages["baseline_stack"]["peak_rss_mb"] == 800
    add_ratios(stages)
    assert stages["anonymise"]["ratio"] == pytest.approx(4.0)
    assert stages["e2e_fast"]["ratio"] == pytest.approx(10.0)
    assert "ratio" not in stages["emergent_fit"]        # BERTopic never ran: no ratio to claim
    assert stages["anonymise_paired"]["ratio"] == 9.0   # timed interleaved: its own ratio, not a cross-stage one
    met = {t["target"]: t["met"] for t in targets({10_000: stages})}
    assert met["fast end-to-end 10k notes under 60 s"] is True
    assert met["anonymisation at least 10x plain Presidio, timed interleaved in one process"] is False
