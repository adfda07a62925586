"""SQL for the contributor's picture ("what we're hearing where you work") and the monthly digests: which areas an
organisation's notes come from, and, in an area, how many notes and how many distinct organisations each theme
has (raw counts: every one passes engine.publish.suppression before it leaves the engine).

An area here means the notes placed in it or in any area inside it (a council's wards, a ward's LSOAs), as
`theme_note_counts_where(area_code=...)` counts them, a near-duplicate of an earlier note left out (COUNTED).
Nothing here returns note text.
"""
from __future__ import annotations

from engine.core.errors import NotFoundError
from engine.store.notes import counted_where
from engine.store.themes import IN_FORCE


def _scope(area_code: str, month_from: str | None, month_to: str | None) -> tuple[str, list]:
    where, params = counted_where(month_from=month_from, month_to=month_to, area_code=area_code)
    return " AND ".join(where), params


class PictureStore:
    def organisations_with_notes(self) -> list[dict]:
        """Every organisation (id, name, kind) with how many notes it has stored (raw: never publish it)."""
        return self.q("SELECT o.id, o.name, o.kind, COUNT(n.id) AS notes FROM organisations o"
                      " LEFT JOIN notes n ON n.org_id = o.id GROUP BY o.id ORDER BY o.name")

    def organisation_by_id(self, org_id: int) -> dict:
        rows = self.q("SELECT id, name, kind FROM organisations WHERE id = ?", [org_id])
        if not rows:
            raise NotFoundError(f"No organisation with id {org_id}.",
                                fix="`insights users list` shows each account's organisation.")
        return rows[0]

    def org_note_areas(self, org_id: int) -> list[str]:
        """The area codes the organisation's notes are placed in (as stored: ward, LSOA, council ...)."""
        return [r["area_code"] for r in self.q(
            "SELECT DISTINCT area_code FROM notes WHERE org_id = ? AND area_code IS NOT NULL ORDER BY area_code",
            [org_id])]

    def area_theme_reach(self, area_code: str, month_from: str | None = None,
                         month_to: str | None = None) -> dict[str, dict]:
        """Per theme in force, among the notes in the area (or inside it) and months: {theme_id: {notes,
        organisations}}, organisations being how many distinct organisations sent those notes."""
        where, params = _scope(area_code, month_from, month_to)
        rows = self.q("SELECT a.theme_id, COUNT(DISTINCT a.note_id) AS notes, COUNT(DISTINCT n.org_id) AS organisations"
                      f" FROM assignments a JOIN notes n ON {IN_FORCE} WHERE a.theme_id != '' AND {where}"
                      " GROUP BY a.theme_id", params)
        return {r["theme_id"]: {"notes": r["notes"], "organisations": r["organisations"]} for r in rows}

    def area_reach(self, area_code: str, month_from: str | None = None, month_to: str | None = None) -> dict:
        """All notes in the area (or inside it) and months, and how many distinct organisations sent them."""
        where, params = _scope(area_code, month_from, month_to)
        return self.q(f"SELECT COUNT(*) AS notes, COUNT(DISTINCT n.org_id) AS organisations FROM notes n WHERE {where}",
                      params)[0]

    def area_theme_months(self, area_code: str) -> tuple[dict, dict]:
        """For trends in one area (or inside it): ({(month, theme_id): notes}, {month: all notes})."""
        where, params = _scope(area_code, None, None)
        themes = self.q("SELECT n.month AS month, a.theme_id, COUNT(DISTINCT a.note_id) AS notes FROM assignments a"
                        f" JOIN notes n ON {IN_FORCE} WHERE a.theme_id != '' AND n.month IS NOT NULL AND {where}"
                        " GROUP BY 1, 2", params)
        totals = self.q(f"SELECT n.month AS month, COUNT(*) AS notes FROM notes n WHERE n.month IS NOT NULL AND {where}"
                        " GROUP BY 1", params)
        return ({(r["month"], r["theme_id"]): r["notes"] for r in themes}, {r["month"]: r["notes"] for r in totals})
