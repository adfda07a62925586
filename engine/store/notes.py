"""SQL for organisations, submissions, notes and embeddings."""
from __future__ import annotations

import uuid

import numpy as np

from engine.core.errors import NotFoundError, StoreError
from engine.store.base import NewNote
from engine.store.clock import now as _now
from engine.store.db import DatabaseError
from engine.store.themes import COUNTED, IN_FORCE

_FILTER_SQL = {"month_from": "n.month >= ?", "month_to": "n.month <= ?", "area_code": "n.area_code = ?",
               "source_type": "n.source_type = ?", "org_id": "n.org_id = ?"}


def _conditions(where: list[str], params: list, **filters) -> tuple[list[str], list]:
    """`where` and `params` extended with one condition on the notes table (alias n) per filter given."""
    for name, value in filters.items():
        if value is not None:
            where.append(_FILTER_SQL[name])
            params.append(value)
    return where, params


# The notes placed in an area or in any area inside it (a council's wards, a region's councils): two params, the code.
INSIDE_AREA = ("(n.area_code = ? OR n.area_code IN (SELECT code FROM areas WHERE ? IN"
               " (parent_code, msoa_code, lad_code, utla_code, region_code)))")


def counted_where(*, month_from: str | None = None, month_to: str | None = None, area_code: str | None = None,
                  source_type: str | None = None, org_id: int | None = None) -> tuple[list[str], list]:
    """The conditions (alias n) on the counted notes (a flagged near-duplicate left out) matching every filter
    given; `area_code` takes the notes placed in that area or in any area inside it."""
    where, params = _conditions([COUNTED], [], month_from=month_from, month_to=month_to, source_type=source_type,
                                org_id=org_id)
    if area_code is not None:
        where.append(INSIDE_AREA)
        params += [area_code, area_code]
    return where, params


class NotesStore:
    # ---- organisations and submissions -------------------------------------------------------
    def ensure_org(self, name: str, kind: str = "vcs") -> int:
        row = self.q("SELECT id FROM organisations WHERE name = ?", [name])
        if row:
            return row[0]["id"]
        return self.db["organisations"].insert({"name": name, "kind": kind, "created_at": _now()}).last_pk

    def add_submission(self, org_id: int, notes: list[NewNote], channel: str, consent_basis: str,
                       consent_reference: str | None = None, recorded_by: str | None = None) -> dict:
        """Store a submission and its notes in one transaction. Notes already stored for the organisation
        (same dedupe key) are skipped, so re-ingesting a file adds nothing twice. The consent record (basis,
        reference, who recorded it) is checked by engine/agreements.py `check_consent` before this is called."""
        sub_id = uuid.uuid4().hex
        inserted: list[int] = []
        duplicates: list[int] = []
        conn = self.db.conn
        try:
            with conn:
                conn.execute(
                    "INSERT INTO submissions (id, org_id, channel, consent_basis, consent_reference, recorded_by,"
                    " created_at, note_count) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                    (sub_id, org_id, channel, consent_basis, consent_reference, recorded_by, _now()),
                )
                seen: set[str] = set()
                for i, note in enumerate(notes):
                    exists = conn.execute(
                        "SELECT id FROM notes WHERE org_id = ? AND dedupe_key = ?", (org_id, note.dedupe_key)
                    ).fetchone()
                    if exists or note.dedupe_key in seen:
                        duplicates.append(i)
                        continue
                    seen.add(note.dedupe_key)
                    cur = conn.execute(
                        "INSERT INTO notes (submission_id, org_id, external_id, source_type, date, month, area_code,"
                        " area_how, age_band, text, content_hash, dedupe_key, word_count, created_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        (sub_id, org_id, note.external_id, note.source_type, note.date, note.month, note.area_code,
                         note.area_how, note.age_band, note.text, note.content_hash, note.dedupe_key,
                         len(note.text.split()), _now()),
                    )
                    note_id = cur.lastrowid
                    inserted.append(note_id)
                    conn.executemany(
                        "INSERT INTO redactions (note_id, entity_type, placeholder, start, \"end\") VALUES (?, ?, ?, ?, ?)",
                        [(note_id, r["entity_type"], r["placeholder"], r["start"], r["end"]) for r in note.redactions],
                    )
                conn.execute("UPDATE submissions SET note_count = ? WHERE id = ?", (len(inserted), sub_id))
        except DatabaseError as exc:
            raise StoreError(f"Could not store the submission ({type(getattr(exc, 'orig', exc)).__name__}); nothing"
                             " from it was saved. Try again.") from None
        return {"submission_id": sub_id, "note_ids": inserted, "duplicate_indexes": duplicates}

    # ---- notes -----------------------------------------------------------------------------
    def note(self, note_id: int) -> dict:
        """One note, whatever its organisation: for the engine's own jobs (corrections, tests). Anything that
        shows note text to a person goes through `note_for_org` / `notes_for_org` instead."""
        rows = self.q(
            "SELECT n.*, o.name AS org FROM notes n JOIN organisations o ON o.id = n.org_id WHERE n.id = ?", [note_id]
        )
        if not rows:
            raise NotFoundError(f"No note with id {note_id}.")
        row = rows[0]
        row["redactions"] = self.q(
            "SELECT entity_type, placeholder, start, \"end\" FROM redactions WHERE note_id = ? ORDER BY start", [note_id]
        )
        row["themes"] = self.q(
            "SELECT theme_id, score, method, taxonomy_version FROM assignments WHERE note_id = ? ORDER BY score DESC",
            [note_id],
        )
        return row

    # ---- organisation-scoped reads: the only way note text leaves the store for a person ----------------
    def notes_for_org(self, org_id: int, *, after_id: int = 0, limit: int = 50, month_from: str | None = None,
                      month_to: str | None = None, area_code: str | None = None, theme_id: str | None = None,
                      source_type: str | None = None) -> list[dict]:
        """The organisation's own notes, oldest first, after `after_id` (keyset pagination). Never another
        organisation's: the org id is part of every query."""
        where, params = _conditions(["n.org_id = ?", "n.id > ?"], [org_id, after_id], month_from=month_from,
                                    month_to=month_to, area_code=area_code, source_type=source_type)
        if theme_id is not None:
            where.append("EXISTS (SELECT 1 FROM assignments a WHERE a.note_id = n.id"
                         " AND a.taxonomy_version = n.taxonomy_version AND a.theme_id = ?)")
            params.append(theme_id)
        rows = self.q(
            "SELECT n.id, n.submission_id, n.external_id, n.source_type, n.month, n.area_code, n.area_how,"
            " n.age_band, n.text, n.word_count, n.created_at, s.consent_basis, s.consent_reference, s.recorded_by FROM notes n"
            " JOIN submissions s ON s.id = n.submission_id"
            f" WHERE {' AND '.join(where)} ORDER BY n.id LIMIT ?",
            [*params, limit],
        )
        self._attach_themes(rows)
        return rows

    def note_for_org(self, org_id: int, note_id: int) -> dict:
        """One note, only if it belongs to the organisation (otherwise not found, so ids are not confirmed)."""
        rows = self.q(
            "SELECT n.id, n.submission_id, n.external_id, n.source_type, n.month, n.area_code, n.area_how,"
            " n.age_band, n.text, n.word_count, n.created_at, s.consent_basis, s.consent_reference, s.recorded_by FROM notes n"
            " JOIN submissions s ON s.id = n.submission_id WHERE n.id = ? AND n.org_id = ?", [note_id, org_id]
        )
        if not rows:
            raise NotFoundError(f"Your organisation has no note with id {note_id}.",
                                fix="GET /api/v1/notes lists your organisation's notes and their ids.")
        rows[0]["redactions"] = self.q(
            "SELECT entity_type, placeholder, start, \"end\" FROM redactions WHERE note_id = ? ORDER BY start", [note_id]
        )
        self._attach_themes(rows)
        return rows[0]

    def _attach_themes(self, rows: list[dict]) -> None:
        if not rows:
            return
        marks = ",".join("?" * len(rows))
        found: dict[int, list] = {}
        for a in self.q(
            "SELECT a.note_id, a.theme_id, a.score, a.method FROM assignments a JOIN notes n ON n.id = a.note_id"
            f" AND a.taxonomy_version = n.taxonomy_version WHERE a.theme_id != '' AND a.note_id IN ({marks})"
            " ORDER BY a.score DESC",
            [r["id"] for r in rows],
        ):
            found.setdefault(a.pop("note_id"), []).append(a)
        for r in rows:
            r["themes"] = found.get(r["id"], [])

    def notes_needing_assignment(self, taxonomy_version: int) -> list[dict]:
        """Notes with no assignment row under this taxonomy version. A note that matched no theme is
        recorded with theme_id '' (unassigned), so it is not assigned again."""
        return self.q(
            "SELECT id, text, content_hash FROM notes n WHERE NOT EXISTS"
            " (SELECT 1 FROM assignments a WHERE a.note_id = n.id AND a.taxonomy_version = ?) ORDER BY id",
            [taxonomy_version],
        )

    def unassigned_notes(self, taxonomy_version: int) -> list[dict]:
        return self.q(
            "SELECT n.id, n.text, n.content_hash FROM notes n JOIN assignments a ON a.note_id = n.id"
            " WHERE a.taxonomy_version = ? AND a.theme_id = '' ORDER BY n.id",
            [taxonomy_version],
        )

    def assigned_notes_sample(self, taxonomy_version: int, limit: int) -> list[dict]:
        """Up to `limit` notes that have a theme, spread evenly over the collection (deterministic)."""
        rows = self.q(
            "SELECT DISTINCT n.id, n.text FROM notes n JOIN assignments a ON a.note_id = n.id"
            " WHERE a.taxonomy_version = ? AND a.theme_id != '' ORDER BY n.id",
            [taxonomy_version],
        )
        step = max(1, len(rows) // max(1, limit))
        return rows[::step][:limit]

    def theme_note_counts_where(self, *, month_from: str | None = None, month_to: str | None = None,
                                area_code: str | None = None, source_type: str | None = None,
                                org_id: int | None = None) -> dict[str, int]:
        """Notes per theme in force, among the notes that match every filter given (raw counts: pass them
        through engine.publish.suppression). `area_code` takes the notes placed in that area or in any area inside it
        (a council's wards, a region's councils)."""
        where, params = counted_where(month_from=month_from, month_to=month_to, area_code=area_code,
                                      source_type=source_type, org_id=org_id)
        rows = self.q(f"SELECT a.theme_id, COUNT(DISTINCT a.note_id) AS n FROM assignments a JOIN notes n ON {IN_FORCE}"
                      f" WHERE {' AND '.join(where)} GROUP BY a.theme_id", params)
        return {r["theme_id"]: r["n"] for r in rows}

    def org_notes_today(self, org_id: int) -> int:
        """Notes the organisation has stored since midnight UTC, plus those in its upload jobs started today and
        still queued or running (counted in full until they finish: a quota errs towards refusing)."""
        midnight = _now()[:10] + "T00:00:00+00:00"
        stored = self.q("SELECT COUNT(*) AS n FROM notes WHERE org_id = ? AND created_at >= ?", [org_id, midnight])
        pending = self.q("SELECT COALESCE(SUM(total), 0) / 2 AS n FROM jobs WHERE org_id = ? AND kind = 'upload'"
                         " AND status IN ('queued', 'running') AND created_at >= ?", [org_id, midnight])
        return stored[0]["n"] + pending[0]["n"]

    def count_notes(self) -> int:
        return self.db["notes"].count

    def all_note_texts(self) -> list[str]:
        return [r["text"] for r in self.q("SELECT text FROM notes")]

    # ---- embeddings --------------------------------------------------------------------------
    def get_embeddings(self, hashes: list[str], embedder_id: str) -> dict[str, np.ndarray]:
        rows = self.q_in("SELECT content_hash, vector FROM embeddings WHERE embedder_id = ?"
                         " AND content_hash IN ({marks})", hashes, [embedder_id])
        return {row["content_hash"]: np.frombuffer(row["vector"], dtype=np.float32) for row in rows}

    def put_embeddings(self, items: dict[str, np.ndarray], embedder_id: str) -> None:
        rows = [
            (h, embedder_id, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()
        ]
        with self.db.conn:
            self.db.conn.executemany(
                "INSERT INTO embeddings (content_hash, embedder_id, dim, vector) VALUES (?, ?, ?, ?) ON CONFLICT"
                " (content_hash, embedder_id) DO UPDATE SET dim = excluded.dim, vector = excluded.vector", rows
            )

