"""The benchmark suite: every stage of ours against the plain-library stack, 1k to 100k notes, in one run.

    python -m bench.run [--sizes 1000,10000,100000] [--fresh] [--profile 10000] [--out bench/results]
    make bench-quick     # 1,000 notes, baselines included (a few minutes on 2 cores)
    make bench           # 1k, 10k and 100k (long)

For each size: write a synthetic corpus with corpora/bench.py (bench/work/n<N>/), then run each stage in its own
subprocess and record its wall seconds, notes/s and peak RSS (the child's ru_maxrss, from os.wait4). Baselines
(plain Presidio, MiniLM encode, BERTopic defaults) run at sizes up to --baseline-max only, and so do our accurate
(MiniLM) stages. A stage whose result is already in bench/work/n<N>/results/ is not run again unless --fresh.
Writes bench/results/<date>.json and <date>.md (the Markdown table the README shows).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.report import write_json

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "work"

# (stage, runs only at sizes <= baseline_max)
PLAN = [
    ("e2e_fast", False), ("anonymise", False), ("baseline_presidio", True), ("anonymise_paired", True), ("embed_fast", False),
    ("embed_accurate", True), ("baseline_minilm", True), ("assign_fast", False), ("assign_accurate", True),
    ("emergent_fit", False), ("baseline_bertopic", True), ("evidence", False), ("incremental", False),
]


def run_child(stage: str, work: Path) -> dict:
    """Run one stage in a fresh Python; return its result with wall seconds and the child's peak RSS."""
    out = work / "results" / f"{stage}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "bench.stage_runner", stage, str(work), str(out)]
    started = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if child.returncode != 0 or not out.exists():
        raise SystemExit(f"Stage {stage} failed at {work.name} (exit {child.returncode}); see the output above.")
    result = json.loads(out.read_text(encoding="utf-8"))
    result.update({
        "stage": stage, "process_seconds": round(wall, 3),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),   # Linux reports ru_maxrss in KiB
        "notes_per_second": result["notes"] / result["seconds"] if result["seconds"] > 0 else None,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    })
    write_json(out, result)
    return result


def prepare_corpus(root: Path, size: int, fresh: bool) -> Path:
    from corpora.bench import write_bench_corpus

    work = root / f"n{size}"
    if fresh and work.exists():
        shutil.rmtree(work)
    if not (work / "notes.jsonl").exists():
        print(f"[{size}] writing the synthetic corpus to {work}", flush=True)
        write_bench_corpus(work, size)
    return work


def run_size(root: Path, size: int, baseline_max: int, fresh: bool, profile_dir: Path | None,
             skip: frozenset = frozenset()) -> dict:
    work = prepare_corpus(root, size, fresh)
    results = {}
    for stage, limited in PLAN:
        if (limited and size > baseline_max) or stage in skip:
            continue
        done = work / "results" / f"{stage}.json"
        if done.exists() and "peak_rss_mb" in (cached := json.loads(done.read_text(encoding="utf-8"))):
            print(f"[{size}] {stage}: kept from an earlier run ({cached['measured_at']})", flush=True)
            results[stage] = cached
            continue
        print(f"[{size}] {stage} ...", flush=True)
        results[stage] = r = run_child(stage, work)
        print(f"[{size}] {stage}: {r['seconds']:.2f} s, {r['notes_per_second'] or 0:,.1f} notes/s, "
              f"peak RSS {r['peak_rss_mb']:,.0f} MB", flush=True)
    if profile_dir is not None and "profile" not in results["e2e_fast"]:
        from bench.profiling import profile_stage

        print(f"[{size}] e2e_fast again under py-spy (not part of the figures) ...", flush=True)
        results["e2e_fast"]["profile"] = profile_stage("e2e_fast", work, profile_dir)
        write_json(work / "results" / "e2e_fast.json", results["e2e_fast"])
    return results


def _sizes(text: str) -> list[int]:
    return [int(s.strip().replace("_", "").replace("k", "000")) for s in text.split(",") if s.strip()]


def main(argv: list[str] | None = None) -> dict:
    from bench.report import build_report, machine, write_report

    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated note counts")
    parser.add_argument("--baseline-max", type=int, default=10_000,
                        help="largest size at which the baselines and our accurate stages run (default 10000)")
    parser.add_argument("--fresh", action="store_true", help="rebuild corpora and databases; rerun every stage")
    parser.add_argument("--profile", default="", metavar="SIZES",
                        help="at these sizes, rerun the end-to-end stage under py-spy afterwards, e.g. 10000 "
                             "(pip install -e '.[bench]')")
    parser.add_argument("--skip", default="", metavar="STAGES",
                        help="comma-separated stages to leave out, e.g. assign_accurate (make bench-quick does)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results", help="results folder")
    parser.add_argument("--work", type=Path, default=WORK, help="corpora and databases (default bench/work)")
    args = parser.parse_args(argv)
    sizes, profiled = _sizes(args.sizes), set(_sizes(args.profile))
    skip = frozenset(s.strip() for s in args.skip.split(",") if s.strip())
    if unknown := skip - {name for name, _ in PLAN}:
        raise SystemExit(f"--skip: no stage called {', '.join(sorted(unknown))}; stages: "
                         + ", ".join(name for name, _ in PLAN))
    if not sizes or min(sizes) < 30:
        raise SystemExit("--sizes needs note counts of 30 or more, e.g. --sizes 1000,10000.")
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    by_size = {}
    for size in sizes:
        by_size[size] = run_size(args.work.resolve(), size, args.baseline_max, args.fresh,
                                 args.out if size in profiled else None, skip)
    report = build_report(by_size, machine(), time.perf_counter() - started)
    json_path, md_path = write_report(report, args.out)
    print(md_path.read_text(encoding="utf-8"))
    print(f"Wrote {json_path} and {md_path}")
    return report


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    main()
