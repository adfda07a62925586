"""SQL for taxonomy versions, assignments, theme aggregates and emergent themes."""
from __future__ import annotations

import json


from engine.errors import NotFoundError
from engine.store.base import _now


class ThemesStore:
    # ---- taxonomy and assignments ------------------------------------------------------------
    def record_taxonomy(self, label: str, content_hash: str, themes: list[dict]) -> int:
        """Return the version id for this exact taxonomy, recording a new immutable version if needed."""
        row = self.q("SELECT id FROM taxonomy_versions WHERE content_hash = ?", [content_hash])
        with self.db.conn:
            for t in themes:
                self.db.conn.execute(
                    "INSERT INTO themes (id, label, description, examples_json, parent, sensitive, status, origin)"
                    " VALUES (?, ?, ?, ?, ?, ?, 'active', ?) ON CONFLICT(id) DO UPDATE SET label=excluded.label,"
                    " description=excluded.description, examples_json=excluded.examples_json,"
                    " parent=excluded.parent, sensitive=excluded.sensitive",
                    (t["id"], t["label"], t["description"], json.dumps(t.get("examples", [])), t.get("parent"),
                     int(bool(t.get("sensitive"))), t.get("origin", "taxonomy")),
                )
        if row:
            return row[0]["id"]
        return self.db["taxonomy_versions"].insert(
            {"label": label, "content_hash": content_hash, "themes_json": json.dumps(themes), "created_at": _now()}
        ).last_pk

    def latest_taxonomy_version(self) -> int | None:
        row = self.q("SELECT MAX(id) AS v FROM taxonomy_versions")
        return row[0]["v"] if row else None

    def save_assignments(self, rows: list[dict]) -> None:
        with self.db.conn:
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO assignments (note_id, theme_id, score, method, taxonomy_version)"
                " VALUES (:note_id, :theme_id, :score, :method, :taxonomy_version)",
                rows,
            )

    def themes(self) -> list[dict]:
        rows = self.q("SELECT * FROM themes WHERE status = 'active' ORDER BY label")
        for r in rows:
            r["examples"] = json.loads(r.pop("examples_json") or "[]")
            r["sensitive"] = bool(r["sensitive"])
        return rows

    def theme(self, theme_id: str) -> dict:
        rows = [r for r in self.themes() if r["id"] == theme_id]
        if not rows:
            raise NotFoundError(f"No theme with id '{theme_id}'. GET /api/v1/themes lists the theme ids.")
        return rows[0]

    # ---- aggregates (raw counts: callers pass them through engine.suppression before they leave) ----
    def theme_note_counts(self, taxonomy_version: int) -> dict[str, int]:
        rows = self.q(
            "SELECT theme_id, COUNT(DISTINCT note_id) AS n FROM assignments WHERE taxonomy_version = ?"
            " GROUP BY theme_id",
            [taxonomy_version],
        )
        return {r["theme_id"]: r["n"] for r in rows}

    def theme_month_counts(self, taxonomy_version: int, theme_id: str) -> list[dict]:
        return self.q(
            "SELECT n.month AS month, COUNT(*) AS notes,"
            " (SELECT COUNT(*) FROM notes m WHERE m.month = n.month) AS all_notes"
            " FROM assignments a JOIN notes n ON n.id = a.note_id"
            " WHERE a.taxonomy_version = ? AND a.theme_id = ? AND n.month IS NOT NULL"
            " GROUP BY n.month ORDER BY n.month",
            [taxonomy_version, theme_id],
        )

    def theme_area_counts(self, taxonomy_version: int, theme_id: str) -> list[dict]:
        return self.q(
            "SELECT n.area_code AS area_code, ar.name AS area_name, COUNT(*) AS notes,"
            " (SELECT COUNT(*) FROM notes m WHERE m.area_code = n.area_code) AS all_notes"
            " FROM assignments a JOIN notes n ON n.id = a.note_id LEFT JOIN areas ar ON ar.code = n.area_code"
            " WHERE a.taxonomy_version = ? AND a.theme_id = ? GROUP BY n.area_code ORDER BY notes DESC",
            [taxonomy_version, theme_id],
        )

    def theme_notes_for_quotes(self, taxonomy_version: int, theme_id: str, limit: int = 400) -> list[dict]:
        return self.q(
            "SELECT n.id, n.text, n.content_hash, n.area_code, n.month, a.score FROM assignments a"
            " JOIN notes n ON n.id = a.note_id WHERE a.taxonomy_version = ? AND a.theme_id = ?"
            " ORDER BY a.score DESC LIMIT ?",
            [taxonomy_version, theme_id, limit],
        )

    def theme_area_month_counts(self, taxonomy_version: int, level: str = "ward") -> list[dict]:
        """Notes per area x month x theme, and all notes per area x month, for the evidence link."""
        area_expr = "n.area_code" if level == "ward" else "COALESCE(ar.parent_code, n.area_code)"
        return self.q(
            f"SELECT {area_expr} AS area_code, n.month AS month, a.theme_id AS theme_id, COUNT(*) AS notes"
            " FROM assignments a JOIN notes n ON n.id = a.note_id LEFT JOIN areas ar ON ar.code = n.area_code"
            " WHERE a.taxonomy_version = ? AND n.area_code IS NOT NULL AND n.month IS NOT NULL"
            " GROUP BY 1, 2, 3",
            [taxonomy_version],
        )

    def area_month_totals(self, level: str = "ward") -> list[dict]:
        area_expr = "n.area_code" if level == "ward" else "COALESCE(ar.parent_code, n.area_code)"
        return self.q(
            f"SELECT {area_expr} AS area_code, n.month AS month, COUNT(*) AS notes FROM notes n"
            " LEFT JOIN areas ar ON ar.code = n.area_code"
            " WHERE n.area_code IS NOT NULL AND n.month IS NOT NULL GROUP BY 1, 2"
        )

    # ---- emergent themes -----------------------------------------------------------------------
    def replace_emergent(self, run_id: str, candidates: list[dict]) -> None:
        with self.db.conn:
            self.db.conn.execute("DELETE FROM emergent_themes WHERE status = 'proposed'")
            for c in candidates:
                self.db.conn.execute(
                    "INSERT INTO emergent_themes (run_id, label, keywords_json, size, note_ids_json,"
                    " quotes_json, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'proposed', ?)",
                    (run_id, c["label"], json.dumps(c["keywords"]), c["size"], json.dumps(c["note_ids"]),
                     json.dumps(c["quotes"]), _now()),
                )

    def emergent(self) -> list[dict]:
        rows = self.q("SELECT * FROM emergent_themes WHERE status = 'proposed' ORDER BY size DESC")
        for r in rows:
            r["keywords"] = json.loads(r.pop("keywords_json"))
            r["note_ids"] = json.loads(r.pop("note_ids_json"))
            r["quotes"] = json.loads(r.pop("quotes_json"))
        return rows

