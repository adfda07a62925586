"""/api/v1/emergent-themes: candidate new themes found among notes no theme fits, and their review (promote,
rename, merge, dismiss, and restore a dismissed one). Analysts, facilitators and admins; the reviewer is recorded."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, Field

from engine.publish import theme_views as views
from engine.publish.quote_safety import QuoteGuard, held_fields
from engine.publish.suppression import Policy, publish_count
from engine.store import Store
from service.api.deps import (
    CURSOR,
    ERRORS,
    NOT_FOUND,
    audit_quote_read,
    get_policy,
    get_store,
    limit_param,
    page_of,
)
from service.auth import ANALYST, Principal, require

analyst = require(*ANALYST)
router = APIRouter(tags=["emergent themes"], dependencies=[Depends(analyst)], responses=ERRORS)
CANDIDATE = Path(..., ge=1, le=2 ** 62, description="Emergent theme id, as listed by GET /api/v1/emergent-themes.",
                 examples=[3])
LABEL = Field(..., min_length=1, max_length=80, description="The name people will see, in plain words.",
              examples=["Transport to appointments"])


class Emergent(BaseModel):
    id: int = Field(..., description="Candidate id.", examples=[3])
    label: str = Field(..., description="Proposed name (its top words until someone renames it).",
                       examples=["bus / appointment / lift"])
    keywords: list[str] = Field(..., description="Words that set these notes apart.", examples=[["bus", "lift"]])
    notes: int | None = Field(None, description="Notes in the candidate, rounded to the nearest 5.", examples=[25])
    quotes: list[str] = Field(..., description="Anonymised excerpts (at most 40 words each).")
    status: str = Field(..., description="proposed, promoted, merged or dismissed.", examples=["proposed"])


class EmergentPage(BaseModel):
    method: str = Field(..., description="How small numbers were suppressed.")
    emergent_themes: list[Emergent]
    held_back: int | None = Field(None, description="Quotes held back for an analyst's review (quote safety), "
                                  "suppressed and rounded like any count; null below the threshold.")
    held_back_label: str = Field(..., description="The held-back count in words.")
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null at the end.")


class PromoteIn(BaseModel):
    model_config = {"extra": "forbid"}
    label: str = LABEL
    description: str | None = Field(None, max_length=500, description="What the theme covers; made from its "
                                    "keywords when left out.", examples=["Getting to GP and hospital visits."])
    sensitive: bool = Field(False, description="Use the higher suppression threshold for this theme.")


class RenameIn(BaseModel):
    model_config = {"extra": "forbid"}
    label: str = LABEL


class MergeIn(BaseModel):
    model_config = {"extra": "forbid"}
    other_id: int = Field(..., ge=1, le=2 ** 62, description="The candidate folded into this one.", examples=[4])
    label: str | None = Field(None, min_length=1, max_length=80, description="New name for the merged theme.",
                              examples=["Transport"])


class ReviewOut(BaseModel):
    id: int = Field(..., description="Candidate id.", examples=[3])
    status: str = Field(..., description="Its status after the review.", examples=["promoted"])
    label: str = Field(..., description="Its label after the review.", examples=["Transport to appointments"])
    notes: int | None = Field(None, description="Notes in it, rounded; null when suppressed.", examples=[25])
    theme_id: str | None = Field(None, description="The new theme's id, when promoted.", examples=["transport"])
    taxonomy_version: int | None = Field(None, description="The taxonomy version it joined, when promoted.")


def _out(store: Store, policy: Policy, candidate_id: int, **extra) -> ReviewOut:
    c = store.emergent_candidate(candidate_id)
    return ReviewOut(id=c["id"], status=c["status"], label=c["label"], notes=publish_count(c["size"], policy),
                     **extra)


@router.get("/emergent-themes", summary="Candidate new themes found among notes no theme fits",
            response_model=EmergentPage)
def list_emergent(request: Request, store: Store = Depends(get_store), policy: Policy = Depends(get_policy),
                  limit: int = limit_param(), cursor: str | None = CURSOR) -> dict:
    """Proposed candidates, largest first. A candidate with too few notes to show is left out. Reading their
    quotes is audited."""
    guard = QuoteGuard(store, policy)
    rows, next_cursor = page_of(views.emergent_list(store, policy, guard), limit, cursor)
    audit_quote_read(request, "GET /api/v1/emergent-themes", views.emergent_quote_note_ids(rows))
    shown = [{k: v for k, v in row.items() if k != "quote_note_ids"} for row in rows]
    return {"method": policy.method(), "emergent_themes": shown, "next_cursor": next_cursor,
            **held_fields(guard.held, policy)}


@router.post("/emergent-themes/{candidate_id}/promote", summary="Make a candidate a theme",
             response_model=ReviewOut, responses=NOT_FOUND)
def promote(body: PromoteIn, candidate_id: int = CANDIDATE, store: Store = Depends(get_store),
            policy: Policy = Depends(get_policy), who: Principal = Depends(analyst)) -> ReviewOut:
    """Adds it to the taxonomy (a new version). Its notes keep their themes until the next refit."""
    from themes import review

    made = review.promote(store, candidate_id, body.label, who.label, description=body.description,
                          sensitive=body.sensitive)
    return _out(store, policy, candidate_id, theme_id=made["theme_id"], taxonomy_version=made["taxonomy_version"])


@router.post("/emergent-themes/{candidate_id}/rename", summary="Rename a candidate", response_model=ReviewOut,
             responses=NOT_FOUND)
def rename(body: RenameIn, candidate_id: int = CANDIDATE, store: Store = Depends(get_store),
           policy: Policy = Depends(get_policy), who: Principal = Depends(analyst)) -> ReviewOut:
    """Give a proposed candidate a name people will recognise; it stays proposed."""
    from themes import review

    review.rename(store, candidate_id, body.label, who.label)
    return _out(store, policy, candidate_id)


@router.post("/emergent-themes/{candidate_id}/merge", summary="Fold another candidate into this one",
             response_model=ReviewOut, responses=NOT_FOUND)
def merge(body: MergeIn, candidate_id: int = CANDIDATE, store: Store = Depends(get_store),
          policy: Policy = Depends(get_policy), who: Principal = Depends(analyst)) -> ReviewOut:
    """Two candidates that are the same thing become one: notes, keywords and quotes combine."""
    from themes import review

    review.merge(store, candidate_id, body.other_id, who.label, label=body.label)
    return _out(store, policy, candidate_id)


@router.post("/emergent-themes/{candidate_id}/dismiss", summary="Dismiss a candidate (it is not proposed again)",
             response_model=ReviewOut, responses=NOT_FOUND)
def dismiss(candidate_id: int = CANDIDATE, store: Store = Depends(get_store), policy: Policy = Depends(get_policy),
            who: Principal = Depends(analyst)) -> ReviewOut:
    """Not a theme worth keeping. Later discoveries will not propose the same notes again."""
    from themes import review

    review.dismiss(store, candidate_id, who.label)
    return _out(store, policy, candidate_id)


@router.post("/emergent-themes/{candidate_id}/restore", summary="Undo a dismissal: propose the candidate again",
             response_model=ReviewOut, responses=NOT_FOUND)
def restore(candidate_id: int = CANDIDATE, store: Store = Depends(get_store), policy: Policy = Depends(get_policy),
            who: Principal = Depends(analyst)) -> ReviewOut:
    """A dismissed candidate becomes proposed again (the reviewer and the time are recorded). 400 for one that
    is not dismissed."""
    from themes import review

    review.restore(store, candidate_id, who.label)
    return _out(store, policy, candidate_id)
