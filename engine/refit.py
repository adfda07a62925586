"""An explicit refit: re-assign every note under the taxonomy and assigner in force, and report what moved.
The zero-shot calibration is fitted again on every note first (stored as a new state if the notes changed).

Nothing else ever re-assigns an old note (see `engine.pipeline`). The report counts, per theme, the notes that
gained it, lost it or kept it, and lists the notes whose themes changed (ids only, never text). The counts are
raw, for the person running the refit; pass them through `engine.publish.suppression` before publishing them.
"""
from __future__ import annotations

from collections import defaultdict


def _themes_by_note(store) -> dict[int, set[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    for r in store.in_force_assignments():
        if r["theme_id"]:
            out[r["note_id"]].add(r["theme_id"])
    return out


def refit(pipeline) -> dict:
    """Re-assign all notes (people's verdicts still win). Returns the report described above."""
    store = pipeline.store
    pipeline.refresh_taxonomy()
    before = _themes_by_note(store)
    notes = store.notes_for_refit()
    summary = pipeline.assign_notes(notes, desc="Refitting themes", recalibrate=True)
    after = _themes_by_note(store)
    return diff_report([r["id"] for r in notes], before, after, summary)


def diff_report(note_ids: list[int], before: dict, after: dict, summary: dict) -> dict:
    per_theme: dict[str, dict[str, int]] = defaultdict(lambda: {"gained": 0, "lost": 0, "unchanged": 0})
    changed = []
    for note_id in note_ids:
        old, new = before.get(note_id, set()), after.get(note_id, set())
        for t in new - old:
            per_theme[t]["gained"] += 1
        for t in old - new:
            per_theme[t]["lost"] += 1
        for t in old & new:
            per_theme[t]["unchanged"] += 1
        if old != new:
            changed.append({"note_id": note_id, "before": sorted(old), "after": sorted(new)})
    return {
        "notes": len(note_ids), "changed": len(changed), "unchanged": len(note_ids) - len(changed),
        "taxonomy_version": summary["taxonomy_version"], "method": summary["method"],
        "themes": {t: dict(v) for t, v in sorted(per_theme.items())}, "changed_notes": changed,
    }
