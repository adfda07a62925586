"""Learning from few labels on real labelled text: the review queue's picks against random labels.

    python -m bench.learning_curve [--embedder accurate|fast] [--datasets ukcat,disaster,care-opinion,nhs]
                                   [--sizes 25,50,100,200] [--random-seeds 3] [--cache DIR] [--dev]
                                   [--baseline-ref REF] [--out bench/results]

Each data set is split once, exactly as `insights eval themes` splits it (themes.evaluate.split_dev_heldout,
seed 42, stratified for the single-label NHS set). The dev half is the POOL a person labels; the held-out half
is only ever scored. The zero-shot state (themes/calibrated.py) is fitted on all rows' texts, no labels, as the
pipeline fits it on every stored note. Rows per data set, all macro-F1 on the held-out half:

  zero-shot (shipped)   the calibrated scorer's own rule, its state fitted on the held-out texts (as the eval)
  tf-idf + lr, all      TF-IDF + logistic regression trained on every dev row's labels (themes/eval_supervised.py)
  learner, all          themes.learned.LearnedAssigner trained on every dev row's labels
  picked N              N dev rows chosen by the review queue (themes/pick.py) in rounds of 50 (25: one round
                        of 25): round 1 by the zero-shot scorer, each later round by the learner fitted on the
                        rows picked so far; their gold labels stand for a person's confirmations
  random N              N dev rows drawn at random, mean over --random-seeds seeds (and its spread)

--baseline-ref also scores the learner as it was at that git commit (read with `git show`, imported from a temp
file) on the same rows, for a before/after. The timing rows give the assign cost per note (embedding, zero-shot
and learner, vectors not cached) for zero-shot and the learner fitted on 100 random dev rows, before and after.
--dev tunes nothing: it splits the DEV half again (half pool, half test) so that choices can be made without
looking at the held-out half. Vectors are cached as .npy under --cache (default /tmp/learn-cache), never in the
repository. Results: a Markdown table and a JSON file under --out.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATASETS = ("ukcat", "disaster", "care-opinion", "nhs")
EVAL_NAMES = {"nhs": "nhs-feedback"}
SIZES = (25, 50, 100, 200)
ROUND = 50
SEED = 42
TIMING_NOTES = 200
BEFORE_SIZE = 100        # the before/after learner comparison: all labels and this many (picked, random)


@dataclass
class Data:
    name: str
    texts: list[str]
    gold: list[list[str]]
    gold_m: np.ndarray
    single: bool
    dev: np.ndarray
    held_out: np.ndarray
    raw: np.ndarray          # the shipped scorer's hybrid raw scores, all rows
    vectors: np.ndarray      # note vectors, all rows
    assigner: object         # the shipped CalibratedAssigner, its state fitted on all rows' texts
    scores: np.ndarray       # calibrated scores under that state, all rows


def load(name: str):
    from themes.evaluate import _load

    texts, gold, taxonomy, single, strata, _, _ = _load(EVAL_NAMES.get(name, name), _data_dir())
    return texts, gold, taxonomy, single, strata


def _data_dir() -> Path:
    from themes.eval_data import DATA_DIR

    return Path(DATA_DIR)


def embed_dataset(name: str, embedder_name: str, cache: Path, fast_model_path: Path | None = None) -> Data:
    """Load, split and score a data set with the shipped zero-shot scorer, reading cached vectors if any."""
    from bench.zero_shot import NpyVectorStore
    from engine.core.settings import Settings
    from themes.calibrated import standardise
    from themes.embedders import make_embedder
    from themes.evaluate import split_dev_heldout
    from themes.zero_shot import zero_shot_assigner

    texts, gold, taxonomy, single, strata = load(name)
    settings = Settings()
    ids = [t.id for t in taxonomy.themes]
    gold_m = np.array([[i in g for i in ids] for g in gold], dtype=bool).reshape(len(gold), len(ids))
    dev, held_out = split_dev_heldout(len(texts), settings.seed, strata)
    embedder = make_embedder(embedder_name, fast_model_path)
    assigner = zero_shot_assigner(settings, taxonomy, embedder, max_themes=1 if single else
                                  settings.max_themes_per_note)
    file = cache / f"{name}.{embedder.id.replace('/', '_')}.npz"
    if file.exists():
        saved = np.load(file)
        raw, vectors = saved["raw"], saved["vectors"]
    else:
        raw, vectors = assigner.raw_scores(texts, NpyVectorStore(cache / "vectors"))
        cache.mkdir(parents=True, exist_ok=True)
        np.savez(file, raw=raw, vectors=vectors)
    assigner.with_calibration(assigner.fit_raw(raw))
    return Data(name, texts, gold, gold_m, single, dev, held_out, raw, vectors, assigner,
                standardise(raw, assigner.calibration))


def learner_class(ref: str | None):
    """LearnedAssigner as it is now, or as it was at git commit `ref` (imported from a temp file)."""
    if ref is None:
        from themes.learned import LearnedAssigner

        return LearnedAssigner
    import importlib.util
    import subprocess
    import tempfile

    source = subprocess.run(["git", "show", f"{ref}:themes/learned.py"], check=True, capture_output=True,
                            text=True, cwd=Path(__file__).resolve().parents[1]).stdout
    folder = Path(tempfile.mkdtemp(prefix="learned-before-"))
    (folder / "learned_before.py").write_text(source)
    spec = importlib.util.spec_from_file_location("learned_before", folder / "learned_before.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["learned_before"] = module       # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.LearnedAssigner


def fit(cls, d: Data, rows: np.ndarray):
    from themes.eval_supervised import learner_on_rows

    return learner_on_rows(d.assigner, d.texts, d.gold, d.scores, d.vectors, rows, SEED, cls)


def predict(learner, d: Data, rows: np.ndarray) -> np.ndarray:
    from themes.eval_supervised import learned_predictions

    return learned_predictions(learner, d.texts, d.scores, d.vectors, rows)


def picked_rounds(cls, d: Data, pool: np.ndarray, sizes) -> dict[int, np.ndarray]:
    from themes.eval_supervised import picked_rows

    return picked_rows(d.assigner, d.texts, d.gold, d.scores, d.vectors, pool, sizes, SEED, cls)


def _macro(pred: np.ndarray, gold: np.ndarray) -> float:
    from bench.zero_shot import macro

    return macro(pred, gold)["macro_f1"]


def _random(pool: np.ndarray, n: int, seed: int) -> np.ndarray:
    from themes.eval_supervised import random_rows

    return random_rows(pool, n, SEED + seed)


def curve(d: Data, sizes, random_seeds: int, cls, before=None, dev_only: bool = False) -> dict:
    """Every row of the module docstring for one data set (see there)."""
    from themes.eval_supervised import tfidf_reference
    from themes.evaluate import shipped_predictions

    pool, test = d.dev, d.held_out
    if dev_only:
        rng = np.random.default_rng(SEED)
        order = rng.permutation(d.dev)
        pool, test = np.sort(order[: len(order) // 2]), np.sort(order[len(order) // 2:])
    g = d.gold_m[test]
    out: dict = {"dataset": d.name, "pool_rows": len(pool), "test_rows": len(test),
                 "split": "dev half split again (tuning)" if dev_only else "pool = dev half, scored on held-out half"}
    _, zs_pred = shipped_predictions(d.assigner.__class__(d.assigner.taxonomy, d.assigner.embedder,
                                                          max_themes=d.assigner.max_themes), d.raw[test])
    out["zero-shot (shipped)"] = _macro(zs_pred, g)
    out["tf-idf + lr, all"] = _macro(tfidf_reference(d.texts, d.gold_m, pool, test, d.single, SEED), g)
    started = time.perf_counter()
    out["learner, all"] = _macro(predict(fit(cls, d, pool), d, test), g)
    out["learner fit s, all"] = round(time.perf_counter() - started, 1)
    if before is not None:
        out["before: learner, all"] = _macro(predict(fit(before, d, pool), d, test), g)
    picked = picked_rounds(cls, d, pool, tuple(sizes))
    picked_before = picked_rounds(before, d, pool, (BEFORE_SIZE,)) if before is not None else None
    for n in sizes:
        out[f"picked {n}"] = _macro(predict(fit(cls, d, picked[n]), d, test), g)
        runs = []
        for s in range(random_seeds):
            runs.append(_macro(predict(fit(cls, d, _random(pool, n, s)), d, test), g))
        out[f"random {n}"] = round(float(np.mean(runs)), 4)
        out[f"random {n} sd"] = round(float(np.std(runs)), 4)
        if before is not None and n == BEFORE_SIZE:
            out[f"before: picked {n}"] = _macro(predict(fit(before, d, picked_before[n]), d, test), g)
            runs = [_macro(predict(fit(before, d, _random(pool, n, s)), d, test), g) for s in range(random_seeds)]
            out[f"before: random {n}"] = round(float(np.mean(runs)), 4)
    return out


def timing(d: Data, learners: dict, notes: int = TIMING_NOTES) -> dict:
    """Seconds per note for the whole assign path (embedding included, nothing cached), zero-shot and each
    learner, on the same held-out notes, best of two passes after a warm-up."""
    texts = [d.texts[i] for i in d.held_out[:notes]]
    d.assigner.assign(texts[:8])                    # loads the model
    out = {}
    for name, assigner in [("zero-shot", d.assigner), *learners.items()]:
        best = np.inf
        for _ in range(2):
            started = time.perf_counter()
            assigner.assign(texts)
            best = min(best, time.perf_counter() - started)
        out[f"{name} ms/note"] = round(1000 * best / len(texts), 2)
    return out


COLUMNS = ("zero-shot (shipped)", "tf-idf + lr, all", "learner, all", "picked 100", "random 100")


def markdown(results: list[dict], sizes) -> str:
    curves = [r for r in results if "learner, all" in r]
    lines = ["| set | embedder | " + " | ".join(COLUMNS) + " | picked 100 / learner all |",
             "|---|---|" + "---:|" * (len(COLUMNS) + 1)] if curves else []
    for r in curves:
        lines.append(f"| {r['dataset']} | {r['embedder']} | " + " | ".join(f"{r[c]:.3f}" for c in COLUMNS)
                     + f" | {r['picked 100'] / max(r['learner, all'], 1e-9):.0%} |")
    if curves:
        lines += ["", "Learning curve (macro-F1 on the test rows; random: mean of the seeds):", "",
                  "| set | embedder | labels | " + " | ".join(str(n) for n in sizes) + " | all |",
                  "|---|---|---|" + "---:|" * (len(sizes) + 1)]
    for r in curves:
        for kind in ("picked", "random"):
            lines.append(f"| {r['dataset']} | {r['embedder']} | {kind} | "
                         + " | ".join(f"{r[f'{kind} {n}']:.3f}" for n in sizes) + f" | {r['learner, all']:.3f} |")
    before = [r for r in results if "before: learner, all" in r]
    if before:
        lines += ["", "Before / after of the learner (same rows; before = the learner at --baseline-ref):", "",
                  "| set | embedder | all labels | picked {0} | random {0} |".format(BEFORE_SIZE),
                  "|---|---|---:|---:|---:|"]
        for r in before:
            cells = [f"{r['before: learner, all']:.3f} / {r['learner, all']:.3f}"] + \
                [f"{r[f'before: {k} {BEFORE_SIZE}']:.3f} / {r[f'{k} {BEFORE_SIZE}']:.3f}" for k in ("picked", "random")]
            lines.append(f"| {r['dataset']} | {r['embedder']} | " + " | ".join(cells) + " |")
    timed = [r for r in results if "timing" in r]
    if timed:
        keys = list(timed[0]["timing"])
        lines += ["", "Assign cost per note (ms, embedding included, nothing cached, the first test rows):", "",
                  "| set | embedder | " + " | ".join(k.replace(" ms/note", "") for k in keys) + " |",
                  "|---|---|" + "---:|" * len(keys)]
        for r in timed:
            lines.append(f"| {r['dataset']} | {r['embedder']} | " + " | ".join(f"{r['timing'][k]:.2f}" for k in keys)
                         + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from engine.core.offline import ensure_offline

    ensure_offline()
    parser = argparse.ArgumentParser(prog="python -m bench.learning_curve", description=__doc__.split("\n")[0])
    parser.add_argument("--embedder", default="accurate", choices=("accurate", "fast"))
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--random-seeds", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/learn-cache"))
    parser.add_argument("--fast-model", type=Path, default=None)
    parser.add_argument("--baseline-ref", default=None, help="git commit of the learner to compare with")
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument("--timing-only", action="store_true", help="only the assign cost per note")
    parser.add_argument("--timing-notes", type=int, default=TIMING_NOTES)
    parser.add_argument("--dev", action="store_true", help="split the dev half again; never touch held-out")
    parser.add_argument("--out", type=Path, default=Path("bench/results"))
    args = parser.parse_args(argv)
    sizes = tuple(int(x) for x in args.sizes.split(","))
    cls, before = learner_class(None), learner_class(args.baseline_ref) if args.baseline_ref else None
    results = []
    for name in args.datasets.split(","):
        d = embed_dataset(name, args.embedder, args.cache, args.fast_model)
        r = {"embedder": d.assigner.embedder.id, "dataset": name}
        if not args.timing_only:
            r.update(curve(d, sizes, args.random_seeds, cls, before, args.dev))
        if not args.no_timing and not args.dev:
            rows = _random(d.dev, BEFORE_SIZE, 0)     # the cost hardly depends on which rows
            learners = {f"learner ({BEFORE_SIZE} labels)": fit(cls, d, rows)}
            if before is not None:
                learners[f"before: learner ({BEFORE_SIZE} labels)"] = fit(before, d, rows)
            r["timing"] = timing(d, learners, args.timing_notes)
        results.append(r)
        print(json.dumps(r), flush=True)
        table = markdown(results, sizes)
        if not args.dev:                     # written after every data set, so a long run keeps what it has
            args.out.mkdir(parents=True, exist_ok=True)
            stem = f"learning_curve_{args.embedder}" + ("_timing" if args.timing_only else "")
            (args.out / f"{stem}.md").write_text(f"`python -m bench.learning_curve {' '.join(argv or sys.argv[1:])}`"
                                                 "\n\n" + table + "\n")
            (args.out / f"{stem}.json").write_text(json.dumps(results, indent=1) + "\n")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
