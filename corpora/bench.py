"""Benchmark corpora: the demo generator at any size (1k to 100k notes), written as files to ingest.

    from corpora.bench import write_bench_corpus
    write_bench_corpus("bench/work/n10000", n_notes=10_000)
    python -m corpora.bench OUT_DIR --n-notes 10000 [--seed N] [--new 100]

Writes, in OUT_DIR:
  notes.jsonl      {"id", "text", "date", "area", "source_type", "org"} per line: the file `insights ingest` reads
  gold.jsonl       {"id", "text", "spans"} per line: the same notes with their planted identifiers, for recall
  new_notes.jsonl  a further `--new` notes from another seed, with their own ids: the incremental-ingest batch
  areas.json, indicators.json   the demo areas and illustrative indicators, to link themes to numbers

Everything is SYNTHETIC (see corpora/demo.py). The generator is linear in the number of notes (about 25 s for
100k), so no sampling or repetition is needed to reach county scale.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpora.demo import DEFAULT_SEED, generate_demo_corpus

NEW_SEED_OFFSET = 7919


def _write_jsonl(path: Path, rows) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def _ingest_row(note: dict, prefix: str = "") -> dict:
    return {"id": prefix + note["id"], "text": note["text"], "date": note["date"][:7], "area": note["area_code"],
            "source_type": note["source_type"], "org": note["org"]}


def write_bench_corpus(out_dir: str | Path, n_notes: int, seed: int = DEFAULT_SEED, n_new: int = 100) -> Path:
    """Write a benchmark corpus of `n_notes` notes (plus `n_new` fresh ones) to `out_dir`; returns the folder."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    corpus = generate_demo_corpus(seed=seed, n_notes=n_notes)
    _write_jsonl(out / "notes.jsonl", (_ingest_row(n) for n in corpus.notes))
    _write_jsonl(out / "gold.jsonl", ({"id": n["id"], "text": n["text"], "spans": n["pii"]} for n in corpus.notes))
    if n_new:
        fresh = generate_demo_corpus(seed=seed + NEW_SEED_OFFSET, n_notes=n_new).notes
        _write_jsonl(out / "new_notes.jsonl", (_ingest_row(n, "new-") for n in fresh))
    (out / "areas.json").write_text(json.dumps(corpus.areas, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "indicators.json").write_text(json.dumps({"meta": corpus.indicator_meta, "rows": corpus.indicators},
                                                    ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return out


def read_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpora.bench", description="Write a benchmark corpus.")
    parser.add_argument("out_dir")
    parser.add_argument("--n-notes", type=int, required=True)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--new", type=int, default=100, help="notes in the incremental batch (default 100)")
    args = parser.parse_args(argv)
    out = write_bench_corpus(args.out_dir, args.n_notes, args.seed, args.new)
    print(f"wrote a {args.n_notes}-note benchmark corpus to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
