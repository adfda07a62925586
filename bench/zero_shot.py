"""Zero-shot theme assignment on real labelled text, on HELD-OUT rows: the calibrated scorer
(themes/calibrated.py) against the shipped rule and the anchors.

    python -m bench.zero_shot [--embedder accurate|fast|both] [--datasets ukcat,disaster,...]
                                    [--cache DIR] [--tune] [--demo]

Each data set is split once (seed 42, half and half, themes.evaluate.split_dev_heldout) into dev and held-out
rows. Every constant of the calibrated scorer was chosen on the dev halves (`--tune` repeats that search and
prints the best Z threshold and margin); the held-out half is scored here, the scorer calibrating itself on the
held-out texts alone (no labels). Rows printed per data set:

  calibrated         the new scorer, its state fitted on the held-out texts
  calibrated-20      the same, its state fitted on 20 held-out notes only (shrunk towards the prior)
  calibrated-prior   the same with no corpus at all (the prior from shipped reference text)
  shipped            today's SimilarityAssigner rule (60-word passages, best prompt, threshold/margin from
                     Settings for the embedder)
  anchor             UK-CAT's own regexes (ukcat) or the five-minute keyword list (disaster); none for the others
  tfidf-lr (ref)     TF-IDF + logistic regression TRAINED ON THE DEV HALF's labels: a supervised reference,
                     not zero-shot

Macro-F1 is the mean over the taxonomy's themes; precision and recall are macro means too.
"""
from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

DATASETS = ("ukcat", "disaster", "care-opinion", "nhs")
ZS = tuple(round(float(z), 2) for z in np.arange(0.5, 4.01, 0.25))
MARGINS = (0.5, 1.0, 1.5, 2.0, 3.0, 100.0)
SMALL_CORPUS = 20


class NpyVectorStore:
    """The `embed_cached` store API over .npy files in a folder: one run embeds each text once, ever."""

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None
        self.vectors: dict[tuple, np.ndarray] = {}
        self._loaded: set[str] = set()
        self._dirty: set[str] = set()

    def _files(self, embedder_id: str) -> tuple[Path, Path]:
        return self.folder / f"{embedder_id}.keys.txt", self.folder / f"{embedder_id}.npy"

    def _load(self, embedder_id: str) -> None:
        if embedder_id in self._loaded or self.folder is None:
            return
        self._loaded.add(embedder_id)
        keys, values = self._files(embedder_id)
        if keys.exists() and values.exists():
            matrix = np.load(values)
            for h, v in zip(keys.read_text().split(), matrix):
                self.vectors[(h, embedder_id)] = v

    def get_embeddings(self, hashes, embedder_id):
        self._load(embedder_id)
        return {h: self.vectors[(h, embedder_id)] for h in hashes if (h, embedder_id) in self.vectors}

    def put_embeddings(self, new, embedder_id):
        self._load(embedder_id)
        self.vectors.update({(h, embedder_id): v for h, v in new.items()})
        self._dirty.add(embedder_id)
        self.save()

    def save(self) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for embedder_id in sorted(self._dirty):
            keys = sorted(h for h, e in self.vectors if e == embedder_id)
            key_file, value_file = self._files(embedder_id)
            np.save(value_file, np.vstack([self.vectors[(h, embedder_id)] for h in keys]))
            key_file.write_text("\n".join(keys))
        self._dirty.clear()


def load_dataset(name: str):
    """(texts, gold theme-id lists, taxonomy, single_label, anchor predictions or None, anchor name)."""
    from themes.eval_data import (
        NHS_TAXONOMY,
        UKCAT_TAXONOMY,
        eval_taxonomy,
        load_nhs,
        load_ukcat,
        load_ukcat_regexes,
        regex_tags,
    )
    from themes.eval_zero_data import (
        CARE_OPINION_TAXONOMY,
        DISASTER_TAXONOMY,
        keyword_tags,
        load_care_opinion,
        load_disaster,
        load_keywords,
    )

    if name == "ukcat":
        texts, gold = load_ukcat()
        return texts, gold, eval_taxonomy(UKCAT_TAXONOMY), False, regex_tags(texts, load_ukcat_regexes()), \
            "UK-CAT regexes"
    if name == "disaster":
        texts, gold = load_disaster()
        return texts, gold, eval_taxonomy(DISASTER_TAXONOMY), False, keyword_tags(texts, load_keywords()), \
            "keyword list"
    if name == "care-opinion":
        texts, gold = load_care_opinion()
        return texts, gold, eval_taxonomy(CARE_OPINION_TAXONOMY), False, None, ""
    if name == "nhs":
        texts, labels, _ = load_nhs()
        return texts, [[x] for x in labels], eval_taxonomy(NHS_TAXONOMY), True, None, ""
    if name == "demo":
        from corpora.demo import generate_demo_corpus
        from themes.taxonomy import load_builtin

        taxonomy = load_builtin()
        ids = {t.id for t in taxonomy.themes}
        notes = generate_demo_corpus().notes
        return [n["text"] for n in notes], [[t for t in n["themes"] if t in ids] for n in notes], taxonomy, \
            False, None, ""
    raise SystemExit(f"Unknown data set {name!r}; use {', '.join(DATASETS)} or demo.")


def matrix(lists: list[list[str]], ids: list[str]) -> np.ndarray:
    return np.array([[i in x for i in ids] for x in lists], dtype=bool).reshape(len(lists), len(ids))


def decide_matrix(scores: np.ndarray, threshold: float, margin: float, max_themes: int) -> np.ndarray:
    from themes.eval_metrics import decide_matrix as decide

    return decide(scores, threshold, margin, max_themes)


def macro(pred: np.ndarray, gold: np.ndarray) -> dict:
    """Macro-F1, macro precision and macro recall over the columns (themes)."""
    tp = (pred & gold).sum(0)
    p = np.where(pred.sum(0) > 0, tp / np.maximum(pred.sum(0), 1), 0.0)
    r = np.where(gold.sum(0) > 0, tp / np.maximum(gold.sum(0), 1), 0.0)
    f = np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-12), 0.0)
    return {"macro_f1": round(float(f.mean()), 4), "precision": round(float(p.mean()), 4),
            "recall": round(float(r.mean()), 4)}


def tfidf_reference(texts, gold_m, dev, held_out, single, seed) -> np.ndarray:
    """TF-IDF + logistic regression trained on the dev rows' labels (a supervised reference)."""
    from themes.eval_supervised import tfidf_reference as reference

    return reference(texts, gold_m, dev, held_out, single, seed)


def _scores(name, embedder, taxonomy, texts, store, settings):
    """Raw hybrid scores (calibrated scorer's input) and the shipped rule's scores, for all rows."""
    from themes.assign import SimilarityAssigner
    from themes.calibrated import CalibratedAssigner

    calibrated = CalibratedAssigner(taxonomy, embedder, max_themes=settings.max_themes_per_note)
    raw, _ = calibrated.raw_scores(texts, store)
    threshold, margin = settings.assign_rule(embedder.kind)
    shipped = SimilarityAssigner(taxonomy, embedder, threshold, settings.max_themes_per_note, margin)
    shipped_scores, _ = shipped.score(texts, store)
    return calibrated, raw, shipped_scores, (threshold, margin)


def evaluate(name: str, embedder_name: str, store, settings, fast_model_path=None) -> dict:
    from themes.calibrated import standardise
    from themes.embedders import make_embedder
    from themes.evaluate import split_dev_heldout

    texts, gold, taxonomy, single, anchor, anchor_name = load_dataset(name)
    ids = [t.id for t in taxonomy.themes]
    gold_m = matrix(gold, ids)
    dev, held_out = split_dev_heldout(len(texts), settings.seed)
    max_themes = 1 if single else settings.max_themes_per_note
    embedder = make_embedder(embedder_name, fast_model_path)
    calibrated, raw, shipped_scores, rule = _scores(name, embedder, taxonomy, texts, store, settings)
    g = gold_m[held_out]
    z, m = calibrated.threshold, calibrated.margin
    rows = {}
    state = calibrated.fit_raw(raw[held_out])
    rows["calibrated"] = macro(decide_matrix(standardise(raw[held_out], state), z, m, max_themes), g)
    rng = np.random.default_rng(settings.seed)
    small = np.sort(rng.choice(len(held_out), SMALL_CORPUS, replace=False))
    state20 = calibrated.fit_raw(raw[held_out][small])
    rows[f"calibrated-{SMALL_CORPUS}"] = macro(decide_matrix(standardise(raw[held_out], state20), z, m,
                                                             max_themes), g)
    rows["calibrated-prior"] = macro(decide_matrix(standardise(raw[held_out], calibrated.prior), z, m,
                                                   max_themes), g)
    rows["shipped"] = macro(decide_matrix(shipped_scores[held_out], *rule, max_themes), g)
    if anchor is not None:
        rows[f"anchor: {anchor_name}"] = macro(matrix([anchor[i] for i in held_out], ids), g)
    if name != "demo":
        rows["tfidf-lr (ref, trained on dev labels)"] = macro(
            tfidf_reference(texts, gold_m, dev, held_out, single, settings.seed), g)
    return {"dataset": name, "embedder": embedder.id, "rows": len(texts), "held_out_rows": len(held_out),
            "shipped_rule": rule, "constants": {"z": z, "margin": m}, "state": state.to_dict(), "results": rows,
            "_raw": raw, "_gold": gold_m, "_dev": dev, "_single": single, "_calibrated": calibrated}


def tune(results: list[dict]) -> tuple[float, float, dict]:
    """The (Z, margin) maximising the mean dev macro-F1 over the data sets, each calibrated on its dev texts."""
    from themes.calibrated import standardise

    grid: dict[tuple, list[float]] = {}
    for r in results:
        dev = r["_dev"]
        raw, gold = r["_raw"][dev], r["_gold"][dev]
        adj = standardise(raw, r["_calibrated"].fit_raw(raw))
        max_themes = 1 if r["_single"] else 3
        for z, m in itertools.product(ZS, MARGINS):
            grid.setdefault((z, m), []).append(macro(decide_matrix(adj, z, m, max_themes), gold)["macro_f1"])
    (z, m), f1 = max(grid.items(), key=lambda kv: (round(float(np.mean(kv[1])), 6), -kv[0][0]))
    return z, m, {"dev_macro_f1_mean": round(float(np.mean(f1)), 4),
                  "dev_macro_f1": dict(zip([r["dataset"] for r in results], np.round(f1, 4).tolist()))}


def format_table(results: list[dict]) -> str:
    lines = [f"{'data set':13} {'embedder':20} {'scorer':40} {'macro-F1':>8} {'P':>6} {'R':>6}"]
    for r in results:
        for scorer, v in r["results"].items():
            lines.append(f"{r['dataset']:13} {r['embedder']:20} {scorer:40} {v['macro_f1']:8.3f} "
                         f"{v['precision']:6.3f} {v['recall']:6.3f}")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from engine.core.offline import ensure_offline
    from engine.core.settings import Settings

    ensure_offline()
    parser = argparse.ArgumentParser(prog="python -m bench.zero_shot", description=__doc__.split("\n")[0])
    parser.add_argument("--embedder", default="accurate", choices=("accurate", "fast", "both"))
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/themes-cache/eval"),
                        help="folder for cached vectors (.npy); '' for none")
    parser.add_argument("--fast-model", type=Path, default=None)
    parser.add_argument("--tune", action="store_true", help="re-run the dev search for Z and margin")
    parser.add_argument("--demo", action="store_true", help="also score the synthetic demo corpus (all rows)")
    args = parser.parse_args(argv)
    settings = Settings()
    store = NpyVectorStore(args.cache if str(args.cache) else None)
    names = [n for n in args.datasets.split(",") if n]
    results, tuned = [], []
    for embedder_name in ("accurate", "fast") if args.embedder == "both" else (args.embedder,):
        batch = [evaluate(n, embedder_name, store, settings, args.fast_model) for n in names]
        if args.tune:
            z, m, info = tune([r for r in batch if r["dataset"] in DATASETS])
            print(f"[{embedder_name}] dev search: Z {z}, margin {m}, {info}")
            tuned.extend(r for r in batch if r["dataset"] in DATASETS)
        results.extend(batch)
        if args.demo:
            demo = evaluate("demo", embedder_name, store, settings, args.fast_model)
            from themes.calibrated import standardise

            raw = demo["_raw"]
            state = demo["_calibrated"].fit_raw(raw)
            all_rows = macro(decide_matrix(standardise(raw, state), demo["constants"]["z"],
                                           demo["constants"]["margin"], 3), demo["_gold"])
            demo["results"]["calibrated (all rows)"] = all_rows
            results.append(demo)
    if args.tune and args.embedder == "both":
        z, m, info = tune(tuned)   # the shipped constants: one (Z, margin) for both embedders
        print(f"[both embedders] dev search: Z {z}, margin {m}, dev macro-F1 mean {info['dev_macro_f1_mean']}")
    print(format_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
