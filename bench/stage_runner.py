"""Run one benchmark stage (ours or a baseline) in its own process: `python -m bench.stage_runner STAGE WORK OUT`
(bench/run.py starts one process per stage, so each stage's memory and model loading are its own)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_stage(name: str, work: Path, out: Path) -> None:
    """Run one stage (ours or a baseline) in this process and write its result as JSON."""
    import os

    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    from engine.core.offline import ensure_offline

    ensure_offline()
    from bench import baseline, stages

    result = {**stages.STAGES, **baseline.STAGES}[name](work)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Run one benchmark stage (used by bench/run.py).")
    parser.add_argument("stage")
    parser.add_argument("work", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    run_stage(args.stage, args.work.resolve(), args.out.resolve())
