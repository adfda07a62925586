"""Measure theme stability on a database's (already anonymised) notes, in fresh database files:

1. the same notes assigned in two fresh databases give identical assignments (theme, score, method);
2. after adding 10% more notes, the share of old notes whose assignments are unchanged.

    python -m engine.stability SOURCE_DB [--workdir DIR] [--limit N] [--embedder accurate|fast]

Only anonymised text is read and written (it is already what SOURCE_DB holds).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from engine.core.settings import Settings


def _fill(store, notes: list[dict], start: int) -> list[int]:
    from engine.store import NewNote

    org = store.ensure_org("stability check")
    rows = [NewNote(n["text"], n["content_hash"], f"{start + i}-{n['content_hash']}", "case_note", n["month"],
                    n["month"], None, "unknown", None, None, []) for i, n in enumerate(notes)]
    return store.add_submission(org, rows, "stability", "not_recorded")["note_ids"]


def _by_note(store, note_ids=None) -> dict[int, list[tuple]]:
    """Each note's assignments in force as (theme, score, method), in a fixed order."""
    out: dict[int, list[tuple]] = {}
    for r in store.in_force_assignments(note_ids):
        out.setdefault(r["note_id"], []).append((r["theme_id"], r["score"], r["method"]))
    return out


def measure(source_db: Path, workdir: Path, settings: Settings, limit: int | None = None) -> dict:
    from engine.pipeline import Pipeline
    from engine.store import Store

    source = Store(source_db)
    notes = source.notes_to_copy(limit)
    source.close()
    embedder = Pipeline(settings, Store(":memory:")).embedder
    runs = []
    for name in ("run_a.db", "run_b.db"):
        store = Store(workdir / name)
        _fill(store, notes, 0)
        Pipeline(settings, store, embedder=embedder).assign_pending()
        runs.append(_by_note(store))
        store.close()
    cut = len(notes) - len(notes) // 11          # the last tenth arrives later: +10% on the first part
    store = Store(workdir / "grow.db")
    old_ids = _fill(store, notes[:cut], 0)
    pipeline = Pipeline(settings, store, embedder=embedder)
    pipeline.assign_pending()
    before = _by_note(store, old_ids)
    _fill(store, notes[cut:], cut)
    pipeline.assign_pending()
    after = _by_note(store, old_ids)
    store.close()
    a, b = runs
    return {
        "embedder": embedder.id, "notes": len(notes),
        "same_input_identical_notes": sum(a[n] == b.get(n) for n in a), "same_input_notes": len(a),
        "old_notes": len(old_ids), "new_notes": len(notes) - cut,
        "old_notes_unchanged": sum(before[n] == after.get(n) for n in before),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source_db", type=Path)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--embedder", choices=["accurate", "fast"], default=None)
    args = parser.parse_args(argv)
    settings = Settings.from_env(embedder=args.embedder)
    with tempfile.TemporaryDirectory() as tmp:
        r = measure(args.source_db, args.workdir or Path(tmp), settings, args.limit)
    print(f"embedder {r['embedder']}, {r['notes']} notes")
    print(f"same input twice: {r['same_input_identical_notes']}/{r['same_input_notes']} notes identical "
          f"({100 * r['same_input_identical_notes'] / max(1, r['same_input_notes']):.1f}%)")
    print(f"+{r['new_notes']} new notes on {r['old_notes']}: {r['old_notes_unchanged']}/{r['old_notes']} old notes "
          f"unchanged ({100 * r['old_notes_unchanged'] / max(1, r['old_notes']):.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
