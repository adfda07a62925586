"""SQL for the review queue: the notes no person has given a verdict on, and the notes in force per theme and
area (the cells the queue's small-number rule is checked against). Raw counts: never publish them as they are."""
from __future__ import annotations

from engine.store.themes import IN_FORCE


class ReviewQueueStore:
    def notes_without_verdict(self) -> list[dict]:
        """Notes (id, text, content_hash, area_code) that have themes in force and no person's verdict yet,
        in id order."""
        return self.q("SELECT n.id, n.text, n.content_hash, n.area_code FROM notes n"
                      " WHERE n.taxonomy_version IS NOT NULL"
                      " AND n.id NOT IN (SELECT note_id FROM corrections) ORDER BY n.id")

    def theme_area_cells(self) -> dict[tuple[str, str], int]:
        """{(theme id, area code): notes} over the themes in force ('' = no theme fits); notes without an area
        are left out."""
        rows = self.q("SELECT a.theme_id, n.area_code, COUNT(DISTINCT a.note_id) AS notes FROM assignments a"
                      f" JOIN notes n ON {IN_FORCE} WHERE n.area_code IS NOT NULL GROUP BY a.theme_id, n.area_code")
        return {(r["theme_id"], r["area_code"]): r["notes"] for r in rows}
