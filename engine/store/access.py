"""SQL for users, API tokens and browser sessions; the audit log of note-text reads (kept in its own file by
engine/store/audit.py).

Secrets never reach this module in the clear: callers pass the sha256 of a token or session id and the scrypt
hash of a password (see service/auth.py)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from engine.core.errors import InputError, NotFoundError
from engine.core.settings import audit_path_for
from engine.store.audit import AuditLog, audit_row
from engine.store.clock import now as _now
from engine.store.db import IntegrityError

ROLES = ("contributor", "analyst", "facilitator", "admin")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InputError(f"Unknown role '{role}'. Choose one of: {', '.join(ROLES)}.")


class AccessStore:
    # ---- users ---------------------------------------------------------------------------------
    def add_user(self, email: str, org_id: int | None, role: str, password_hash: str | None) -> int:
        _check_role(role)
        email = email.strip().lower()
        if "@" not in email:
            raise InputError(f"'{email}' does not look like an email address.", fix="Give an address like a@b.org.")
        try:
            return self.db["users"].insert({"email": email, "org_id": org_id, "role": role,
                                            "password_hash": password_hash, "created_at": _now()}).last_pk
        except IntegrityError:
            raise InputError(f"There is already a user {email}.", fix="Use another email address.") from None

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        self.db.conn.execute("UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id))
        self.db.conn.commit()

    def user_by_email(self, email: str) -> dict | None:
        rows = self.q("SELECT u.*, o.name AS org FROM users u LEFT JOIN organisations o ON o.id = u.org_id"
                      " WHERE u.email = ?", [email.strip().lower()])
        return rows[0] if rows else None

    # ---- API tokens ------------------------------------------------------------------------------
    def add_token(self, token_hash: str, role: str, org_id: int | None, name: str | None,
                  expires_at: str | None = None) -> int:
        """A token row; `expires_at` (ISO UTC, as engine.store.clock writes it) or None for one that never expires."""
        _check_role(role)
        return self.db["api_tokens"].insert({"token_hash": token_hash, "role": role, "org_id": org_id,
                                             "name": name, "created_at": _now(), "revoked_at": None,
                                             "expires_at": expires_at}).last_pk

    def token_principal(self, token_hash: str) -> dict | None:
        """The live token with this hash, or None. An expired one is returned with `expired` true, so the caller
        can say so instead of 'not a token'."""
        rows = self.q("SELECT t.id, t.role, t.org_id, t.name, t.expires_at, o.name AS org FROM api_tokens t"
                      " LEFT JOIN organisations o ON o.id = t.org_id"
                      " WHERE t.token_hash = ? AND t.revoked_at IS NULL", [token_hash])
        if not rows:
            return None
        row = rows[0]
        row["expired"] = bool(row["expires_at"]) and row["expires_at"] <= _now()
        return row

    def revoke_token(self, token_id: int) -> None:
        cur = self.db.conn.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                                   (_now(), token_id))
        self.db.conn.commit()
        if not cur.rowcount:
            raise NotFoundError(f"No active token with id {token_id}.")

    # ---- browser sessions ------------------------------------------------------------------------
    def add_session(self, id_hash: str, user_id: int, hours: int) -> None:
        expires = datetime.now(timezone.utc) + timedelta(hours=hours)
        self.db["sessions"].insert({"id_hash": id_hash, "user_id": user_id, "created_at": _now(),
                                    "expires_at": expires.isoformat(timespec="seconds")})

    def session_principal(self, id_hash: str) -> dict | None:
        rows = self.q("SELECT u.id, u.email, u.role, u.org_id, o.name AS org FROM sessions s"
                      " JOIN users u ON u.id = s.user_id LEFT JOIN organisations o ON o.id = u.org_id"
                      " WHERE s.id_hash = ? AND s.expires_at > ?", [id_hash, _now()])
        return rows[0] if rows else None

    def end_session(self, id_hash: str) -> None:
        self.db.conn.execute("DELETE FROM sessions WHERE id_hash = ? OR expires_at <= ?", (id_hash, _now()))
        self.db.conn.commit()

    # ---- audit of note-text reads (in its own file: engine/store/audit.py says why) ------------------------
    _audit: AuditLog | None = None

    def audit_log(self) -> AuditLog:
        """The audit file beside this database, opened on first use (most requests never need it)."""
        if self._audit is None:
            self._audit = AuditLog(audit_path_for(self.path))
        return self._audit

    def audit_note_read(self, principal: str, org_id: int | None, route: str, note_ids: list[int]) -> None:
        """Record a read of note text now (committed before this returns)."""
        self.audit_log().write([audit_row(principal, org_id, route, note_ids)])

    def audit_rows(self, org_id: int | None = None) -> list[dict]:
        return self.audit_log().rows(org_id)

    def record_publication(self, row: dict) -> None:
        """Record a publication now (a row from engine.store.audit.publication_row; committed before this returns)."""
        self.audit_log().write_publications([row])

    def publications(self) -> list[dict]:
        return self.audit_log().publications()

    def access_events(self, event: str | None = None) -> list[dict]:
        """Failed sign-ins, lockouts and refusals (401/403), oldest first (engine/store/audit.py)."""
        return self.audit_log().events(event)

    def close(self) -> None:
        if self._audit is not None:
            self._audit.close()
            self._audit = None
        super().close()

    def org_id(self, name: str) -> int:
        rows = self.q("SELECT id FROM organisations WHERE name = ?", [name])
        if not rows:
            raise NotFoundError(f"No organisation called '{name}'.",
                                fix="Check the spelling, or add it with `insights users add --org NAME`.")
        return rows[0]["id"]

    def busiest_org(self) -> str | None:
        """The organisation with the most notes (the demo signs its contributor in there)."""
        rows = self.q("SELECT o.name FROM organisations o JOIN notes n ON n.org_id = o.id GROUP BY o.id"
                      " ORDER BY COUNT(*) DESC, o.name LIMIT 1")
        return rows[0]["name"] if rows else None
