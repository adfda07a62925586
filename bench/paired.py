"""Our anonymiser and plain Presidio timed interleaved on the same notes in one process, so both sides run under
the same machine load (other jobs sharing the CPUs) and the ratio compares like with like minute by minute.
Load still costs our side more: its worker processes use every core, plain Presidio uses one.

The notes are cut into chunks of `chunk` notes; each chunk is analysed by both engines, one straight after the
other, and the order flips every chunk (ours first, then Presidio first, ...). Only the analysis calls are timed
(ours: `Anonymiser.anonymise_many` on the chunk; Presidio: `analyze` once per note), after one untimed warm-up
call each. Used by `python bench/anonymise_bench.py` and by the `anonymise_paired` stage of `python -m bench.run`.
"""
from __future__ import annotations

import time


def interleaved(records: list, anonymiser, analyzer, chunk: int = 100) -> dict:
    """{"ours": (predictions, seconds), "baseline": (predictions, seconds), "rounds": n}; predictions as
    anonymise.evaluate.score takes them (None = our anonymiser rejected the note)."""
    from anonymise.evaluate import analyse_per_note

    if not records:
        raise ValueError("interleaved() needs at least one note.")
    anonymiser.anonymise_many([records[0].text])               # warm-ups: model loading, not timed
    analyzer.analyze(text=records[0].text, language="en")
    ours_pred: list = []
    base_pred: list = []
    ours_s = base_s = 0.0
    rounds = 0
    for rounds, start in enumerate(range(0, len(records), chunk), 1):
        part = records[start:start + chunk]

        def run_ours():
            t0 = time.perf_counter()
            outcomes = anonymiser.anonymise_many([r.text for r in part])
            seconds = time.perf_counter() - t0
            ours_pred.extend(None if isinstance(o, Exception) else
                             [(r.entity_type, r.orig_start, r.orig_end) for r in o.redactions] for o in outcomes)
            return seconds

        def run_base():
            predictions, seconds = analyse_per_note(analyzer, part)
            base_pred.extend(predictions)
            return seconds

        if rounds % 2:
            ours_s += run_ours()
            base_s += run_base()
        else:
            base_s += run_base()
            ours_s += run_ours()
    return {"ours": (ours_pred, ours_s), "baseline": (base_pred, base_s), "rounds": rounds}
