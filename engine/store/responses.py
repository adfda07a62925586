"""SQL for "you said, we did": facilitators' responses to themes, and the history of every change to them.

A response is written once and then changed in place; each write (the first included) appends a row to
`response_changes` with who made it, when, and each changed field's value before and after, so the earlier
wording is never lost. Checking the values (theme, area, period, status, personal details) is the library's
job (engine/publish/responses.py); this module only reads and writes.
"""
from __future__ import annotations

import json

from engine.core.errors import NotFoundError
from engine.store.clock import now as _now

RESPONSE_FIELDS = ("theme_id", "area_code", "period", "said", "did", "owner", "status", "reason")
_SELECT = ("SELECT r.*, t.label AS theme_label, a.name AS area_name FROM responses r"
           " LEFT JOIN themes t ON t.id = r.theme_id LEFT JOIN areas a ON a.code = r.area_code")


class ResponsesStore:
    def add_response(self, fields: dict, who: str) -> int:
        """Store a new response (the RESPONSE_FIELDS of `fields`) and its first history row, in one transaction."""
        at = _now()
        row = {f: fields.get(f) for f in RESPONSE_FIELDS}
        with self.db.conn:
            cursor = self.db.conn.execute(
                f"INSERT INTO responses ({', '.join(RESPONSE_FIELDS)}, created_at, created_by, updated_at, updated_by)"
                f" VALUES ({', '.join('?' * len(RESPONSE_FIELDS))}, ?, ?, ?, ?) RETURNING id",
                (*row.values(), at, who, at, who))
            response_id = cursor.lastrowid
            self._add_change(response_id, at, who, "created",
                             {f: [None, v] for f, v in row.items() if v is not None})
        return response_id

    def update_response(self, response_id: int, changes: dict, who: str) -> dict:
        """Change some fields of a response; the fields whose value really changes are recorded, with their values
        before and after, in one transaction. Returns {field: [before, after]} (empty: nothing changed)."""
        current = self.response(response_id)
        changed = {f: [current[f], v] for f, v in changes.items() if f in RESPONSE_FIELDS and current[f] != v}
        if not changed:
            return {}
        at = _now()
        with self.db.conn:
            self.db.conn.execute(
                f"UPDATE responses SET {', '.join(f'{f} = ?' for f in changed)}, updated_at = ?, updated_by = ?"
                " WHERE id = ?", (*(after for _, after in changed.values()), at, who, response_id))
            self._add_change(response_id, at, who, "updated", changed)
        return changed

    def _add_change(self, response_id: int, at: str, who: str, action: str, changed: dict) -> None:
        self.db.conn.execute(
            "INSERT INTO response_changes (response_id, at, who, action, changes_json) VALUES (?, ?, ?, ?, ?)",
            (response_id, at, who, action, json.dumps(changed, sort_keys=True)))

    def response(self, response_id: int) -> dict:
        rows = self.q(_SELECT + " WHERE r.id = ?", [response_id])
        if not rows:
            raise NotFoundError(f"No response with id {response_id}.",
                                fix="GET /api/v1/responses (or the \"You said, we did\" page) lists the responses.")
        return rows[0]

    def responses(self, theme_id: str | None = None, status: str | None = None) -> list[dict]:
        """Every response (optionally of one theme and status), newest change first."""
        where, params = [], []
        for column, value in (("theme_id", theme_id), ("status", status)):
            if value is not None:
                where.append(f"r.{column} = ?")
                params.append(value)
        sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
        return self.q(sql + " ORDER BY r.updated_at DESC, r.id DESC", params)

    def response_changes(self, response_id: int) -> list[dict]:
        """The history of one response, oldest first: at, who, action (created or updated), changes
        ({field: [before, after]})."""
        rows = self.q("SELECT at, who, action, changes_json FROM response_changes WHERE response_id = ? ORDER BY id",
                      [response_id])
        for r in rows:
            r["changes"] = json.loads(r.pop("changes_json"))
        return rows
