"""/api/v1/quote-holds: quotes that quote safety held back (rare details that together could point at someone),
and their review: approve one as it is, or trim it (the trimmed text is anonymised again before it is stored, and
must pass the check). Analysts, facilitators and admins; the reviewer and the time are kept on the hold, and
every read or decision is in the audit log of note-text reads (engine/store/audit.py)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from engine.publish import quote_safety
from engine.publish.suppression import Policy
from engine.store import Store
from service.api.deps import ERRORS, NOT_FOUND, audit_quote_read, get_policy, get_store
from service.auth import ANALYST, Principal, require

analyst = require(*ANALYST)
router = APIRouter(tags=["quote safety"], dependencies=[Depends(analyst)], responses=ERRORS)
HOLD = Path(..., ge=1, le=2 ** 62, description="Held quote id, as listed by GET /api/v1/quote-holds.", examples=[7])


class Reason(BaseModel):
    kind: str = Field(..., description="small_place, age, rare_event, occupation or named_service.",
                      examples=["small_place"])
    words: str = Field(..., description="The words in the quote that carry it.", examples=["hamlet"])
    why: str = Field(..., description="Why it matters, in plain words.")
    weight: float = Field(..., description="What it adds to the score.", examples=[1.5])


class Hold(BaseModel):
    id: int = Field(..., description="Held quote id.", examples=[7])
    source: str = Field(..., description="Where the quote would be shown: theme (theme pages, summaries) or "
                        "emergent (candidate new themes).", examples=["theme"])
    quote_text: str = Field(..., description="The anonymised quote as it would be shown.")
    score: float = Field(..., description="Sum of the weights of the kinds of rare detail found.", examples=[3.0])
    reasons: list[Reason]
    status: str = Field(..., description="held, approved or trimmed.", examples=["held"])
    found_at: str = Field(..., description="When the check first held it (UTC).")
    decided_by: str | None = Field(None, description="Who approved or trimmed it.")
    decided_at: str | None = Field(None, description="When (UTC).")
    trimmed_text: str | None = Field(None, description="The anonymised trimmed text shown instead, when trimmed.")


class HoldsPage(BaseModel):
    threshold: float = Field(..., description="The score at or above which a quote is held "
                             "(INSIGHTS_QUOTE_RISK_THRESHOLD).", examples=[2.0])
    holds: list[Hold]


class TrimIn(BaseModel):
    model_config = {"extra": "forbid"}
    text: str = Field(..., min_length=1, max_length=2000, description="The quote with the identifying words taken "
                      "out. Only the quote's own words; your own words go in [square brackets].",
                      examples=["She lives in [a village] and lost everything in a house fire."])


def _hold(h: dict) -> dict:
    return {k: v for k, v in h.items() if k != "note_id"}


@router.get("/quote-holds", summary="Quotes held back for review, with the reasons", response_model=HoldsPage)
def list_holds(request: Request, store: Store = Depends(get_store), policy: Policy = Depends(get_policy),
               status: str = Query("held", pattern="^(held|approved|trimmed|all)$",
                                   description="held (waiting for review), approved, trimmed or all.", examples=["held"])) -> dict:
    """Every quote the check holds back under the rules in force, highest score first. Notes stored since the
    last look are checked first. Reading the quotes is audited."""
    holds = quote_safety.review_list(store, policy, None if status == "all" else status)
    audit_quote_read(request, "GET /api/v1/quote-holds", [h["note_id"] for h in holds if h["note_id"]])
    return {"threshold": policy.quote_risk_threshold, "holds": [_hold(h) for h in holds]}


@router.post("/quote-holds/{hold_id}/approve", summary="Show a held quote as it is", response_model=Hold,
             responses=NOT_FOUND)
def approve(request: Request, hold_id: int = HOLD, store: Store = Depends(get_store),
            who: Principal = Depends(analyst)) -> dict:
    """You have read it and it is safe in context: it is shown from now on. Who and when are kept."""
    hold = quote_safety.approve(store, hold_id, who.label)
    audit_quote_read(request, f"POST /api/v1/quote-holds/{hold_id}/approve",
                     [hold["note_id"]] if hold["note_id"] else [])
    return _hold(hold)


@router.post("/quote-holds/{hold_id}/trim", summary="Show a shorter version of a held quote instead",
             response_model=Hold, responses=NOT_FOUND)
def trim(request: Request, body: TrimIn, hold_id: int = HOLD, store: Store = Depends(get_store),
         policy: Policy = Depends(get_policy), who: Principal = Depends(analyst)) -> dict:
    """The text is anonymised again (like any note) before it is stored, may use only the quote's own words
    (plus [editorial words]), and must no longer hold rare details together; otherwise a 400 says which remain."""
    anonymiser = request.app.state.models.anonymiser_for(store)
    hold = quote_safety.trim(store, policy, hold_id, body.text, who.label,
                             lambda text: anonymiser.anonymise(text).text)
    audit_quote_read(request, f"POST /api/v1/quote-holds/{hold_id}/trim", [hold["note_id"]] if hold["note_id"] else [])
    return _hold(hold)
