"""/api/v1/agreements: the data-sharing agreement register (engine/agreements.py). Everyone signed in reads it
(contributors their own organisation's agreements, staff all of them); admins add to it."""
from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from engine import agreements as lib
from engine.store import Store
from engine.store.access import ROLES
from service.api.deps import ERRORS, get_store
from service.auth import ADMIN, require

router = APIRouter(tags=["agreements"], dependencies=[Depends(require(*ROLES))], responses=ERRORS)
admin = require(*ADMIN)
STATUS_HELP = ("in_force; review_due (the review date is within "
               f"{lib.REVIEW_SOON_DAYS} days); review_overdue (the review date has passed).")


class AgreementIn(BaseModel):
    model_config = {"extra": "forbid"}

    organisation: str = Field(..., min_length=1, max_length=200, description="The organisation the agreement is "
                              "with, named as its users and notes have it (added if new).",
                              examples=["Riverside Food Bank"])
    reference: str = Field(..., min_length=1, max_length=lib.LIMITS["reference"], description="The agreement's "
                           "reference, unique in the register: letters, digits, spaces and . _ / : # - ( ).",
                           examples=["DSA-2025-014"])
    parties: str = Field(..., min_length=1, max_length=lib.LIMITS["parties"], description="Who signed it.",
                         examples=["Riverside Food Bank; Lewisham Council"])
    purpose: str = Field(..., min_length=1, max_length=lib.LIMITS["purpose"], description="What the notes may "
                         "be used for.", examples=["Finding themes in case notes to plan local services"])
    signed_on: str = Field(..., max_length=10, description="Date signed (YYYY-MM-DD).", examples=["2025-04-01"])
    review_on: str = Field(..., max_length=10, description="Date it is next due for review (YYYY-MM-DD), after "
                           "signed_on.", examples=["2026-04-01"])


class AgreementOut(BaseModel):
    id: int = Field(..., description="Agreement id.", examples=[1])
    organisation: str = Field(..., description="The organisation it is with.", examples=["Riverside Food Bank"])
    reference: str = Field(..., description="The agreement's reference.", examples=["DSA-2025-014"])
    parties: str = Field(..., description="Who signed it.", examples=["Riverside Food Bank; Lewisham Council"])
    purpose: str = Field(..., description="What the notes may be used for.",
                         examples=["Finding themes in case notes to plan local services"])
    signed_on: str = Field(..., description="Date signed (YYYY-MM-DD).", examples=["2025-04-01"])
    review_on: str = Field(..., description="Date next due for review (YYYY-MM-DD).", examples=["2026-04-01"])
    status: str = Field(..., description=STATUS_HELP, examples=["in_force"])
    status_label: str = Field(..., description="The status in words.", examples=["In force"])
    days_to_review: int = Field(..., description="Days from today to the review date (negative once overdue).",
                                examples=[120])
    created_at: str = Field(..., description="When it was registered (ISO 8601, UTC).",
                            examples=["2025-04-02T09:00:00+00:00"])
    created_by: str = Field(..., description="Who registered it.", examples=["user:admin@example.org"])


class Agreements(BaseModel):
    agreements: list[AgreementOut] = Field(..., description="The agreements, soonest review first.")


@router.get("/agreements", summary="The data-sharing agreement register (contributors: their organisation's)",
            response_model=Agreements)
def list_agreements(principal=Depends(require(*ROLES)), store: Store = Depends(get_store)) -> dict:
    """Each agreement with its parties, purpose, dates and status worked out today. A contributor sees only their
    own organisation's agreements (none when the account is not linked to one); analysts, facilitators and
    admins see the whole register."""
    if principal.role == "contributor":
        rows = lib.register(store, principal.org_id) if principal.org_id is not None else []
    else:
        rows = lib.register(store)
    return {"agreements": rows}


@router.post("/agreements", summary="Add a data-sharing agreement to the register (admins)",
             response_model=AgreementOut, status_code=201)
def post_agreement(body: AgreementIn, principal=Depends(admin), store: Store = Depends(get_store)) -> dict:
    """Refused (400, nothing saved) when a field is empty, a date is not YYYY-MM-DD, the review date is not after
    the signed date, or the reference is already in the register."""
    return lib.add(store, body.organisation, body.reference, body.parties, body.purpose, body.signed_on,
                   body.review_on, principal.label)
