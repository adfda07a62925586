"""Has anything been written? A number that moves whenever a write commits, read on a connection kept for this.

SQLite: its own `PRAGMA data_version`, which changes whenever any other connection, in this process or another,
commits to the database file. PostgreSQL has nothing like it, so the store keeps a change counter: every write
transaction made through engine/store/db.py adds one to `_changes.n` inside that transaction, so the new number
is seen exactly when the new rows are (a write made outside this engine, say with psql, is not counted). A cache
keyed on `stamp()` never serves a view from before a write.
"""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from engine.store.db import Database, DatabaseError, is_url


class ChangeStamp:
    def __init__(self, db_path: Path | str):
        self.db_path = str(db_path)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._server: Database | None = Database(self.db_path, count_changes=False) if is_url(self.db_path) else None

    def stamp(self) -> int:
        if self._server is not None:
            try:
                row = self._server.execute("SELECT n FROM _changes WHERE id = 1").fetchone()
            except DatabaseError:
                return -1                       # not migrated yet: the store makes the counter when it opens
            return row[0] if row else -1
        with self._lock:
            if self._conn is None:
                self._conn = sqlite3.connect(self.db_path, check_same_thread=False)
            return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
