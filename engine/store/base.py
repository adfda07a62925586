"""The store's base: the connection (engine/store/db.py: a SQLite file or a PostgreSQL URL), the migrations,
and the NewNote record.

A SQLite file runs in WAL mode; a PostgreSQL database is reached through a shared connection pool. Note text is
only ever the anonymised text; raw text never reaches this module.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.core.errors import StoreError
from engine.store import migrations
from engine.store.db import Database, is_url, safe_target


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
        """`path`: a SQLite file (made with its folder when missing), ":memory:", or postgresql://user@host/db."""
        self.path = str(path) if is_url(path) else Path(path)
        if not is_url(path) and str(path) != ":memory:":
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"Cannot open the database at {path}: {exc}. Check the path and permissions.") from None
        self.db = Database(path, count_changes=False)
        try:
            migrations.apply(self.db)
        except BaseException:
            self.db.close()
            raise

    @property
    def dialect(self) -> str:
        """"sqlite" or "postgresql": the one check for what only one of them has."""
        return self.db.dialect

    @property
    def where(self) -> str:
        """The database, for a message: the file, or the URL with its password masked."""
        return safe_target(self.path)

    def close(self) -> None:
        self.db.close()

    def q(self, sql: str, params=()) -> list[dict]:
        return self.db.execute(sql, params).dicts()

    def q_in(self, sql: str, values: list, params=(), chunk: int = 500) -> list[dict]:
        """Rows of `sql` for every one of `values`, where `sql` holds `{marks}` inside `IN ({marks})`; run in
        chunks of `chunk` values so a long list stays under SQLite's limit on parameters. `params` come first."""
        out: list[dict] = []
        for start in range(0, len(values), chunk):
            part = list(values[start:start + chunk])
            out += self.q(sql.format(marks=",".join("?" * len(part))), [*params, *part])
        return out


def marks(values) -> str:
    """`?, ?, ...` for an IN list; an empty list gives NULL (matches nothing), as `IN ()` is not portable SQL."""
    return ",".join("?" * len(values)) or "NULL"
