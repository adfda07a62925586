"""Erasure (UK GDPR Art. 17; consent withdrawn; a note shared by mistake): take a submission or one note out with
everything derived from it, and leave not one byte of its text in the database file, its write-ahead log, the
audit file or a cache.

    plan(store, submission_id=... | note_id=..., org_id=None)      what would go: note ids and rows per table
    erase(store, audit_path, who=..., reason=..., submission_id=... | note_id=...)   do it; returns the tombstone

The rows go in one transaction (engine/store/erasure.py: every table with a note_id column, found from the
schema; embeddings no other note shares; emergent-theme quotes; held quotes; the submission once empty). Then the
files are scrubbed (VACUUM, WAL checkpoint TRUNCATE). The audit file keeps a tombstone: who, when, why, which ids
and how many rows per table, never text. Published figures are recomputed on their next read: the commit moves the
store's change stamp, which empties the view cache (service/view_cache.py; the service also clears it at once).
"""
from __future__ import annotations

from engine.core.errors import InputError
from engine.store.audit import AuditLog

MAX_REASON = 500


def check_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InputError("Say why the notes are erased (for example: consent withdrawn, shared by mistake).",
                         where="reason", fix="Give a short reason, without any personal details: it is kept in the "
                                             "audit log as the record of the erasure.")
    if len(reason) > MAX_REASON:
        raise InputError(f"The reason is {len(reason)} characters; at most {MAX_REASON} are kept.", where="reason")
    return reason


def _target(submission_id: str | None, note_id: int | None) -> tuple[str, str]:
    if (submission_id is None) == (note_id is None):
        raise InputError("Name either a submission or a note to erase, not both.", where="submission",
                         fix="Use --submission ID or --note ID (one of them).")
    return ("submission", str(submission_id)) if submission_id is not None else ("note", str(int(note_id)))


def plan(store, *, submission_id: str | None = None, note_id: int | None = None, org_id: int | None = None) -> dict:
    """What erasing would take out: {scope, target, note_ids, counts (rows per table)}. Raises NotFoundError for an
    unknown id (or one of another organisation, when `org_id` is given)."""
    scope, target = _target(submission_id, note_id)
    ids = store.erasure_note_ids(submission_id=submission_id, note_id=note_id, org_id=org_id)
    return {"scope": scope, "target": target, "note_ids": ids, "counts": store.erasure_counts(ids)}


def erase(store, audit_path, *, who: str, reason: str, submission_id: str | None = None,
          note_id: int | None = None, org_id: int | None = None) -> dict:
    """Erase a submission or a note (of `org_id` only, when given). Returns the tombstone written to the audit
    file, with `wal_truncated`."""
    reason = check_reason(reason)
    scope, target = _target(submission_id, note_id)
    ids = store.erasure_note_ids(submission_id=submission_id, note_id=note_id, org_id=org_id)
    owner = org_id if org_id is not None else store.erasure_org(ids, submission_id)
    return erase_notes(store, audit_path, ids, who=who, reason=reason, scope=scope, target=target, org_id=owner,
                       submission_ids=[submission_id] if submission_id is not None else [])


def erase_notes(store, audit_path, note_ids: list[int], *, who: str, reason: str, scope: str, target: str,
                org_id: int | None, submission_ids: list[str] = ()) -> dict:
    """The one path every erasure takes (a person's, retention's): rows, then files, then the tombstone."""
    counts = store.erase_notes(note_ids, submission_ids=submission_ids)
    files = store.scrub_files()
    audit = AuditLog(audit_path)
    try:
        tombstone_id = audit.write_erasure(who, org_id, scope, target, note_ids, counts, reason)
    finally:
        audit.close()
    return {"tombstone_id": tombstone_id, "scope": scope, "target": target, "note_ids": sorted(note_ids),
            "counts": counts, "reason": reason, "who": who, **files}

