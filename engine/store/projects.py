"""SQL for community insights projects (issue 17): a timeboxed question agreed by a council and local groups, its
member organisations and lead people, the notes tagged to it, its decision log, and memos on its themes and quotes.

Checking the values (period, areas, organisations, who may tag which note) is the library's job
(engine/projects.py); this module only reads and writes. Counts here are raw: suppress them before showing.
"""
from __future__ import annotations

import json

from engine.core.errors import NotFoundError
from engine.store.clock import now as _now
from engine.store.themes import COUNTED, IN_FORCE


class ProjectsStore:
    def add_project(self, fields: dict, org_ids: list[int], who: str) -> int:
        at = _now()
        with self.db.conn:
            cursor = self.db.conn.execute(
                "INSERT INTO projects (name, question, period, areas_json, leads_json, status, created_at, created_by,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (fields["name"], fields["question"], fields.get("period"), json.dumps(fields.get("areas") or []),
                 json.dumps(fields.get("leads") or []), fields.get("status") or "open", at, who, at))
            project_id = cursor.lastrowid
            self.db.conn.executemany("INSERT INTO project_members (project_id, org_id) VALUES (?, ?)",
                                     [(project_id, o) for o in sorted(set(org_ids))])
        return project_id

    def set_project_status(self, project_id: int, status: str) -> None:
        with self.db.conn:
            self.db.conn.execute("UPDATE projects SET status = ?, updated_at = ? WHERE id = ?",
                                 (status, _now(), project_id))

    def _shown_project(self, row: dict) -> dict:
        row["areas"] = json.loads(row.pop("areas_json") or "[]")
        row["leads"] = json.loads(row.pop("leads_json") or "[]")
        row["members"] = self.q("SELECT o.id, o.name FROM project_members m JOIN organisations o ON o.id = m.org_id"
                                " WHERE m.project_id = ? ORDER BY o.name", [row["id"]])
        row["notes"] = self.q("SELECT COUNT(*) AS n FROM project_notes WHERE project_id = ?", [row["id"]])[0]["n"]
        return row

    def projects(self) -> list[dict]:
        return [self._shown_project(r) for r in self.q("SELECT * FROM projects ORDER BY id")]

    def project(self, project_id: int) -> dict:
        rows = self.q("SELECT * FROM projects WHERE id = ?", [project_id])
        if not rows:
            raise NotFoundError(f"No project with id {project_id}.",
                                fix="GET /api/v1/projects (or `insights projects list`) lists the projects.")
        return self._shown_project(rows[0])

    def tag_notes(self, project_id: int, note_ids: list[int], who: str) -> int:
        """Tag notes to a project; a note tagged already stays as it was. Returns how many were new."""
        at = _now()
        with self.db.conn:
            return self.db.conn.executemany(
                "INSERT INTO project_notes (project_id, note_id, tagged_at, tagged_by) VALUES (?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING", [(project_id, n, at, who) for n in note_ids]).rowcount

    def project_note_ids(self, project_id: int) -> list[int]:
        return [r["note_id"] for r in self.q("SELECT note_id FROM project_notes WHERE project_id = ?", [project_id])]

    def submission_note_ids(self, submission_id: str) -> list[dict]:
        return self.q("SELECT id, org_id FROM notes WHERE submission_id = ? ORDER BY id", [submission_id])

    def notes_owned(self, note_ids: list[int]) -> dict[int, int]:
        """note id -> its organisation, for the ids that exist."""
        return {r["id"]: r["org_id"] for r in self.q_in("SELECT id, org_id FROM notes WHERE id IN ({marks})",
                                                         note_ids)}

    def project_theme_rows(self, project_id: int) -> list[dict]:
        """(note_id, org_id, area_code, month, theme_id) in force for the project's counted notes; theme_id ''
        for a note no theme fits."""
        return self.q(
            "SELECT n.id AS note_id, n.org_id, n.area_code, n.month, a.theme_id FROM project_notes p"
            f" JOIN notes n ON n.id = p.note_id JOIN assignments a ON {IN_FORCE}"
            f" WHERE p.project_id = ? AND {COUNTED}", [project_id])

    def project_quote_candidates(self, project_id: int, theme_id: str, limit: int = 200) -> list[dict]:
        return self.q(
            "SELECT n.id, n.text, n.area_code, n.month, a.score FROM project_notes p JOIN notes n ON n.id = p.note_id"
            f" JOIN assignments a ON {IN_FORCE} WHERE p.project_id = ? AND a.theme_id = ? AND {COUNTED}"
            " ORDER BY a.score DESC, n.id LIMIT ?", [project_id, theme_id, limit])

    def add_decision(self, project_id: int, decision: str, why: str, who: str) -> int:
        with self.db.conn:
            return self.db.conn.execute(
                "INSERT INTO project_decisions (project_id, at, who, decision, why) VALUES (?, ?, ?, ?, ?) RETURNING id",
                (project_id, _now(), who, decision, why)).lastrowid

    def decisions(self, project_id: int) -> list[dict]:
        return self.q("SELECT * FROM project_decisions WHERE project_id = ? ORDER BY id", [project_id])

    def add_memo(self, project_id: int, theme_id: str | None, note_id: int | None, text: str, who: str) -> int:
        with self.db.conn:
            return self.db.conn.execute(
                "INSERT INTO memos (project_id, theme_id, note_id, text, at, who) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (project_id, theme_id, note_id, text, _now(), who)).lastrowid

    def memos(self, project_id: int) -> list[dict]:
        return self.q("SELECT * FROM memos WHERE project_id = ? ORDER BY id", [project_id])
