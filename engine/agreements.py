"""Consent and lawful basis (issue 16 item 4): the data-sharing agreement register, and the consent record kept
on each submission.

The register holds each organisation's data-sharing agreements: the parties, the purpose, when it was signed,
when it is due for review and a reference. Its status is worked out on the day it is read:

    in_force        the review date is more than REVIEW_SOON_DAYS away
    review_due      the review date is within REVIEW_SOON_DAYS (today included)
    review_overdue  the review date has passed

A submission's consent record is its lawful basis (engine.core.vocab.CONSENT_BASES), a reference to the agreement
or consent text that covers it, and who recorded it. `check_consent` decides what is refused; a reference is kept
as it is written (it is not note text and is never anonymised), so it must look like a reference, not a story.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from engine.core.errors import InputError
from engine.core.vocab import CONSENT_BASES

REVIEW_SOON_DAYS = 30
STATUSES = {
    "in_force": "In force",
    "review_due": "Review due soon",
    "review_overdue": "Review overdue",
}
LIMITS = {"reference": 80, "parties": 300, "purpose": 500}
# Letters, digits, spaces and . _ / : # - ( ): "DSA-2025-014", "Consent form v3 (2024)".
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/:#()\-]*$")
LONG_NUMBER = re.compile(r"\d(?:[ ]?\d){6,}")   # seven or more digits: a phone or case number, not a reference
REFERENCE_FIX = ("Give the agreement's reference (as listed by `insights agreements list` or GET /api/v1/agreements) "
                 "or the name and version of the consent text, e.g. 'DSA-2025-014' or 'Consent form v3'.")


def _date(value, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{field} must be a date written as YYYY-MM-DD.", where=field,
                         fix=f"Write {field} like 2025-04-01.") from None


def clean_reference(reference: str | None, field: str = "consent_reference") -> str | None:
    """The reference with spaces trimmed (None for none); refused when it is long, has characters a reference
    would not have, or holds a long number (a phone number or a case number would identify someone)."""
    if reference is None or not str(reference).strip():
        return None
    ref = " ".join(str(reference).split())
    if len(ref) > LIMITS["reference"]:
        raise InputError(f"The reference is {len(ref)} characters; at most {LIMITS['reference']} are kept.",
                         where=field, fix=REFERENCE_FIX)
    if not REFERENCE.match(ref):
        raise InputError("The reference may only hold letters, digits, spaces and . _ / : # - ( ).", where=field,
                         fix=REFERENCE_FIX)
    if LONG_NUMBER.search(ref):
        raise InputError("The reference holds a long number, which could be a phone or case number.", where=field,
                         fix=REFERENCE_FIX)
    return ref


def _text(value: str | None, field: str) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        raise InputError(f"{field} is empty.", where=field, fix=f"Say who the {field} are." if field == "parties"
                         else f"Give the agreement's {field}.")
    if len(text) > LIMITS[field]:
        raise InputError(f"{field} is {len(text)} characters; at most {LIMITS[field]}.", where=field,
                         fix=f"Shorten {field}; the agreement itself holds the detail.")
    return text


def status(review_on: str, today: date | None = None) -> str:
    today = today or date.today()
    review = _date(review_on, "review_on")
    if review < today:
        return "review_overdue"
    if review <= today + timedelta(days=REVIEW_SOON_DAYS):
        return "review_due"
    return "in_force"


def _with_status(row: dict, today: date | None) -> dict:
    row = dict(row)
    row["status"] = status(row["review_on"], today)
    row["status_label"] = STATUSES[row["status"]]
    row["days_to_review"] = (_date(row["review_on"], "review_on") - (today or date.today())).days
    return row


def add(store, organisation: str, reference: str, parties: str, purpose: str, signed_on, review_on,
        who: str, today: date | None = None) -> dict:
    """Register an agreement for `organisation` (made if new). Refused: an empty or over-long field, a date not
    written YYYY-MM-DD, a review date not after the signed date, a reference already in the register."""
    name = " ".join(str(organisation or "").split())
    if not name:
        raise InputError("organisation is empty.", where="organisation",
                         fix="Give the organisation's name exactly as its users and notes have it.")
    ref = clean_reference(reference, "reference")
    if ref is None:
        raise InputError("reference is empty.", where="reference", fix=REFERENCE_FIX)
    signed, review = _date(signed_on, "signed_on"), _date(review_on, "review_on")
    if review <= signed:
        raise InputError("The review date must come after the date the agreement was signed.", where="review_on",
                         fix="Give the date the agreement is next due for review, after signed_on.")
    row = store.add_agreement(store.ensure_org(name), ref, _text(parties, "parties"), _text(purpose, "purpose"),
                              signed.isoformat(), review.isoformat(), who)
    return _with_status(row, today)


def register(store, org_id: int | None = None, today: date | None = None) -> list[dict]:
    """The register (or one organisation's part of it), soonest review first, each with its status."""
    return [_with_status(r, today) for r in store.agreements(org_id)]


def check_consent(store, org_id: int | None, basis: str, reference: str | None) -> dict:
    """The consent record to keep: {"consent_basis", "consent_reference", "agreement"} (the register's row when
    the reference names one of the organisation's agreements). Refused: a basis we do not know; a reference that
    does not look like one (clean_reference); "not_recorded" with a reference (if you know what covers the notes,
    choose the basis too); a reference naming another organisation's agreement."""
    if basis not in CONSENT_BASES:
        raise InputError(f"Consent basis '{basis}' is not one of {', '.join(CONSENT_BASES)}.", where="consent_basis",
                         fix="Choose one of the bases listed.")
    ref = clean_reference(reference)
    agreement = store.agreement_by_reference(ref) if ref else None
    if ref and basis == "not_recorded":
        raise InputError("A reference was given, but the basis says it is not known.", where="consent_basis",
                         fix="Choose the lawful basis the agreement or consent text gives (consent, legitimate "
                             "interests or public task), or leave the reference out.")
    if agreement is not None:
        if org_id is not None and agreement["org_id"] != org_id:
            raise InputError(f"The agreement '{agreement['reference']}' is another organisation's.",
                             where="consent_reference",
                             fix="Give your own organisation's agreement (GET /api/v1/agreements lists it), or the "
                                 "consent text these notes were shared under.")
        ref = agreement["reference"]   # the register's spelling
    return {"consent_basis": basis, "consent_reference": ref, "agreement": agreement}
