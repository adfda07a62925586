"""The accurate embedder on ONNX Runtime (shipped: fp32) and an int8-quantised export (tried, not shipped)
against the same MiniLM on PyTorch (sentence-transformers, the embedder shipped before), in one run on the same
rows: how often the shipped zero-shot assigner gives a note exactly the same themes, how close the vectors are,
and how many notes a second each themes.

    python -m bench.onnx_agreement [--datasets demo,ukcat,disaster,care-opinion,nhs] [--limit N]

For each data set both embedders go through the shipped assigner (themes/zero_shot.zero_shot_assigner with the
default Settings: the calibrated scorer, its state fitted on the same texts, as the pipeline fits it on the stored
notes). "Identical" means the same set of themes (or both unassigned). Throughput is the assigner's wall time
from cold (no stored vectors; each embedder's model loaded before the clock starts): the embedding of every
passage and note dominates it. Results: bench/results/onnx-agreement-<date>.{json,md}.
"""
from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

import numpy as np

DATASETS = ("demo", "ukcat", "disaster", "care-opinion", "nhs")
RESULTS = Path(__file__).parent / "results"
REFERENCE = "accurate-torch"
CANDIDATES = ("accurate", "int8 (tried)")
INT8_PATH = Path("data/models/minilm-onnx-int8")


def themes_of(decided) -> list[frozenset]:
    return [frozenset(a.theme_id for a in note) for note in decided]


def run_one(texts: list[str], taxonomy, embedder, settings) -> dict:
    from themes.zero_shot import zero_shot_assigner

    assigner = zero_shot_assigner(settings, taxonomy, embedder, calibrate_on_input=True)
    embedder.embed_batch(["warm the model up"])   # load outside the clock
    started = time.perf_counter()
    decided, vectors = assigner.assign(texts)
    seconds = time.perf_counter() - started
    return {"themes": themes_of(decided), "vectors": vectors, "seconds": seconds}


def agreement(reference: list[frozenset], candidate: list[frozenset]) -> dict:
    same = sum(a == b for a, b in zip(reference, candidate))
    return {"notes": len(reference), "identical": same, "identical_share": round(same / max(len(reference), 1), 4),
            "assigned_reference": sum(map(bool, reference)), "assigned_candidate": sum(map(bool, candidate))}


def cosine(a: np.ndarray, b: np.ndarray) -> dict:
    c = (a * b).sum(axis=1)
    return {"min": round(float(c.min()), 4), "mean": round(float(c.mean()), 5)}


def measure(name: str, limit: int | None, settings, embedders) -> dict:
    from bench.zero_shot import load_dataset

    texts, _, taxonomy, _, _, _ = load_dataset(name)
    texts = texts[:limit] if limit else texts
    runs = {key: run_one(texts, taxonomy, embedder, settings) for key, embedder in embedders.items()}
    ref = runs[REFERENCE]
    return {"dataset": name, "rows": len(texts), "assigned_reference": sum(map(bool, ref["themes"])),
            "notes_per_second": {k: round(len(texts) / r["seconds"], 1) for k, r in runs.items()},
            "candidates": {k: {**agreement(ref["themes"], runs[k]["themes"]),
                               "note_vector_cosine": cosine(ref["vectors"], runs[k]["vectors"]),
                               "speedup": round(ref["seconds"] / runs[k]["seconds"], 2)} for k in CANDIDATES}}


def format_table(results: list[dict]) -> str:
    lines = ["| data set | notes (themed by PyTorch) | PyTorch notes/s | embedder | identical themes | "
             "note-vector cosine (min / mean) | notes/s | speed-up |", "|---|---|---|---|---|---|---|---|"]
    for r in results:
        rate = r["notes_per_second"]
        for k, c in r["candidates"].items():
            lines.append(f"| {r['dataset']} | {r['rows']} ({r['assigned_reference']}) | {rate[REFERENCE]} | {k} | "
                         f"{c['identical_share']:.1%} ({c['identical']}) | {c['note_vector_cosine']['min']} / "
                         f"{c['note_vector_cosine']['mean']} | {rate[k]} | {c['speedup']}x |")
    return "\n".join(lines)


def int8_export(fp32: Path, path: Path = INT8_PATH) -> Path:
    """The int8 export tried: dynamic quantisation, weights per output channel, every weighted matrix product
    but each layer's feed-forward output (quantising those too took cosine from 0.996 to 0.993)."""
    import shutil

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    if (path / "model.onnx").is_file():
        return path
    path.mkdir(parents=True, exist_ok=True)
    for name in ("tokenizer.json", "insights_build.json"):
        shutil.copy(fp32 / name, path / name)
    graph = onnx.load(str(fp32 / "model.onnx")).graph
    ffn_out = [n.name for n in graph.node
               if n.op_type == "MatMul" and "/output/dense/" in n.name and "/attention/" not in n.name]
    quantize_dynamic(str(fp32 / "model.onnx"), str(path / "model.onnx"), weight_type=QuantType.QInt8,
                     per_channel=True, op_types_to_quantize=["MatMul"], nodes_to_exclude=ffn_out)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--limit", type=int, default=None, help="first N rows of each data set (default all)")
    args = parser.parse_args(argv)
    from engine.core.settings import Settings
    from themes.embedders import make_embedder

    settings = Settings()
    from themes.onnx_embedder import OnnxMiniLMEmbedder, ensure_onnx_model

    shipped = make_embedder("accurate")
    embedders = {REFERENCE: make_embedder(REFERENCE), "accurate": shipped,
                 "int8 (tried)": OnnxMiniLMEmbedder(int8_export(ensure_onnx_model(shipped.path)), build=False)}
    loading = {}
    for key, embedder in embedders.items():
        started = time.perf_counter()
        embedder.embed_batch(["load"])
        loading[key] = round(time.perf_counter() - started, 2)
    results = []
    for name in args.datasets.split(","):
        results.append(measure(name, args.limit, settings, embedders))
        print(format_table(results[-1:]).splitlines()[-1], flush=True)
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / f"onnx-agreement-{date.today().isoformat()}"
    payload = {"reference": REFERENCE, "candidates": list(CANDIDATES),
               "model_load_seconds": loading, "limit": args.limit, "results": results}
    stem.with_suffix(".json").write_text(json.dumps(payload, indent=2))
    table = format_table(results)
    stem.with_suffix(".md").write_text(
        f"# MiniLM on ONNX Runtime (fp32 shipped, int8 tried) against PyTorch, {date.today().isoformat()}\n\n"
        f"Command: `python -m bench.onnx_agreement --datasets {args.datasets}`"
        f"{f' --limit {args.limit}' if args.limit else ''}. Shipped assigner, default settings, same rows, one run."
        f"\n\nModel load (first embed, s): {loading}\n\n{table}\n")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
