"""The emergent-theme fit in a NEW process, with numba's cache empty and warm, next to plain BERTopic:

    python -m bench.cold_start [--sizes 2000,5000] [--repeats 3] [--model data/models/minilm-static]
    python -m bench.cold_start --sizes 2000 --profile-to bench/results/profile-emergent-cold-after.txt --cache warm

Passages come from the demo corpus, embedded once with the fast embedder; every run is a fresh subprocess that
imports umap, hdbscan and bertopic and fits once (`themes.emergent.fit_topics`, seed 42). "cold": NUMBA_CACHE_DIR
is a new empty folder; "warm": a folder filled first by `python -m themes.emergent_warm` (timed too). The anchor
is `BERTopic()` with its defaults on the same vectors, cold and warm, in the same run. Each child also sums
numba's own compile events (numba.core.event), so compile and real work are told apart. Results:
bench/results/cold-start-<date>.json and .md.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SEED = 42


def passages_and_vectors(n: int, model: str, work: Path) -> Path:
    """The first n passages of the demo corpus and their fast-embedder vectors, saved in `work`."""
    import numpy as np

    from corpora.demo import generate_demo_corpus
    from themes.assign import passages
    from themes.fast_embedder import FastEmbedder

    texts: list[str] = []
    notes = max(500, n // 2)
    while len(texts) < n:
        texts = [p for note in generate_demo_corpus(n_notes=notes).notes for p in passages(note["text"])]
        notes *= 2
    texts = texts[:n]
    np.save(work / "vectors.npy", FastEmbedder(model, build=False).embed_batch(texts))
    (work / "docs.json").write_text(json.dumps(texts), encoding="utf-8")
    return work


def child(which: str, work: Path, model: str, profile_out: Path | None = None) -> dict:
    """One fit in this (fresh) process: seconds to import, to fit, and in numba's compiler; a hash of the labels.
    With `profile_out`, imports and fit run under cProfile and the text (numba's compile time per function
    first) is written there."""
    sys.path.insert(0, str(ROOT))
    from engine.core.offline import ensure_offline

    ensure_offline()
    import cProfile

    import numba
    from numba.core import event

    profiler = cProfile.Profile() if profile_out else None
    recorder = event.RecordingListener()
    timers = [event.TimingListener(), event.TimingListener()]   # each sums the outermost compile events only
    started = time.perf_counter()
    with event.install_listener("numba:compile", timers[0]), event.install_listener("numba:compile", recorder):
        if profiler:
            profiler.enable()
        import bertopic  # noqa: F401   (imports umap, pynndescent and hdbscan)
        if profiler:
            profiler.disable()
    imported = time.perf_counter()
    import numpy as np

    docs = json.loads((work / "docs.json").read_text(encoding="utf-8"))
    vectors = np.load(work / "vectors.npy")
    if which == "ours":
        from themes.emergent import fit_topics
        from themes.fast_embedder import FastEmbedder

        embedder = FastEmbedder(model, build=False)
        embedder.embed_batch(["load the model before the clock"])
    fit_started = time.perf_counter()
    with event.install_listener("numba:compile", timers[1]), event.install_listener("numba:compile", recorder):
        if profiler:
            profiler.enable()
        if which == "ours":
            _, topics = fit_topics(docs, vectors, SEED, embedder=embedder)
        else:
            from bertopic import BERTopic

            topics = BERTopic().fit_transform(docs, embeddings=vectors)[0]
        if profiler:
            profiler.disable()
    fitted = time.perf_counter()
    compile_s = [t.duration if t.done else 0.0 for t in timers]
    labels = np.asarray(topics, dtype=np.int64)
    result = {"import_s": round(imported - started, 2), "fit_s": round(fitted - fit_started, 2),
              "total_s": round(imported - started + fitted - fit_started, 2),
              "numba_compile_s": round(sum(compile_s), 2), "numba_compile_at_import_s": round(compile_s[0], 2),
              "topics": int(len(set(labels.tolist()) - {-1})), "numba": numba.__version__,
              "labels_sha": hashlib.sha256(labels.tobytes()).hexdigest()[:16]}
    if profile_out:
        profile_out.write_text(profile_text(which, result, recorder, profiler), encoding="utf-8")
    return result


def profile_text(which: str, result: dict, recorder, profiler) -> str:
    """numba's compile seconds per function (outermost compiles; "cached: no" = declared without cache=True),
    then cProfile's top of imports + fit by cumulative time."""
    import io
    import pstats
    from collections import Counter

    per: Counter = Counter()
    open_at: list[float] = []
    for ts, ev in recorder.buffer:
        if ev.is_start:
            open_at.append(ts)
            continue
        begun = open_at.pop()
        if not open_at:
            fn = ev.data["dispatcher"]
            cached = "yes" if type(fn._cache).__name__ != "NullCache" else "no"
            per[(f"{fn.py_func.__module__}.{fn.py_func.__qualname__}", cached)] += ts - begun
    lines = [f"# {which}: {json.dumps(result)}", f"# NUMBA_CACHE_DIR={os.environ.get('NUMBA_CACHE_DIR')}",
             "# numba compile seconds per function (outermost), under cProfile (so slower than unprofiled):"]
    lines += [f"{s:8.2f}  cached: {c:3}  {name}" for (name, c), s in per.most_common()]
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(45)
    return "\n".join(lines) + "\n\n" + stream.getvalue().replace(str(ROOT) + "/", "")


def run_child(which: str, work: Path, cache_dir: Path, model: str, profile_out: Path | None = None) -> dict:
    env = {**os.environ, "INSIGHTS_NUMBA_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT)}
    extra = ["--profile-out", str(profile_out)] if profile_out else []
    out = subprocess.run([sys.executable, "-m", "bench.cold_start", "--child", which, "--work", str(work),
                          "--model", model, *extra], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def warm_folder(cache_dir: Path) -> float:
    env = {**os.environ, "INSIGHTS_NUMBA_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "themes.emergent_warm"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    return round(time.perf_counter() - started, 1)


def bench_size(n: int, repeats: int, model: str, scratch: Path) -> dict:
    work = passages_and_vectors(n, model, Path(tempfile.mkdtemp(dir=scratch, prefix=f"work-{n}-")))
    warm_dir = Path(tempfile.mkdtemp(dir=scratch, prefix="warm-"))
    warm_seconds = warm_folder(warm_dir)
    runs: dict[str, list[dict]] = {"ours_cold": [], "ours_warm": [], "plain_cold": [], "plain_warm": []}
    for _ in range(repeats):   # interleaved, so a busy spell on the machine falls on every arm alike
        for arm in runs:
            which, state = arm.split("_")
            cache = warm_dir if state == "warm" else Path(tempfile.mkdtemp(dir=scratch, prefix="cold-"))
            runs[arm].append(run_child(which, work, cache, model))
    median = {arm: {k: statistics.median(r[k] for r in rs) for k in ("import_s", "fit_s", "total_s",
                                                                     "numba_compile_s")} for arm, rs in runs.items()}
    return {"passages": n, "umap_road": "exact (all pairs)" if n < 4096 else "pynndescent",
            "warm_step_s": warm_seconds, "runs": runs, "median": median,
            "cold_over_warm": round(median["ours_cold"]["total_s"] / median["ours_warm"]["total_s"], 2),
            "plain_warm_over_ours_warm": round(median["plain_warm"]["total_s"] / median["ours_warm"]["total_s"], 2),
            "same_labels_cold_and_warm": len({r["labels_sha"] for r in runs["ours_cold"] + runs["ours_warm"]}) == 1,
            "plain_same_labels_cold_and_warm": len({r["labels_sha"]
                                                    for r in runs["plain_cold"] + runs["plain_warm"]}) == 1}


def markdown(result: dict) -> str:
    lines = [f"# Emergent fit in a new process: numba cache empty vs warm ({result['date']})", "",
             f"{result['machine']}; {result['repeats']} fresh processes per arm, interleaved; medians. "
             "total = import (bertopic, umap, hdbscan) + fit; compile = numba's own compile events in both.", "",
             "| passages | UMAP road | arm | import s | fit s | total s | numba compile s |",
             "|---:|---|---|---:|---:|---:|---:|"]
    for size in result["sizes"]:
        for arm, m in size["median"].items():
            lines.append(f"| {size['passages']:,} | {size['umap_road']} | {arm.replace('_', ', ')} | "
                         f"{m['import_s']:.2f} | {m['fit_s']:.2f} | {m['total_s']:.2f} | {m['numba_compile_s']:.2f} |")
    lines.append("")
    for size in result["sizes"]:
        lines.append(f"- {size['passages']:,} passages: ours cold/warm {size['cold_over_warm']}x; plain BERTopic "
                     f"(warm) / ours (warm) {size['plain_warm_over_ours_warm']}x; warm-up step "
                     f"{size['warm_step_s']} s once; same labels cold and warm: {size['same_labels_cold_and_warm']} "
                     f"(plain: {size['plain_same_labels_cold_and_warm']}).")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,5000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--model", default="data/models/minilm-static")
    parser.add_argument("--profile-to", type=Path, help="profile one fit of ours (2,000 passages) into this file")
    parser.add_argument("--cache", choices=("empty", "warm"), default="empty", help="numba's cache, for --profile-to")
    parser.add_argument("--child", choices=("ours", "plain"), help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.work, args.model, args.profile_out)))
        return 0
    sys.path.insert(0, str(ROOT))
    if args.profile_to:
        with tempfile.TemporaryDirectory(prefix="cold-start-") as scratch:
            work = passages_and_vectors(int(args.sizes.split(",")[0]), args.model, Path(scratch))
            cache = Path(scratch) / "numba"
            if args.cache == "warm":
                warm_folder(cache)
            print(run_child("ours", work, cache, args.model, profile_out=args.profile_to.resolve()))
        return 0
    from bench.report import machine

    with tempfile.TemporaryDirectory(prefix="cold-start-") as scratch:
        sizes = [bench_size(int(n), args.repeats, args.model, Path(scratch)) for n in args.sizes.split(",")]
    date = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    m = machine()
    result = {"date": date, "machine": f"{m.get('cpus')} cores ({m.get('cpu_model')}), Python {m.get('python')}",
              "repeats": args.repeats, "sizes": sizes}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"cold-start-{date}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"cold-start-{date}.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
