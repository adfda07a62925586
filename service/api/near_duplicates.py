"""/api/v1/near-duplicates: pairs of notes that tell the same story (the same story told by two groups, or pasted
twice), found at ingest and counted once. Analysts, facilitators and admins see every pair and can mark one
"not a duplicate"; a contributor sees only the pairs inside their own organisation, never a pair that crosses
organisations. Reading the excerpts is audited like any read of note text."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from engine.publish import near_duplicate_pairs as lib
from engine.store import Store
from engine.store.access import ROLES
from service.api.deps import CURSOR, ERRORS, NOT_FOUND, audit_quote_read, decode_cursor, encode_cursor, get_store, \
    limit_param
from service.auth import ANALYST, current_principal, require

router = APIRouter(tags=["near-duplicates"], dependencies=[Depends(require(*ROLES))], responses=ERRORS)
analyst = require(*ANALYST)
PAIR_ID = Path(..., ge=1, le=2 ** 62, description="Pair id, as listed by GET /api/v1/near-duplicates.", examples=[3])


class PairSide(BaseModel):
    note_id: int = Field(..., description="Note id.", examples=[42])
    organisation: str = Field(..., description="The organisation that shared it.", examples=["Riverside Food Bank"])
    month: str | None = Field(None, description="Month of the note (YYYY-MM).", examples=["2025-03"])
    area_code: str | None = Field(None, description="ONS code of the note's area.", examples=["E05000442"])
    excerpt: str = Field(..., description="The first 40 words of the anonymised note.")


class Pair(BaseModel):
    id: int = Field(..., description="Pair id.", examples=[3])
    status: Literal["flagged", "not_duplicate"] = Field(..., description="flagged: the later note is counted once "
                                                        "(left out of counts); not_duplicate: both count.")
    status_label: str = Field(..., description="The status in plain words.")
    cosine: float = Field(..., description="Cosine similarity of the two notes' vectors.", examples=[0.98])
    text_similarity: float = Field(..., description="Share of 3-word shingles in common (Jaccard).",
                                   examples=[0.9])
    same_organisation: bool = Field(..., description="True when one organisation shared both notes.")
    found_at: str = Field(..., description="When the pair was found (UTC).")
    reviewed_by: str | None = Field(None, description="Who last reviewed it.")
    reviewed_at: str | None = Field(None, description="When it was last reviewed (UTC).")
    note: PairSide = Field(..., description="The later note (left out of counts while flagged).")
    twin: PairSide = Field(..., description="The earlier note it repeats (always counted).")


class PairsPage(BaseModel):
    pairs: list[Pair]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null at the end.")


class ReviewIn(BaseModel):
    model_config = {"extra": "forbid"}
    status: Literal["flagged", "not_duplicate"] = Field(..., description="not_duplicate when the two notes tell "
                                                        "different stories (both then count); flagged to count "
                                                        "the later one once again.", examples=["not_duplicate"])


@router.get("/near-duplicates", summary="Pairs of notes that tell the same story, counted once",
            response_model=PairsPage)
def list_pairs(request: Request, store: Store = Depends(get_store), limit: int = limit_param(),
               cursor: str | None = CURSOR,
               status: Literal["flagged", "not_duplicate"] | None = Query(
                   None, description="Only pairs with this status.", examples=["flagged"])) -> dict:
    """Oldest first. Analysts, facilitators and admins see every pair; a contributor only the pairs whose two
    notes are both their organisation's. Audited: the excerpts are note text."""
    principal = current_principal(request)
    pairs, note_ids = lib.pairs_for(store, org_id=principal.org_id, see_all=principal.role in ANALYST,
                                    status=status, after_id=decode_cursor(cursor, "d"), limit=limit + 1)
    more = len(pairs) > limit
    pairs = pairs[:limit]
    shown = {i for p in pairs for i in (p["note"]["note_id"], p["twin"]["note_id"])}
    audit_quote_read(request, "GET /api/v1/near-duplicates", [i for i in note_ids if i in shown])
    return {"pairs": pairs, "next_cursor": encode_cursor({"d": pairs[-1]["id"]}) if more else None}


@router.post("/near-duplicates/{pair_id}/review", summary="Mark a pair not a duplicate (or a duplicate again)",
             response_model=Pair, responses=NOT_FOUND, dependencies=[Depends(analyst)])
def review_pair(body: ReviewIn, request: Request, pair_id: int = PAIR_ID, store: Store = Depends(get_store)) -> dict:
    """Analysts, facilitators and admins. not_duplicate puts the later note back into every count."""
    pair = lib.review(store, pair_id, body.status, current_principal(request).label)
    audit_quote_read(request, f"POST /api/v1/near-duplicates/{pair_id}/review",
                     [pair["note"]["note_id"], pair["twin"]["note_id"]])
    return pair
