"""People's corrections: confirm or reject one theme of one note.

A verdict always wins for its note: a confirmed theme stays (method "confirmed", score 1.0) and a rejected one
goes, whatever an assigner says, now and in every later refit. Once enough notes have been corrected
(`Settings.learn_after_corrections`), new notes are assigned by a LearnedAssigner fitted on the corrected notes
and the taxonomy's own example phrases. For a corrected note, its themes are what the person confirmed plus
what they saw and left standing (its themes in force that they did not reject).
"""
from __future__ import annotations

from collections import defaultdict

from engine.core.errors import InputError
from engine.core.protocols import CorrectionStore

VERDICTS = ("confirm", "reject")
CONFIRMED_SCORE = 1.0


def verdicts_by_note(store: CorrectionStore, note_ids: list[int] | None = None) -> dict[int, dict[str, str]]:
    out: dict[int, dict[str, str]] = defaultdict(dict)
    for r in store.latest_corrections(note_ids):
        out[r["note_id"]][r["theme_id"]] = r["verdict"]
    return out


def apply_verdicts(note_id: int, rows: list[dict], verdicts: dict[str, str], version: int) -> list[dict]:
    """An assigner's rows for one note with the person's verdicts applied; '' (no theme fits) when none is left."""
    kept = [r for r in rows if r["theme_id"] and verdicts.get(r["theme_id"]) != "reject"
            and verdicts.get(r["theme_id"]) != "confirm"]
    confirmed = [{"note_id": note_id, "theme_id": t, "score": CONFIRMED_SCORE, "method": "confirmed",
                  "taxonomy_version": version} for t, v in sorted(verdicts.items()) if v == "confirm"]
    out = confirmed + kept
    if not out:
        out = [{"note_id": note_id, "theme_id": "", "score": 0.0, "method": "unassigned", "taxonomy_version": version}]
    return out


def correct(store: CorrectionStore, note_id: int, theme_id: str, verdict: str, who: str, taxonomy=None) -> list[dict]:
    """Record a person's verdict on one theme of one note and apply it to the note's themes in force at once.
    Returns the note's themes in force afterwards. `taxonomy` (default: the current one) checks a confirmed
    theme exists."""
    from themes.taxonomy_io import current_taxonomy

    if verdict not in VERDICTS:
        raise InputError(f"A verdict is 'confirm' or 'reject', not '{verdict}'.")
    if not (who or "").strip():
        raise InputError("Say who made the correction (a name or role), so it can be traced.")
    note = store.note(note_id)   # NotFoundError when there is no such note
    taxonomy = taxonomy or current_taxonomy(store)
    in_force = store.in_force_assignments([note_id])
    if verdict == "confirm" and theme_id not in taxonomy.ids:
        raise InputError(f"Theme '{theme_id}' is not in the current taxonomy. Use one of: {', '.join(taxonomy.ids)}.")
    if verdict == "reject" and theme_id not in taxonomy.ids and theme_id not in {r["theme_id"] for r in in_force}:
        raise InputError(f"Note {note_id} has no theme '{theme_id}' to reject.")
    version = note["taxonomy_version"] or store.latest_taxonomy_version()
    store.add_correction(note_id, theme_id, verdict, who.strip(), version)
    rows = apply_verdicts(note_id, in_force, verdicts_by_note(store, [note_id])[note_id], version)
    store.put_note_assignments([note_id], rows, version)
    return store.in_force_assignments([note_id])


def training_examples(store: CorrectionStore, taxonomy) -> list[tuple[str, list[str]]]:
    """(text, theme ids) from corrected notes, then (example phrase, [its theme]) from the taxonomy."""
    verdicts = verdicts_by_note(store)
    in_force = defaultdict(set)
    for r in store.in_force_assignments(list(verdicts)):
        in_force[r["note_id"]].add(r["theme_id"])
    examples = []
    for row in store.corrected_notes():
        v = verdicts.get(row["id"], {})
        themes = {t for t in in_force[row["id"]] if t and v.get(t) != "reject"}
        themes |= {t for t, x in v.items() if x == "confirm"}
        examples.append((row["text"], sorted(t for t in themes if t in taxonomy.ids)))
    for theme in taxonomy.themes:
        examples += [(phrase, [theme.id]) for phrase in theme.examples]
    return examples
