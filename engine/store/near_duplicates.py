"""SQL for near-duplicate notes (m015) and for counting the organisations behind each theme.

A pair is a later note and its earlier twin; while it is 'flagged' the later note is left out of published
counts (engine.store.themes.COUNTED). An analyst may mark it 'not_duplicate', and then both notes count.
Organisation counts are of distinct organisations among the counted notes (raw: publish them through
engine.publish.suppression)."""
from __future__ import annotations

import numpy as np

from engine.core.errors import NotFoundError
from engine.store.clock import now as _now
from engine.store.notes import counted_where
from engine.store.themes import COUNTED, IN_FORCE

PAIR_STATUSES = ("flagged", "not_duplicate")
_PAIR_SELECT = (
    "SELECT d.id, d.note_id, d.twin_id, d.cosine, d.text_similarity, d.status, d.found_at, d.reviewed_by,"
    " d.reviewed_at, n.org_id AS note_org_id, o.name AS note_org, n.month AS note_month, n.area_code AS note_area,"
    " n.text AS note_text, t.org_id AS twin_org_id, p.name AS twin_org, t.month AS twin_month,"
    " t.area_code AS twin_area, t.text AS twin_text FROM near_duplicates d JOIN notes n ON n.id = d.note_id"
    " JOIN notes t ON t.id = d.twin_id JOIN organisations o ON o.id = n.org_id"
    " JOIN organisations p ON p.id = t.org_id")


class NearDuplicatesStore:
    # ---- what detection reads ------------------------------------------------------------------
    def notes_for_duplicate_check(self, note_ids: list[int]) -> list[dict]:
        """The new notes to check (id, org_id, text, content_hash), in id order."""
        rows = self.q_in("SELECT id, org_id, text, content_hash FROM notes WHERE id IN ({marks})", note_ids)
        return sorted(rows, key=lambda r: r["id"])

    def stored_note_vectors(self, embedder_id: str, before_id: int, window: int) -> tuple[list[dict], np.ndarray]:
        """The latest `window` notes with an id below `before_id` that have a stored vector from this embedder:
        rows (id, org_id) and their vectors as one float32 matrix (row i is rows[i]'s)."""
        rows = self.q("SELECT n.id, n.org_id, e.vector FROM notes n JOIN embeddings e ON e.content_hash ="
                      " n.content_hash AND e.embedder_id = ? WHERE n.id < ? ORDER BY n.id DESC LIMIT ?",
                      (embedder_id, before_id, window))
        rows.reverse()
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        matrix = np.vstack([np.frombuffer(r.pop("vector"), dtype=np.float32) for r in rows])
        return rows, matrix

    def notes_without_vector(self, embedder_id: str, before_id: int, window: int) -> list[dict]:
        """Of the latest `window` notes with an id below `before_id`, those (id, text, content_hash) with no
        vector stored from this embedder."""
        return self.q("SELECT n.id, n.text, n.content_hash FROM notes n LEFT JOIN embeddings e ON e.content_hash ="
                      " n.content_hash AND e.embedder_id = ? WHERE n.id < ? AND n.id >= (SELECT MIN(id) FROM"
                      " (SELECT id FROM notes WHERE id < ? ORDER BY id DESC LIMIT ?) AS latest) AND e.content_hash IS NULL"
                      " ORDER BY n.id", (embedder_id, before_id, before_id, window))

    def note_texts(self, note_ids: list[int]) -> dict[int, str]:
        return {r["id"]: r["text"] for r in self.q_in("SELECT id, text FROM notes WHERE id IN ({marks})", note_ids)}

    # ---- pairs ---------------------------------------------------------------------------------
    def put_near_duplicates(self, pairs: list[dict]) -> int:
        """Record pairs {note_id, twin_id, cosine, text_similarity} as flagged (a note already paired keeps its
        first pair). Returns how many were added."""
        if not pairs:
            return 0
        at = _now()
        with self.db.conn:
            cur = self.db.conn.executemany(
                "INSERT INTO near_duplicates (note_id, twin_id, cosine, text_similarity, status, found_at)"
                " VALUES (:note_id, :twin_id, :cosine, :text_similarity, 'flagged', :found_at) ON CONFLICT DO NOTHING",
                [{**p, "found_at": at} for p in pairs])
        return cur.rowcount

    def near_duplicate_pairs(self, *, org_id: int | None = None, status: str | None = None,
                             after_id: int = 0, limit: int = 100) -> list[dict]:
        """Pairs in id order after `after_id`. With `org_id`, only pairs whose two notes are both that
        organisation's (a contributor never sees a pair that crosses organisations)."""
        where, params = ["d.id > ?"], [after_id]
        if org_id is not None:
            where.append("n.org_id = ? AND t.org_id = ?")
            params += [org_id, org_id]
        if status is not None:
            where.append("d.status = ?")
            params.append(status)
        return self.q(f"{_PAIR_SELECT} WHERE {' AND '.join(where)} ORDER BY d.id LIMIT ?", [*params, limit])

    def near_duplicate_pair(self, pair_id: int) -> dict:
        rows = self.q(f"{_PAIR_SELECT} WHERE d.id = ?", [pair_id])
        if not rows:
            raise NotFoundError(f"No near-duplicate pair with id {pair_id}.",
                                fix="GET /api/v1/near-duplicates lists the pairs and their ids.")
        return rows[0]

    def set_near_duplicate_status(self, pair_id: int, status: str, who: str) -> None:
        if status not in PAIR_STATUSES:
            raise ValueError(f"status must be one of {PAIR_STATUSES}")
        self.near_duplicate_pair(pair_id)
        with self.db.conn:
            self.db.conn.execute("UPDATE near_duplicates SET status = ?, reviewed_by = ?, reviewed_at = ?"
                                 " WHERE id = ?", (status, who, _now(), pair_id))

    def near_duplicate_counts(self) -> dict[str, int]:
        return {r["status"]: r["n"] for r in self.q("SELECT status, COUNT(*) AS n FROM near_duplicates"
                                                      " GROUP BY status")}

    # ---- organisations behind themes (counted notes only) --------------------------------------
    def theme_org_counts_where(self, *, month_from: str | None = None, month_to: str | None = None,
                               area_code: str | None = None, source_type: str | None = None,
                               org_id: int | None = None) -> dict[str, int]:
        """Distinct organisations per theme in force, among the counted notes matching every filter (the same
        filters as `theme_note_counts_where`)."""
        where, params = counted_where(month_from=month_from, month_to=month_to, area_code=area_code,
                                      source_type=source_type, org_id=org_id)
        rows = self.q(f"SELECT a.theme_id, COUNT(DISTINCT n.org_id) AS n FROM assignments a JOIN notes n ON"
                      f" {IN_FORCE} WHERE {' AND '.join(where)} GROUP BY a.theme_id", params)
        return {r["theme_id"]: r["n"] for r in rows}

    def theme_area_month_orgs(self, level: str = "ward") -> list[dict]:
        """(area_code, month, theme_id, org_id) for every combination with a counted note: the organisations
        behind each evidence cell and summary row, to be counted per period."""
        area_expr = "n.area_code" if level == "ward" else "COALESCE(ar.parent_code, n.area_code)"
        return self.q(
            f"SELECT DISTINCT {area_expr} AS area_code, n.month AS month, a.theme_id AS theme_id, n.org_id AS org_id"
            f" FROM assignments a JOIN notes n ON {IN_FORCE} LEFT JOIN areas ar ON ar.code = n.area_code"
            f" WHERE n.area_code IS NOT NULL AND n.month IS NOT NULL AND {COUNTED}")

    def org_theme_area_month_counts(self) -> list[dict]:
        """Counted notes per ward x month x theme in force x organisation (for the publication records)."""
        return self.q(f"SELECT n.area_code AS area_code, n.month AS month, a.theme_id AS theme_id, n.org_id AS org_id,"
                      f" COUNT(*) AS notes FROM assignments a JOIN notes n ON {IN_FORCE} WHERE n.area_code IS NOT NULL"
                      f" AND n.month IS NOT NULL AND a.theme_id != '' AND {COUNTED} GROUP BY 1, 2, 3, 4")

    def org_area_month_totals(self) -> list[dict]:
        """Counted notes per ward x month x organisation."""
        return self.q(f"SELECT n.area_code AS area_code, n.month AS month, n.org_id AS org_id, COUNT(*) AS notes"
                      f" FROM notes n WHERE n.area_code IS NOT NULL AND n.month IS NOT NULL AND {COUNTED}"
                      " GROUP BY 1, 2, 3")

    # ---- one organisation's notes as counted (for "how our notes were used") -------------------
    def org_theme_area_counts(self, org_id: int) -> list[dict]:
        """The organisation's counted notes per theme in force and ward (area may be None)."""
        return self.q(f"SELECT a.theme_id, n.area_code, COUNT(DISTINCT n.id) AS notes FROM assignments a JOIN notes n"
                      f" ON {IN_FORCE} WHERE n.org_id = ? AND a.theme_id != '' AND {COUNTED}"
                      " GROUP BY a.theme_id, n.area_code", [org_id])

    def org_note_ids(self, org_id: int) -> set[int]:
        return {r["id"] for r in self.q("SELECT id FROM notes WHERE org_id = ?", [org_id])}

    def org_duplicate_count(self, org_id: int) -> int:
        """The organisation's notes flagged as near-duplicates of an earlier note (left out of counts)."""
        return self.q("SELECT COUNT(*) AS n FROM near_duplicates d JOIN notes n ON n.id = d.note_id"
                      " WHERE n.org_id = ? AND d.status = 'flagged'", [org_id])[0]["n"]
