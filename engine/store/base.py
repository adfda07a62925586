"""The store's base: the connection (WAL, check_same_thread=False), migrations, and the NewNote record.

One SQLite file in WAL mode, opened with check_same_thread=False so the web service can share it.
Note text is only ever the anonymised text; raw text never reaches this module.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from engine.core.errors import StoreError
from engine.store import migrations


@dataclass
class NewNote:
    """An anonymised note ready to store (never raw text)."""
    text: str
    content_hash: str   # of the anonymised text: the embedding cache key
    dedupe_key: str     # anonymised text + the note's id or position in its source: re-ingest adds nothing twice
    source_type: str
    date: str | None
    month: str | None
    area_code: str | None
    area_how: str
    age_band: str | None
    external_id: str | None
    redactions: list  # [{"entity_type","placeholder","start","end"}] offsets in the anonymised text
    original_spans: list | None = None  # offsets in the original text, for the submitter's preview; never stored


class StoreBase:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"Cannot open the database at {path}: {exc}. Check the path and permissions.") from None
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA secure_delete=ON")   # deleted content is overwritten with zeros (erasure, issue 16)
        conn.execute("PRAGMA busy_timeout=30000")
        self.db = sqlite_utils.Database(conn)
        migrations.apply(self.db)

    def close(self) -> None:
        self.db.conn.close()

    def q(self, sql: str, params=()) -> list[dict]:
        return [dict(r) for r in self.db.query(sql, params)]

    def q_in(self, sql: str, values: list, params=(), chunk: int = 500) -> list[dict]:
        """Rows of `sql` for every one of `values`, where `sql` holds `{marks}` inside `IN ({marks})`; run in
        chunks of `chunk` values so a long list stays under SQLite's limit on parameters. `params` come first."""
        out: list[dict] = []
        for start in range(0, len(values), chunk):
            part = list(values[start:start + chunk])
            out += self.q(sql.format(marks=",".join("?" * len(part))), [*params, *part])
        return out

