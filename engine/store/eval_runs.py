"""SQL for saved evaluation runs (`insights eval anonymisation --db ...`) and the few counts the DPIA-lite quotes
(engine/publish/dpia.py). Figures and counts only: no note text is read here."""
from __future__ import annotations

import json


class EvalRunsStore:
    def save_eval_run(self, kind: str, ran_at: str, dataset_name: str, dataset_path: str, records: int,
                      code_version: str, report: dict) -> int:
        """Keep one run's figures (`report`: anonymise.evaluate.report_to_dict without misses). Returns its id."""
        with self.db.conn:
            cur = self.db.conn.execute(
                "INSERT INTO eval_runs (kind, ran_at, dataset_name, dataset_path, records, code_version, report_json)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (kind, ran_at, dataset_name, dataset_path, int(records), code_version,
                 json.dumps(report, sort_keys=True)))
        return cur.lastrowid

    def last_eval_run(self, kind: str) -> dict | None:
        """The latest saved run of `kind`, its report decoded; None when none was saved."""
        rows = self.q("SELECT * FROM eval_runs WHERE kind = ? ORDER BY ran_at DESC, id DESC LIMIT 1", [kind])
        if not rows:
            return None
        row = rows[0]
        row["report"] = json.loads(row.pop("report_json"))
        return row

    def governance_counts(self) -> dict:
        """Counts for the DPIA-lite: organisations, notes, submissions, users and API tokens per role."""
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "organisations": one("SELECT COUNT(*) FROM organisations"),
            "notes": one("SELECT COUNT(*) FROM notes"),
            "oldest_note_stored": one("SELECT MIN(created_at) FROM notes"),
            "users_by_role": {r["role"]: r["n"] for r in self.q("SELECT role, COUNT(*) AS n FROM users GROUP BY role")},
            "tokens_by_role": {r["role"]: r["n"] for r in self.q("SELECT role, COUNT(*) AS n FROM api_tokens"
                                                              " WHERE revoked_at IS NULL GROUP BY role")},
        }
