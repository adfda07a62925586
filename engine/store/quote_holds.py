"""SQL for quotes held back by the quote-safety check (engine/publish/quote_safety.py).

One row per note x quote (`quote_hash`: sha256 of the anonymised quote as it would be shown). A row is `held`
until an analyst approves the quote as it is (`approved`) or replaces it with a shorter text (`trimmed`, the
replacement in `trimmed_text`, anonymised by the caller before it reaches here). The text kept is anonymised
text only, like every note here. Who decided and when are kept on the row.
"""
from __future__ import annotations

import json

from engine.core.errors import InputError, NotFoundError
from engine.store.clock import now as _now

STATUSES = ("held", "approved", "trimmed")
COLUMNS = ("id, note_id, quote_hash, source, quote_text, score, reasons_json, status, found_at, decided_by,"
           " decided_at, trimmed_text")


def _row(r: dict) -> dict:
    r = dict(r)
    r["reasons"] = json.loads(r.pop("reasons_json") or "[]")
    return r


class QuoteHoldsStore:
    def add_quote_holds(self, holds: list[dict]) -> int:
        """Record quotes found risky ({note_id, quote_hash, source, quote_text, score, reasons}) as held; a
        quote already recorded (any status) is left as it is. Returns how many were new."""
        added = 0
        with self.db.conn:
            for h in holds:
                exists = self.db.conn.execute(
                    "SELECT 1 FROM quote_holds WHERE note_id IS NOT DISTINCT FROM ? AND quote_hash = ?",
                    (h["note_id"], h["quote_hash"])).fetchone()
                if exists:
                    continue
                self.db.conn.execute(
                    "INSERT INTO quote_holds (note_id, quote_hash, source, quote_text, score, reasons_json, status,"
                    " found_at) VALUES (?, ?, ?, ?, ?, ?, 'held', ?)",
                    (h["note_id"], h["quote_hash"], h["source"], h["quote_text"], h["score"],
                     json.dumps(h["reasons"]), _now()))
                added += 1
        return added

    def quote_decisions(self) -> dict[tuple[int | None, str], dict]:
        """Approved and trimmed quotes by (note id, quote hash): what the read paths may show."""
        rows = self.q("SELECT note_id, quote_hash, status, trimmed_text FROM quote_holds"
                      " WHERE status IN ('approved', 'trimmed')")
        return {(r["note_id"], r["quote_hash"]): r for r in rows}

    def quote_holds(self, status: str | None = "held", min_score: float | None = None) -> list[dict]:
        """Recorded quotes, highest score first; `status` None for every status, `min_score` to leave out rows
        that the rules in force no longer hold back."""
        where, params = [], []
        if status is not None:
            if status not in STATUSES:
                raise InputError(f"status must be one of {', '.join(STATUSES)}.", where="status")
            where.append("status = ?")
            params.append(status)
        if min_score is not None:
            where.append("score >= ?")
            params.append(min_score)
        sql = f"SELECT {COLUMNS} FROM quote_holds" + (" WHERE " + " AND ".join(where) if where else "")
        return [_row(r) for r in self.q(sql + " ORDER BY score DESC, id", params)]

    def quote_hold(self, hold_id: int) -> dict:
        rows = self.q(f"SELECT {COLUMNS} FROM quote_holds WHERE id = ?", [hold_id])
        if not rows:
            raise NotFoundError(f"No held quote with id {hold_id}.",
                                fix="GET /api/v1/quote-holds (or `insights quotes held`) lists the held quotes.")
        return _row(rows[0])

    def decide_quote_hold(self, hold_id: int, status: str, who: str, trimmed_text: str | None = None) -> dict:
        """Approve (`approved`) or trim (`trimmed`, with the anonymised replacement) a recorded quote."""
        if status not in ("approved", "trimmed") or (status == "trimmed") != (trimmed_text is not None):
            raise ValueError("approved takes no text; trimmed takes the trimmed text")
        self.quote_hold(hold_id)
        with self.db.conn:
            self.db.conn.execute(
                "UPDATE quote_holds SET status = ?, decided_by = ?, decided_at = ?, trimmed_text = ? WHERE id = ?",
                (status, who, _now(), trimmed_text, hold_id))
        return self.quote_hold(hold_id)

    def quote_scan_mark(self, rules: str) -> int:
        """The last note id scanned under this rule set (0 when never)."""
        rows = self.q("SELECT last_note_id FROM quote_hold_scans WHERE rules = ?", [rules])
        return rows[0]["last_note_id"] if rows else 0

    def set_quote_scan_mark(self, rules: str, last_note_id: int) -> None:
        with self.db.conn:
            self.db.conn.execute(
                "INSERT INTO quote_hold_scans (rules, last_note_id, scanned_at) VALUES (?, ?, ?) ON CONFLICT (rules)"
                " DO UPDATE SET last_note_id = excluded.last_note_id, scanned_at = excluded.scanned_at",
                (rules, last_note_id, _now()))

    def notes_after(self, after_id: int, limit: int = 2000) -> list[dict]:
        """(id, text) of notes with an id above `after_id`, in id order, a page at a time."""
        return self.q("SELECT id, text FROM notes WHERE id > ? ORDER BY id LIMIT ?", [after_id, limit])
