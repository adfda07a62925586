"""The store: the only module that knows the engine uses SQLite, and the only one that writes SQL.

One SQLite file in WAL mode, opened with check_same_thread=False so the web service can share it.
Note text is only ever the anonymised text; raw text never reaches this module.
"""
from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import sqlite_utils

from engine import migrations
from engine.errors import NotFoundError, StoreError


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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


class Store:
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
        conn.execute("PRAGMA busy_timeout=30000")
        self.db = sqlite_utils.Database(conn)
        migrations.apply(self.db)

    def close(self) -> None:
        self.db.conn.close()

    def q(self, sql: str, params=()) -> list[dict]:
        return [dict(r) for r in self.db.query(sql, params)]

    # ---- organisations and submissions -------------------------------------------------------
    def ensure_org(self, name: str, kind: str = "vcs") -> int:
        row = self.q("SELECT id FROM organisations WHERE name = ?", [name])
        if row:
            return row[0]["id"]
        return self.db["organisations"].insert({"name": name, "kind": kind, "created_at": _now()}).last_pk

    def add_submission(self, org_id: int, notes: list[NewNote], channel: str, consent_basis: str) -> dict:
        """Store a submission and its notes in one transaction. Notes already stored for the organisation
        (same dedupe key) are skipped, so re-ingesting a file adds nothing twice."""
        sub_id = uuid.uuid4().hex
        inserted: list[int] = []
        duplicates: list[int] = []
        conn = self.db.conn
        try:
            with conn:
                conn.execute(
                    "INSERT INTO submissions (id, org_id, channel, consent_basis, created_at, note_count)"
                    " VALUES (?, ?, ?, ?, ?, 0)",
                    (sub_id, org_id, channel, consent_basis, _now()),
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
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (sub_id, org_id, note.external_id, note.source_type, note.date, note.month, note.area_code,
                         note.area_how, note.age_band, note.text, note.content_hash, note.dedupe_key,
                         len(note.text.split()), _now()),
                    )
                    note_id = cur.lastrowid
                    inserted.append(note_id)
                    conn.executemany(
                        "INSERT INTO redactions (note_id, entity_type, placeholder, start, end) VALUES (?, ?, ?, ?, ?)",
                        [(note_id, r["entity_type"], r["placeholder"], r["start"], r["end"]) for r in note.redactions],
                    )
                conn.execute("UPDATE submissions SET note_count = ? WHERE id = ?", (len(inserted), sub_id))
        except sqlite3.Error as exc:
            raise StoreError(f"Could not store the submission ({exc}); nothing from it was saved. Try again.") from None
        return {"submission_id": sub_id, "note_ids": inserted, "duplicate_indexes": duplicates}

    # ---- notes -----------------------------------------------------------------------------
    def note(self, note_id: int) -> dict:
        rows = self.q(
            "SELECT n.*, o.name AS org FROM notes n JOIN organisations o ON o.id = n.org_id WHERE n.id = ?", [note_id]
        )
        if not rows:
            raise NotFoundError(f"No note with id {note_id}.")
        row = rows[0]
        row["redactions"] = self.q(
            "SELECT entity_type, placeholder, start, end FROM redactions WHERE note_id = ? ORDER BY start", [note_id]
        )
        row["themes"] = self.q(
            "SELECT theme_id, score, method, taxonomy_version FROM assignments WHERE note_id = ? ORDER BY score DESC",
            [note_id],
        )
        return row

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

    def count_notes(self) -> int:
        return self.db["notes"].count

    def all_note_texts(self) -> list[str]:
        return [r["text"] for r in self.q("SELECT text FROM notes")]

    # ---- embeddings --------------------------------------------------------------------------
    def get_embeddings(self, hashes: list[str], embedder_id: str) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(hashes), 500):
            chunk = hashes[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.query(
                f"SELECT content_hash, vector FROM embeddings WHERE embedder_id = ? AND content_hash IN ({marks})",
                [embedder_id, *chunk],
            ):
                found[row["content_hash"]] = np.frombuffer(row["vector"], dtype=np.float32)
        return found

    def put_embeddings(self, items: dict[str, np.ndarray], embedder_id: str) -> None:
        rows = [
            (h, embedder_id, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()
        ]
        with self.db.conn:
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO embeddings (content_hash, embedder_id, dim, vector) VALUES (?, ?, ?, ?)", rows
            )

    # ---- taxonomy and assignments ------------------------------------------------------------
    def record_taxonomy(self, label: str, content_hash: str, themes: list[dict]) -> int:
        """Return the version id for this exact taxonomy, recording a new immutable version if needed."""
        row = self.q("SELECT id FROM taxonomy_versions WHERE content_hash = ?", [content_hash])
        with self.db.conn:
            for t in themes:
                self.db.conn.execute(
                    "INSERT INTO themes (id, label, description, examples_json, parent, sensitive, status, origin)"
                    " VALUES (?, ?, ?, ?, ?, ?, 'active', ?) ON CONFLICT(id) DO UPDATE SET label=excluded.label,"
                    " description=excluded.description, examples_json=excluded.examples_json,"
                    " parent=excluded.parent, sensitive=excluded.sensitive",
                    (t["id"], t["label"], t["description"], json.dumps(t.get("examples", [])), t.get("parent"),
                     int(bool(t.get("sensitive"))), t.get("origin", "taxonomy")),
                )
        if row:
            return row[0]["id"]
        return self.db["taxonomy_versions"].insert(
            {"label": label, "content_hash": content_hash, "themes_json": json.dumps(themes), "created_at": _now()}
        ).last_pk

    def latest_taxonomy_version(self) -> int | None:
        row = self.q("SELECT MAX(id) AS v FROM taxonomy_versions")
        return row[0]["v"] if row else None

    def save_assignments(self, rows: list[dict]) -> None:
        with self.db.conn:
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO assignments (note_id, theme_id, score, method, taxonomy_version)"
                " VALUES (:note_id, :theme_id, :score, :method, :taxonomy_version)",
                rows,
            )

    def themes(self) -> list[dict]:
        rows = self.q("SELECT * FROM themes WHERE status = 'active' ORDER BY label")
        for r in rows:
            r["examples"] = json.loads(r.pop("examples_json") or "[]")
            r["sensitive"] = bool(r["sensitive"])
        return rows

    def theme(self, theme_id: str) -> dict:
        rows = [r for r in self.themes() if r["id"] == theme_id]
        if not rows:
            raise NotFoundError(f"No theme with id '{theme_id}'. GET /api/v1/themes lists the theme ids.")
        return rows[0]

    # ---- aggregates (raw counts: callers pass them through engine.suppression before they leave) ----
    def theme_note_counts(self, taxonomy_version: int) -> dict[str, int]:
        rows = self.q(
            "SELECT theme_id, COUNT(DISTINCT note_id) AS n FROM assignments WHERE taxonomy_version = ?"
            " GROUP BY theme_id",
            [taxonomy_version],
        )
        return {r["theme_id"]: r["n"] for r in rows}

    def theme_month_counts(self, taxonomy_version: int, theme_id: str) -> list[dict]:
        return self.q(
            "SELECT n.month AS month, COUNT(*) AS notes,"
            " (SELECT COUNT(*) FROM notes m WHERE m.month = n.month) AS all_notes"
            " FROM assignments a JOIN notes n ON n.id = a.note_id"
            " WHERE a.taxonomy_version = ? AND a.theme_id = ? AND n.month IS NOT NULL"
            " GROUP BY n.month ORDER BY n.month",
            [taxonomy_version, theme_id],
        )

    def theme_area_counts(self, taxonomy_version: int, theme_id: str) -> list[dict]:
        return self.q(
            "SELECT n.area_code AS area_code, ar.name AS area_name, COUNT(*) AS notes,"
            " (SELECT COUNT(*) FROM notes m WHERE m.area_code = n.area_code) AS all_notes"
            " FROM assignments a JOIN notes n ON n.id = a.note_id LEFT JOIN areas ar ON ar.code = n.area_code"
            " WHERE a.taxonomy_version = ? AND a.theme_id = ? GROUP BY n.area_code ORDER BY notes DESC",
            [taxonomy_version, theme_id],
        )

    def theme_notes_for_quotes(self, taxonomy_version: int, theme_id: str, limit: int = 400) -> list[dict]:
        return self.q(
            "SELECT n.id, n.text, n.content_hash, n.area_code, n.month, a.score FROM assignments a"
            " JOIN notes n ON n.id = a.note_id WHERE a.taxonomy_version = ? AND a.theme_id = ?"
            " ORDER BY a.score DESC LIMIT ?",
            [taxonomy_version, theme_id, limit],
        )

    def theme_area_month_counts(self, taxonomy_version: int, level: str = "ward") -> list[dict]:
        """Notes per area x month x theme, and all notes per area x month, for the evidence link."""
        area_expr = "n.area_code" if level == "ward" else "COALESCE(ar.parent_code, n.area_code)"
        return self.q(
            f"SELECT {area_expr} AS area_code, n.month AS month, a.theme_id AS theme_id, COUNT(*) AS notes"
            " FROM assignments a JOIN notes n ON n.id = a.note_id LEFT JOIN areas ar ON ar.code = n.area_code"
            " WHERE a.taxonomy_version = ? AND n.area_code IS NOT NULL AND n.month IS NOT NULL"
            " GROUP BY 1, 2, 3",
            [taxonomy_version],
        )

    def area_month_totals(self, level: str = "ward") -> list[dict]:
        area_expr = "n.area_code" if level == "ward" else "COALESCE(ar.parent_code, n.area_code)"
        return self.q(
            f"SELECT {area_expr} AS area_code, n.month AS month, COUNT(*) AS notes FROM notes n"
            " LEFT JOIN areas ar ON ar.code = n.area_code"
            " WHERE n.area_code IS NOT NULL AND n.month IS NOT NULL GROUP BY 1, 2"
        )

    # ---- emergent themes -----------------------------------------------------------------------
    def replace_emergent(self, run_id: str, candidates: list[dict]) -> None:
        with self.db.conn:
            self.db.conn.execute("DELETE FROM emergent_themes WHERE status = 'proposed'")
            for c in candidates:
                self.db.conn.execute(
                    "INSERT INTO emergent_themes (run_id, label, keywords_json, size, note_ids_json,"
                    " quotes_json, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'proposed', ?)",
                    (run_id, c["label"], json.dumps(c["keywords"]), c["size"], json.dumps(c["note_ids"]),
                     json.dumps(c["quotes"]), _now()),
                )

    def emergent(self) -> list[dict]:
        rows = self.q("SELECT * FROM emergent_themes WHERE status = 'proposed' ORDER BY size DESC")
        for r in rows:
            r["keywords"] = json.loads(r.pop("keywords_json"))
            r["note_ids"] = json.loads(r.pop("note_ids_json"))
            r["quotes"] = json.loads(r.pop("quotes_json"))
        return rows

    # ---- areas and indicators --------------------------------------------------------------------
    def upsert_areas(self, areas: list[dict]) -> None:
        self.db["areas"].upsert_all(
            [{k: a.get(k) for k in ("code", "name", "level", "parent_code", "vintage")} for a in areas], pk="code"
        )

    def add_area_aliases(self, aliases: list[dict]) -> None:
        self.db["area_aliases"].upsert_all(aliases, pk=("alias", "kind", "area_code"))

    def areas(self, level: str | None = None) -> list[dict]:
        if level:
            return self.q("SELECT * FROM areas WHERE level = ? ORDER BY name", [level])
        return self.q("SELECT * FROM areas ORDER BY level, name")

    def area_names(self) -> list[str]:
        return [r["name"] for r in self.q("SELECT DISTINCT name FROM areas WHERE name IS NOT NULL")]

    def area(self, code: str) -> dict | None:
        rows = self.q("SELECT * FROM areas WHERE code = ?", [code])
        return rows[0] if rows else None

    def area_by_alias(self, alias: str, kind: str) -> list[str]:
        return [r["area_code"] for r in self.q(
            "SELECT area_code FROM area_aliases WHERE alias = ? AND kind = ?", [alias, kind])]

    def upsert_indicator(self, meta: dict) -> None:
        self.db["indicators"].upsert(
            {k: meta.get(k) for k in ("id", "label", "unit", "polarity", "source", "licence", "description")},
            pk="id",
        )

    def add_observations(self, rows: list[dict]) -> None:
        self.db["observations"].upsert_all(rows, pk=("indicator_id", "area_code", "period"))

    def indicators(self) -> list[dict]:
        return self.q("SELECT * FROM indicators ORDER BY id")

    def observations(self, indicator_id: str) -> list[dict]:
        return self.q(
            "SELECT area_code, period, value, numerator, denominator FROM observations WHERE indicator_id = ?",
            [indicator_id],
        )

    def link_theme_indicator(self, theme_id: str, indicator_id: str, polarity: str) -> None:
        self.db["theme_indicator_links"].upsert(
            {"theme_id": theme_id, "indicator_id": indicator_id, "polarity": polarity}, pk=("theme_id", "indicator_id")
        )

    def theme_indicator_links(self) -> list[dict]:
        return self.q("SELECT * FROM theme_indicator_links ORDER BY theme_id")
