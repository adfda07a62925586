"""SQL for the data-sharing agreement register (engine/agreements.py): one row per agreement, each belonging
to one organisation, its reference unique across the register (case aside)."""
from __future__ import annotations

from engine.core.errors import InputError, NotFoundError
from engine.store.clock import now as _now
from engine.store.db import IntegrityError

COLUMNS = ("a.id, a.org_id, o.name AS organisation, a.reference, a.parties, a.purpose, a.signed_on, a.review_on,"
           " a.created_at, a.created_by")


class AgreementsStore:
    def add_agreement(self, org_id: int, reference: str, parties: str, purpose: str, signed_on: str,
                      review_on: str, who: str) -> dict:
        if self.agreement_by_reference(reference) is not None:
            raise InputError(f"The register already has an agreement with the reference '{reference}'.",
                             where="reference", fix="Give the new agreement its own reference, or list the register "
                             "(`insights agreements list`) to see the one already there.")
        try:
            with self.db.conn:
                cur = self.db.conn.execute(
                    "INSERT INTO agreements (org_id, reference, parties, purpose, signed_on, review_on, created_at,"
                    " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (org_id, reference, parties, purpose, signed_on, review_on, _now(), who))
        except IntegrityError:
            raise InputError(f"The register already has an agreement with the reference '{reference}'.",
                             where="reference") from None
        return self.agreement(cur.lastrowid)

    def agreement(self, agreement_id: int) -> dict:
        rows = self.q(f"SELECT {COLUMNS} FROM agreements a JOIN organisations o ON o.id = a.org_id"
                      " WHERE a.id = ?", [agreement_id])
        if not rows:
            raise NotFoundError(f"No agreement with id {agreement_id}.")
        return rows[0]

    def agreement_by_reference(self, reference: str) -> dict | None:
        rows = self.q(f"SELECT {COLUMNS} FROM agreements a JOIN organisations o ON o.id = a.org_id"
                      " WHERE lower(a.reference) = lower(?)", [reference])
        return rows[0] if rows else None

    def agreements(self, org_id: int | None = None) -> list[dict]:
        """Every agreement (or one organisation's), soonest review first."""
        where, params = ("WHERE a.org_id = ?", [org_id]) if org_id is not None else ("", [])
        return self.q(f"SELECT {COLUMNS} FROM agreements a JOIN organisations o ON o.id = a.org_id {where}"
                      " ORDER BY a.review_on, a.id", params)
