"""SQL for background jobs (big uploads, refits) and the few aggregates the facilitator's summary needs.

A job row holds what a progress bar needs: kind, status, done/total, a plain-words message and a small JSON
result (counts, ids, row numbers). Never note text: callers pass only counts and messages.
"""
from __future__ import annotations

import json
import uuid

from engine.core.errors import NotFoundError
from engine.store.clock import now as _now
from engine.store.base import marks
from engine.store.themes import COUNTED

JOB_STATES = ("queued", "running", "done", "failed")


class JobsStore:
    # ---- background jobs ---------------------------------------------------------------------------
    def create_job(self, kind: str, total: int, owner: str | None = None, org_id: int | None = None,
                   retry_of: str | None = None) -> str:
        """A queued job, recording the process (pid and host) that will run it, so that a restart can tell a
        job whose process died from one still running in another process."""
        import os
        import socket

        job_id = uuid.uuid4().hex
        now = _now()
        with self.db.conn:
            self.db.conn.execute(
                "INSERT INTO jobs (id, kind, status, done, total, message, result_json, owner, org_id, created_at,"
                " updated_at, pid, host, retry_of) VALUES (?, ?, 'queued', 0, ?, 'Waiting to start', '{}', ?, ?, ?, ?,"
                " ?, ?, ?)",
                (job_id, kind, int(total), owner, org_id, now, now, os.getpid(), socket.gethostname(), retry_of),
            )
        return job_id

    def update_job(self, job_id: str, *, status: str | None = None, done: int | None = None,
                   total: int | None = None, message: str | None = None, result: dict | None = None) -> None:
        sets, params = ["updated_at = ?"], [_now()]
        if status is not None:
            if status not in JOB_STATES:
                raise ValueError(f"job status must be one of {JOB_STATES}")
            sets.append("status = ?")
            params.append(status)
        for column, value in (("done", done), ("total", total), ("message", message)):
            if value is not None:
                sets.append(f"{column} = ?")
                params.append(value)
        if result is not None:
            sets.append("result_json = ?")
            params.append(json.dumps(result))
        with self.db.conn:   # a finished job never changes (its thread may outlive the process's last word)
            self.db.conn.execute(f"UPDATE jobs SET {', '.join(sets)} WHERE id = ? AND status IN ('queued', 'running')",
                                 [*params, job_id])

    def unfinished_jobs(self) -> list[dict]:
        """Jobs still queued or running, oldest first (at start-up: those the last process left behind)."""
        rows = self.q("SELECT * FROM jobs WHERE status IN ('queued', 'running') ORDER BY created_at, " + self._job_order())
        for row in rows:
            row["result"] = json.loads(row.pop("result_json") or "{}")
        return rows

    def job(self, job_id: str) -> dict:
        rows = self.q("SELECT * FROM jobs WHERE id = ?", [job_id])
        if not rows:
            raise NotFoundError(f"No background job with id '{job_id}'. Start the upload again.")
        row = rows[0]
        row["result"] = json.loads(row.pop("result_json") or "{}")
        return row

    def jobs(self, limit: int = 20) -> list[dict]:
        order = self._job_order()
        rows = self.q(f"SELECT * FROM jobs ORDER BY created_at DESC, {order.replace(',', ' DESC,')} DESC LIMIT ?",
                      [limit])
        for row in rows:
            row["result"] = json.loads(row.pop("result_json") or "{}")
        return rows

    def _job_order(self) -> str:
        """Jobs made in the same second, in the order they were made: SQLite's rowid; PostgreSQL has no insertion
        order, so the last update and then the id decide."""
        return "rowid" if self.dialect == "sqlite" else "updated_at, id"

    # ---- summary aggregates (raw counts: callers pass them through engine.publish.suppression) --------------
    def contributing_orgs(self, months: list[str] | None, area_codes: list[str] | None) -> int:
        """How many organisations sent notes for these months and areas (None means any), among the counted notes
        (a near-duplicate of an earlier note is not counted: see engine.store.themes.COUNTED)."""
        sql, params = f"SELECT COUNT(DISTINCT n.org_id) AS n FROM notes n WHERE {COUNTED}", []
        if months is not None:
            sql += f" AND n.month IN ({marks(months)})"
            params += months
        if area_codes is not None:
            sql += f" AND n.area_code IN ({marks(area_codes)})"
            params += area_codes
        return self.q(sql, params)[0]["n"]

    def note_months(self) -> list[str]:
        return [r["month"] for r in self.q("SELECT DISTINCT month FROM notes WHERE month IS NOT NULL ORDER BY month")]
