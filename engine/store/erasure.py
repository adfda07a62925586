"""SQL for erasure and retention: take notes out of the database with everything derived from them, and leave
no byte of their text in the file, its write-ahead log or the free pages.

What goes with a note (`erase_notes`, one transaction):
    every row of every table with a `note_id` column (assignments, corrections, redactions, quote holds, and any
        table a later migration adds: found from the schema, not from a list, so a new table cannot be missed)
    its embedding, unless another note left in the database has the same content hash
    its quotes, keywords and membership in emergent-theme candidates (a proposed candidate left with no notes goes)
    quotes held back with no note id whose text is part of the note
    its submission, once no note of the submission is left, with the rows of any table keyed on `submission_id`
What is done to the files afterwards (`scrub_files`): full-text indexes merged (`optimize`), VACUUM (rewrites the
file, so no deleted text survives in a free page or in the unused space of a page), and a WAL checkpoint that
TRUNCATEs the log to zero bytes. Every connection runs with `PRAGMA secure_delete=ON` (engine/store/base.py), so
deleted content is overwritten with zeros even before that.

Retention: an organisation's own period in months (NULL: the deployment's default) and the notes stored
before a cut-off time.
"""
from __future__ import annotations

import json
import re

from engine.core.errors import NotFoundError, StoreError

_PLACEHOLDER = re.compile(r"<[A-Z_]+(?:[:_][^>]*)?>")   # as themes.assign.PLACEHOLDER: how quotes were made


def _plain(text: str) -> str:
    """Text as an emergent quote is made from it: placeholders out, white space collapsed, lower case."""
    return re.sub(r"\s+", " ", _PLACEHOLDER.sub(" ", text or "")).strip().lower()


class ErasureStore:
    # ---- the schema, read rather than listed ---------------------------------------------------------
    def _ordinary_tables(self) -> list[str]:
        """The tables of the schema (SQLAlchemy's inspector: the same call on SQLite and PostgreSQL), a full-text
        index and its shadow tables left out."""
        fts = set(self.fts_tables())
        return sorted(t for t in self.db.inspector().get_table_names()
                      if t not in fts and not any(t.startswith(f + "_") for f in fts))

    def tables_with_column(self, column: str) -> list[str]:
        """Every ordinary table that has `column` (the notes table itself left out)."""
        insp = self.db.inspector()
        return [name for name in self._ordinary_tables()
                if name != "notes" and column in {c["name"] for c in insp.get_columns(name)}]

    def note_columns(self) -> list[tuple[str, str]]:
        """(table, column) of every column that names a note: each `note_id`, and each foreign key to notes."""
        out = {(t, "note_id") for t in self.tables_with_column("note_id")}
        insp = self.db.inspector()
        for name in self._ordinary_tables():
            for fk in insp.get_foreign_keys(name):
                if fk["referred_table"] == "notes" and name != "notes":
                    out.update((name, c) for c in fk["constrained_columns"])
        return sorted(out)

    def fts_tables(self) -> list[str]:
        """SQLite's full-text indexes (PostgreSQL has none here)."""
        if self.dialect != "sqlite":
            return []
        return [r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND"
                                              " sql LIKE 'CREATE VIRTUAL TABLE%USING fts%'").fetchall()]

    # ---- what an erasure would take ------------------------------------------------------------------
    def erasure_note_ids(self, *, submission_id: str | None = None, note_id: int | None = None,
                         org_id: int | None = None) -> list[int]:
        """The ids of the notes of one submission or the one note (of `org_id` only, when given)."""
        where, params = (["submission_id = ?"], [submission_id]) if submission_id is not None else (["id = ?"],
                                                                                                    [note_id])
        if org_id is not None:
            where.append("org_id = ?")
            params.append(org_id)
        ids = [r["id"] for r in self.q(f"SELECT id FROM notes WHERE {' AND '.join(where)} ORDER BY id", params)]
        if not ids and submission_id is not None:
            exists = self.q("SELECT 1 FROM submissions WHERE id = ?" + (" AND org_id = ?" if org_id is not None
                                                                          else ""),
                            [submission_id] + ([org_id] if org_id is not None else []))
            if exists:
                return []
        if not ids:
            what = f"submission '{submission_id}'" if submission_id is not None else f"note {note_id}"
            raise NotFoundError(f"There is no {what}" + (" in your organisation" if org_id is not None else "")
                                + " (it may have been erased already).",
                                fix="Check the id: `insights ingest --json` prints a submission's id, and "
                                    "GET /api/v1/notes lists notes with their submission ids.")
        return ids

    def erasure_org(self, note_ids: list[int], submission_id: str | None = None) -> int | None:
        """The organisation of a submission (or of the first of these notes)."""
        if submission_id is not None:
            rows = self.q("SELECT org_id FROM submissions WHERE id = ?", [submission_id])
        else:
            rows = self.q_in("SELECT org_id FROM notes WHERE id IN ({marks})", note_ids)
        return rows[0]["org_id"] if rows else None

    def erasure_counts(self, note_ids: list[int]) -> dict:
        """How many rows erasing these notes would take out, per table (no text)."""
        counts = {"notes": len(note_ids)}
        for table, column in self.note_columns():
            n = sum(r["n"] for r in self.q_in(f'SELECT COUNT(*) AS n FROM "{table}" WHERE "{column}" IN ({{marks}})',
                                              note_ids))
            if n:
                counts[table] = counts.get(table, 0) + n
        counts["embeddings"] = len(self._orphaned_hashes(note_ids))
        counts["emergent_themes"] = len(self._emergent_touched(set(note_ids)))
        subs = {r["submission_id"] for r in self.q_in("SELECT submission_id FROM notes WHERE id IN ({marks})",
                                                      note_ids)}
        counts["submissions"] = len(self._emptied_submissions(subs, note_ids))
        return counts

    def _orphaned_hashes(self, note_ids: list[int]) -> list[str]:
        """Content hashes of these notes that no other note shares: their embeddings go with them."""
        hashes = {r["content_hash"] for r in self.q_in("SELECT content_hash FROM notes WHERE id IN ({marks})",
                                                       note_ids)}
        gone = set(note_ids)
        kept = {r["content_hash"] for r in self.q_in("SELECT id, content_hash FROM notes WHERE content_hash IN"
                                                     " ({marks})", sorted(hashes)) if r["id"] not in gone}
        return sorted(hashes - kept)

    def _emptied_submissions(self, submission_ids: set, note_ids: list[int]) -> list[str]:
        gone = set(note_ids)
        out = []
        for sub in sorted(submission_ids):
            left = [r["id"] for r in self.q("SELECT id FROM notes WHERE submission_id = ?", [sub]) if r["id"] not in gone]
            if not left:
                out.append(sub)
        return out

    def _emergent_touched(self, gone: set) -> list[dict]:
        rows = self.q("SELECT id, label, keywords_json, note_ids_json, quotes_json, quote_note_ids_json, status"
                      " FROM emergent_themes")
        return [r for r in rows if gone & set(json.loads(r["note_ids_json"] or "[]"))
                or gone & set(json.loads(r["quote_note_ids_json"] or "[]"))]

    # ---- erasing ---------------------------------------------------------------------------------------
    def erase_notes(self, note_ids: list[int], *, submission_ids: list[str] = ()) -> dict:
        """Delete the notes and everything derived from them, in one transaction; returns rows taken per table.
        `submission_ids`: submissions to take out as well even if they hold no note (erasing a submission)."""
        note_ids = sorted({int(i) for i in note_ids})
        counts: dict[str, int] = {}
        texts = [r["text"] for r in self.q_in("SELECT text FROM notes WHERE id IN ({marks})", note_ids)]
        subs = {r["submission_id"] for r in self.q_in("SELECT submission_id FROM notes WHERE id IN ({marks})",
                                                      note_ids)} | set(submission_ids)
        hashes = self._orphaned_hashes(note_ids) if note_ids else []
        emptied = self._emptied_submissions(subs, note_ids)
        conn = self.db.conn
        try:
            with conn:
                counts["emergent_themes"] = self._scrub_emergent(conn, set(note_ids), texts)
                counts["quote_holds_unlinked"] = self._scrub_unlinked_holds(conn, texts)
                for table, column in self.note_columns():
                    counts[table] = counts.get(table, 0) + self._delete_in(conn, table, column, note_ids)
                counts["embeddings"] = self._delete_in(conn, "embeddings", "content_hash", hashes)
                counts["notes"] = self._delete_in(conn, "notes", "id", note_ids)
                for table in self.tables_with_column("submission_id"):
                    counts[table] = counts.get(table, 0) + self._delete_in(conn, table, "submission_id", emptied)
                counts["submissions"] = self._delete_in(conn, "submissions", "id", emptied)
                for sub in sorted(subs - set(emptied)):
                    conn.execute("UPDATE submissions SET note_count = (SELECT COUNT(*) FROM notes WHERE"
                                 " submission_id = ?) WHERE id = ?", (sub, sub))
                for table in self.fts_tables():   # an external-content index forgets through its own triggers
                    conn.execute(f"INSERT INTO \"{table}\"(\"{table}\") VALUES ('optimize')")
        except Exception as exc:
            raise StoreError(f"Could not erase the notes ({type(exc).__name__}); nothing was erased. Try again.",
                             fix="Check that no other program holds the database locked, then run the erasure "
                                 "again.") from None
        return {k: v for k, v in counts.items() if v}

    @staticmethod
    def _delete_in(conn, table: str, column: str, values: list, chunk: int = 500) -> int:
        n = 0
        for start in range(0, len(values), chunk):
            part = list(values[start:start + chunk])
            n += conn.execute(f'DELETE FROM "{table}" WHERE "{column}" IN ({",".join("?" * len(part))})',
                              part).rowcount
        return n

    def _scrub_unlinked_holds(self, conn, texts: list[str]) -> int:
        """Held quotes recorded without a note id (emergent quotes of old candidates) that come from these notes."""
        plain = [_plain(t) for t in texts]
        ids = [r["id"] for r in self.q("SELECT id, quote_text FROM quote_holds WHERE note_id IS NULL")
               if any(_plain(r["quote_text"]) and _plain(r["quote_text"]) in p for p in plain)]
        return self._delete_in(conn, "quote_holds", "id", ids)

    def _scrub_emergent(self, conn, gone: set, texts: list[str]) -> int:
        """Candidates lose the erased notes, their quotes and any keyword only they had; a proposed candidate
        left with no notes goes. Reviewed ones (promoted, merged, dismissed) stay as history, emptied."""
        plain = [_plain(t) for t in texts]
        touched = self._emergent_touched(gone)
        for r in touched:
            note_ids = [i for i in json.loads(r["note_ids_json"] or "[]") if i not in gone]
            quotes = json.loads(r["quotes_json"] or "[]")
            quoted = json.loads(r["quote_note_ids_json"]) if r["quote_note_ids_json"] else None
            aligned = quoted is not None and len(quoted) == len(quotes)
            keep = [k for k, q in enumerate(quotes)
                    if not (aligned and quoted[k] in gone) and not any(_plain(q) in p for p in plain if _plain(q))]
            others = [_plain(x["text"]) for x in self.q_in("SELECT text FROM notes WHERE id IN ({marks})", note_ids)]
            keywords = json.loads(r["keywords_json"] or "[]")
            dropped = [w for w in keywords if any(w.lower() in p for p in plain) and not any(w.lower() in o
                                                                                            for o in others)]
            keywords = [w for w in keywords if w not in dropped]
            label = r["label"] or ""
            if any(part in label.lower() for w in dropped for part in w.lower().split()):
                label = (keywords[0][:1].upper() + keywords[0][1:]) if keywords else "Theme of erased notes"
            if not note_ids and r["status"] == "proposed":
                conn.execute("DELETE FROM emergent_themes WHERE id = ?", (r["id"],))
                continue
            conn.execute("UPDATE emergent_themes SET label = ?, keywords_json = ?, note_ids_json = ?, size = ?,"
                         " quotes_json = ?, quote_note_ids_json = ? WHERE id = ?",
                         (label, json.dumps(keywords), json.dumps(note_ids), len(note_ids),
                          json.dumps([quotes[k] for k in keep]),
                          json.dumps([quoted[k] for k in keep]) if aligned else json.dumps(note_ids), r["id"]))
        return len(touched)

    def scrub_files(self) -> dict:
        """Leave no deleted byte in the files: full-text indexes rebuilt, VACUUM, then the write-ahead log
        checkpointed and truncated to zero bytes. Returns {"wal_truncated": bool}; False when another connection
        kept reading through every try (its next write leaves the old frames behind: run it again then)."""
        if self.dialect != "sqlite":
            return self._vacuum_server()
        conn = self.db.conn
        for table in self.fts_tables():
            with conn:
                conn.execute(f"INSERT INTO \"{table}\"(\"{table}\") VALUES ('rebuild')")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if str(self.path) != ":memory:":
            conn.execute("VACUUM")
        busy = 1
        for _ in range(5):
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if not busy:
                break
        return {"wal_truncated": not busy}

    def _vacuum_server(self) -> dict:
        """PostgreSQL: VACUUM FULL rewrites the tables that hold note text or what was made from it, so no deleted
        row is left in their files (the server's own write-ahead log and base backups keep it until they are
        recycled: see the README). There is no SQLite log to truncate here."""
        tables = sorted({"notes", "submissions", "embeddings", "emergent_themes", "quote_holds"}
                        | {t for t, _ in self.note_columns()})
        with self.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM FULL " + ", ".join(self.db.quote(t) for t in tables))
        return {"wal_truncated": True}

    # ---- retention ------------------------------------------------------------------------------------
    def organisations(self) -> list[dict]:
        return self.q("SELECT id, name, kind, retention_months FROM organisations ORDER BY name")

    def org_id_named(self, name: str) -> int:
        rows = self.q("SELECT id FROM organisations WHERE name = ?", [name])
        if not rows:
            raise NotFoundError(f"There is no organisation named '{name}'.",
                                fix="`insights retention show` lists the organisations.")
        return rows[0]["id"]

    def set_retention_months(self, org_id: int, months: int | None) -> None:
        with self.db.conn:
            self.db.conn.execute("UPDATE organisations SET retention_months = ? WHERE id = ?", (months, org_id))

    def notes_stored_before(self, org_id: int, cutoff: str, limit: int | None = None) -> list[dict]:
        """Notes of the organisation stored before `cutoff` (ISO time, UTC), oldest first: ids and dates only."""
        return self.q("SELECT id, submission_id, org_id, month, created_at FROM notes WHERE org_id = ? AND"
                      " created_at < ? ORDER BY created_at, id" + (" LIMIT ?" if limit else ""),
                      [org_id, cutoff] + ([limit] if limit else []))
