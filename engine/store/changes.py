"""Has anything been written? SQLite's own `PRAGMA data_version`, read on a connection kept for this alone.

The number changes whenever any other connection, in this process or another, commits to the database, so a
cache keyed on it never serves a view from before a write. (A server database would use a change counter or
LISTEN/NOTIFY behind the same `stamp()`.)
"""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class ChangeStamp:
    def __init__(self, db_path: Path | str):
        self.db_path = str(db_path)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def stamp(self) -> int:
        with self._lock:
            if self._conn is None:
                self._conn = sqlite3.connect(self.db_path, check_same_thread=False)
            return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
