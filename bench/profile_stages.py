"""Where the time goes in one run of a command, from a py-spy raw profile: the share of samples under each
stage's function, and under each call of `embed_batch` (which text the embedder was asked for).

    py-spy record -r 40 -f raw -o demo.txt -- .venv/bin/insights demo --no-serve --db /tmp/demo.db
    python -m bench.profile_stages demo.txt > bench/results/profile-demo-<label>.txt

Samples from the main thread only (the first frame is the script's module); a stage's share is of those.
"""
from __future__ import annotations

import argparse
from collections import Counter

STAGES = {
    "demo, all of it": "run_demo (",
    "ingest (anonymise, store, near-duplicate check)": "Pipeline.ingest (",
    "  anonymise": "Pipeline.anonymise (",
    "  near-duplicate check (note vectors; embeds passages not yet stored)": "flag_near_duplicates (",
    "themes for all notes (calibrate + assign)": "assign_pending (",
    "emergent themes (passage groups + fit)": "discover_emergent (",
    "  the BERTopic fit itself": "fit_topics (",
    "every embed_batch call": ".embed_batch (",
    "imports (any)": "_find_and_load (",
    "anonymiser build (Presidio, spaCy)": "Anonymiser.analyzer (",
}


def summarise(path: str) -> str:
    counts, total = Counter(), 0
    embed_callers = Counter()
    with open(path) as f:
        for line in f:
            stack, _, n = line.rstrip("\n").rpartition(" ")
            if not n.isdigit() or "Thread._bootstrap" in stack.split(";")[0]:
                continue
            n = int(n)
            total += n
            for name, marker in STAGES.items():
                if marker in stack:
                    counts[name] += n
            frames = stack.split(";")
            for i, frame in enumerate(frames):
                if ".embed_batch (" in frame:
                    caller = next((fr for fr in reversed(frames[:i]) if fr.split(" (")[0] in
                                   ("find_pairs", "fit_on_store", "Pipeline.discover_emergent", "assign_pending",
                                    "CalibratedAssigner.prior")), "other")
                    embed_callers[caller.split(" (")[0]] += n
                    break
    lines = [f"{path}: {total} samples on the main thread", "", "| stage | samples | share |", "|---|---:|---:|"]
    lines += [f"| {name} | {counts[name]} | {counts[name] / max(total, 1):.1%} |" for name in STAGES]
    lines += ["", "| embed_batch called from | samples | share |", "|---|---:|---:|"]
    lines += [f"| {k} | {v} | {v / max(total, 1):.1%} |" for k, v in embed_callers.most_common()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", help="a py-spy raw profile (-f raw)")
    print(summarise(parser.parse_args(argv).profile), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
