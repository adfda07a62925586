"""Retention: each organisation keeps its notes for a number of months (its own, or the deployment's
INSIGHTS_RETENTION_MONTHS), counted from when the note was STORED here (notes.created_at), not from the note's own
date. Why: every note has a stored time (the note's date is optional and only a month), the clock starts when this
service began to hold the data (what a retention schedule governs), and uploading a backlog of older notes does
not erase them the moment they arrive.

    due(store, settings, within_days=30)      notes that expire within that many days (ids and dates, no text)
    apply(store, settings, audit_path)        erase every expired note, with the erasure guarantee (engine.erasure)
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from engine import erasure
from engine.core.errors import InputError

MAX_MONTHS = 1200


def check_months(months: int | None) -> int | None:
    if months is not None and not 1 <= int(months) <= MAX_MONTHS:
        raise InputError(f"A retention period of {months} months is not allowed; give 1 to {MAX_MONTHS} months.",
                         where="months", fix="For example 36 (three years); or clear it to use the default.")
    return None if months is None else int(months)


def minus_months(when: datetime, months: int) -> datetime:
    """`when` moved back by whole months (the day clamped to the month's length)."""
    total = when.year * 12 + when.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    days = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31,
            30, 31][month - 1]
    return when.replace(year=year, month=month, day=min(when.day, days))


def _iso(when: datetime) -> str:
    return when.astimezone(timezone.utc).isoformat(timespec="seconds")


def periods(store, settings) -> list[dict]:
    """Every organisation with its period: {org_id, org, months, own (False: the default)}."""
    return [{"org_id": o["id"], "org": o["name"], "months": o["retention_months"] or settings.retention_months,
             "own": o["retention_months"] is not None} for o in store.organisations()]


def set_period(store, org_id: int, months: int | None) -> None:
    store.set_retention_months(org_id, check_months(months))


def due(store, settings, within_days: int = 30, org_id: int | None = None, now: datetime | None = None) -> list[dict]:
    """Notes that reach the end of their retention period within `within_days` days (0: already past it)."""
    if within_days < 0:
        raise InputError("within-days must be 0 or more.", where="within_days")
    now = now or datetime.now(timezone.utc)
    out = []
    for p in periods(store, settings):
        if org_id is not None and p["org_id"] != org_id:
            continue
        cutoff = _iso(minus_months(now + timedelta(days=within_days), p["months"]))
        for n in store.notes_stored_before(p["org_id"], cutoff):
            stored = datetime.fromisoformat(n["created_at"])
            expires = _add_months(stored, p["months"])
            out.append({"note_id": n["id"], "submission_id": n["submission_id"], "org": p["org"],
                        "org_id": p["org_id"], "month": n["month"], "stored_at": n["created_at"],
                        "expires_at": _iso(expires), "months": p["months"]})
    return sorted(out, key=lambda r: (r["expires_at"], r["note_id"]))


def _add_months(when: datetime, months: int) -> datetime:
    return minus_months(when, -months)


def apply(store, settings, audit_path, now: datetime | None = None, who: str = "retention") -> dict:
    """Erase every note past its organisation's period: one erasure (and one tombstone) per organisation.
    Returns {erased: notes, by_org: {org: notes}, wal_truncated}. Cheap when nothing is due: one indexed query
    per organisation, and the files are only rewritten when something was erased."""
    expired = due(store, settings, within_days=0, now=now)
    by_org: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for row in expired:
        by_org.setdefault(row["org_id"], []).append(row["note_id"])
        names[row["org_id"]] = row["org"]
    result = {"erased": 0, "by_org": {}, "wal_truncated": True}
    for org_id, ids in by_org.items():
        months = next(p["months"] for p in periods(store, settings) if p["org_id"] == org_id)
        done = erasure.erase_notes(store, audit_path, ids, who=who, scope="retention", target=names[org_id],
                                   org_id=org_id, reason=f"Retention period of {months} months passed.")
        result["erased"] += len(ids)
        result["by_org"][names[org_id]] = len(ids)
        result["wal_truncated"] = result["wal_truncated"] and done["wal_truncated"]
    return result
