"""SQL for taxonomy versions, assignments, theme aggregates and emergent themes.

Each note's assignments *in force* are those made under the taxonomy version recorded on the note
(`notes.taxonomy_version`); older rows stay as history. New notes never change old notes' rows: only an
explicit refit writes a note's assignments again. The current taxonomy is the latest one *activated*
(loaded, edited or promoted into), which need not be the latest one recorded.
"""
from __future__ import annotations

import json

from engine.core.errors import NotFoundError
from engine.store.clock import now as _now

IN_FORCE = "a.note_id = n.id AND a.taxonomy_version = n.taxonomy_version"
# Published counts count a note once: a note flagged as the near-duplicate of an earlier one (m015, not marked
# "not a duplicate" by an analyst) is left out of every aggregate below. `COUNTED_M` is the same for alias m.
COUNTED = "n.id NOT IN (SELECT note_id FROM near_duplicates WHERE status = 'flagged')"
COUNTED_M = COUNTED.replace("n.id", "m.id")


class ThemesStore:
    # ---- taxonomy versions -------------------------------------------------------------------
    def record_taxonomy(self, label: str, content_hash: str, themes: list[dict], activate: bool = False,
                        parent_version: int | None = None, change: str | None = None) -> int:
        """Return the version id for this exact taxonomy, recording a new immutable version if needed.
        It becomes the current taxonomy when `activate` is set or when there is none yet."""
        row = self.q("SELECT id FROM taxonomy_versions WHERE content_hash = ?", [content_hash])
        if row:
            version = row[0]["id"]
        else:
            version = self.db["taxonomy_versions"].insert(
                {"label": label, "content_hash": content_hash, "themes_json": json.dumps(themes),
                 "created_at": _now(), "parent_version": parent_version, "change": change}
            ).last_pk
        current = self.q("SELECT MAX(activated_seq) AS s FROM taxonomy_versions")[0]["s"]
        with self.db.conn:
            if activate or current is None:
                if not self.q("SELECT 1 FROM taxonomy_versions WHERE id = ? AND activated_seq = ?",
                              [version, current]):
                    self.db.conn.execute("UPDATE taxonomy_versions SET activated_seq = ? WHERE id = ?",
                                         ((current or 0) + 1, version))
                self._upsert_themes(themes, replace=True)
            else:
                self._upsert_themes(themes, replace=False)
        return version

    def _upsert_themes(self, themes: list[dict], replace: bool) -> None:
        """replace=True: the themes table becomes this taxonomy (others retired). Otherwise only unknown ids
        are added, as retired, so recording another taxonomy never relabels or extends the one in force."""
        conflict = ("DO UPDATE SET label=excluded.label, description=excluded.description,"
                    " examples_json=excluded.examples_json, parent=excluded.parent, sensitive=excluded.sensitive,"
                    " status='active'") if replace else "DO NOTHING"
        for t in themes:
            self.db.conn.execute(
                "INSERT INTO themes (id, label, description, examples_json, parent, sensitive, status, origin)"
                f" VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) {conflict}",
                (t["id"], t["label"], t["description"], json.dumps(list(t.get("examples", []))), t.get("parent"),
                 int(bool(t.get("sensitive"))), "active" if replace else "retired", t.get("origin", "taxonomy")),
            )
        if replace:
            ids = [t["id"] for t in themes]
            marks = ",".join("?" * len(ids))
            self.db.conn.execute("UPDATE themes SET status = 'retired'" + (f" WHERE id NOT IN ({marks})" if ids else ""),
                                 ids)

    def latest_taxonomy_version(self) -> int | None:
        """The current taxonomy version (the latest activated), or None before any is recorded."""
        row = self.q("SELECT id FROM taxonomy_versions ORDER BY activated_seq IS NULL, activated_seq DESC, id DESC"
                     " LIMIT 1")
        return row[0]["id"] if row else None

    def taxonomy_version(self, version: int) -> dict:
        rows = self.q("SELECT * FROM taxonomy_versions WHERE id = ?", [version])
        if not rows:
            raise NotFoundError(f"No taxonomy version {version}. `insights taxonomy show --versions` lists them.")
        row = rows[0]
        row["themes"] = json.loads(row.pop("themes_json"))
        return row

    def taxonomy_versions(self) -> list[dict]:
        return self.q("SELECT id, label, content_hash, created_at, parent_version, change,"
                      " CASE WHEN activated_seq IS NULL THEN 0 ELSE 1 END AS activated FROM taxonomy_versions ORDER BY id")

    # ---- assignments -------------------------------------------------------------------------
    def put_note_assignments(self, note_ids: list[int], rows: list[dict], version: int) -> None:
        """Make `rows` the in-force assignments of `note_ids` under `version`, in one transaction
        (a note's earlier rows under other versions stay as history)."""
        with self.db.conn:
            self.db.conn.executemany("DELETE FROM assignments WHERE note_id = ? AND taxonomy_version = ?",
                                     [(i, version) for i in note_ids])
            self.db.conn.executemany(
                "INSERT INTO assignments (note_id, theme_id, score, method, taxonomy_version, calibration)"
                " VALUES (:note_id, :theme_id, :score, :method, :taxonomy_version, :calibration)"
                " ON CONFLICT (note_id, theme_id, taxonomy_version) DO UPDATE SET score = excluded.score,"
                " method = excluded.method, calibration = excluded.calibration",
                [{"calibration": None, **r} for r in rows])
            self.db.conn.executemany("UPDATE notes SET taxonomy_version = ? WHERE id = ?",
                                     [(version, i) for i in note_ids])

    def assignment_calibrations(self, note_ids: list[int]) -> dict[int, str | None]:
        """The fingerprint of the calibration state that made each note's assignments in force (None: none)."""
        rows = self.q_in(f"SELECT a.note_id, MAX(a.calibration) AS calibration FROM assignments a JOIN notes n ON"
                         f" {IN_FORCE} WHERE a.note_id IN ({{marks}}) GROUP BY a.note_id", note_ids)
        return {r["note_id"]: r["calibration"] for r in rows}

    # ---- the zero-shot scorer's calibration states ---------------------------------------------
    def latest_calibration(self, taxonomy_version: int, embedder_id: str) -> dict | None:
        """The newest calibration state fitted for this taxonomy version and embedder: {notes, fingerprint,
        state} (state the JSON dict of themes.calibrated.Calibration), or None."""
        rows = self.q("SELECT notes, fingerprint, state_json FROM theme_calibrations WHERE taxonomy_version = ?"
                      " AND embedder_id = ? ORDER BY id DESC LIMIT 1", (taxonomy_version, embedder_id))
        if not rows:
            return None
        r = rows[0]
        return {"notes": r["notes"], "fingerprint": r["fingerprint"], "state": json.loads(r["state_json"])}

    def put_calibration(self, taxonomy_version: int, embedder_id: str, state: dict, fingerprint: str,
                        notes: int) -> None:
        with self.db.conn:
            self.db.conn.execute(
                "INSERT INTO theme_calibrations (taxonomy_version, embedder_id, notes, fingerprint, state_json,"
                " fitted_at) VALUES (?, ?, ?, ?, ?, ?)",
                (taxonomy_version, embedder_id, notes, fingerprint, json.dumps(state, sort_keys=True), _now()))

    def notes_without_assignment(self) -> list[dict]:
        return self.q("SELECT id, text, content_hash FROM notes WHERE taxonomy_version IS NULL ORDER BY id")

    def notes_for_refit(self) -> list[dict]:
        return self.q("SELECT id, text, content_hash FROM notes ORDER BY id")

    def notes_to_copy(self, limit: int | None = None) -> list[dict]:
        """The first `limit` notes (all by default) as (anonymised) text, content hash and month, in id order."""
        sql = "SELECT text, content_hash, month FROM notes ORDER BY id"
        return self.q(sql + " LIMIT ?", (limit,)) if limit is not None else self.q(sql)

    def in_force_assignments(self, note_ids: list[int] | None = None) -> list[dict]:
        """Rows (note_id, theme_id, score, method, taxonomy_version) in force; theme_id '' means no theme fits."""
        sql = ("SELECT a.note_id, a.theme_id, a.score, a.method, a.taxonomy_version FROM assignments a"
               f" JOIN notes n ON {IN_FORCE}")
        if note_ids is None:
            return self.q(sql + " ORDER BY a.note_id, a.theme_id")
        out = self.q_in(sql + " WHERE a.note_id IN ({marks})", note_ids)
        return sorted(out, key=lambda r: (r["note_id"], r["theme_id"]))

    def in_force_unassigned_notes(self) -> list[dict]:
        return self.q(f"SELECT n.id, n.text, n.content_hash FROM notes n JOIN assignments a ON {IN_FORCE}"
                      " WHERE a.theme_id = '' ORDER BY n.id")

    def in_force_assigned_sample(self, limit: int) -> list[dict]:
        """Up to `limit` notes that have a theme, spread evenly over the collection (deterministic)."""
        rows = self.q(f"SELECT DISTINCT n.id, n.text FROM notes n JOIN assignments a ON {IN_FORCE}"
                      " WHERE a.theme_id != '' ORDER BY n.id")
        step = max(1, len(rows) // max(1, limit))
        return rows[::step][:limit]

    # ---- themes ------------------------------------------------------------------------------
    def themes(self, include_retired: bool = False) -> list[dict]:
        where = "" if include_retired else " WHERE status = 'active'"
        rows = self.q(f"SELECT * FROM themes{where} ORDER BY label")
        for r in rows:
            r["examples"] = json.loads(r.pop("examples_json") or "[]")
            r["sensitive"] = bool(r["sensitive"])
        return rows

    def theme(self, theme_id: str) -> dict:
        rows = [r for r in self.themes() if r["id"] == theme_id]
        if not rows:
            raise NotFoundError(f"No theme with id '{theme_id}'. GET /api/v1/themes lists the theme ids.")
        return rows[0]

    # ---- aggregates of in-force assignments (raw counts: pass them through engine.publish.suppression) ------------
    # Every note counts under the taxonomy version in force for it (see IN_FORCE).
    def theme_note_counts(self) -> dict[str, int]:
        rows = self.q(f"SELECT a.theme_id, COUNT(DISTINCT a.note_id) AS n FROM assignments a JOIN notes n ON {IN_FORCE}"
                      f" WHERE {COUNTED} GROUP BY a.theme_id")
        return {r["theme_id"]: r["n"] for r in rows}

    def theme_area_counts(self, theme_id: str) -> list[dict]:
        return self.q(
            "SELECT n.area_code AS area_code, ar.name AS area_name, COUNT(*) AS notes,"
            f" (SELECT COUNT(*) FROM notes m WHERE m.area_code = n.area_code AND {COUNTED_M}) AS all_notes"
            f" FROM assignments a JOIN notes n ON {IN_FORCE} LEFT JOIN areas ar ON ar.code = n.area_code"
            f" WHERE a.theme_id = ? AND {COUNTED} GROUP BY n.area_code, ar.name ORDER BY notes DESC",
            [theme_id],
        )

    def sensitive_note_ids(self) -> list[int]:
        """Notes with a sensitive theme in force: never quoted (engine/publish/quote_safety.QuoteGuard)."""
        return [r["note_id"] for r in self.q(
            "SELECT DISTINCT a.note_id FROM assignments a JOIN notes n ON " + IN_FORCE +
            " JOIN themes t ON t.id = a.theme_id WHERE t.sensitive = 1")]

    def theme_notes_for_quotes(self, theme_id: str, limit: int = 400) -> list[dict]:
        """Quote candidates: counted notes only (a near-duplicate is quoted through its earlier twin)."""
        return self.q(
            "SELECT n.id, n.text, n.content_hash, n.area_code, n.month, a.score FROM assignments a"
            f" JOIN notes n ON {IN_FORCE} WHERE a.theme_id = ? AND {COUNTED} ORDER BY a.score DESC, n.id LIMIT ?",
            [theme_id, limit],
        )

    def theme_area_month_counts(self, level: str = "ward") -> list[dict]:
        """Notes per area x month x theme, for the evidence link and trends."""
        area_expr = "n.area_code" if level == "ward" else "COALESCE(ar.parent_code, n.area_code)"
        return self.q(
            f"SELECT {area_expr} AS area_code, n.month AS month, a.theme_id AS theme_id, COUNT(*) AS notes"
            f" FROM assignments a JOIN notes n ON {IN_FORCE} LEFT JOIN areas ar ON ar.code = n.area_code"
            f" WHERE n.area_code IS NOT NULL AND n.month IS NOT NULL AND {COUNTED} GROUP BY 1, 2, 3",
        )

    def theme_month_totals(self, theme_id: str) -> list[dict]:
        """Per month: notes with this theme and all notes (overall, any area)."""
        return self.q(
            "SELECT m.month AS month, COUNT(*) AS all_notes, SUM(CASE WHEN EXISTS (SELECT 1 FROM assignments a"
            " WHERE a.note_id = m.id AND a.taxonomy_version = m.taxonomy_version AND a.theme_id = ?) THEN 1 ELSE 0 END)"
            " AS notes"
            f" FROM notes m WHERE m.month IS NOT NULL AND {COUNTED_M} GROUP BY m.month ORDER BY m.month",
            [theme_id],
        )

    def area_month_totals(self, level: str = "ward") -> list[dict]:
        area_expr = "n.area_code" if level == "ward" else "COALESCE(ar.parent_code, n.area_code)"
        return self.q(
            f"SELECT {area_expr} AS area_code, n.month AS month, COUNT(*) AS notes FROM notes n"
            " LEFT JOIN areas ar ON ar.code = n.area_code"
            f" WHERE n.area_code IS NOT NULL AND n.month IS NOT NULL AND {COUNTED} GROUP BY 1, 2"
        )

    # ---- emergent themes -----------------------------------------------------------------------
    def replace_emergent(self, run_id: str, candidates: list[dict]) -> None:
        """Replace the proposed candidates; reviewed ones (promoted, merged, dismissed) stay as history. A candidate
        without `quote_note_ids` is read back as quoting all its notes (see `emergent`)."""
        with self.db.conn:
            self.db.conn.execute("DELETE FROM emergent_themes WHERE status = 'proposed'")
            for c in candidates:
                self.db.conn.execute(
                    "INSERT INTO emergent_themes (run_id, label, keywords_json, size, note_ids_json,"
                    " quotes_json, quote_note_ids_json, status, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, 'proposed', ?)",
                    (run_id, c["label"], json.dumps(c["keywords"]), c["size"], json.dumps(c["note_ids"]),
                     json.dumps(c["quotes"]),
                     json.dumps(c["quote_note_ids"]) if c.get("quote_note_ids") is not None else None, _now()),
                )

    def emergent(self, status: str | None = "proposed") -> list[dict]:
        where, params = ("WHERE status = ?", [status]) if status else ("", [])
        rows = self.q(f"SELECT * FROM emergent_themes {where} ORDER BY size DESC, id", params)
        for r in rows:
            r["keywords"] = json.loads(r.pop("keywords_json"))
            r["note_ids"] = json.loads(r.pop("note_ids_json"))
            r["quotes"] = json.loads(r.pop("quotes_json"))
            # The note each quote came from, for the audit log of reads. Candidates proposed before this was
            # kept (m009) name all their notes: an audit row then says more notes may have been read, never fewer.
            quoted = r.pop("quote_note_ids_json", None)
            r["quote_note_ids"] = json.loads(quoted) if quoted else list(r["note_ids"])
        return rows

    def emergent_note_months(self, note_ids: list[int]) -> list[dict]:
        """{id, month, area_code} of the counted notes among `note_ids` that have a month (an emergent candidate's
        notes over time, for early warning); never their text."""
        return self.q_in("SELECT n.id, n.month, n.area_code FROM notes n WHERE n.id IN ({marks})"
                         f" AND n.month IS NOT NULL AND {COUNTED}",
                         [int(i) for i in note_ids])

    def emergent_candidate(self, candidate_id: int) -> dict:
        rows = [r for r in self.emergent(status=None) if r["id"] == candidate_id]
        if not rows:
            raise NotFoundError(f"No emergent theme with id {candidate_id}. GET /api/v1/emergent-themes lists them.")
        return rows[0]

    def update_emergent(self, candidate_id: int, **fields) -> None:
        for key in ("keywords", "note_ids", "quotes", "quote_note_ids"):
            if key in fields:
                fields[f"{key}_json"] = json.dumps(fields.pop(key))
        fields["reviewed_at"] = _now()
        self.db["emergent_themes"].update(candidate_id, fields)
