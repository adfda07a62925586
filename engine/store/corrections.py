"""SQL for people's corrections: a person confirms or rejects one theme of one note.

Every verdict is kept (who, when, under which taxonomy version); the latest verdict per note and theme is
the one that counts.
"""
from __future__ import annotations

from engine.store.clock import now as _now

LATEST = ("SELECT c.note_id, c.theme_id, c.verdict, c.who, c.created_at, c.taxonomy_version FROM corrections c"
          " WHERE c.id = (SELECT MAX(d.id) FROM corrections d WHERE d.note_id = c.note_id"
          " AND d.theme_id = c.theme_id)")


class CorrectionsStore:
    def add_correction(self, note_id: int, theme_id: str, verdict: str, who: str,
                       taxonomy_version: int | None) -> int:
        return self.db["corrections"].insert({
            "note_id": note_id, "theme_id": theme_id, "verdict": verdict, "who": who, "created_at": _now(),
            "taxonomy_version": taxonomy_version,
        }).last_pk

    def latest_corrections(self, note_ids: list[int] | None = None) -> list[dict]:
        """The latest verdict per (note, theme), for some notes or all."""
        if note_ids is None:
            return self.q(LATEST + " ORDER BY c.note_id, c.theme_id")
        out = self.q_in(LATEST + " AND c.note_id IN ({marks})", note_ids)
        return sorted(out, key=lambda r: (r["note_id"], r["theme_id"]))

    def corrected_note_count(self) -> int:
        return self.q("SELECT COUNT(DISTINCT note_id) AS n FROM corrections")[0]["n"]

    def corrected_notes(self) -> list[dict]:
        """Notes (id, text) that a person has corrected, in id order."""
        return self.q("SELECT id, text FROM notes WHERE id IN (SELECT note_id FROM corrections) ORDER BY id")

    def correction_history(self, note_id: int) -> list[dict]:
        return self.q("SELECT theme_id, verdict, who, created_at, taxonomy_version FROM corrections"
                      " WHERE note_id = ? ORDER BY id", [note_id])
