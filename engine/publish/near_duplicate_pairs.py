"""Near-duplicate pairs as they are shown for review (engine/near_duplicates.py finds them at ingest).

Analysts, facilitators and admins see every pair; a contributor sees only the pairs whose two notes are both their
own organisation's, never a pair that crosses organisations (the store's query keeps to one organisation). Texts are
anonymised excerpts; the note ids returned beside them are for the audit log of reads."""
from __future__ import annotations

from engine.core.errors import InputError
from engine.publish.quote_safety import EMERGENT_QUOTE_WORDS, excerpt
from engine.store.near_duplicates import PAIR_STATUSES

STATUS_WORDS = {"flagged": "counted once (the later note is left out of counts)",
                "not_duplicate": "not a duplicate (both notes count)"}


def _side(row: dict, prefix: str, note_id: int) -> dict:
    return {"note_id": note_id, "organisation": row[f"{prefix}_org"], "month": row[f"{prefix}_month"],
            "area_code": row[f"{prefix}_area"], "excerpt": excerpt(row[f"{prefix}_text"], EMERGENT_QUOTE_WORDS)}


def public_pair(row: dict) -> dict:
    return {"id": row["id"], "status": row["status"], "status_label": STATUS_WORDS[row["status"]],
            "cosine": row["cosine"], "text_similarity": row["text_similarity"],
            "same_organisation": row["note_org_id"] == row["twin_org_id"], "found_at": row["found_at"],
            "reviewed_by": row["reviewed_by"], "reviewed_at": row["reviewed_at"],
            "note": _side(row, "note", row["note_id"]), "twin": _side(row, "twin", row["twin_id"])}


def check_status(status: str | None) -> str | None:
    if status in (None, ""):
        return None
    if status not in PAIR_STATUSES:
        raise InputError(f"status must be one of {', '.join(PAIR_STATUSES)}.", where="status",
                         fix="Use flagged (counted once) or not_duplicate (both count), or leave it out.")
    return status


def pairs_for(store, *, org_id: int | None, see_all: bool, status: str | None = None, after_id: int = 0,
              limit: int = 50) -> tuple[list[dict], list[int]]:
    """(pairs as shown, the ids of the notes shown in them). `see_all` for analysts; otherwise only pairs within
    `org_id` (a caller with no organisation sees none)."""
    if not see_all and org_id is None:
        return [], []
    rows = store.near_duplicate_pairs(org_id=None if see_all else org_id, status=check_status(status),
                                      after_id=after_id, limit=limit)
    pairs = [public_pair(r) for r in rows]
    return pairs, sorted({i for r in rows for i in (r["note_id"], r["twin_id"])})


def review(store, pair_id: int, status: str, who: str) -> dict:
    """Mark a pair 'not_duplicate' (both notes count again) or 'flagged' again (counted once)."""
    checked = check_status(status)
    if checked is None:
        raise InputError("Say what the pair is: status flagged or not_duplicate.", where="status",
                         fix="Send {\"status\": \"not_duplicate\"} when the two notes tell different stories.")
    store.set_near_duplicate_status(pair_id, checked, who)
    return public_pair(store.near_duplicate_pair(pair_id))
